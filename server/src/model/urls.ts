/**
 * The key two URLs share when they name the same page: the format compares leniently (case of the host, http or
 * https, a trailing `/`, a `#fragment`, `www.`).
 */
export function urlKey(url: string): string {
  // Rules compare every fact's url with every source's: the same few strings, keyed again and again.
  let key = keyCache.get(url);
  if (key === undefined) {
    if (keyCache.size >= 20_000) keyCache.clear();
    key = computeUrlKey(url);
    keyCache.set(url, key);
  }
  return key;
}

const keyCache = new Map<string, string>();

function computeUrlKey(url: string): string {
  let s = url.trim();
  const hash = s.indexOf('#');
  if (hash >= 0) s = s.slice(0, hash);
  const m = /^(?:https?:)?\/\/([^/?]*)(.*)$/i.exec(s);
  if (!m) return s.replace(/(?<!\/)\/+$/, '');
  const host = m[1].toLowerCase().replace(/^www\./, '').replace(/:(80|443)$/, '');
  // The look-behinds start a run of slashes only at its first one: linear on any input.
  const rest = m[2].replace(/(?<!\/)\/+$/, '').replace(/(?<!\/)\/+(\?)/, '$1');
  return `${host}${rest}`;
}

export function sameUrl(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && urlKey(a) === urlKey(b);
}

/** The key of a DOI, whether written bare, as `doi:` or as a doi.org URL. */
export function doiKey(doi: string): string {
  return doi
    .trim()
    .replace(/^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:)/i, '')
    .toLowerCase();
}
