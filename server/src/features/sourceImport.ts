/**
 * Insert Source from an imported record: the entry, written in the article's own style (the key order, the
 * quoting of titles, the indentation and the form of `authors` its sources already use), at the end of the list.
 */
import { isSeq, Scalar, stringify } from 'yaml';
import type { TextEdit } from '../core/types';
import type { Article, Item, Source, SourceList } from '../model/article';
import type { SourceFields } from '../model/bibliography';

const DEFAULT_ORDER = ['title', 'type', 'year', 'url', 'doi', 'authors', 'institution'] as const;
type Key = (typeof DEFAULT_ORDER)[number];

interface Style {
  order: Key[];
  quote: 'double' | 'single' | 'plain';
  flowAuthors: boolean;
  /** "Family, Given" when the article's authors are written that way. */
  invertedNames: boolean;
  dash: string;
  key: string;
}

/** How the article writes its sources, read off the ones it has. */
export function sourceStyle(article: Article, list: SourceList): Style {
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

function scalar(value: string, quote: Style['quote']): string {
  const type = quote === 'double' ? 'QUOTE_DOUBLE' : quote === 'single' ? 'QUOTE_SINGLE' : 'PLAIN';
  return stringify(value, { lineWidth: 0, defaultStringType: type, defaultKeyType: 'PLAIN' }).trimEnd();
}

/** The entry's lines, the first starting with `- `, the others indented to the keys. */
export function sourceEntryLines(fields: SourceFields, style: Style): string[] {
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

export interface ImportedSourceEdit {
  edit: TextEdit;
  /** Offset of the new entry's first line, once inserted (where the client puts the cursor). */
  at: number;
}

function lastItemEnd(article: Article, item: Source): number {
  let line = article.lines.lineAt(Math.max(item.range.start, item.range.end - 1));
  const first = article.lines.lineAt(item.range.start);
  while (line > first && article.text.slice(article.lines.lineStart(line), article.lines.lineEnd(line)).trim() === '') line--;
  return article.lines.lineEnd(line);
}

/**
 * Where the entry goes and its text: after the list's last item; in place of an empty `[]`; or a new list before the
 * closing fence. Undefined when the frontmatter cannot take it (no frontmatter, a YAML error, a flow list with items).
 */
export function importedSourceEdit(article: Article, list: SourceList, fields: SourceFields): ImportedSourceEdit | undefined {
  const fm = article.frontmatter;
  if (!fm || !article.yaml || article.yaml.errors.length > 0) return undefined;
  const eol = article.eol;
  const style = sourceStyle(article, list);
  const items = article.sources.filter((s) => s.list === list);
  const field = article.fields.get(list);
  const last = items.at(-1);
  if (field && last && isSeq(field.node) && !field.node.flow) {
    const end = lastItemEnd(article, last);
    return { edit: { range: { start: end, end }, newText: eol + sourceEntryLines(fields, style).join(eol) }, at: end + eol.length };
  }
  if (field) {
    if (!(isSeq(field.node) && field.node.items.length === 0) && field.node !== null) return undefined;
    const keyIndent = ' '.repeat(field.keyRange.start - article.lines.lineStart(article.lines.lineAt(field.keyRange.start)));
    const nested = { ...style, dash: keyIndent + '  ', key: keyIndent + '    ' };
    const start = field.keyRange.start;
    const end = field.valueRange?.end ?? article.lines.lineEnd(article.lines.lineAt(start));
    return { edit: { range: { start, end }, newText: [`${list}:`, ...sourceEntryLines(fields, nested)].join(eol) }, at: start + `${list}:`.length + eol.length };
  }
  if (!fm.close) return undefined;
  const at = fm.close.start;
  return { edit: { range: { start: at, end: at }, newText: [`${list}:`, ...sourceEntryLines(fields, { ...style, dash: '  ', key: '    ' }), ''].join(eol) }, at: at + `${list}:`.length + eol.length };
}
