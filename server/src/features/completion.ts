import { stringify } from 'yaml';
import { throwIfCancelled, type CancellationToken, type TextEdit, type TextRange } from '../core/types';
import { basenameUri, dirnameUri } from '../core/uri';
import type { Article, Fact } from '../model/article';
import { articleLinker } from '../model/articleLinks';
import { nextFactId } from '../model/idStyles';
import { mdCode, mdText, safeMarkdown } from '../model/safeMarkdown';
import { containerAt, type YamlContainer, type YamlPathSegment } from '../model/yamlPath';
import type { SchemaNode } from '../schema/articleSchema';
import { entryCompletions } from './completionEntries';
import { sectionCompletions } from './completionSections';
import type { CompletionEntry, FeatureContext } from './types';

/*
 * Multi-line snippets are written with indentation relative to the line they are typed on: editors (VS Code's
 * default insert mode, "adjustIndentation") add that line's leading white space to each following line.
 */

const FACT_LISTS = new Set(['atomic_facts']);
const SOURCE_LISTS = new Set(['primary_sources', 'secondary_sources']);
/** Keys worth adding to a new list item beyond the required ones, by list. */
const USUAL_ITEM_KEYS: Record<string, string[]> = {
  atomic_facts: ['source_url', 'confidence'],
  primary_sources: ['year', 'url'],
  secondary_sources: ['year', 'url'],
  disputed_statements: ['context'],
};

function escapeSnippet(s: string): string {
  return s.replace(/[$}\\]/g, '\\$&');
}

/** Numbered tab stops for one snippet. */
class Snippet {
  private n = 0;
  tab(text = ''): string {
    this.n++;
    return text ? `\${${this.n}:${escapeSnippet(text)}}` : `$${this.n}`;
  }
  choice(values: readonly unknown[]): string {
    this.n++;
    return `\${${this.n}|${values.map((v) => String(v).replace(/[,|$}\\]/g, '\\$&')).join(',')}|}`;
  }
}

/** A value as YAML writes it on one line: quoted only when it must be. */
function yamlValue(s: string): string {
  return stringify(s.replace(/\s+/g, ' ').trim(), { lineWidth: 0 }).trimEnd();
}

function oneLine(s: string | undefined, max = 100): string {
  const t = (s ?? '').replace(/\s+/g, ' ').trim();
  return t.length > max ? t.slice(0, max - 1) + '…' : t;
}

function isFactPath(path: YamlPathSegment[]): boolean {
  return path.length === 2 && FACT_LISTS.has(String(path[0])) && typeof path[1] === 'number';
}

function isSourcePath(path: YamlPathSegment[]): boolean {
  return path.length === 2 && SOURCE_LISTS.has(String(path[0])) && typeof path[1] === 'number';
}

interface Ctx {
  ctx: FeatureContext;
  article: Article;
}

/** Example values of a string field (an array field's examples are lists: their items). */
function examplesOf(node: SchemaNode | undefined): string[] {
  const flat = (node?.examples ?? []).flatMap((e) => (Array.isArray(e) ? e : [e]));
  return [...new Set(flat.filter((e): e is string => typeof e === 'string'))];
}

