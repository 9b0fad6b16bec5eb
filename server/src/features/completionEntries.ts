import { isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
import { stringify } from 'yaml';
import type { TextRange } from '../core/types';
import { scalarString, type Article } from '../model/article';
import { nextFactId } from '../model/idStyles';
import { sourceStyle, styledSourceLines } from '../model/sourceEntryStyle';
import type { BibliographyEntry } from '../model/workspaceBibliography';
import { disputedEntryLines, factEntryLines, knownGapEntryLines, sourceEntryLines } from '../model/template';
import type { CompletionEntry } from './types';

/*
 * The entry snippets of the frontmatter's lists, offered by the server: VS Code takes static snippets by the language
 * at the cursor, and the frontmatter is embedded YAML, where Markdown snippets never show. The server also knows the
 * list the cursor is in and the next fact id.
 */

interface EntryKind {
  label: string;
  /** What else an author may type for it. */
  alias: string;
  detail: (article: Article) => string;
  lines: (article: Article, today: string) => string[];
}

function yamlScalar(s: string): string {
  return stringify(s, { lineWidth: 0 }).trimEnd();
}

const ENTRIES: Record<string, EntryKind> = {
  atomic_facts: {
    label: 'kart-fact',
    alias: 'fact',
    detail: (a) => `new atomic fact ${nextFactId(a)}`,
    lines: (a) => {
      // The same prefill as Insert Fact: the article's first source with a title and a url.
      const source = a.sources.find((s) => s.title !== undefined && s.url !== undefined);
      return factEntryLines({ id: nextFactId(a), sourceTitle: source ? yamlScalar(source.title!) : undefined, sourceUrl: source ? yamlScalar(source.url!) : undefined });
    },
  },
  primary_sources: { label: 'kart-primary-source', alias: 'primary source', detail: () => 'new primary source', lines: (_, today) => sourceEntryLines('primary_sources', today.slice(0, 4)) },
  secondary_sources: { label: 'kart-secondary-source', alias: 'secondary source', detail: () => 'new secondary source', lines: (_, today) => sourceEntryLines('secondary_sources', today.slice(0, 4)) },
  disputed_statements: { label: 'kart-disputed', alias: 'disputed statement', detail: () => 'new disputed statement', lines: () => disputedEntryLines() },
  known_gaps: { label: 'kart-gap', alias: 'known gap', detail: () => 'new known gap', lines: () => knownGapEntryLines() },
};

/** The column of a node's first character. */
function columnOf(article: Article, yamlPos: number): number {
  const at = yamlPos + article.yamlOffset;
  return at - article.lines.lineStart(article.lines.lineAt(at));
}

/**
 * The list whose new entry can start on the cursor's line: the line holds only `- ` and a word being typed (or only
 * the word, or nothing) at the dash column of a top-level entry list, below its key.
 */
export function entryListAt(article: Article, offset: number): { list: string; dash: boolean; range: TextRange } | undefined {
  const root = article.yaml?.contents as Node | null | undefined;
  if (!isMap(root) || root.flow) return undefined;
  const line = article.lines.lineAt(offset);
  const lineStart = article.lines.lineStart(line);
  const lineEnd = article.lines.lineEnd(line);
  const before = article.text.slice(lineStart, offset);
  const after = article.text.slice(offset, lineEnd);
  const shape = /^( *)(- +)?([A-Za-z][\w-]*)?$/.exec(before);
  const tail = /^[\w-]*/.exec(after)![0];
  if (!shape || after.slice(tail.length).trim() !== '') return undefined;
  const indent = shape[1].length;
  const dash = shape[2] !== undefined;
  const typedStart = offset - (shape[3]?.length ?? 0);
  const range = { start: typedStart, end: offset + tail.length };

  // The top-level key the line belongs to: the last one that starts on an earlier line.
  let owner: Pair<Node, Node | null> | undefined;
  for (const pair of root.items as Pair<Node, Node | null>[]) {
    const key = pair.key as Node | null;
    if (!key?.range || key.range[0] + article.yamlOffset >= lineStart) break;
    owner = pair;
  }
  const name = scalarString(owner?.key as Node | undefined);
  if (!owner || name === undefined || !(name in ENTRIES)) return undefined;
  const keyColumn = columnOf(article, (owner.key as Node).range![0]);
  if (keyColumn !== 0) return undefined;
  const value = owner.value;
  if (isSeq(value) && !value.flow && value.range) {
    const dashColumn = columnOf(article, value.range[0]);
    // At column 0 without a dash the line may as well be a new top-level key.
    if (indent !== dashColumn || (indent === 0 && !dash)) return undefined;
    return { list: name, dash, range };
  }
  // `atomic_facts:` with nothing yet, or with the word being typed read as its value.
  const empty = value === null || (isScalar(value) && (value.value === null || (value.range && article.lines.lineAt(value.range[0] + article.yamlOffset) === line)));
  if (!empty || (indent === 0 && !dash)) return undefined;
  return { list: name, dash, range };
}

/** Lines after the first are relative to the line's indentation: the editor adds it (VS Code's adjustIndentation). */
function entryText(lines: string[], dash: boolean): string {
  return (dash ? lines[0].slice(2) : lines[0]) + (lines.length > 1 ? '\n' + lines.slice(1).join('\n') : '');
}

const escapeSnippet = (s: string) => s.replace(/[$}\\]/g, '\\$&');

