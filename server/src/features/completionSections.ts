import type { Article } from '../model/article';
import type { CompletionEntry, FeatureContext } from './types';

/**
 * Section snippets, in the body only: on a line being typed as a heading (`##`, `## Co`) or as `kart-section`, the
 * sections of the configured order the article does not have yet, each `## Name` and a line to write on.
 */
export function sectionCompletions(ctx: FeatureContext, article: Article, offset: number): CompletionEntry[] {
  if (!article.isArticle || offset < article.body.start) return [];
  const line = article.lines.lineAt(offset);
  const lineStart = Math.max(article.lines.lineStart(line), article.body.start);
  const lineEnd = article.lines.lineEnd(line);
  const before = article.text.slice(lineStart, offset);
  if (article.text.slice(offset, lineEnd).trim() !== '') return [];
  if (!/^#{1,2}(?: [\p{L}\p{N} ;:&/-]*)?$/u.test(before) && !/^kart-s[\w-]*$/.test(before)) return [];
  const present = new Set(article.body.headings.filter((h) => h.level === 2).map((h) => h.text.trim()));
  const range = { start: lineStart, end: lineEnd };
  return ctx.config.sectionOrder
    .filter((name) => !present.has(name))
    .map((name, i) => ({
      label: `## ${name}`,
      kind: 'snippet' as const,
      detail: ctx.config.requiredSections.includes(name) ? 'required section' : 'section',
      insertText: `## ${name.replace(/[$}\\]/g, '\\$&')}\n$0`,
      snippet: true,
      range,
      filterText: `## ${name} kart-section`,
      sortText: String(i).padStart(4, '0'),
    }));
}
