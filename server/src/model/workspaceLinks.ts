import type { TextRange } from '../core/types';
import type { ArticleSummary, WorkspaceIndex } from '../workspaceIndex';
import type { LinkConvention } from './articleLinks';
import { doiKey, urlKey } from './urls';

/** A link from one article to another, as the index knows it: the target as written, resolved. */
export interface Backlink {
  fromUri: string;
  target: string;
  convention: LinkConvention;
}

/** A source entry of some article, found by its url or DOI. */
export interface SourceUse {
  uri: string;
  title?: string;
  range: TextRange;
}

interface Derived {
  generation: number;
  backlinks: Map<string, Backlink[]>;
  sources: Map<string, SourceUse[]>;
}

const derived = new WeakMap<WorkspaceIndex, Derived>();

const DOI_URL = /^https?:\/\/(?:dx\.)?doi\.org\//i;

/** The keys a source is known by: its url (compared leniently) and its DOI, a doi.org url counting as a DOI. */
export function sourceKeys(source: { url?: string; doi?: string }): string[] {
  const keys = new Set<string>();
  const url = source.url?.trim();
  if (url) keys.add(DOI_URL.test(url) ? `doi:${doiKey(url)}` : `url:${urlKey(url)}`);
  const doi = source.doi?.trim();
  if (doi) keys.add(`doi:${doiKey(doi)}`);
  return [...keys];
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The lookups every request shares, built once per index generation (a link resolves against the whole index). */
function derive(index: WorkspaceIndex): Derived {
  const cached = derived.get(index);
  if (cached && cached.generation === index.generation) return cached;
  const d: Derived = { generation: index.generation, backlinks: new Map(), sources: new Map() };
  for (const s of index.all()) {
    for (const target of new Set(s.links.map((l) => l.target))) {
      const found = index.resolveLink(s.uri, target);
      if (found && found.summary.uri !== s.uri) push(d.backlinks, found.summary.uri, { fromUri: s.uri, target, convention: found.convention });
    }
    for (const src of s.sources ?? []) for (const key of sourceKeys(src)) push(d.sources, key, { uri: s.uri, title: src.title, range: src.range });
  }
  derived.set(index, d);
  return d;
}

/** The links from other indexed articles to this one, in the order the index holds them. */
export function backlinksTo(index: WorkspaceIndex, uri: string): Backlink[] {
  return derive(index).backlinks.get(uri) ?? [];
}

/** The source entries, in every indexed article, that have the given url or DOI (each entry once). */
export function sourceUses(index: WorkspaceIndex, source: { url?: string; doi?: string }): SourceUse[] {
  const d = derive(index);
  const seen = new Set<string>();
  const out: SourceUse[] = [];
  for (const key of sourceKeys(source)) {
    for (const use of d.sources.get(key) ?? []) {
      const id = `${use.uri}#${use.range.start}`;
      if (seen.has(id)) continue;
      seen.add(id);
      out.push(use);
    }
  }
  return out;
}

/** Every article under a folder (a directory move), by uri. */
export function articlesUnder(index: WorkspaceIndex, folderUri: string): ArticleSummary[] {
  const prefix = folderUri.replace(/\/+$/, '') + '/';
  return [...index.all()].filter((s) => s.uri.startsWith(prefix));
}
