import { dirnameUri, resolveUri } from '../core/uri';
import type { Article } from './article';
import type { ArticleSummary } from './articleSummary';

/**
 * A relative link that may name another article: no scheme, not `//host`, not a site-root `/path` (the site's root
 * is unknown here), not a bare `#anchor` or a stand-in like `undefined`, and a `.md` file or no extension at all
 * (images, PDFs are not articles).
 */
export function isArticleLinkTarget(target: string): boolean {
  const t = target.trim();
  if (!t || t.startsWith('#') || t.startsWith('/') || /^[a-z][a-z0-9+.-]*:/i.test(t)) return false;
  if (['undefined', 'null', 'none', 'nan'].includes(t.toLowerCase())) return false;
  const path = t.split('#')[0].split('?')[0].replace(/(?<!\/)\/+$/, '');
  if (!path) return false;
  const last = path.slice(path.lastIndexOf('/') + 1);
  return last.endsWith('.md') || !/\.[A-Za-z0-9]{1,5}$/.test(last);
}

export type LinkConvention = 'site' | 'file';

export interface ResolvedArticleLink {
  uri: string;
  /** The index's summary of that article, when it is indexed. */
  summary?: ArticleSummary;
  /** The article's model, when it is not indexed but could be read. */
  article?: Article;
}

/**
 * The files a relative link may mean, in the order they are tried: relative to a folder named after the linking
 * article (site-URL style, what most of the corpus uses), then relative to the file's own folder.
 */
export function linkCandidates(fromUri: string, target: string): { uri: string; convention: LinkConvention }[] {
  let path = target.split('#')[0].split('?')[0];
  if (!path) return [];
  try {
    path = decodeURIComponent(path);
  } catch {
    // A stray % is taken as written.
  }
  const out: { uri: string; convention: LinkConvention }[] = [];
  for (const [convention, base] of [['site', fromUri.replace(/\.md$/, '') + '/'], ['file', dirnameUri(fromUri) + '/']] as const) {
    const u = resolveUri(base, path);
    const stem = u.replace(/\/$/, '');
    for (const uri of u.endsWith('.md') ? [u] : [stem + '.md', stem + '/index.md']) out.push({ uri, convention });
  }
  return out;
}

/** What resolving a link needs of the workspace index (the index itself; named here so that the model does not import it). */
export interface ArticleLinkIndex {
  readonly size: number;
  resolveLink(fromUri: string, target: string): { summary: ArticleSummary; convention: LinkConvention } | undefined;
}

/**
 * Where a relative link to another article leads: the workspace index, or while the workspace is not indexed yet
 * the files the link may name, read through `articleAt`. Undefined when no article is found.
 */
export function resolveArticleLink(
  index: ArticleLinkIndex,
  articleAt: ((uri: string) => Article | undefined) | undefined,
  fromUri: string,
  target: string,
): ResolvedArticleLink | undefined {
  if (!isArticleLinkTarget(target)) return undefined;
  const found = index.resolveLink(fromUri, target);
  if (found) return { uri: found.summary.uri, summary: found.summary };
  // Once indexed, the index knows every article: reading files for a broken link would only cost time.
  if (!articleAt || index.size > 0) return undefined;
  for (const { uri } of linkCandidates(fromUri, target)) {
    if (uri === fromUri) continue;
    const article = articleAt(uri);
    if (article?.isArticle) return { uri, article };
  }
  return undefined;
}

/** Writes links from one article to others in a convention: relative to a folder named after it (site) or to its folder. */
export function articleLinker(fromUri: string, convention: LinkConvention): (toUri: string) => string {
  const from = (convention === 'site' ? fromUri.replace(/\.md$/, '') : dirnameUri(fromUri)).split('/');
  return (toUri) => {
    const to = toUri.split('/');
    let common = 0;
    while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
    return '../'.repeat(from.length - common) + to.slice(common).join('/');
  };
}
