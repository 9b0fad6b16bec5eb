import { linkCandidates, type LinkConvention } from './model/articleLinks';
import { slugOf, type ArticleSummary } from './model/articleSummary';

export { summarize, type ArticleSummary } from './model/articleSummary';

/** The name a link target gives its article: its last path segment without `.md` (the folder's for `…/index.md`). */
export function linkKey(target: string): string {
  let path = target.split('#')[0].split('?')[0];
  try {
    path = decodeURIComponent(path);
  } catch {
    // A stray % is taken as written.
  }
  const parts = path.split('/').filter((p) => p !== '' && p !== '.' && p !== '..');
  let last = (parts.pop() ?? '').replace(/\.md$/, '');
  if (last === 'index' && parts.length) last = parts.pop()!;
  return last;
}

/** A file name without `.md`: how the broken-link rule names the article it suggests. */
export const fileSlugOf = (uri: string) => (uri.slice(uri.lastIndexOf('/') + 1) || uri).replace(/\.md$/, '');

/** Lists of summaries under a key, each in the order its summaries entered the index. */
class Buckets<K> {
  private readonly map = new Map<K, ArticleSummary[]>();
  constructor(private readonly seq: (s: ArticleSummary) => number) {}

  add(key: K, s: ArticleSummary): void {
    const list = this.map.get(key);
    if (!list) {
      this.map.set(key, [s]);
      return;
    }
    // Almost always appended at the end; an entry re-set in place keeps its position.
    const n = this.seq(s);
    let at = list.length;
    while (at > 0 && this.seq(list[at - 1]) > n) at--;
    list.splice(at, 0, s);
  }

  remove(key: K, s: ArticleSummary): void {
    const list = this.map.get(key);
    if (!list) return;
    const at = list.indexOf(s);
    if (at >= 0) list.splice(at, 1);
    if (list.length === 0) this.map.delete(key);
  }

  get(key: K): readonly ArticleSummary[] {
    return this.map.get(key) ?? [];
  }

  keys(): IterableIterator<K> {
    return this.map.keys();
  }
}

/**
 * Every article of a workspace, by uri, id, fact id, file name and the names its links give. Each lookup is kept up
 * to date one file at a time, so that a change costs what that file holds, never a pass over the workspace.
 */
export class WorkspaceIndex {
  private readonly byUri = new Map<string, ArticleSummary>();
  private readonly order = new Map<string, number>();
  private nextSeq = 0;
  private readonly seqOf = (s: ArticleSummary) => this.order.get(s.uri) ?? Number.MAX_SAFE_INTEGER;
  private readonly byId = new Buckets<string>(this.seqOf);
  private readonly byFact = new Buckets<string>(this.seqOf);
  private readonly byFileSlug = new Buckets<string>(this.seqOf);
  /** Articles by the name of an article their links give (see linkKey): who may link to a file. */
  private readonly byLinkKey = new Buckets<string>(this.seqOf);
  private slugLengths: Map<number, Set<string>> | undefined;

  /** Bumped on every change, so that callers can cache what they derive. */
  generation = 0;
  private memoGeneration = -1;
  private readonly memoMap = new Map<string, unknown>();
  private sortedSlugs: string[] | undefined;

  /** What `make` derives from the index, computed once per key until the index changes. */
  cached<T>(key: string, make: () => T): T {
    if (this.memoGeneration !== this.generation) {
      this.memoMap.clear();
      this.memoGeneration = this.generation;
    }
    if (this.memoMap.has(key)) return this.memoMap.get(key) as T;
    const v = make();
    this.memoMap.set(key, v);
    return v;
  }

  set(summary: ArticleSummary): void {
    const old = this.byUri.get(summary.uri);
    if (old) this.unlink(old);
    else this.order.set(summary.uri, this.nextSeq++);
    this.byUri.set(summary.uri, summary);
    this.link(summary);
    this.generation++;
  }

  delete(uri: string): void {
    const old = this.byUri.get(uri);
    if (!old) return;
    this.unlink(old);
    this.byUri.delete(uri);
    this.order.delete(uri);
    this.generation++;
  }

