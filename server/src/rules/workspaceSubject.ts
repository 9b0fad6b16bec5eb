import { memo, type Article } from '../model/article';
import { summarize, type ArticleSummary } from '../model/articleSummary';

/** The summary the workspace rules read of a parsed article: made once per model, however many rules ask. */
export function summaryOf(article: Article): ArticleSummary {
  return memo(article, 'summary', () => summarize(article));
}
