import { basenameUri } from '../core/uri';
import type { Article } from './article';

export type FactIdStyle = 'f-number' | 'fact-category-number' | 'fact-category-slug-number' | 'af-slug-number' | 'fact-slug-number' | 'other';

export const FACT_ID_STYLE_LABELS: Record<FactIdStyle, string> = {
  'f-number': 'f1, f2, …',
  'fact-category-number': 'fact-<category>-001',
  'fact-category-slug-number': 'fact-<category>-<slug>-1',
  'af-slug-number': 'af-<slug>-1',
  'fact-slug-number': 'fact-<slug>-1',
  other: 'another style',
};

/** A regular expression (as text) for ids of a style, as `kart init` writes into factIdPattern. */
export const FACT_ID_STYLE_PATTERNS: Record<Exclude<FactIdStyle, 'other'>, string> = {
  'f-number': '^f\\d+$',
  'fact-category-number': '^fact-[a-z0-9-]+-\\d{3}$',
  'fact-category-slug-number': '^fact-[a-z0-9-]+-\\d+$',
  'af-slug-number': '^af-[a-z0-9-]+-\\d+$',
  'fact-slug-number': '^fact-[a-z0-9-]+-\\d+$',
};

function isDigits(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** The style of one fact id, given the article's category (ids like `fact-ai-001` depend on it). */
export function factIdStyle(id: string, category: string | undefined): FactIdStyle {
  if (id.length > 1 && id[0] === 'f' && isDigits(id.slice(1))) return 'f-number';
  const dash = id.lastIndexOf('-');
  const number = dash > 0 ? id.slice(dash + 1) : '';
  if (!isDigits(number)) return 'other';
  const stem = id.slice(0, dash);
  if (stem.startsWith('af-') && stem.length > 3) return 'af-slug-number';
  if (!stem.startsWith('fact-') || stem.length <= 5) return 'other';
  const rest = stem.slice(5);
  if (category && rest === category) return 'fact-category-number';
  if (category && rest.startsWith(category + '-')) return 'fact-category-slug-number';
  return 'fact-slug-number';
}

/** The dominant fact id style of an article, or undefined when it has no facts. */
export function articleFactIdStyle(article: Article): FactIdStyle | undefined {
  const category = typeof article.data?.category === 'string' ? article.data.category : undefined;
  const counts = new Map<FactIdStyle, number>();
  for (const f of article.facts) if (f.id) counts.set(factIdStyle(f.id, category), (counts.get(factIdStyle(f.id, category)) ?? 0) + 1);
  let best: FactIdStyle | undefined;
  for (const [style, n] of counts) if (!best || n > counts.get(best)!) best = style;
  return best;
}

/** The id a new fact should take: the article's own style, one past its highest number, never taken. */
export function nextFactId(article: Article): string {
  const ids = new Set(article.facts.flatMap((f) => (f.id ? [f.id] : [])));
  // Continue the last id that ends in a number: same prefix, same zero padding.
  for (let i = article.facts.length - 1; i >= 0; i--) {
    const id = article.facts[i].id;
    if (!id) continue;
    let end = id.length;
    while (end > 0 && isDigits(id[end - 1])) end--;
    const digits = id.slice(end);
    if (!digits) continue;
    const prefix = id.slice(0, end);
    let max = 0;
    for (const other of ids) if (other.startsWith(prefix) && isDigits(other.slice(prefix.length))) max = Math.max(max, Number(other.slice(prefix.length)));
    for (let n = max + 1; ; n++) {
      const candidate = prefix + String(n).padStart(digits.length, '0');
      if (!ids.has(candidate)) return candidate;
    }
  }
  // No numbered id yet: the plain style `kart new` and the snippets start with.
  for (let n = 1; ; n++) if (!ids.has(`f${n}`)) return `f${n}`;
}

export type ArticleIdStyle = 'file-slug' | 'kb-year-number' | 'kb-code-number' | 'other';

export function articleIdStyle(id: string, uri: string): ArticleIdStyle {
  if (id === basenameUri(uri).replace(/\.md$/, '')) return 'file-slug';
  const parts = id.split('-');
  if (parts.length === 3 && parts[0] === 'kb' && parts[1].length === 4 && isDigits(parts[1]) && isDigits(parts[2])) return 'kb-year-number';
  if (parts.length === 3 && parts[0] === 'kb' && isDigits(parts[2])) return 'kb-code-number';
  return 'other';
}
