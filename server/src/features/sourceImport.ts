/** Insert Source from an imported record: the entry, in the article's own style, at the end of the list. */
import { isSeq } from 'yaml';
import type { TextEdit } from '../core/types';
import type { Article, Source, SourceList } from '../model/article';
import type { SourceFields } from '../model/bibliography';
import { sourceStyle, styledSourceLines } from '../model/sourceEntryStyle';

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
    return { edit: { range: { start: end, end }, newText: eol + styledSourceLines(fields, style).join(eol) }, at: end + eol.length };
  }
  if (field) {
    if (!(isSeq(field.node) && field.node.items.length === 0) && field.node !== null) return undefined;
    const keyIndent = ' '.repeat(field.keyRange.start - article.lines.lineStart(article.lines.lineAt(field.keyRange.start)));
    const nested = { ...style, dash: keyIndent + '  ', key: keyIndent + '    ' };
    const start = field.keyRange.start;
    const end = field.valueRange?.end ?? article.lines.lineEnd(article.lines.lineAt(start));
    return { edit: { range: { start, end }, newText: [`${list}:`, ...styledSourceLines(fields, nested)].join(eol) }, at: start + `${list}:`.length + eol.length };
  }
  if (!fm.close) return undefined;
  const at = fm.close.start;
  return { edit: { range: { start: at, end: at }, newText: [`${list}:`, ...styledSourceLines(fields, { ...style, dash: '  ', key: '    ' }), ''].join(eol) }, at: at + `${list}:`.length + eol.length };
}
