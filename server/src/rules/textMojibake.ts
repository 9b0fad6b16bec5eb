import type { TextRange } from '../core/types';
import type { Rule } from './rule';

// Windows-1252 puts printable characters where Latin-1 has C1 controls (bytes 0x80-0x9f); mojibake shows either.
const CP1252 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/** The byte a character stands for when UTF-8 was read as Windows-1252 or Latin-1; undefined for other characters. */
function byteOf(ch: string): number | undefined {
  const c = ch.charCodeAt(0);
  if (c >= 0xa0 && c <= 0xff) return c;
  if (c >= 0x80 && c <= 0x9f) return c;
  const i = CP1252.indexOf(ch);
  return i >= 0 ? 0x80 + i : undefined;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** The UTF-8 sequence starting at `i`, read back: its length in characters and the text it meant. */
function sequenceAt(text: string, i: number): { length: number; decoded: string } | undefined {
  const lead = byteOf(text[i]);
  if (lead === undefined) return undefined;
  const length = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
  if (!length || i + length > text.length) return undefined;
  const bytes = [lead];
  for (let k = 1; k < length; k++) {
    const b = byteOf(text[i + k]);
    if (b === undefined || b < 0x80 || b > 0xbf) return undefined;
    bytes.push(b);
  }
  try {
    return { length, decoded: decoder.decode(new Uint8Array(bytes)) };
  } catch {
    return undefined;
  }
}

/** Repairs text that was mis-decoded once or twice (`Ã¢â‚¬â„¢` is `’` mis-decoded twice). */
function repair(s: string): string {
  let cur = s;
  for (let pass = 0; pass < 3; pass++) {
    let out = '';
    let changed = false;
    for (let i = 0; i < cur.length; ) {
      const seq = sequenceAt(cur, i);
      if (seq) {
        out += seq.decoded;
        i += seq.length;
        changed = true;
      } else out += cur[i++];
    }
    if (!changed) break;
    cur = out;
  }
  return cur;
}

export interface Mojibake {
  range: TextRange;
  /** The text meant, when the repair is certain. */
  repaired?: string;
  kind: 'sequence' | 'nbsp' | 'replacement';
}

// Characters that can start a mis-decoded sequence: Â-ô (0xc2-0xf4).
const LEADS = /[\u00c2-\u00f4\ufffd]/g;

export function findMojibake(text: string, from: number, to: number): Mojibake[] {
  const found: Mojibake[] = [];
  LEADS.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = LEADS.exec(text)) && m.index < to) {
    const i = m.index;
    if (text[i] === '\ufffd') {
      let j = i;
      while (j < to && text[j] === '\ufffd') j++;
      found.push({ range: { start: i, end: j }, kind: 'replacement' });
      LEADS.lastIndex = j;
      continue;
    }
    let j = i;
    while (j < to) {
      const seq = sequenceAt(text, j);
      if (!seq) break;
      j += seq.length;
    }
    if (j > i) {
      found.push({ range: { start: i, end: j }, repaired: repair(text.slice(i, j)), kind: 'sequence' });
      LEADS.lastIndex = j;
      continue;
    }
    // `10Â km`: a no-break space (C2 A0) whose second byte became a plain space. After a letter `Â` may be a word.
    if (text[i] === 'Â' && text[i + 1] === ' ' && i > 0 && /\S/.test(text[i - 1]) && !/\p{L}/u.test(text[i - 1])) {
      found.push({ range: { start: i, end: i + 2 }, kind: 'nbsp' });
    }
  }
  return found;
}

const show = (s: string) => JSON.stringify(s).slice(1, -1);

export const textMojibake: Rule = {
  id: 'text-mojibake',
  category: 'article',
  severity: 'warning',
  description: 'Damaged text encoding: UTF-8 read as Latin-1 or Windows-1252 (`Ã©`, `â€™`, `Â `), or the replacement character `�`.',
  docs: {
    bad: 'title: "Caf\u00c3\u00a9 culture"\n...\nIt\u00e2\u20ac\u2122s the critical step.',
    good: 'title: "Café culture"\n...\nIt’s the critical step.',
    why: 'Text saved in one encoding and read in another is garbled for every reader; search and citations no longer match it.',
  },
  check(ctx) {
    const { article } = ctx;
    const from = article.frontmatter?.content.start ?? (article.bom ? 1 : 0);
    for (const m of findMojibake(article.text, from, article.text.length)) {
      const written = article.text.slice(m.range.start, m.range.end);
      if (m.kind === 'replacement') {
        ctx.report(m.range, 'The replacement character "�" marks text lost when the file was decoded with the wrong encoding: retype the original character.');
      } else if (m.kind === 'nbsp') {
        ctx.report(m.range, '"Â " is a no-break space damaged by a wrong encoding: remove the "Â".', {
          fixes: [{ title: 'Replace "Â " with a space', edits: [{ range: m.range, newText: ' ' }], safe: false }],
        });
      } else {
        ctx.report(m.range, `Damaged encoding: "${show(written)}" is "${show(m.repaired!)}" read with the wrong encoding.`, {
          fixes: [{ title: `Replace with "${show(m.repaired!)}"`, edits: [{ range: m.range, newText: m.repaired! }], safe: true, preferred: true }],
        });
      }
    }
  },
};
