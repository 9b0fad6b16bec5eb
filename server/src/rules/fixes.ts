import { isMap, type Node, type Pair } from 'yaml';
import type { Fix, TextEdit, TextRange } from '../core/types';
import { nodeAtPath, type Article } from '../model/article';
import type { JsonPath } from '../schema/articleSchema';

export function replaceFix(title: string, range: TextRange, newText: string, safe = true): Fix {
  return { title, edits: [{ range, newText }], safe, preferred: safe };
}

/** The column at which a mapping's keys stand, or undefined. */
function indentOf(article: Article, offset: number): number {
  const line = article.lines.lineAt(offset);
  return offset - article.lines.lineStart(line);
}

/** An edit that adds `key: value` as the last entry of the mapping at `path`. */
export function insertKeyEdit(article: Article, path: JsonPath, key: string, value: string): TextEdit | undefined {
  const { node } = nodeAtPath(article, path);
  const eol = article.eol;
  if (!isMap(node) || !node.range) {
    if (path.length === 0 && article.frontmatter?.close) {
      return { range: { start: article.frontmatter.close.start, end: article.frontmatter.close.start }, newText: `${key}: ${value}${eol}` };
    }
    return undefined;
  }
  const items = node.items as Pair<Node, Node | null>[];
  if (node.flow || items.length === 0) return undefined;
  const firstKey = items[0].key as Node;
  const indent = ' '.repeat(indentOf(article, firstKey.range![0] + article.yamlOffset));
  // After the last line of the mapping's last value.
  const last = items[items.length - 1];
  const lastEnd = ((last.value as Node | null)?.range ?? (last.key as Node).range!)[1] + article.yamlOffset;
  const line = article.lines.lineAt(Math.max(0, lastEnd - 1));
  const at = article.lines.lineEnd(line);
  return { range: { start: at, end: at }, newText: `${eol}${indent}${key}: ${value}` };
}

/** Deletes whole lines covering a range, line break included. */
export function deleteLinesEdit(article: Article, range: TextRange): TextEdit {
  const first = article.lines.lineAt(range.start);
  const last = article.lines.lineAt(Math.max(range.start, range.end - 1));
  const start = article.lines.lineStart(first);
  const end = last + 1 < article.lines.lineCount ? article.lines.lineStart(last + 1) : article.lines.lineEnd(last);
  return { range: { start, end }, newText: '' };
}

/** Deletes the `- ` item of a block sequence that holds `range`, all its lines. */
export function deleteListItemEdit(article: Article, itemRange: TextRange): TextEdit {
  const line = article.lines.lineAt(itemRange.start);
  const lineStart = article.lines.lineStart(line);
  return deleteLinesEdit(article, { start: lineStart, end: itemRange.end });
}
