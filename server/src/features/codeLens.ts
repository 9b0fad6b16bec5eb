import { throwIfCancelled, type CancellationToken } from '../core/types';
import type { Article } from '../model/article';
import { factUses } from '../model/citations';
import { factIdRange } from '../model/factTargets';
import { backlinksTo, sourceUses } from '../model/workspaceLinks';
import type { CodeLensResult, FeatureContext } from './types';

export const SHOW_FACT_REFERENCES = 'knowledgeArticles.showFactReferences';

const articles = (n: number) => `${n} article${n === 1 ? '' : 's'}`;

/**
 * "cited N×" (and "mapped M×" when a Source-Mapped Facts bullet stands for it) above each fact id. With the workspace
 * (`ctx`): "linked from N articles" on the title and "also in N articles" on each source, once the article is indexed.
 */
export function getCodeLenses(article: Article, token: CancellationToken, ctx?: FeatureContext): CodeLensResult[] {
  const uses = factUses(article);
  const lenses: CodeLensResult[] = [];
  const title = article.fields.get('title')?.valueRange;
  if (ctx && title && ctx.index.has(article.uri)) {
    const from = new Set(backlinksTo(ctx.index, article.uri).map((b) => b.fromUri)).size;
    lenses.push({ range: title, title: `linked from ${articles(from)}`, command: { id: SHOW_FACT_REFERENCES, arguments: [article.uri, title.start] } });
  }
  if (ctx && ctx.index.size > 0) {
    for (const source of article.sources) {
      throwIfCancelled(token);
      if (!source.url && !source.doi) continue;
      const range = source.fields.get('title')?.valueRange ?? source.range;
      const others = new Set(sourceUses(ctx.index, source).map((u) => u.uri));
      others.delete(article.uri);
      lenses.push({ range, title: `also in ${articles(others.size)}`, command: { id: SHOW_FACT_REFERENCES, arguments: [article.uri, range.start] } });
    }
  }
  for (const fact of article.facts) {
    throwIfCancelled(token);
    const range = fact.id !== undefined ? factIdRange(fact) : undefined;
    if (!range || fact.id === undefined) continue;
    const use = uses.get(fact.id);
    const cited = use?.citations.length ?? 0;
    const mapped = use?.bullets.length ?? 0;
    lenses.push({
      range,
      title: mapped ? `cited ${cited}× · mapped ${mapped}×` : `cited ${cited}×`,
      command: { id: SHOW_FACT_REFERENCES, arguments: [article.uri, range.start] },
    });
  }
  return lenses.sort((a, b) => a.range.start - b.range.start);
}