/** What follows `key:` in a snippet: a value placeholder of the right kind (a list item on the next lines). */
function valueSnippet(c: Ctx, path: YamlPathSegment[], snippet: Snippet, depth = 0): string {
  const { ctx, article } = c;
  const key = String(path[path.length - 1]);
  const parent = path.slice(0, -1);
  const node = ctx.schema.at(path);
  if (key === 'id' && isFactPath(parent)) return ` ${snippet.tab(nextFactId(article))}`;
  if (!node) return ` ${snippet.tab()}`;
  if (node.enum?.length) return ` ${snippet.choice(node.enum)}`;
  if (node.format === 'date') return ` "${snippet.tab(ctx.today)}"`;
  const type = Array.isArray(node.type) ? node.type[0] : node.type;
  if (type === 'boolean') return ` ${snippet.choice(['true', 'false'])}`;
  if (type === 'integer' || type === 'number') {
    const example = key === 'year' ? ctx.today.slice(0, 4) : key === 'completeness' ? '0.8' : '0';
    return ` ${snippet.tab(example)}`;
  }
  if (type === 'array') {
    const items = ctx.schema.at([...path, 0]);
    if (items?.properties && depth === 0) {
      const keys = itemKeys(key, items);
      const lines = keys.map((k) => `${k}:${valueSnippet(c, [...path, 0, k], snippet, depth + 1)}`);
      return `\n  - ${lines.join('\n    ')}`;
    }
    if (items?.properties) return ' []';
    return `\n  - ${snippet.tab(examplesOf(node)[0] ?? '')}`;
  }
  if (key === 'category') return ` ${snippet.tab(basenameUri(dirnameUri(article.uri)))}`;
  if (key === 'id' && parent.length === 0) return ` ${snippet.tab(basenameUri(article.uri).replace(/\.md$/, ''))}`;
  const example = examplesOf(node)[0];
  return ` ${snippet.tab(example ?? '')}`;
}

/** The keys a new list item starts with: the required ones, then the usual ones, in the schema's order. */
function itemKeys(list: string, items: SchemaNode): string[] {
  const props = Object.keys(items.properties ?? {});
  return props.filter((k) => items.required?.includes(k) || USUAL_ITEM_KEYS[list]?.includes(k));
}

function wordAround(text: string, offset: number, lineStart: number, lineEnd: number): TextRange {
  let start = offset;
  while (start > lineStart && /[\w-]/.test(text[start - 1])) start--;
  let end = offset;
  while (end < lineEnd && /[\w-]/.test(text[end])) end++;
  return { start, end };
}

function keyCompletions(c: Ctx, container: YamlContainer, offset: number, lineEnd: number, token: CancellationToken): CompletionEntry[] {
  const { ctx, article } = c;
  const path = container.path;
  const node = ctx.schema.at(path);
  if (!node?.properties) return [];
  const range = wordAround(article.text, offset, article.lines.lineStart(article.lines.lineAt(offset)), lineEnd);
  const keyOnly = article.text[range.end] === ':';
  const present = new Set(container.keys);
  const keys = Object.keys(node.properties);
  const entries: CompletionEntry[] = [];
  keys.forEach((key, i) => {
    throwIfCancelled(token);
    if (present.has(key)) return;
    const schema = ctx.schema.at([...path, key]);
    const required = node.required?.includes(key) ?? false;
    const snippet = new Snippet();
    entries.push({
      label: key,
      kind: 'property',
      detail: required ? 'required' : 'optional',
      documentation: safeMarkdown(schema?.description),
      insertText: keyOnly ? key : `${key}:${valueSnippet(c, [...path, key], snippet)}`,
      snippet: !keyOnly,
      range,
      sortText: `${required ? 0 : 1}${String(i).padStart(3, '0')}`,
    });
  });
  return entries;
}

