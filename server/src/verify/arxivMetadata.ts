// The metadata of an arXiv id, from the arXiv API's Atom feed (`/api/query?id_list=ID`), as arXiv asks programs
// to do instead of fetching its abstract pages.
import { child, childrenNamed, parseXml, textOf } from './atom';

export const DEFAULT_ARXIV_ENDPOINT = 'https://export.arxiv.org';

export interface ArxivItem {
  id: string;
  title?: string;
  authors: string[];
  published?: string;
  year?: number;
}

export interface ArxivMetadataOptions {
  /** The API host: `https://export.arxiv.org` by default; a mirror, a proxy or a test server. */
  endpoint: string;
  fetch?: typeof fetch;
  signal?: AbortSignal;
  userAgent?: string;
}

/** Thrown when the API could not say (network error, 429, 5xx, not a feed): not the same as "no such paper". */
export class ArxivLookupError extends Error {
  constructor(message: string, readonly status?: number, readonly retryAfter?: string) {
    super(message);
    this.name = 'ArxivLookupError';
  }
}

// New-style ids (2101.00001, 0704.0001, with a version) and old-style ones (hep-th/9901001, math.AG/0101001).
const NEW_ID = /^(\d{4}\.\d{4,5})(v\d+)?$/;
const OLD_ID = /^([a-z-]+(?:\.[A-Z]{2})?\/\d{7})(v\d+)?$/;

/** The arXiv id of `arXiv:ID`, a bare id, or an arxiv.org abs/pdf/html URL; undefined for anything else. */
export function arxivIdOf(value: string): string | undefined {
  let s = value.trim();
  const url = /^https?:\/\/(?:www\.|export\.)?arxiv\.org\/(?:abs|pdf|html)\/(.+)$/i.exec(s);
  if (url) s = url[1].replace(/[?#].*$/, '').replace(/\.pdf$/i, '').replace(/\/+$/, '');
  else s = s.replace(/^arxiv:\s*/i, '');
  return NEW_ID.test(s) || OLD_ID.test(s) ? s : undefined;
}

/** The id without its version, as the report keys it: v1 and v2 are one paper with one title, mostly. */
export const arxivBaseId = (id: string) => id.replace(/v\d+$/, '');

export function arxivRequestUrl(id: string, endpoint: string = DEFAULT_ARXIV_ENDPOINT): string {
  return `${endpoint.replace(/\/+$/, '')}/api/query?id_list=${encodeURIComponent(id)}&max_results=1`;
}

/**
 * Reads an arXiv API answer: the entry's title, authors and date; undefined when the feed has no entry for the id
 * (an unknown id gives an empty feed; a malformed one an entry whose id is an `/api/errors` address).
 */
export function parseArxivFeed(xml: string, id: string): ArxivItem | undefined {
  const feed = parseXml(xml);
  if (!feed || feed.name !== 'feed') throw new ArxivLookupError('the arXiv API did not answer an Atom feed');
  for (const entry of childrenNamed(feed, 'entry')) {
    const entryId = textOf(child(entry, 'id')) ?? '';
    if (/\/api\/errors/.test(entryId)) continue;
    const title = textOf(child(entry, 'title'));
    if (!title) continue;
    const published = textOf(child(entry, 'published'));
    const year = published && /^\d{4}/.test(published) ? Number(published.slice(0, 4)) : undefined;
    return { id, title, authors: childrenNamed(entry, 'author').flatMap((a) => textOf(child(a, 'name')) ?? []), published, year };
  }
  return undefined;
}

/** The paper's metadata, undefined when arXiv has no paper of that id; an ArxivLookupError when it could not say. */
export async function fetchArxivMetadata(id: string, opts: ArxivMetadataOptions): Promise<ArxivItem | undefined> {
  const bare = arxivIdOf(id) ?? id.trim();
  const headers: Record<string, string> = { Accept: 'application/atom+xml' };
  if (opts.userAgent) headers['User-Agent'] = opts.userAgent;
  let res: Response;
  try {
    res = await (opts.fetch ?? fetch)(arxivRequestUrl(bare, opts.endpoint || DEFAULT_ARXIV_ENDPOINT), { headers, redirect: 'follow', signal: opts.signal });
  } catch (e) {
    if (opts.signal?.aborted) throw e;
    throw new ArxivLookupError(`the arXiv API is not reachable: ${(e as Error).message}`);
  }
  if (res.status !== 200) {
    await res.body?.cancel().catch(() => undefined);
    // arXiv answers 400 to a malformed id.
    if (res.status === 400 || res.status === 404) return undefined;
    throw new ArxivLookupError(`the arXiv API answered ${res.status}`, res.status, res.headers.get('retry-after') ?? undefined);
  }
  return parseArxivFeed(await res.text(), bare);
}
