import { throwIfCancelled, type CancellationToken } from '../core/types';
import type { Article } from '../model/article';
import { factUses } from '../model/citations';
import { factIdRange } from '../model/factTargets';
import type { CodeLensResult } from './types';

export const SHOW_FACT_REFERENCES = 'knowledgeArticles.showFactReferences';

/** "cited N×" (and "mapped M×" when a Source-Mapped Facts bullet stands for it) above each fact id. */
export function getCodeLenses(article: Article, token: CancellationToken): CodeLensResult[] {
  const uses = factUses(article);
  const lenses: CodeLensResult[] = [];
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
  return lenses;
}
