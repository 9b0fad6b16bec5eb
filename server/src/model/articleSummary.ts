import type { TextRange } from '../core/types';
import type { Article } from './article';
import { isArticleLinkTarget } from './articleLinks';

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
