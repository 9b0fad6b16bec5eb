/**
 * Which link targets the preview may render. Articles are written by strangers: only web and mail links become links;
 * `javascript:`, `data:`, `vbscript:`, `command:`, `file:` and relative targets stay text. Pure.
 */

const ALLOWED = /^(?:https?:\/\/|mailto:)/i;

/**
 * True when a target, already normalised by markdown-it (`md.normalizeLink`: entities decoded, unsafe characters
 * percent-encoded), starts with an allowed scheme. Control characters and white space that browsers strip before the
 * scheme are refused rather than trimmed.
 */
export function isSafeHref(url: string): boolean {
  return ALLOWED.test(url);
}

/** The scheme of an absolute URL as the browser would read it, lower-cased; undefined for relative ones. */
export function schemeOf(url: string): string | undefined {
  try {
    return new URL(url).protocol.replace(/:$/, '').toLowerCase();
  } catch {
    return undefined;
  }
}

/** Links the extension may hand to the operating system (the preview asks; the extension checks again). */
export function isExternalLink(url: string): boolean {
  const scheme = schemeOf(url);
  return scheme === 'http' || scheme === 'https' || scheme === 'mailto';
}
