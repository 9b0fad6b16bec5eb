/**
 * Text the client inserts on request: a new fact in the article's own id style, a new source, a new article file.
 * Offsets in, offsets out; the LSP layer turns them into positions.
 */
import { isSeq, stringify } from 'yaml';
import type { TextRange } from '../core/types';
import { relativeTo, basenameUri } from '../core/uri';
import type { Article, Field, Item, SourceList } from '../model/article';
import { nextFactId } from '../model/idStyles';
import { factEntryLines, firstPlaceholderIn, newArticleText, slugify, sourceEntryLines, type FactEntry } from '../model/template';

export { escapePlaceholder } from '../model/template';

export interface SnippetInsert {
  /** Where the snippet goes. */
  offset: number;
  /** When set, the snippet replaces the text from `offset` to here (an empty `[]` list becomes a block list). */
  replaceEnd?: number;
  /** VS Code snippet syntax. */
  snippet: string;
}

/** A plain YAML scalar when the value allows it, a quoted one when not. */
function yamlScalar(s: string): string {
  return stringify(s, { lineWidth: 0 }).trimEnd();
}

/** Template lines (relative to `- `, keys two columns in) placed at a list's own indentation. */
function placed(lines: string[], dash: string, key: string): string[] {
  return lines.map((l, i) => (i === 0 ? dash + l : key + l.slice(2)));
}

function isBlank(article: Article, line: number): boolean {
  return article.text.slice(article.lines.lineStart(line), article.lines.lineEnd(line)).trim() === '';
}

/** The end of the last non-blank line an item occupies. */
function itemEnd(article: Article, item: Item): number {
  let line = article.lines.lineAt(Math.max(item.range.start, item.range.end - 1));
  while (line > article.lines.lineAt(item.range.start) && isBlank(article, line)) line--;
  return article.lines.lineEnd(line);
}

/** The indentation of an item's `- ` marker and of its keys. */
function itemIndent(article: Article, item: Item): { dash: string; key: string } {
  const line = article.lines.lineAt(item.range.start);
  const start = article.lines.lineStart(line);
  const before = article.text.slice(start, item.range.start);
  const dashAt = before.lastIndexOf('-');
  const dash = dashAt >= 0 ? before.slice(0, dashAt).replace(/[^\t]/g, ' ') : '  ';
  return { dash, key: ' '.repeat(item.range.start - start) };
}

/**
 * Where a new list item goes: after the list's last item, in its indentation; replacing an empty flow list or a
 * missing value; or as a new key before the closing fence. Undefined when the frontmatter cannot take one.
 */
function listInsert(article: Article, key: string, items: readonly Item[], entry: (dash: string, key: string) => string[]): SnippetInsert | undefined {
  const fm = article.frontmatter;
  if (!fm || !article.yaml || article.yaml.errors.length > 0 || !article.data) return undefined;
  const eol = article.eol;
  const field: Field | undefined = article.fields.get(key);
  if (field) {
    const last = items[items.length - 1];
    if (last && isSeq(field.node) && !field.node.flow) {
      const ind = itemIndent(article, last);
      return { offset: itemEnd(article, last), snippet: eol + entry(ind.dash, ind.key).join(eol) };
    }
    const emptyList = isSeq(field.node) && field.node.items.length === 0;
    const noValue = field.node === null || field.valueRange === undefined || (field.value === null && !isSeq(field.node));
    if (!emptyList && !noValue) return undefined;
    const colon = article.text.indexOf(':', field.keyRange.end);
    if (colon < 0) return undefined;
    const end = emptyList && field.valueRange ? field.valueRange.end : colon + 1;
    const keyIndent = ' '.repeat(field.keyRange.start - article.lines.lineStart(article.lines.lineAt(field.keyRange.start)));
    const dash = keyIndent + '  ';
    return { offset: colon + 1, replaceEnd: end, snippet: eol + entry(dash, dash + '  ').join(eol) };
  }
  if (!fm.close) return undefined;
  return { offset: fm.close.start, snippet: [`${key}:`, ...entry('  ', '    '), ''].join(eol) };
}

/** A new atomic fact after the last one, its id continuing the article's own id style. */
export function factSnippet(article: Article): SnippetInsert | undefined {
  const lines = factEntryLines(factEntryOf(article));
  return listInsert(article, 'atomic_facts', article.facts, (dash, key) => placed(lines, dash, key));
}

/** The next fact's id, and the source the article already has (its first with a title and url) as its default. */
export function factEntryOf(article: Article): FactEntry {
  const source = article.sources.find((s) => s.title !== undefined && s.url !== undefined);
  return { id: nextFactId(article), sourceTitle: source ? yamlScalar(source.title!) : undefined, sourceUrl: source ? yamlScalar(source.url!) : undefined };
}

/** A new source at the end of the given list. */
export function sourceSnippet(article: Article, list: SourceList, today: string): SnippetInsert | undefined {
  const items = article.sources.filter((s) => s.list === list);
  const lines = sourceEntryLines(list, today.slice(0, 4));
  return listInsert(article, list, items, (dash, key) => placed(lines, dash, key));
}

export interface NewArticleFile {
  uri: string;
  text: string;
  id: string;
  category: string;
  /** The file named after the title exists already: the new one got a numbered name (`-2`). */
  titleTaken: boolean;
  /** The first placeholder the author replaces (the first fact's statement), in offsets of `text`. */
  firstPlaceholder?: TextRange;
}

/**
 * A new article's file and text: the id is the title's slug (the file name, the most common convention), the
 * category the first folder under the workspace root. `exists` tells which file names are taken.
 */
export function newArticleFile(title: string, folderUri: string, roots: readonly string[], today: string, exists: (uri: string) => boolean): NewArticleFile {
  const folder = folderUri.replace(/(?<!\/)\/+$/, '');
  const slug = slugify(title) || 'new-article';
  let category: string | undefined;
  for (const root of roots) {
    const rel = folder === root ? '' : relativeTo(root, folder);
    if (rel === undefined) continue;
    category = rel.split('/')[0] || 'general';
    break;
  }
  category ??= basenameUri(folder) || 'general';
  let id = slug;
  for (let n = 2; exists(`${folder}/${id}.md`); n++) id = `${slug}-${n}`;
  category = decoded(category);
  const text = newArticleText({ id, title: title.trim() || 'New article', category, today });
  return { uri: `${folder}/${id}.md`, text, id, category, titleTaken: id !== slug, firstPlaceholder: firstPlaceholderIn(text) };
}

function decoded(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The range a snippet replaces (empty when it only inserts). */
export function snippetRange(s: SnippetInsert): TextRange {
  return { start: s.offset, end: s.replaceEnd ?? s.offset };
}
