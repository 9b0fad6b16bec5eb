import { throwIfCancelled, type CancellationToken, type TextRange } from '../core/types';
import type { Article, Fact } from '../model/article';
import { resolveArticleLink } from '../model/articleLinks';
import { citationKeyAt, linkAt, mappedBulletAt } from '../model/factTargets';
import { sameUrl } from '../model/urls';
import { pathAt } from '../model/yamlPath';
import type { FeatureContext, LocationResult } from './types';

function factLocation(article: Article, fact: Fact | undefined): LocationResult[] {
  const range = fact?.fields.get('id')?.valueRange ?? fact?.range;
  return range ? [{ uri: article.uri, range }] : [];
}

/** A mapping's range ends after its last line break: the entry itself ends before it. */
function trimEnd(text: string, range: TextRange): TextRange {
  let end = range.end;
  while (end > range.start && /\s/.test(text[end - 1])) end--;
  return { start: range.start, end };
}

/**
 * Go to definition: a citation leads to its fact, a fact's source_url (or source_title) to the source entry it
 * names, a Source-Mapped Facts bullet to its fact, a relative link to the article it names.
 */
export function getDefinition(ctx: FeatureContext, article: Article, offset: number, token: CancellationToken): LocationResult[] {
  throwIfCancelled(token);
  const key = citationKeyAt(article, offset);
  if (key) return article.facts.filter((f) => f.id === key.id).flatMap((f) => factLocation(article, f));

  const pos = pathAt(article, offset);
  if (pos) {
    const [list, index, field] = pos.path;
    if (pos.on !== 'value' || list !== 'atomic_facts' || typeof index !== 'number') return [];
    const fact = article.facts[index];
    if (!fact) return [];
    let sources = [] as typeof article.sources;
    if (field === 'source_url' && fact.sourceUrl) sources = article.sources.filter((s) => sameUrl(s.url, fact.sourceUrl));
    else if (field === 'source_title' && fact.sourceTitle) sources = article.sources.filter((s) => s.title?.trim() === fact.sourceTitle!.trim());
    return sources.map((s) => ({ uri: article.uri, range: trimEnd(article.text, s.range) }));
  }

  const link = linkAt(article, offset);
  if (link) {
    const target = resolveArticleLink(ctx.index, ctx.articleAt, article.uri, link.target);
    if (target) return [{ uri: target.uri, range: { start: 0, end: 0 } }];
  }
  const bullet = mappedBulletAt(article, offset);
  return bullet ? factLocation(article, bullet.fact) : [];
}
