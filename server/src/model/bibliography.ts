/**
 * Bibliographic records brought in from elsewhere, as CSL JSON items: a BibTeX entry (parsed by citation-js, which
 * knows BibTeX's macros, LaTeX accents and name parts), a CSL JSON item or list (what Zotero, Pandoc and the DOI
 * resolvers give), or a DOI to look up. And what an article's source entry takes from one of them.
 */
import type { CslItem, CslName } from '../verify/doiMetadata';
import { cslYear, normalizeDoi } from '../verify/doiMetadata';

export type { CslItem } from '../verify/doiMetadata';

export type ImportInput = { kind: 'bibtex'; text: string } | { kind: 'csl'; text: string } | { kind: 'doi'; doi: string };

/** What a pasted text is: CSL JSON when it is JSON, BibTeX when it starts with an `@entry`, else a DOI; undefined when none. */
export function classifyInput(text: string): ImportInput | undefined {
  const t = text.trim();
  if (!t) return undefined;
  if (t.startsWith('{') || t.startsWith('[')) return { kind: 'csl', text: t };
  if (t.startsWith('@')) return { kind: 'bibtex', text: t };
  const doi = normalizeDoi(t);
  return doi ? { kind: 'doi', doi } : undefined;
}

export class BibliographyError extends Error {
  override name = 'BibliographyError';
}

const isItem = (v: unknown): v is CslItem => !!v && typeof v === 'object' && !Array.isArray(v);

/** The items of CSL JSON text: one item, a list of items, or an object with `items` (a CSL-JSON export). */
export function parseCslJson(text: string): CslItem[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new BibliographyError(`Not valid JSON: ${(e as Error).message}`);
  }
  const list = Array.isArray(data) ? data : isItem(data) && Array.isArray((data as { items?: unknown }).items) ? (data as { items: unknown[] }).items : [data];
  const items = list.filter(isItem).map(normalizeTitles);
  if (items.length === 0 || !items.some((i) => typeof i.title === 'string' || typeof i.DOI === 'string')) throw new BibliographyError('No CSL JSON item (an object with a title or a DOI) in it.');
  return items;
}

function normalizeTitles(raw: CslItem): CslItem {
  const item: CslItem = { ...raw };
  for (const key of ['title', 'container-title', 'publisher'] as const) {
    const v = raw[key];
    if (Array.isArray(v)) item[key] = v.length ? String(v[0]) : undefined;
  }
  return item;
}

interface CitationJs {
  plugins: { input: { chain(input: string, options: { generateGraph: boolean; forceType: string }): unknown } };
}

let citationJs: Promise<CitationJs> | undefined;

/** citation-js, loaded on first use: the server starts without it. */
function loadCitationJs(): Promise<CitationJs> {
  citationJs ??= (async () => {
    const core = (await import('@citation-js/core')) as unknown as CitationJs;
    await import('@citation-js/plugin-bibtex');
    return core;
  })();
  return citationJs;
}

/** The entries of BibTeX text as CSL JSON items; a syntax error says where. */
export async function parseBibtex(text: string): Promise<CslItem[]> {
  const { plugins } = await loadCitationJs();
  let items: unknown;
  try {
    items = plugins.input.chain(text, { generateGraph: false, forceType: '@bibtex/text' });
  } catch (e) {
    throw new BibliographyError(`Not valid BibTeX: ${(e as Error).message.split('\n')[0]}`);
  }
  const list = Array.isArray(items) ? items.filter(isItem) : [];
  if (list.length === 0) throw new BibliographyError('No BibTeX entry in it.');
  return list;
}

/** A person or body, as "Given Family" and as "Family, Given" (the same for a body's name). */
export interface AuthorName {
  natural: string;
  inverted: string;
}

/** What an article's source entry holds, taken from a CSL item. */
export interface SourceFields {
  title?: string;
  type: string;
  year?: number;
  url?: string;
  doi?: string;
  authors?: AuthorName[];
  institution?: string;
}

/** CSL item types to the format's source types (the content standard's preferred names where one fits). */
const TYPE_MAP: Record<string, string> = {
  'article-journal': 'academic_paper',
  article: 'academic_paper',
  'article-magazine': 'report',
  'article-newspaper': 'report',
  manuscript: 'academic_paper',
  thesis: 'academic_paper',
  'paper-conference': 'conference_paper',
  book: 'book',
  chapter: 'book',
  'entry-encyclopedia': 'encyclopedia',
  'entry-dictionary': 'reference',
  entry: 'reference',
  report: 'report',
  standard: 'standard',
  legislation: 'official_report',
  regulation: 'official_report',
  software: 'repository',
  dataset: 'repository',
  webpage: 'documentation',
  'post-weblog': 'blog_post',
  post: 'blog_post',
  speech: 'conference_paper',
};

export function sourceTypeOf(item: CslItem): string {
  const t = typeof item.type === 'string' ? item.type : '';
  if (t === 'report' && /\b(government|ministry|department|agency|office)\b/i.test(String(item.publisher ?? item.authority ?? ''))) return 'government_report';
  return TYPE_MAP[t] ?? 'reference';
}

function nameOf(n: CslName & Record<string, unknown>): AuthorName | undefined {
  const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  const literal = str(n.literal);
  if (literal) return { natural: literal, inverted: literal };
  const family = [str(n['non-dropping-particle']), str(n.family)].filter(Boolean).join(' ');
  const given = [str(n.given), str(n['dropping-particle'])].filter(Boolean).join(' ');
  const suffix = str(n.suffix);
  if (!family && !given) return undefined;
  const natural = [given, family].filter(Boolean).join(' ') + (suffix ? `, ${suffix}` : '');
  const inverted = family && given ? `${family}, ${given}${suffix ? `, ${suffix}` : ''}` : natural;
  return { natural, inverted };
}

const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.split(/\s+/).join(' ').trim() : undefined);

/** The source entry a CSL item makes: a DOI's resolver url stands for the url when the item has none. */
export function sourceFieldsOf(item: CslItem): SourceFields {
  const doi = typeof item.DOI === 'string' ? normalizeDoi(item.DOI) ?? item.DOI.trim() : undefined;
  const names = [...(Array.isArray(item.author) ? item.author : []), ...(!item.author && Array.isArray(item.editor) ? (item.editor as CslName[]) : [])];
  const authors = names.flatMap((n) => (n && typeof n === 'object' ? nameOf(n as CslName & Record<string, unknown>) ?? [] : []));
  return {
    title: text(item.title),
    type: sourceTypeOf(item),
    year: cslYear(item),
    url: text(item.URL) ?? (doi ? `https://doi.org/${doi}` : undefined),
    doi,
    authors: authors.length ? authors : undefined,
    institution: text(item.publisher) ?? text(item.authority) ?? text(item['container-title']),
  };
}
