import { throwIfCancelled, type CancellationToken, type TextRange } from '../core/types';
import type { Article } from '../model/article';
import { factUses } from '../model/citations';
import { factIdAt, factIdRange } from '../model/factTargets';
import { backlinksTo, sourceUses } from '../model/workspaceLinks';
import type { FeatureContext, LocationResult } from './types';

const inside = (r: TextRange | undefined, offset: number) => r !== undefined && r.start <= offset && offset <= r.end;

/**
 * On the article's title or id: every link to it from other articles. On a source: the same source (by url or DOI) in
 * other articles. Undefined when the offset is on neither.
 */
function acrossArticles(ctx: FeatureContext, article: Article, offset: number, includeDeclaration: boolean, token: CancellationToken): LocationResult[] | undefined {
  const title = article.fields.get('title')?.valueRange;
  if (inside(title, offset) || inside(article.fields.get('id')?.valueRange, offset)) {
    const out: LocationResult[] = includeDeclaration && title ? [{ uri: article.uri, range: title }] : [];
    for (const from of new Set(backlinksTo(ctx.index, article.uri).map((b) => b.fromUri))) {
      throwIfCancelled(token);
      const other = ctx.articleAt(from);
      if (!other) continue;
      for (const link of other.body.links) {
        if (ctx.index.resolveLink(from, link.target)?.summary.uri === article.uri) out.push({ uri: from, range: link.range });
      }
    }
    return out;
  }
  const source = article.sources.find((s) => inside(s.range, offset));
  if (!source) return undefined;
  const self = source.fields.get('title')?.valueRange ?? source.range;
  const out: LocationResult[] = includeDeclaration ? [{ uri: article.uri, range: self }] : [];
  for (const use of sourceUses(ctx.index, source)) if (use.uri !== article.uri) out.push({ uri: use.uri, range: use.range });
  return out;
}

/**
 * Find references on a fact id, in the frontmatter or in a citation: every `[@id]` key (the id's characters) and
 * every Source-Mapped Facts bullet standing for it, with the declaration first when asked. On the title or id, the
 * links from other articles; on a source, the same source in other articles.
 */
export function getReferences(ctx: FeatureContext, article: Article, offset: number, includeDeclaration: boolean, token: CancellationToken): LocationResult[] {
  throwIfCancelled(token);
  const target = factIdAt(article, offset);
  if (!target) return acrossArticles(ctx, article, offset, includeDeclaration, token) ?? [];
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
