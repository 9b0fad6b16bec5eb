import type { ResolvedConfig } from '../config';
import type { Article, Source } from '../model/article';
import { sameUrl } from '../model/urls';

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
