import { throwIfCancelled, type CancellationToken, type TextRange } from '../core/types';
import type { Article } from '../model/article';
import { factUses } from '../model/citations';
import { factIdAt, factIdRange } from '../model/factTargets';
import type { FeatureContext, LocationResult } from './types';

/**
 * Find references on a fact id, in the frontmatter or in a citation: every `[@id]` key (the id's characters) and
 * every Source-Mapped Facts bullet standing for it, with the declaration first when asked.
 */
export function getReferences(_ctx: FeatureContext, article: Article, offset: number, includeDeclaration: boolean, token: CancellationToken): LocationResult[] {
  throwIfCancelled(token);
  const target = factIdAt(article, offset);
  if (!target) return [];
  const ranges: TextRange[] = [];
  if (includeDeclaration) {
    for (const fact of article.facts) {
      const r = fact.id === target.id ? factIdRange(fact) : undefined;
      if (r) ranges.push(r);
    }
  }
  const use = factUses(article).get(target.id);
  if (use) {
    for (const r of use.citations) ranges.push({ start: r.start + 1, end: r.end });
    ranges.push(...use.bullets);
  }
  throwIfCancelled(token);
  return ranges.sort((a, b) => a.start - b.start).map((range) => ({ uri: article.uri, range }));
}
