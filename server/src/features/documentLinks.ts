import { throwIfCancelled, type CancellationToken } from '../core/types';
import type { Article, Field } from '../model/article';
import { resolveArticleLink } from '../model/articleLinks';
import { scalarTextRange } from '../model/factTargets';
import { isHttpUrl } from '../schema/articleSchema';
import type { DocumentLinkResult, FeatureContext } from './types';

function urlLink(field: Field | undefined, tooltip: string): DocumentLinkResult | undefined {
  const url = typeof field?.value === 'string' ? field.value.trim() : undefined;
  if (!field?.valueRange || !url || !isHttpUrl(url)) return undefined;
  return { range: scalarTextRange(field.node, field.valueRange), target: url, tooltip };
}

/**
 * Clickable links: the http(s) urls of sources and facts in the frontmatter, and the body's relative links to other
 * articles, resolved to their files (the body's web links are the Markdown editor's business).
 */
export function getDocumentLinks(ctx: FeatureContext, article: Article, token: CancellationToken): DocumentLinkResult[] {
  throwIfCancelled(token);
  const out: DocumentLinkResult[] = [];
  for (const source of article.sources) {
    const link = urlLink(source.fields.get('url'), 'Open the source');
    if (link) out.push(link);
  }
  for (const fact of article.facts) {
    const link = urlLink(fact.fields.get('source_url'), `Open the source of ${fact.id ?? 'this fact'}`);
    if (link) out.push(link);
  }
  for (const link of [...article.body.links, ...article.body.linkDefinitions]) {
    throwIfCancelled(token);
    if (!link.targetRange) continue;
    const target = resolveArticleLink(ctx.index, ctx.articleAt, article.uri, link.target);
    if (!target) continue;
    const title = target.summary?.title ?? (target.article?.fields.get('title')?.value as string | undefined);
    out.push({ range: link.targetRange, target: target.uri, tooltip: title ? `Open "${title}"` : 'Open the article' });
  }
  return out.sort((a, b) => a.range.start - b.range.start);
}