/** Where the value of the key on the cursor's line starts and ends (a trailing comment left out). */
function valueSpan(text: string, from: number, lineEnd: number): TextRange {
  let start = from;
  while (start < lineEnd && text[start] === ' ') start++;
  let end = lineEnd;
  const hash = text.slice(start, lineEnd).search(/\s#/);
  if (hash >= 0 && !/^["']/.test(text.slice(start))) end = start + hash;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return { start, end };
}

/** Sets a sibling field of a fact: its value replaced, filled in, or the key added on the next line. */
function setSiblingEdit(article: Article, fact: Fact, key: string, value: string, cursorLine: number, keyColumn: number): TextEdit | undefined {
  const field = fact.fields.get(key);
  const text = yamlValue(value);
  if (field && article.lines.lineAt(field.keyRange.start) === cursorLine) return undefined;
  if (field?.valueRange) {
    if (field.valueRange.end > field.valueRange.start) return { range: field.valueRange, newText: text };
    return { range: field.valueRange, newText: ` ${text}` };
  }
  if (field) return { range: { start: field.keyRange.end + 1, end: field.keyRange.end + 1 }, newText: ` ${text}` };
  const next = cursorLine + 1;
  const line = `${' '.repeat(keyColumn)}${key}: ${text}`;
  if (next < article.lines.lineCount) {
    const at = article.lines.lineStart(next);
    return { range: { start: at, end: at }, newText: line + article.eol };
  }
  const at = article.lines.lineEnd(cursorLine);
  return { range: { start: at, end: at }, newText: article.eol + line };
}

function valueCompletions(c: Ctx, container: YamlContainer, key: string, range: TextRange, typed: string, token: CancellationToken): CompletionEntry[] {
  const { ctx, article } = c;
  const path = [...container.path, key];
  const node = ctx.schema.at(path);
  const quoted = /^["']/.test(typed);
  const value = (label: string, insertText: string, kind: CompletionEntry['kind'], i: number, extra: Partial<CompletionEntry> = {}): CompletionEntry => ({
    label,
    kind,
    insertText,
    range,
    sortText: String(i).padStart(4, '0'),
    ...(quoted && insertText !== label ? { filterText: insertText } : {}),
    ...extra,
  });
  const cursorLine = article.lines.lineAt(range.start);

  if (isFactPath(container.path)) {
    const fact = article.facts[container.path[1] as number];
    if (key === 'id') {
      const id = nextFactId(article);
      return [value(id, id, 'value', 0, { detail: 'a new fact id in this article\'s style', preselect: true })];
    }
    // The article's own sources, then the workspace's bibliography files.
    const candidates = [
      ...article.sources.map((s) => ({ title: s.title, url: s.url, detail: `${s.list === 'primary_sources' ? 'primary' : 'secondary'} source${s.type ? ` · ${s.type}` : ''}` })),
      ...(ctx.bibliography ?? []).map((e) => ({ title: e.fields.title, url: e.fields.url, detail: `from ${e.file.slice(e.file.lastIndexOf('/') + 1)}${e.key ? ` (${e.key})` : ''}` })),
    ];
    if ((key === 'source_title' || key === 'source_url') && candidates.length) {
      const entries: CompletionEntry[] = [];
      const seen = new Set<string>();
      for (const source of candidates) {
        throwIfCancelled(token);
        const mine = key === 'source_title' ? source.title : source.url;
        const other = key === 'source_title' ? source.url : source.title;
        if (!mine || seen.has(mine)) continue;
        seen.add(mine);
        const edit = fact && other ? setSiblingEdit(article, fact, key === 'source_title' ? 'source_url' : 'source_title', other, cursorLine, container.keyColumn) : undefined;
        entries.push(
          value(oneLine(mine), yamlValue(mine), 'reference', entries.length, {
            detail: source.detail,
            documentation: other ? `Also sets ${mdCode(key === 'source_title' ? 'source_url' : 'source_title')}: ${mdText(other)}` : undefined,
            additionalEdits: edit ? [edit] : undefined,
            filterText: quoted ? yamlValue(mine) : mine,
          }),
        );
      }
      return entries;
    }
  }
  if (!node) return [];
  if (node.enum?.length) return node.enum.map((v, i) => value(String(v), String(v), 'enum', i, { documentation: safeMarkdown(node.description) }));
  if (node.format === 'date') {
    return [value(ctx.today, `"${ctx.today}"`, 'value', 0, { detail: 'today', preselect: true, filterText: quoted ? `"${ctx.today}"` : ctx.today })];
  }
  const type = Array.isArray(node.type) ? node.type[0] : node.type;
  if (type === 'boolean') return ['true', 'false'].map((v, i) => value(v, v, 'enum', i));
  let examples = examplesOf(node);
  if (isSourcePath(container.path) && key === 'type') {
    // The schema lists the common types first; types this article already uses follow.
    const used = article.sources.flatMap((s) => (s.type ? [s.type] : []));
    examples = [...new Set([...examples, ...used])];
  }
  if (key === 'category' && container.path.length === 0) {
    const folder = basenameUri(dirnameUri(article.uri));
    examples = [...new Set([folder, ...examples])];
  }
  // The article's own id is its file name's slug; the schema's examples are other articles' ids.
  if (key === 'id' && container.path.length === 0) examples = [basenameUri(article.uri).replace(/\.md$/, '')];
  // A list written on the key's line is a flow list.
  const write = type === 'array' ? (v: string) => `[${yamlValue(v)}]` : yamlValue;
  return examples.map((v, i) => value(v, write(v), 'value', i, { documentation: i === 0 ? safeMarkdown(node.description) : undefined }));
}

/** Items of a list of plain values (`ai_models:` then `  - `): the schema's examples. */
function listValueCompletions(c: Ctx, container: YamlContainer, range: TextRange): CompletionEntry[] {
  const listPath = container.path.slice(0, -1);
  const node = c.ctx.schema.at(listPath);
  return examplesOf(node).map((v, i) => ({ label: v, kind: 'value' as const, insertText: yamlValue(v), range, sortText: String(i).padStart(4, '0') }));
}

function frontmatterCompletions(c: Ctx, offset: number, token: CancellationToken, trigger?: string): CompletionEntry[] {
  const { article } = c;
  const line = article.lines.lineAt(offset);
  const lineStart = article.lines.lineStart(line);
  const lineEnd = article.lines.lineEnd(line);
  const before = article.text.slice(lineStart, offset);
  // Between the \r and \n of a line break is no place to type.
  if (/[\r\n]/.test(before)) return [];
  if (/(^|\s)#/.test(before.replace(/"[^"]*"|'[^']*'/g, ''))) return [];
  const shape = /^(\s*)(-\s+)?(.*)$/.exec(before)!;
  const rest = shape[3];
  // A space typed opens the list of values after `key: `, and nothing anywhere else.
  if (trigger === ' ' && !/^[A-Za-z_][\w-]*: $/.test(rest) && !(shape[2] && rest === '')) return [];
  // A new entry of a list (`  - ` or the list's indentation): its snippet; the keys of the item too after `- `.
  const entries = trigger === ' ' ? [] : entryCompletions(article, offset, c.ctx.today, c.ctx.bibliography);
  const container = containerAt(article, offset);
  if (entries.length && (!shape[2] || !container)) return entries;
  if (!container) return [];

  if (/^[A-Za-z_][\w-]*$/.test(rest) || rest === '') {
    const itemSchema = c.ctx.schema.at(container.path);
    if (container.listItem && !container.map && itemSchema && !itemSchema.properties) {
      return [...entries, ...listValueCompletions(c, container, valueSpan(article.text, lineStart + before.length - rest.length, lineEnd))];
    }
    if (rest === '' && !shape[2] && before.length > 0 && article.text.slice(offset, lineEnd).trim() !== '') return [];
    if (trigger === ' ') return [];
    return [...entries, ...keyCompletions(c, container, offset, lineEnd, token)];
  }
  const keyValue = /^([A-Za-z_][\w-]*):(\s*)(.*)$/.exec(rest);
  if (keyValue) {
    const valueStart = lineStart + before.length - keyValue[3].length - keyValue[2].length;
    const span = valueSpan(article.text, valueStart, lineEnd);
    if (keyValue[2] === '') {
      // `key:` with no space yet: the value needs one.
      const entries = valueCompletions(c, container, keyValue[1], span, keyValue[3], token);
      return entries.map((e) => ({ ...e, insertText: ` ${e.insertText}`, filterText: e.filterText ?? e.label }));
    }
    return valueCompletions(c, container, keyValue[1], span, keyValue[3], token);
  }
  return [];
}

function bodyCompletions(c: Ctx, offset: number, token: CancellationToken): CompletionEntry[] {
  const { ctx, article } = c;
  const line = article.lines.lineAt(offset);
  const lineStart = Math.max(article.lines.lineStart(line), article.body.start);
  const lineEnd = article.lines.lineEnd(line);
  const before = article.text.slice(lineStart, offset);
  const after = article.text.slice(offset, lineEnd);

  // Inside `[@` or after `; @` of a citation still open on this line.
  const cite = /(?:\[|;\s*|\s)@([^\s;@[\]]*)$/.exec(before);
  if (cite && before.lastIndexOf('[') > before.lastIndexOf(']')) {
    const typedEnd = offset + (/^[^\s;@[\]]*/.exec(after)?.[0].length ?? 0);
    const range = { start: offset - cite[1].length, end: typedEnd };
    const seen = new Set<string>();
    return article.facts.flatMap((f, i) => {
      if (!f.id || seen.has(f.id)) return [];
      seen.add(f.id);
      return [
        {
          label: f.id,
          kind: 'reference' as const,
          detail: oneLine(f.statement, 80),
          documentation: [f.statement ? mdText(f.statement) : undefined, f.sourceTitle ? `Source: ${mdText(f.sourceTitle)}` : undefined].filter(Boolean).join('\n\n'),
          insertText: f.id,
          range,
          sortText: String(i).padStart(4, '0'),
        },
      ];
    });
  }

  // After `](`: a link to another article, by title.
  const link = linkBeforeCursor(before);
  if (link) {
    const typedEnd = offset + (/^[^)\s]*/.exec(after)?.[0].length ?? 0);
    const range = { start: offset - link[2].length, end: typedEnd };
    const linkText = link[1].trim().toLowerCase();
    const entries: CompletionEntry[] = [];
    const linkTo = articleLinker(article.uri, 'site');
    for (const summary of ctx.index.all()) {
      throwIfCancelled(token);
      if (summary.uri === article.uri) continue;
      const target = linkTo(summary.uri);
      const title = summary.title ?? summary.id ?? basenameUri(summary.uri);
      const lower = title.toLowerCase();
      const matches = linkText !== '' && lower.includes(linkText);
      entries.push({
        label: title,
        kind: 'file',
        detail: target,
        documentation: summary.tldr === undefined ? undefined : mdText(summary.tldr),
        insertText: target,
        range,
        filterText: `${target} ${title}`,
        sortText: `${matches ? 0 : 1}${lower}`,
        preselect: matches && lower === linkText ? true : undefined,
      });
    }
    return entries;
  }
  return sectionCompletions(ctx, article, offset);
}

/**
 * Completion in the frontmatter (missing keys at the cursor's level, values, sources, a new fact id) and in the body
 * (fact ids inside `[@`, links to other articles after `](`). The cursor's place comes from the YAML nodes; the line
 * being typed is read only to know what stands before the cursor on it.
 */
export function getCompletions(ctx: FeatureContext, article: Article, offset: number, token: CancellationToken, trigger?: string): CompletionEntry[] {
  throwIfCancelled(token);
  const c = { ctx, article };
  const fm = article.frontmatter;
  if (fm && offset >= fm.content.start && (fm.close ? offset < fm.close.start : offset <= fm.content.end)) {
    return frontmatterCompletions(c, offset, token, trigger);
  }
  if (trigger === ' ') return [];
  if (offset >= article.body.start && (!fm || fm.close)) return bodyCompletions(c, offset, token);
  return [];
}

/**
 * `[text](target` ending at the cursor, as [whole, text, target] like a regex match; found from the last `](` so
 * that a long run of `[` costs linear time.
 */
function linkBeforeCursor(before: string): [string, string, string] | undefined {
  const open = before.lastIndexOf('](');
  if (open < 0) return undefined;
  const target = before.slice(open + 2);
  for (const c of target) if (c === ')' || /\s/.test(c)) return undefined;
  const start = before.lastIndexOf('[', open);
  if (start < 0) return undefined;
  const text = before.slice(start + 1, open);
  if (text.includes(']')) return undefined;
  return [before.slice(start), text, target];
}
