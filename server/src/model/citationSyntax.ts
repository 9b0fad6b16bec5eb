/**
 * Pandoc's citation syntax, `[@id]`, `[@a; @b]`, `[see @a, p. 3]`: one scanner for the engine's body model and the
 * preview's chips, so that both see the same citations. Pure, and written by hand so that keys keep their offsets.
 */

export type CitationPart = { text: string } | { key: string; start: number; end: number };

export interface ScannedCitation {
  /** Just past the closing `]`. */
  end: number;
  /** Text and keys in order; a key's `start` is its `@`, its `end` just past it (offsets in `src`). */
  parts: CitationPart[];
}

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c > 127;
}

function isKeyChar(c: number): boolean {
  return (
    isWordChar(c) ||
    // Pandoc's internal punctuation: : . # $ % & - + ? < > ~ /
    c === 58 || c === 46 || c === 35 || c === 36 || c === 37 || c === 38 || c === 45 || c === 43 || c === 63 || c === 60 || c === 62 || c === 126 || c === 47
  );
}

/**
 * The citation starting at `start` (a `[`), or undefined. A key starts with `@` at the start of the bracket or after a
 * space, tab, `;` or `-` (author suppressed), may hold internal punctuation and never ends with it. A bracket followed
 * by `(` or `[` is a link, not a citation; a bracket spanning lines or holding another `[` is not one either.
 */
export function scanCitation(src: string, start: number, max = src.length): ScannedCitation | undefined {
  if (src.charCodeAt(start) !== 0x5b /* [ */) return undefined;
  let close = -1;
  for (let i = start + 1; i < max; i++) {
    const c = src.charCodeAt(i);
    if (c === 0x5d /* ] */) {
      close = i;
      break;
    }
    if (c === 0x5b || c === 10) return undefined;
  }
  if (close < 0) return undefined;
  const after = src.charCodeAt(close + 1);
  if (after === 0x28 /* ( */ || after === 0x5b /* [ */) return undefined;
  const parts: CitationPart[] = [];
  let textStart = start + 1;
  let keys = 0;
  for (let i = start + 1; i < close; i++) {
    if (src.charCodeAt(i) !== 0x40 /* @ */) continue;
    const prev = src.charCodeAt(i - 1);
    if (!(i === start + 1 || prev === 32 || prev === 9 || prev === 59 || prev === 45)) continue;
    let j = i + 1;
    while (j < close && isKeyChar(src.charCodeAt(j))) j++;
    while (j > i + 1 && !isWordChar(src.charCodeAt(j - 1))) j--;
    if (j === i + 1) continue;
    if (i > textStart) parts.push({ text: src.slice(textStart, i) });
    parts.push({ key: src.slice(i + 1, j), start: i, end: j });
    keys++;
    textStart = j;
    i = j - 1;
  }
  if (keys === 0) return undefined;
  if (close > textStart) parts.push({ text: src.slice(textStart, close) });
  return { end: close + 1, parts };
}
