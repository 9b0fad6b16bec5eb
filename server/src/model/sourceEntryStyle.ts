/**
 * A source entry written in an article's own style (the key order, the quoting of titles, the indentation and the
 * form of `authors` its sources already use): what Insert Source and the bibliography completions write.
 */
import { isSeq, Scalar, stringify } from 'yaml';
import type { Article, Item, SourceList } from './article';
import type { SourceFields } from './bibliography';

const DEFAULT_ORDER = ['title', 'type', 'year', 'url', 'doi', 'authors', 'institution'] as const;
type Key = (typeof DEFAULT_ORDER)[number];

export interface SourceStyle {
  order: Key[];
  quote: 'double' | 'single' | 'plain';
  flowAuthors: boolean;
  /** "Family, Given" when the article's authors are written that way. */
  invertedNames: boolean;
  dash: string;
  key: string;
}

/** How the article writes its sources, read off the ones it has. */
export function sourceStyle(article: Article, list: SourceList): SourceStyle {
  const sources = article.sources.filter((s) => s.isMap);
  // The order of the entry that has the most of the keys, the others after it in the usual order.
  const richest = [...sources].sort((a, b) => b.fields.size - a.fields.size)[0];
  const seen = richest ? [...richest.fields.keys()].filter((k): k is Key => (DEFAULT_ORDER as readonly string[]).includes(k)) : [];
  const order = [...seen, ...DEFAULT_ORDER.filter((k) => !seen.includes(k))];
  const titleNodes = sources.map((s) => s.fields.get('title')?.node).filter((n): n is Scalar => n instanceof Scalar);
  const doubles = titleNodes.filter((n) => n.type === Scalar.QUOTE_DOUBLE).length;
  const singles = titleNodes.filter((n) => n.type === Scalar.QUOTE_SINGLE).length;
  const quote = doubles * 2 > titleNodes.length ? 'double' : singles * 2 > titleNodes.length ? 'single' : 'plain';
  const authorLists = sources.map((s) => s.fields.get('authors')?.node).filter(isSeq);
  const flowAuthors = authorLists.length > 0 && authorLists.filter((n) => n.flow).length * 2 > authorLists.length;
  const names = authorLists.flatMap((n) => n.items).filter((n): n is Scalar => n instanceof Scalar && typeof n.value === 'string');
  const invertedNames = names.length > 0 && names.filter((n) => (n.value as string).includes(',')).length * 2 > names.length;
  const model: Item | undefined = article.sources.filter((s) => s.list === list).at(-1) ?? sources.at(-1) ?? article.facts.at(-1);
  return { order, quote, flowAuthors, invertedNames, ...(model ? indentOf(article, model) : { dash: '  ', key: '    ' }) };
}

function indentOf(article: Article, item: Item): { dash: string; key: string } {
  const start = article.lines.lineStart(article.lines.lineAt(item.range.start));
  const before = article.text.slice(start, item.range.start);
  const at = before.lastIndexOf('-');
  return { dash: at >= 0 ? before.slice(0, at) : '  ', key: ' '.repeat(item.range.start - start) };
}

function scalar(value: string, quote: SourceStyle['quote']): string {
  const type = quote === 'double' ? 'QUOTE_DOUBLE' : quote === 'single' ? 'QUOTE_SINGLE' : 'PLAIN';
  return stringify(value, { lineWidth: 0, defaultStringType: type, defaultKeyType: 'PLAIN' }).trimEnd();
}

/** The entry's lines, the first starting with `- `, the others indented to the keys. */
export function styledSourceLines(fields: SourceFields, style: SourceStyle): string[] {
  const lines: string[] = [];
  for (const key of style.order) {
    const v = fields[key];
    if (v === undefined) continue;
    if (key === 'authors') {
      const names = (v as SourceFields['authors'])!.map((n) => (style.invertedNames ? n.inverted : n.natural));
      const type = style.quote === 'double' ? 'QUOTE_DOUBLE' : style.quote === 'single' ? 'QUOTE_SINGLE' : 'PLAIN';
      if (style.flowAuthors) lines.push(`authors: ${stringify(names, { collectionStyle: 'flow', flowCollectionPadding: false, lineWidth: 0, defaultStringType: type }).trimEnd()}`);
      else lines.push('authors:', ...names.map((n) => `  - ${scalar(n, style.quote)}`));
    } else if (key === 'year') lines.push(`year: ${v}`);
    else lines.push(`${key}: ${scalar(String(v), key === 'title' || key === 'institution' ? style.quote : 'plain')}`);
  }
  return lines.map((l, i) => (i === 0 ? `${style.dash}- ${l}` : `${style.key}${l}`));
}

