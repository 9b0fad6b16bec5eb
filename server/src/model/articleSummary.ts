import type { TextRange } from '../core/types';
import type { Article } from './article';
import { isArticleLinkTarget } from './articleLinks';
import { suppressionsOf } from './suppressions';

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
  /** Links that may name another article (as the body writes them), for the workspace rules and the link index. */
  links: { target: string; range: TextRange }[];
  /**
   * `kart-disable-next-line` directives, as the offsets of the line each silences (start inclusive, end exclusive);
   * absent when there are none, as in most files.
   */
  suppressed?: { start: number; end: number; rules: string[] }[];
  /** Its sources, for workspace symbols and for finding the articles that cite the same one. */
  sources?: SourceSummary[];
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

/**
 * A copy that holds none of the file's text: the strings of a model are often slices of the whole file, and a summary
 * kept for every file of a large base must not keep every file's text alive through them.
 */
export function detached<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
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
    links: [...article.body.links, ...article.body.linkDefinitions].flatMap((l) => (l.targetRange && isArticleLinkTarget(l.target) ? [{ target: l.target, range: l.targetRange }] : [])),
    ...suppressedOf(article),
  };
}

/**
 * The part of a summary the workspace rules read (article-id-duplicate, fact-id-reused, link-broken-article): what
 * `kart check` keeps of each file of a base, where the TL;DR, the statements and the sources that the editor's
 * features show would be most of its memory. test/unit/workspaceSubject.test.ts holds the rules to it.
 */
export function workspaceSubject(s: ArticleSummary): ArticleSummary {
  return {
    uri: s.uri,
    id: s.id,
    idRange: s.idRange,
    title: s.title,
    facts: s.facts.map((f) => ({ id: f.id, range: f.range })),
    links: s.links,
    ...(s.suppressed ? { suppressed: s.suppressed } : {}),
  };
}

function suppressedOf(article: Article): Pick<ArticleSummary, 'suppressed'> {
  const list = suppressionsOf(article);
  if (list.length === 0) return {};
  const { lines } = article;
  return {
    suppressed: list.map((s) => ({ start: lines.lineStart(Math.min(s.from, lines.lineCount - 1)), end: s.to < lines.lineCount ? lines.lineStart(s.to) : article.text.length + 1, rules: s.rules })),
  };
}

/** The file name without `.md`, or the folder's name for an `index.md`: how links and suggestions name an article. */
export function slugOf(uri: string): string {
  const parts = uri.split('/');
  let last = parts[parts.length - 1].replace(/\.md$/, '');
  if (last === 'index' && parts.length > 1) last = parts[parts.length - 2];
  return last;
}
