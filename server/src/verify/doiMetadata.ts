// The registered metadata of a DOI, asked of a DOI resolver by content negotiation (CSL JSON), as doi.org answers
// for Crossref, DataCite and mEDRA DOIs alike. Used by `kart verify` (title/year check) and by source import.

/** A CSL-JSON date: `date-parts` is `[[year, month?, day?]]`; some registries send only `raw` or `literal`. */
export interface CslDate {
  'date-parts'?: (number | string)[][];
  raw?: string;
  literal?: string;
}

export interface CslName {
  family?: string;
  given?: string;
  literal?: string;
}

/** The part of a CSL-JSON item the tools read; registries send more, and it is kept as it came. */
export interface CslItem {
  type?: string;
  DOI?: string;
  URL?: string;
  title?: string;
  'container-title'?: string;
  publisher?: string;
  author?: CslName[];
  issued?: CslDate;
  published?: CslDate;
  'published-print'?: CslDate;
  'published-online'?: CslDate;
  created?: CslDate;
  [key: string]: unknown;
}

export interface DoiMetadataOptions {
  /** The resolver: `https://doi.org` by default; a mirror, a proxy or a test server. */
  endpoint: string;
  fetch?: typeof fetch;
  signal?: AbortSignal;
  userAgent?: string;
}

export const DEFAULT_DOI_ENDPOINT = 'https://doi.org';
export const CSL_JSON_MEDIA_TYPE = 'application/vnd.citationstyles.csl+json';

/** Thrown when the resolver could not say (network error, 429, 5xx, not CSL JSON): not the same as "no such DOI". */
export class DoiLookupError extends Error {
  constructor(message: string, readonly status?: number, readonly retryAfter?: string) {
    super(message);
    this.name = 'DoiLookupError';
  }
}

/**
 * The bare DOI of what an author wrote: `10.1000/xyz`, `doi:10.1000/xyz`, `https://doi.org/10.1000/xyz`,
 * `https://dx.doi.org/10.1000/xyz`. Undefined when it is not a DOI (it must start `10.` and have a suffix).
 */
export function normalizeDoi(value: string): string | undefined {
  let s = value.trim();
  s = s.replace(/^doi:\s*/i, '');
  s = s.replace(/^https?:\/\/(?:dx\.)?doi\.org\//i, '');
  if (/%[0-9a-f]{2}/i.test(s)) {
    try {
      s = decodeURIComponent(s);
    } catch {
      // A lone % stays as written: the resolver then says it does not know it.
    }
  }
  return /^10\.\d{4,9}\/\S+$/.test(s) ? s : undefined;
}

/** Each path segment of the DOI encoded, the `/` after the prefix kept (doi.org wants `10.1000/abc%23x`). */
export function doiPath(doi: string): string {
  return doi.split('/').map(encodeURIComponent).join('/');
}

export function doiRequestUrl(doi: string, endpoint: string = DEFAULT_DOI_ENDPOINT): string {
  return `${endpoint.replace(/\/+$/, '')}/${doiPath(doi)}`;
}

/**
 * The DOI's CSL-JSON metadata, or undefined when the resolver says the DOI is not registered (404, 410).
 * Redirects are followed (doi.org redirects content negotiation to the registry). Any other failure is a
 * DoiLookupError: a caller must not report those as an unresolvable DOI.
 */
export async function fetchDoiMetadata(doi: string, opts: DoiMetadataOptions): Promise<CslItem | undefined> {
  const bare = normalizeDoi(doi) ?? doi.trim();
  const doFetch = opts.fetch ?? fetch;
  const headers: Record<string, string> = { Accept: CSL_JSON_MEDIA_TYPE };
  if (opts.userAgent) headers['User-Agent'] = opts.userAgent;
  let res: Response;
  try {
    res = await doFetch(doiRequestUrl(bare, opts.endpoint || DEFAULT_DOI_ENDPOINT), {
      method: 'GET',
      headers,
      redirect: 'follow',
      signal: opts.signal,
    });
  } catch (e) {
    if (opts.signal?.aborted) throw e;
    throw new DoiLookupError(`DOI resolver not reachable: ${(e as Error).message}`);
  }
  if (res.status === 404 || res.status === 410) {
    await res.body?.cancel().catch(() => undefined);
    return undefined;
  }
  if (res.status !== 200) {
    await res.body?.cancel().catch(() => undefined);
    throw new DoiLookupError(`DOI resolver answered ${res.status}`, res.status, res.headers.get('retry-after') ?? undefined);
  }
  const text = await res.text();
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new DoiLookupError('DOI resolver did not answer CSL JSON', res.status);
  }
  // A CSL-JSON answer is one item; some proxies wrap it in a list.
  const item = Array.isArray(data) ? data[0] : data;
  if (!item || typeof item !== 'object') throw new DoiLookupError('DOI resolver did not answer CSL JSON', res.status);
  return normalizeCslItem(item as Record<string, unknown>);
}

/** Crossref sends `title` as a list in some answers, as a string in others: one string for the callers. */
function normalizeCslItem(raw: Record<string, unknown>): CslItem {
  const item: CslItem = { ...raw };
  for (const key of ['title', 'container-title'] as const) {
    const v = raw[key];
    if (Array.isArray(v)) item[key] = v.length > 0 ? String(v[0]) : undefined;
    else if (v !== undefined && typeof v !== 'string') item[key] = String(v);
  }
  return item;
}

/** The year of the item's first date that has one (issued, then the publication dates, then created). */
export function cslYear(item: CslItem): number | undefined {
  for (const d of [item.issued, item['published-print'], item['published-online'], item.published, item.created]) {
    const y = d?.['date-parts']?.[0]?.[0];
    const n = typeof y === 'string' ? Number.parseInt(y, 10) : y;
    if (typeof n === 'number' && Number.isFinite(n)) return n;
    const m = /\b(\d{4})\b/.exec(d?.raw ?? d?.literal ?? '');
    if (m) return Number(m[1]);
  }
  return undefined;
}
