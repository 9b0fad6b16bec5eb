import { applyEdits, nonOverlapping } from './core/edits';
import type { Finding, Fix, TextEdit } from './core/types';

/** As ESLint: fixes are applied, the result checked again, at most this many times. */
export const MAX_FIX_PASSES = 10;

export interface FixPass {
  /** The edits of one pass, on the text the pass started from. */
  edits: TextEdit[];
  /** The findings whose fix was taken. */
  fixed: Finding[];
}

/**
 * The fixes of one pass: the chosen fix of each finding, taken whole or not at all (half of a fix could leave the
 * text worse than before), skipped when it overlaps one already taken.
 */
export function fixPass(findings: readonly Finding[], pick: (f: Finding) => Fix | undefined): FixPass {
  let edits: TextEdit[] = [];
  const fixed: Finding[] = [];
  for (const finding of findings) {
    const fix = pick(finding);
    if (!fix || fix.edits.length === 0) continue;
    const together = nonOverlapping([...edits, ...fix.edits]);
    if (together.length !== edits.length + fix.edits.length) continue;
    edits = together;
    fixed.push(finding);
  }
  return { edits, fixed };
}

export interface FixLoopResult {
  text: string;
  /** Fixes applied over all passes. */
  applied: number;
  passes: number;
  /** The findings fixed by the first pass (those the caller was shown). */
  firstFixed: Finding[];
  /** The first pass's edits, on the text given: all there is to do when one pass reached the fixed point. */
  firstEdits: TextEdit[];
}

/**
 * Applies the fixes, checks the result and fixes again until nothing is left to fix (a fixed point) or the bound
 * is reached: a fix can make another finding appear or become fixable (a syntax error mended, the schema then read).
 * `check` gives the findings of a text; pass 0 may hand back findings already known.
 */
export function fixToFixedPoint(text: string, check: (text: string, pass: number) => readonly Finding[], pick: (f: Finding) => Fix | undefined, maxPasses = MAX_FIX_PASSES): FixLoopResult {
  let current = text;
  let applied = 0;
  let passes = 0;
  let firstFixed: Finding[] = [];
  let firstEdits: TextEdit[] = [];
  const seen = new Set<string>([text]);
  for (let pass = 0; pass < maxPasses; pass++) {
    const { edits, fixed } = fixPass(check(current, pass), pick);
    if (edits.length === 0) break;
    const next = applyEdits(current, edits);
    // A fix that undoes another (or changes nothing) would loop: stop at the first text seen twice.
    if (seen.has(next)) break;
    seen.add(next);
    if (pass === 0) {
      firstFixed = fixed;
      firstEdits = edits;
    }
    applied += fixed.length;
    passes++;
    current = next;
  }
  return { text: current, applied, passes, firstFixed, firstEdits };
}

/** One edit that turns `from` into `to`: the span between their common start and common end. */
export function wholeEdit(from: string, to: string): TextEdit | undefined {
  if (from === to) return undefined;
  let start = 0;
  const max = Math.min(from.length, to.length);
  while (start < max && from.charCodeAt(start) === to.charCodeAt(start)) start++;
  let end = 0;
  while (end < max - start && from.charCodeAt(from.length - 1 - end) === to.charCodeAt(to.length - 1 - end)) end++;
  // Never split a surrogate pair or a CRLF at either end.
  const low = (c: number) => c >= 0xdc00 && c <= 0xdfff;
  while (start > 0 && (low(from.charCodeAt(start)) || (from[start] === '\n' && from[start - 1] === '\r'))) start--;
  while (end > 0 && (low(from.charCodeAt(from.length - end)) || (from[from.length - end] === '\n' && from[from.length - end - 1] === '\r'))) end--;
  return { range: { start, end: from.length - end }, newText: to.slice(start, to.length - end) };
}
