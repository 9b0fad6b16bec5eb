import type { TextRange } from '../core/types';
import { memo, type Article, type Fact, type Item, type Source } from '../model/article';
import { trimmedRange } from './yamlValues';
import { doiKey, sameUrl, urlKey } from '../model/urls';

/** The DOI a link names when it is a doi.org address. */
function doiOfUrl(url: string | undefined): string | undefined {
  return url && /^\s*https?:\/\/(?:dx\.)?doi\.org\/10\./i.test(url) ? doiKey(url) : undefined;
}

function fragment(url: string | undefined): string {
  const hash = url?.indexOf('#') ?? -1;
  return hash >= 0 ? url!.slice(hash + 1) : '';
}

/** The DOIs of a fact or a source: its doi field and a doi.org url. */
function doisOf(doi: string | undefined, url: string | undefined): string[] {
  const out: string[] = [];
  if (doi?.trim()) out.push(doiKey(doi));
  const fromUrl = doiOfUrl(url);
  if (fromUrl) out.push(fromUrl);
  return out;
}

/** Whether a fact's source_url or source_doi points to a source. */
export function factPointsTo(fact: Fact, source: Source): boolean {
  if (fact.sourceUrl?.trim() && sameUrl(fact.sourceUrl, source.url)) return true;
  const factDois = doisOf(fact.sourceDoi, fact.sourceUrl);
  return factDois.length > 0 && doisOf(source.doi, source.url).some((d) => factDois.includes(d));
}

interface FactSourceLinks {
  /** For each fact index, the sources it points to, the ones whose url has the same #fragment first. */
  sourcesOf: Map<number, Source[]>;
  /** For each source (by list and index), the facts pointing to it. */
  factsOf: Map<Source, Fact[]>;
}

/** Which facts point to which sources, computed once per version. */
export function factSourceLinks(article: Article): FactSourceLinks {
  return memo(article, 'factSourceLinks', () => {
    const sourcesOf = new Map<number, Source[]>();
    const factsOf = new Map<Source, Fact[]>(article.sources.map((s) => [s, []]));
    for (const fact of article.facts) {
      const found = article.sources.filter((s) => factPointsTo(fact, s));
      found.sort((a, b) => Number(fragment(b.url) === fragment(fact.sourceUrl)) - Number(fragment(a.url) === fragment(fact.sourceUrl)));
      sourcesOf.set(fact.index, found);
      for (const s of found) factsOf.get(s)!.push(fact);
    }
    return { sourcesOf, factsOf };
  });
}

/** Titles compared as a reader sees them: case, white space, dashes, quotes and punctuation do not count. */
export function titleKey(title: string): string {
  return title
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .trim()
    .split(/\s+/)
    .join(' ');
}

/** Two source entries name the same document: the same url (fragment included), the same DOI, or, with neither, the same title. */
export function sameSource(a: Source, b: Source): boolean {
  if (a.url?.trim() && b.url?.trim() && urlKey(a.url) === urlKey(b.url) && fragment(a.url) === fragment(b.url)) return true;
  const da = doisOf(a.doi, undefined);
  if (da.length > 0 && doisOf(b.doi, undefined).some((d) => da.includes(d))) return true;
  const unlinked = (s: Source) => !s.url?.trim() && !s.doi?.trim() && !!s.title?.trim();
  return unlinked(a) && unlinked(b) && titleKey(a.title!) === titleKey(b.title!);
}

/** ISO 639-1 language codes: `/en/` is a home page in English, `/ai/` is a page about AI. */
const LANGUAGES = new Set(
  'aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu'.split(' '),
);

/** A site's home page: no path beyond `/`, an index page or a bare language folder (`/en/`, `/pt-br/`), and no query. */
export function isHomePage(url: string | undefined): boolean {
  if (!url) return false;
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    return false;
  }
  if (!/^https?:$/.test(u.protocol) || u.search) return false;
  const m = /^\/?(?:index\.(?:html?|php)|([a-z]{2})(?:[-_][a-z]{2})?\/?)?$/i.exec(u.pathname);
  return !!m && (m[1] === undefined || LANGUAGES.has(m[1].toLowerCase()));
}

/** The string to name a source by in messages. */
export function sourceLabel(source: Source): string {
  return source.title?.trim() ? `"${source.title.trim()}"` : `${source.list}[${source.index}]`;
}

/** The range that stands for an item in findings: the value of `key` when present, else its first key. */
export function itemAnchor(article: Article, item: Item, key: string): TextRange {
  const field = item.fields.get(key);
  if (field?.valueRange && field.valueRange.end > field.valueRange.start) return trimmedRange(article, field.valueRange);
  const first = [...item.fields.values()][0];
  return first?.keyRange ?? trimmedRange(article, item.range);
}