  private link(s: ArticleSummary): void {
    if (s.id) this.byId.add(s.id, s);
    for (const f of new Set(s.facts.map((x) => x.id))) this.byFact.add(f, s);
    const slug = fileSlugOf(s.uri);
    if (this.byFileSlug.get(slug).length === 0) {
      this.slugLengths?.get(slug.length)?.add(slug) ?? this.slugLengths?.set(slug.length, new Set([slug]));
      this.sortedSlugs = undefined;
    }
    this.byFileSlug.add(slug, s);
    for (const k of new Set((s.links ?? []).map((l) => linkKey(l.target)))) this.byLinkKey.add(k, s);
  }

  private unlink(s: ArticleSummary): void {
    if (s.id) this.byId.remove(s.id, s);
    for (const f of new Set(s.facts.map((x) => x.id))) this.byFact.remove(f, s);
    const slug = fileSlugOf(s.uri);
    this.byFileSlug.remove(slug, s);
    if (this.byFileSlug.get(slug).length === 0) {
      this.slugLengths?.get(slug.length)?.delete(slug);
      this.sortedSlugs = undefined;
    }
    for (const k of new Set((s.links ?? []).map((l) => linkKey(l.target)))) this.byLinkKey.remove(k, s);
  }

  get(uri: string): ArticleSummary | undefined {
    return this.byUri.get(uri);
  }

  has(uri: string): boolean {
    return this.byUri.has(uri);
  }

  all(): IterableIterator<ArticleSummary> {
    return this.byUri.values();
  }

  get size(): number {
    return this.byUri.size;
  }

  withId(id: string): readonly ArticleSummary[] {
    return this.byId.get(id);
  }

  withFact(factId: string): readonly ArticleSummary[] {
    return this.byFact.get(factId);
  }

  /** Articles whose file is named `slug`.md. */
  withFileSlug(slug: string): readonly ArticleSummary[] {
    return this.byFileSlug.get(slug);
  }

  /** Articles with a link whose target names an article `key` (see linkKey): those a file of that name may concern. */
  linkingTo(key: string): readonly ArticleSummary[] {
    return this.byLinkKey.get(key);
  }

  /** Every file name (without `.md`) of `length` characters, for near-spelling suggestions. */
  fileSlugsOfLength(length: number): Iterable<string> {
    return this.lengths().get(length) ?? [];
  }

  /** File names by length, built on first use and kept up to date after. */
  private lengths(): Map<number, Set<string>> {
    if (!this.slugLengths) {
      this.slugLengths = new Map();
      for (const slug of this.byFileSlug.keys()) this.slugLengths.get(slug.length)?.add(slug) ?? this.slugLengths.set(slug.length, new Set([slug]));
    }
    return this.slugLengths;
  }

  /** File names (without `.md`) that start with `prefix`. */
  fileSlugsStartingWith(prefix: string): string[] {
    const sorted = (this.sortedSlugs ??= [...this.byFileSlug.keys()].sort());
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: string[] = [];
    for (let i = lo; i < sorted.length && sorted[i].startsWith(prefix); i++) out.push(sorted[i]);
    return out;
  }

  /**
   * Where a relative link from an article leads. Two conventions are in use: relative to a folder named after the
   * article (site-URL style) and relative to the file's own folder. Returns the article found and the convention.
   */
  resolveLink(fromUri: string, target: string): { summary: ArticleSummary; convention: LinkConvention } | undefined {
    for (const { uri, convention } of linkCandidates(fromUri, target)) {
      const summary = this.byUri.get(uri);
      if (summary) return { summary, convention };
    }
    return undefined;
  }

  /** The articles whose workspace findings a change of `before` into `after` (either absent) can change. */
  affectedBy(before: ArticleSummary | undefined, after: ArticleSummary | undefined): Set<string> {
    const out = new Set<string>();
    for (const s of [before, after]) {
      if (!s) continue;
      if (s.id) for (const o of this.withId(s.id)) out.add(o.uri);
      for (const f of s.facts) for (const o of this.withFact(f.id)) out.add(o.uri);
      for (const o of this.linkingTo(slugOf(s.uri))) out.add(o.uri);
    }
    if (before) out.delete(before.uri);
    if (after) out.delete(after.uri);
    return out;
  }
}
