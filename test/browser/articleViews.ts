import { checkArticle } from '../../server/src/check';
import { parseConfig } from '../../server/src/config';
import { buildArticleView } from '../../server/src/features/articleView';
import { parseArticle } from '../../server/src/model/article';
import type { ArticleView } from '../../server/src/protocol';

export const TODAY = '2026-06-01';

/** The view the server would send for a document: the server's own pure module, fed by the engine. */
export function viewOf(text: string, uri = 'file:///ws/ai/instruction-tuning.md', today = TODAY): ArticleView {
  const article = parseArticle(uri, text, 1);
  const config = parseConfig(undefined);
  const findings = checkArticle(article, { config, today });
  return buildArticleView(article, findings, config, today);
}
