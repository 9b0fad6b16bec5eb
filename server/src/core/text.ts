/** Edit distance, bounded: returns max + 1 as soon as the distance is known to exceed max. */
export function editDistance(a: string, b: string, max = 3): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      rowMin = Math.min(rowMin, cur[j]);
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length];
}

/** The candidate a typo most likely meant: same letters in another case, or the nearest within a small distance. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  const sameCase = candidates.find((c) => c.toLowerCase() === lower);
  if (sameCase) return sameCase;
  const norm = (s: string) => s.toLowerCase().replace(/[-_\s]/g, '');
  const sameLetters = candidates.find((c) => norm(c) === norm(word));
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

export function today(clock: () => Date = () => new Date()): string {
  return clock().toISOString().slice(0, 10);
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
