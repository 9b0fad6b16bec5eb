import type { TextRange } from '../core/types';
import type { Article } from './article';

/** What the workspace needs to know of one article, kept after its full model is dropped. */
export interface ArticleSummary {
  uri: string;
  id?: string;
  idRange?: TextRange;
  title?: string;
  category?: string;
  categoryRange?: TextRange;
  confidence?: string;
  tldr?: string;
  facts: { id: string; range: TextRange; statement?: string }[];
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
    category: str('category'),
    categoryRange: article.fields.get('category')?.valueRange,
    confidence: str('confidence'),
    tldr: firstParagraphOf(article, 'TL;DR'),
    facts: article.facts.flatMap((f) => (f.id ? [{ id: f.id, range: f.fields.get('id')!.valueRange ?? f.range, statement: f.statement }] : [])),
  };
}
