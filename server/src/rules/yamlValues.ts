import type { TextRange } from '../core/types';
import type { Article } from '../model/article';

/** A node's range without the line breaks and spaces a block scalar or a block list ends with. */
export function trimmedRange(article: Article, range: TextRange): TextRange {
  let end = range.end;
  while (end > range.start && /\s/.test(article.text[end - 1])) end--;
  return { start: range.start, end };
}

const NEEDS_QUOTES = /^[\s\-?:,[\]{}#&*!|>'"%@`]|: |\s#|\s$|^(?:true|false|yes|no|on|off|null|~|[-+]?(?:\d[\d_]*\.\d+|\.\d+|\d(?:[\d_]*\d)?)(?:e[-+]?\d+)?|\.inf|\.nan)$/i;

/** A YAML scalar for s, plain when YAML reads it back as the same string, double-quoted otherwise. */
export function yamlScalar(s: string): string {
  return s === '' || NEEDS_QUOTES.test(s) || /[\n\r\t\\]/.test(s) || s.endsWith(':') ? JSON.stringify(s) : s;
}

/** The new value written the way the old one was: in the same quotes when it was quoted. */
export function inSameQuotes(article: Article, range: TextRange, value: string): string {
  const quote = article.text[range.start];
  if (quote === '"') return JSON.stringify(value);
  if (quote === "'") return `'${value.replace(/'/g, "''")}'`;
  return yamlScalar(value);
}

/** The column a node starts at. */
export function columnOf(article: Article, offset: number): number {
  return offset - article.lines.lineStart(article.lines.lineAt(offset));
}
