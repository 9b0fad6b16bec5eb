/**
 * Go to Symbol in Workspace: articles by title and id, facts by id and statement, sources by title, ranked by a
 * fuzzy match. Built over the index summaries (no file is read), and the searchable texts are prepared once per
 * index generation, so that each keystroke only scores.
 */
import { throwIfCancelled, type CancellationToken, type TextRange } from '../core/types';
import { fuzzyScore, queryWords } from '../model/fuzzy';
import type { WorkspaceIndex } from '../workspaceIndex';

export type WorkspaceSymbolKind = 'article' | 'fact' | 'source';

export interface WorkspaceSymbolResult {
  name: string;
  kind: WorkspaceSymbolKind;
  /** The article it is in (for an article, its category). */
  containerName?: string;
  uri: string;
  /** Offsets in that file. */
  range: TextRange;
}

interface Entry {
  symbol: WorkspaceSymbolResult;
  /** Lowercased text the query is matched against. */
  search: string;
  rank: number;
}

const KIND_RANK: Record<WorkspaceSymbolKind, number> = { article: 2, fact: 1, source: 0 };

/** More results than this are cut to the best ones: a list that long is never read, and clients filter it again. */
export const MAX_WORKSPACE_SYMBOLS = 200;

const oneLine = (s: string) => s.split(/\s+/).join(' ').trim();

const prepared = new WeakMap<WorkspaceIndex, { generation: number; entries: Entry[] }>();

function entriesOf(index: WorkspaceIndex, token: CancellationToken): Entry[] {
  const cached = prepared.get(index);
  if (cached && cached.generation === index.generation) return cached.entries;
  const entries: Entry[] = [];
  let n = 0;
  for (const s of index.all()) {
    if (++n % 2000 === 0) throwIfCancelled(token);
    const title = s.title !== undefined ? oneLine(s.title) : undefined;
    const label = title || s.id;
    if (label) {
      // The name carries the id too: editors filter the list again by name, and an id typed must still match.
      const name = title && s.id && s.id !== title ? `${title} (${s.id})` : label;
      entries.push({
        symbol: { name, kind: 'article', containerName: s.category, uri: s.uri, range: s.titleRange ?? s.idRange ?? { start: 0, end: 0 } },
        search: name.toLowerCase(),
        rank: KIND_RANK.article,
      });
    }
    const where = label;
    for (const f of s.facts) {
      const statement = f.statement !== undefined ? oneLine(f.statement) : '';
      const name = statement ? `${f.id}: ${statement}` : f.id;
      entries.push({ symbol: { name, kind: 'fact', containerName: where, uri: s.uri, range: f.range }, search: name.toLowerCase(), rank: KIND_RANK.fact });
    }
    for (const src of s.sources ?? []) {
      if (!src.title) continue;
      const name = oneLine(src.title);
      entries.push({ symbol: { name, kind: 'source', containerName: where, uri: s.uri, range: src.range }, search: name.toLowerCase(), rank: KIND_RANK.source });
    }
  }
  prepared.set(index, { generation: index.generation, entries });
  return entries;
}

/**
 * The symbols matching a query, best first: a better match first, then articles before facts before sources, then
 * the shorter name. An empty query lists articles by title.
 */
export function getWorkspaceSymbols(index: WorkspaceIndex, query: string, token: CancellationToken, max = MAX_WORKSPACE_SYMBOLS): WorkspaceSymbolResult[] {
  const entries = entriesOf(index, token);
  const words = queryWords(query);
  if (words.length === 0) {
    return entries
      .filter((e) => e.symbol.kind === 'article')
      .sort((a, b) => (a.search < b.search ? -1 : a.search > b.search ? 1 : 0))
      .slice(0, max)
      .map((e) => e.symbol);
  }
  const order = (a: { entry: Entry; score: number }, b: { entry: Entry; score: number }) =>
    b.score - a.score || b.entry.rank - a.entry.rank || a.entry.search.length - b.entry.search.length || (a.entry.search < b.entry.search ? -1 : 1);
  let hits: { entry: Entry; score: number }[] = [];
  // Only the best `max` are kept: a one-letter query matches nearly everything, and sorting all of it cost most.
  let floor = -1;
  for (let i = 0; i < entries.length; i++) {
    if (i % 5000 === 4999) throwIfCancelled(token);
    const e = entries[i];
    const score = fuzzyScore(e.search, words);
    if (score < 0 || score < floor) continue;
    hits.push({ entry: e, score });
    if (hits.length >= max * 4) {
      hits = hits.sort(order).slice(0, max);
      floor = hits[hits.length - 1].score;
    }
  }
  return hits.sort(order).slice(0, max).map((h) => h.entry.symbol);
}
