import { linkCandidates, type LinkConvention } from './model/articleLinks';
import type { ArticleSummary } from './model/articleSummary';

export { summarize, type ArticleSummary } from './model/articleSummary';

/** Every article of a workspace, by uri, id and fact id. Updated one file at a time. */
export class WorkspaceIndex {
  private readonly byUri = new Map<string, ArticleSummary>();
  private byIdCache: Map<string, ArticleSummary[]> | undefined;
  private byFactCache: Map<string, ArticleSummary[]> | undefined;

  /** Bumped on every change, so that callers can cache what they derive. */
  generation = 0;

  set(summary: ArticleSummary): void {
    this.byUri.set(summary.uri, summary);
    this.changed();
  }

  delete(uri: string): void {
    if (this.byUri.delete(uri)) this.changed();
  }

  private changed(): void {
    this.byIdCache = undefined;
    this.byFactCache = undefined;
    this.generation++;
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

  withId(id: string): ArticleSummary[] {
    if (!this.byIdCache) {
      this.byIdCache = new Map();
      for (const s of this.byUri.values()) if (s.id) (this.byIdCache.get(s.id) ?? this.byIdCache.set(s.id, []).get(s.id)!).push(s);
    }
    return this.byIdCache.get(id) ?? [];
  }

  withFact(factId: string): ArticleSummary[] {
    if (!this.byFactCache) {
      this.byFactCache = new Map();
      for (const s of this.byUri.values()) {
        for (const f of new Set(s.facts.map((x) => x.id))) (this.byFactCache.get(f) ?? this.byFactCache.set(f, []).get(f)!).push(s);
      }
    }
    return this.byFactCache.get(factId) ?? [];
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

}
