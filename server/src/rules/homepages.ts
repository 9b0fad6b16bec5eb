import type { ResolvedConfig } from '../config';
import type { TextRange } from '../core/types';
import type { Article, Fact, Source } from '../model/article';
import { sameUrl } from '../model/urls';
import { factSourceLinks, isHomePage } from './factSources';
import { trimmedRange } from './yamlValues';

/** A url's host, lower case, without `www.`. */
export const hostOf = (url: string): string => (/^\s*https?:\/\/(?:www\.)?([^/?#]+)/i.exec(url)?.[1] ?? url).toLowerCase();

/** The author says this source's home page is the source itself. */
const markedCanonical = (source: Source): boolean => source.fields.get('canonical')?.value === true;

/**
 * Whether a home page is the canonical source, so that no home-page rule reports it: its host is listed in
 * `homepageSources`, or a source with that url says `canonical: true`.
 */
export function isCanonicalHomepage(article: Article, config: ResolvedConfig, url: string): boolean {
  const host = hostOf(url);
  if (config.homepageSources.some((h) => hostOf(h.includes('://') ? h : `https://${h}`) === host)) return true;
  return article.sources.some((s) => markedCanonical(s) && sameUrl(s.url, url));
}

export interface HomepageSource {
  source: Source;
  /** The url, trimmed. */
  url: string;
  /** Where the url stands. */
  range: TextRange;
  /** The facts that rest on the source. */
  users: Fact[];
}

/** The sources whose url is a home page that is not the canonical source (source-homepage, source-homepage-unused). */
export function homepageSources(article: Article, config: ResolvedConfig): HomepageSource[] {
  const links = factSourceLinks(article);
  return article.sources.flatMap((source) => {
    const field = source.fields.get('url');
    if (!isHomePage(source.url) || !field?.valueRange || isCanonicalHomepage(article, config, source.url!)) return [];
    return [{ source, url: source.url!.trim(), range: trimmedRange(article, field.valueRange), users: links.factsOf.get(source) ?? [] }];
  });
}
