/**
 * Edit distance counting a swap of two neighbouring letters as one edit (optimal string alignment: `hgih` is one edit
 * from `high`), bounded: returns max + 1 as soon as the distance is known to exceed max. Only the diagonal band
 * |i - j| <= max is computed, so two long strings (10,000-character ids) cost O(length * max), not O(length²).
 */
export function editDistance(a: string, b: string, max = 3): number {
  const n = a.length;
  const m = b.length;
  const big = max + 1;
  if (Math.abs(n - m) > max) return big;
  let before = new Array<number>(m + 2).fill(big);
  let prev = new Array<number>(m + 2);
  let cur = new Array<number>(m + 2);
  for (let j = 0; j <= m + 1; j++) prev[j] = j <= max ? j : big;
  for (let i = 1; i <= n; i++) {
    const lo = Math.max(1, i - max);
    const hi = Math.min(m, i + max);
    cur[lo - 1] = lo === 1 ? Math.min(i, big) : big;
    let rowMin = cur[lo - 1];
    const ca = a.charCodeAt(i - 1);
    for (let j = lo; j <= hi; j++) {
      const cb = b.charCodeAt(j - 1);
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca === cb ? 0 : 1), big);
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb && ca !== cb) d = Math.min(d, before[j - 2] + 1);
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    cur[hi + 1] = big;
    // No row can fall below the one before it by more than the swap's one edit: a row past max ends the search.
    if (rowMin > max) return big;
    const t = before;
    before = prev;
    prev = cur;
    cur = t;
  }
  return Math.min(prev[m], big);
}

/** The candidate a typo most likely meant: same letters in another case, or the nearest within a small distance. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  const sameCase = candidates.find((c) => c.toLowerCase() === lower);
  if (sameCase) return sameCase;
  const norm = (s: string) => s.toLowerCase().replace(/[-_\s]/g, '');
  const target = norm(word);
  const sameLetters = candidates.find((c) => norm(c) === target);
  if (sameLetters) return sameLetters;
  const limit = word.length <= 4 ? 1 : word.length <= 8 ? 2 : 3;
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const c of candidates) {
    const d = editDistance(lower, c.toLowerCase(), limit);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

/** The local date, `YYYY-MM-DD`: the day the author sees on their calendar, not the day in Greenwich. */
export function today(clock: () => Date = () => new Date()): string {
  const d = clock();
  const two = (n: number) => String(n).padStart(2, '0');
  return `${String(d.getFullYear()).padStart(4, '0')}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
}

/** Whole days from date a to date b (both `YYYY-MM-DD`); NaN when either is not a date. */
export function daysBetween(a: string, b: string): number {
  const ta = Date.parse(a + 'T00:00:00Z');
  const tb = Date.parse(b + 'T00:00:00Z');
  return Math.round((tb - ta) / 86_400_000);
}

/** A YAML double-quoted scalar holding s. */
export function yamlQuote(s: string): string {
  return JSON.stringify(s);
}

/** Whether an offset falls between the two halves of a surrogate pair (an emoji, say). */
export function splitsSurrogatePair(text: string, offset: number): boolean {
  if (offset <= 0 || offset >= text.length) return false;
  const before = text.charCodeAt(offset - 1);
  const after = text.charCodeAt(offset);
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
}
