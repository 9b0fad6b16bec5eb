import type { Article } from './article';

/**
 * A new fact id in the article's own style: the last id ending in a number gives the prefix and the width
 * (`f2` → `f3`, `fact-ai-x-002` → `fact-ai-x-003`); never one already used.
 */
export function nextFactId(article: Article): string {
  const ids = article.facts.flatMap((f) => (f.id ? [f.id] : []));
  const used = new Set(ids);
  let prefix = 'f';
  let width = 1;
  for (const id of ids) {
    const m = /^(.*?)(?<!\d)(\d+)$/.exec(id);
    if (m) {
      prefix = m[1];
      width = m[2].startsWith('0') ? m[2].length : 1;
    }
  }
  let n = 0;
  for (const id of ids) {
    if (!id.startsWith(prefix)) continue;
    const rest = id.slice(prefix.length);
    if (/^\d+$/.test(rest)) n = Math.max(n, Number(rest));
  }
  let candidate: string;
  do candidate = prefix + String(++n).padStart(width, '0');
  while (used.has(candidate));
  return candidate;
}
