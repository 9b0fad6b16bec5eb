import { dirnameUri, resolveUri } from '../core/uri';
import type { ArticleSummary, WorkspaceIndex } from '../workspaceIndex';
import type { Article } from './article';

/** A body link that may point to another article: relative, no scheme, not a bare `#anchor`, not `undefined`. */
export function isArticleLinkTarget(target: string): boolean {
  const t = target.trim();
  if (!t || t.startsWith('#') || t === 'undefined' || /^[a-z][a-z0-9+.-]*:/i.test(t) || t.startsWith('//')) return false;
  const path = t.split('#')[0].split('?')[0];
  return path.endsWith('.md') || !/\.[a-z0-9]{1,5}$/i.test(path);
}

export interface ResolvedArticleLink {
  uri: string;
  /** The index's summary of that article, when it is indexed. */
  summary?: ArticleSummary;
  /** The article's model, when it is not indexed but could be read. */
  article?: Article;
}

/** The files a relative link may mean, site-URL style first (what most of the corpus uses), then file style. */
function candidates(fromUri: string, target: string): string[] {
  let path = target.split('#')[0].split('?')[0];
  try {
    path = decodeURIComponent(path);
  } catch {
    // A stray % is taken as written.
  }
  const out: string[] = [];
  for (const base of [fromUri.replace(/\.md$/, '') + '/', dirnameUri(fromUri) + '/']) {
    const u = resolveUri(base, path);
    out.push(...(u.endsWith('.md') ? [u] : [u.replace(/\/$/, '') + '.md', u.replace(/\/$/, '') + '/index.md']));
  }
  return out;
}

/**
 * Where a relative link to another article leads: the workspace index, or while the workspace is not indexed yet
 * the files the link may name, read through `articleAt`. Undefined when no article is found.
 */
export function resolveArticleLink(
  index: WorkspaceIndex,
  articleAt: ((uri: string) => Article | undefined) | undefined,
  fromUri: string,
  target: string,
): ResolvedArticleLink | undefined {
  if (!isArticleLinkTarget(target)) return undefined;
  const found = index.resolveLink(fromUri, target);
  if (found) return { uri: found.summary.uri, summary: found.summary };
  // Once indexed, the index knows every article: reading files for a broken link would only cost time.
  if (!articleAt || index.size > 0) return undefined;
  for (const uri of candidates(fromUri, target)) {
    if (uri === fromUri) continue;
    const article = articleAt(uri);
    if (article?.isArticle) return { uri, article };
  }
  return undefined;
}

/** Links from one article to others in site-URL style: relative to a folder named after the linking article. */
export function siteStyleLinker(fromUri: string): (toUri: string) => string {
  const from = (fromUri.replace(/\.md$/, '') + '/').split('/').slice(0, -1);
  return (toUri) => {
    const to = toUri.split('/');
    let common = 0;
    while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
    return '../'.repeat(from.length - common) + to.slice(common).join('/');
  };
}

export function siteStyleLink(fromUri: string, toUri: string): string {
  return siteStyleLinker(fromUri)(toUri);
}
