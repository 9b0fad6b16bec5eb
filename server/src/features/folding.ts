import { throwIfCancelled, type CancellationToken, type TextRange } from '../core/types';
import type { Article } from '../model/article';
import type { FoldingResult } from './types';

/** The last line holding text in a range (a YAML node's range may end at the start of the next line). */
function lastLine(article: Article, range: TextRange): number {
  let end = range.end;
  while (end > range.start && /\s/.test(article.text[end - 1])) end--;
  return article.lines.lineAt(Math.max(range.start, end - 1));
}

/** Folds the frontmatter, the fact and source lists and each of their items, multi-line statements, each section. */
export function getFoldingRanges(article: Article, token: CancellationToken): FoldingResult[] {
  throwIfCancelled(token);
  const out: FoldingResult[] = [];
  const add = (start: number, range: TextRange) => {
    const startLine = article.lines.lineAt(start);
    const endLine = lastLine(article, range);
    if (endLine > startLine) out.push({ startLine, endLine, kind: 'region' });
  };
  const fm = article.frontmatter;
  if (fm) add(fm.open.start, { start: fm.open.start, end: fm.close?.end ?? fm.content.end });
  for (const key of ['atomic_facts', 'primary_sources', 'secondary_sources', 'disputed_statements', 'known_gaps']) {
    const field = article.fields.get(key);
    if (field) add(field.keyRange.start, field.range);
  }
  for (const item of [...article.facts, ...article.sources, ...article.disputed]) {
    throwIfCancelled(token);
    add(item.range.start, item.range);
  }
  for (const fact of article.facts) {
    const statement = fact.fields.get('statement');
    if (statement) add(statement.keyRange.start, statement.range);
  }
  for (const section of article.body.sections) add(section.heading.range.start, section.range);
  return out.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}
