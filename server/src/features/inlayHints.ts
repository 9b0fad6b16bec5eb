/**
 * Inlay hints after each body citation: a short form of the statement each cited fact makes, so that a paragraph
 * reads with its evidence without hovering. Off by default (the `knowledgeArticles.inlayHints.citedStatements`
 * setting): the hints lengthen every cited line.
 */
import { throwIfCancelled, type CancellationToken, type TextRange } from '../core/types';
import { factById, type Article } from '../model/article';
import { normaliseStatement } from '../model/citations';
import { mdText } from '../model/safeMarkdown';

export interface InlayHintResult {
  /** Where the hint stands: right after the citation's `]`. */
  offset: number;
  label: string;
  /** The full statements, for the hint's hover (Markdown). */
  tooltip: string;
}

/** Statements longer than this are cut at a word boundary. */
export const HINT_LENGTH = 48;

/** A statement cut to about `max` characters at a word boundary, with an ellipsis when cut. */
export function shortStatement(statement: string, max = HINT_LENGTH): string {
  const s = normaliseStatement(statement);
  if (s.length <= max) return s;
  const cut = s.lastIndexOf(' ', max - 1);
  return `${s.slice(0, cut > max / 2 ? cut : max - 1).replace(/[,;:.]$/, '')}…`;
}

/** The hints for the citations inside `range` (the visible part of the document, as editors ask). */
export function getInlayHints(article: Article, range: TextRange, token: CancellationToken): InlayHintResult[] {
  const hints: InlayHintResult[] = [];
  for (const c of article.body.citations) {
    if (c.range.end < range.start || c.range.start > range.end) continue;
    throwIfCancelled(token);
    const facts = c.keys.flatMap((k) => {
      const f = factById(article, k.id);
      return f?.statement ? [{ id: k.id, statement: f.statement }] : [];
    });
    if (facts.length === 0) continue;
    hints.push({
      offset: c.range.end,
      label: facts.map((f) => shortStatement(f.statement)).join(' · '),
      tooltip: facts.map((f) => `**${mdText(f.id)}**: ${mdText(normaliseStatement(f.statement))}`).join('\n\n'),
    });
  }
  return hints;
}
