// What there is to verify in an article: each source's url and doi, each fact's source_url and source_doi, with
// the title and year the article gives for them and where they stand.
import type { TextRange } from '../core/types';
import { memo, scalarString, type Article, type Fact, type Field, type Source } from '../model/article';
import { arxivIdOf } from './arxivMetadata';
import { normalizeDoi } from './doiMetadata';
import { resultKey, type VerifyKind } from './report';

export interface VerifyTarget {
  kind: VerifyKind;
  /** The report key (see resultKey). */
  key: string;
  /** The identifier as written, trimmed: a URL, a DOI, an arXiv id or URL. */
  value: string;
  /** The value's range, without the white space a block ends with. */
  range: TextRange;
  /** The field holding it: `url`, `doi`, `source_url`, `source_doi`. */
  field: string;
  source?: Source;
  fact?: Fact;
  title?: string;
  titleRange?: TextRange;
  year?: number;
  yearRange?: TextRange;
}

const HTTP = /^https?:\/\/[^\s/?#]+/i;

function trimmed(article: Article, field: Field): TextRange | undefined {
  const r = field.valueRange;
  if (!r) return undefined;
  let end = r.end;
  while (end > r.start && /\s/.test(article.text[end - 1])) end--;
  return { start: r.start, end };
}

function yearOf(field: Field | undefined): number | undefined {
  const s = scalarString(field?.node ?? null)?.trim();
  return s && /^\d{4}$/.test(s) ? Number(s) : undefined;
}

function targetsOf(article: Article, fields: Map<string, Field>, urlKey: string, doiKey: string, titleKey: string, owner: { source?: Source; fact?: Fact }): VerifyTarget[] {
  const out: VerifyTarget[] = [];
  const titleField = fields.get(titleKey);
  const title = scalarString(titleField?.node ?? null)?.trim() || undefined;
  const titleRange = titleField ? trimmed(article, titleField) : undefined;
  const yearField = owner.source ? fields.get('year') : undefined;
  const common = { ...owner, title, titleRange, year: yearOf(yearField), yearRange: yearField ? trimmed(article, yearField) : undefined };
  const urlField = fields.get(urlKey);
  const url = scalarString(urlField?.node ?? null)?.trim();
  const urlRange = urlField && trimmed(article, urlField);
  if (url && urlRange && HTTP.test(url)) {
    // arXiv asks programs to use its API, not its pages: an arXiv URL is verified as an arXiv id.
    const arxiv = arxivIdOf(url);
    if (arxiv) out.push({ kind: 'arxiv', key: resultKey('arxiv', arxiv), value: url, range: urlRange, field: urlKey, ...common });
    else out.push({ kind: 'url', key: resultKey('url', url), value: url, range: urlRange, field: urlKey, ...common });
  }
  const doiField = fields.get(doiKey);
  const doi = scalarString(doiField?.node ?? null)?.trim();
  const doiRange = doiField && trimmed(article, doiField);
  if (doi && doiRange) {
    const bare = normalizeDoi(doi);
    // An arXiv DOI (10.48550/arXiv.ID) is registered with DataCite and resolves like any other: kept a DOI.
    out.push({ kind: 'doi', key: bare ? resultKey('doi', bare) : `doi:${doi.toLowerCase()}`, value: doi, range: doiRange, field: doiKey, ...common });
  }
  return out;
}

/** Every identifier of the article to verify, in document order. */
export function verifyTargets(article: Article): VerifyTarget[] {
  return memo(article, 'verifyTargets', () => {
    const out: VerifyTarget[] = [];
    for (const source of article.sources) if (source.isMap) out.push(...targetsOf(article, source.fields, 'url', 'doi', 'title', { source }));
    for (const fact of article.facts) if (fact.isMap) out.push(...targetsOf(article, fact.fields, 'source_url', 'source_doi', 'source_title', { fact }));
    return out.sort((a, b) => a.range.start - b.range.start);
  });
}

/** Whether a DOI as written is one at all: a malformed one is reported without asking any resolver. */
export const isWellFormedDoi = (target: VerifyTarget) => target.kind !== 'doi' || normalizeDoi(target.value) !== undefined;

/** "source 2 (primary_sources)" or the fact's id: how a message names the entry. */
export function ownerLabel(t: VerifyTarget): string {
  if (t.fact) return t.fact.id ? `fact "${t.fact.id}"` : `fact ${t.fact.index + 1}`;
  if (t.source) return t.source.title ? `source "${t.source.title}"` : `${t.source.list} ${t.source.index + 1}`;
  return 'entry';
}
