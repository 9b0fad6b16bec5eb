import type { Article } from './model/article';
import type { TextRange } from './core/types';
import { isArticleLinkTarget, linkCandidates, type LinkConvention } from './model/articleLinks';

/** What the workspace needs to know of one article, kept after its full model is dropped. */
export interface ArticleSummary {
  uri: string;
  id?: string;
  idRange?: TextRange;
  title?: string;
  titleRange?: TextRange;
  category?: string;
  categoryRange?: TextRange;
  confidence?: string;
  tldr?: string;
  facts: { id: string; range: TextRange; statement?: string }[];
  /** Its sources, for workspace symbols and for finding the articles that cite the same one. */
  sources?: SourceSummary[];
  /** The targets of its relative links that may name other articles, as written (empty when the body was not read). */
  links?: string[];
}

export interface SourceSummary {
  title?: string;
  url?: string;
  doi?: string;
  /** The title's value, or the whole entry when it has none. */
  range: TextRange;
}

function firstParagraphOf(article: Article, section: string): string | undefined {
  const p = article.body.paragraphs.find((x) => x.section === section);
  return p?.text.replace(/\s+/g, ' ').trim();
}

export function summarize(article: Article): ArticleSummary {
  const str = (k: string) => {
    const v = article.fields.get(k)?.value;
    return typeof v === 'string' ? v : undefined;
  };
  return {
    uri: article.uri,
    id: str('id'),
    idRange: article.fields.get('id')?.valueRange,
    title: str('title'),
    titleRange: article.fields.get('title')?.valueRange,
    category: str('category'),
    categoryRange: article.fields.get('category')?.valueRange,
    confidence: str('confidence'),
    tldr: firstParagraphOf(article, 'TL;DR'),
    facts: article.facts.flatMap((f) => (f.id ? [{ id: f.id, range: f.fields.get('id')!.valueRange ?? f.range, statement: f.statement }] : [])),
    sources: article.sources.flatMap((s) =>
      s.title !== undefined || s.url !== undefined || s.doi !== undefined ? [{ title: s.title, url: s.url, doi: s.doi, range: s.fields.get('title')?.valueRange ?? s.range }] : [],
    ),
    links: [...new Set(article.body.links.map((l) => l.target).filter(isArticleLinkTarget))],
  };
}

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
