/** Pure URI helpers for `file:` URIs and plain paths alike: `/` separated, no file system. */

export function dirnameUri(uri: string): string {
  const i = uri.lastIndexOf('/');
  return i <= 0 ? uri : uri.slice(0, i);
}

export function basenameUri(uri: string): string {
  return uri.slice(uri.lastIndexOf('/') + 1);
}

/** Resolves a relative reference against a base ending in `/` (a folder) or naming a file. */
export function resolveUri(base: string, relative: string): string {
  const schemeEnd = base.indexOf('://');
  const prefixEnd = schemeEnd >= 0 ? base.indexOf('/', schemeEnd + 3) : 0;
  const prefix = base.slice(0, Math.max(0, prefixEnd));
  const basePath = base.slice(Math.max(0, prefixEnd));
  const parts = (relative.startsWith('/') ? relative : basePath.slice(0, basePath.lastIndexOf('/') + 1) + relative).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') {
      if (out.length > 1) out.pop();
    } else if (p !== '.') out.push(p);
  }
  return prefix + out.join('/');
}

/** The path of `uri` relative to the folder `root` (both URIs or both paths); undefined when outside it. */
export function relativeTo(root: string, uri: string): string | undefined {
  const r = root.endsWith('/') ? root : root + '/';
  return uri.startsWith(r) ? uri.slice(r.length) : undefined;
}