/** A new source from each entry of the workspace's bibliography files, in the article's style. */
function bibliographyEntries(article: Article, list: 'primary_sources' | 'secondary_sources', at: { dash: boolean; range: TextRange }, bibliography: readonly BibliographyEntry[]): CompletionEntry[] {
  if (!bibliography.length) return [];
  const listed = new Set(article.sources.flatMap((s) => (s.title ? [s.title.toLowerCase()] : [])));
  const style = sourceStyle(article, list);
  const relative = { ...style, dash: '', key: ' '.repeat(Math.max(2, style.key.length - style.dash.length)) };
  return bibliography
    .filter((e) => !listed.has(e.fields.title.toLowerCase()))
    .map((e, i) => ({
      label: e.fields.title,
      kind: 'reference' as const,
      detail: `source from ${e.file.slice(e.file.lastIndexOf('/') + 1)}${e.key ? ` (${e.key})` : ''}${e.fields.year ? ` · ${e.fields.year}` : ''}`,
      documentation: [e.fields.type, e.fields.url, e.fields.authors?.map((a) => a.natural).join(', ')].filter(Boolean).join(' · '),
      insertText: escapeSnippet(entryText(styledSourceLines(e.fields, relative), at.dash)),
      snippet: true,
      range: at.range,
      filterText: `${e.fields.title} ${e.key ?? ''}`.trim(),
      sortText: `0001${String(i).padStart(5, '0')}`,
    }));
}

/** The entry snippet for the list at the cursor (and, in a source list, the bibliography's sources), or none. */
export function entryCompletions(article: Article, offset: number, today: string, bibliography: readonly BibliographyEntry[] = []): CompletionEntry[] {
  const at = entryListAt(article, offset);
  if (!at) return [];
  const kind = ENTRIES[at.list];
  const insertText = entryText(kind.lines(article, today), at.dash);
  const fromBibliography = at.list === 'primary_sources' || at.list === 'secondary_sources' ? bibliographyEntries(article, at.list, at, bibliography) : [];
  return [
    {
      label: kind.label,
      kind: 'snippet',
      detail: kind.detail(article),
      documentation: `Inserts a new entry of \`${at.list}\`.`,
      insertText,
      snippet: true,
      range: at.range,
      filterText: `${kind.label} ${kind.alias}`,
      sortText: '0000',
      preselect: true,
    },
    ...fromBibliography,
  ];
}
