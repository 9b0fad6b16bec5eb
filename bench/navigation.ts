// Navigation across a 16,000-article workspace (the corpus ten times over, in ten folders): workspace symbols per
// keystroke, the backlink and source lookups the code lenses use, and the edits of one move. Figures, not asserts.
//   npx esbuild bench/navigation.ts --bundle --platform=node --packages=external --outfile=out/bench/navigation.js \
//     && node --expose-gc out/bench/navigation.js
import { neverCancelled } from '../server/src/core/types';
import { getMoveEdits } from '../server/src/features/fileMoves';
import { getWorkspaceSymbols } from '../server/src/features/workspaceSymbols';
import type { FeatureContext } from '../server/src/features/types';
import { parseConfig } from '../server/src/config';
import { parseArticle } from '../server/src/model/article';
import { backlinksTo, sourceUses } from '../server/src/model/workspaceLinks';
import { defaultSchema } from '../server/src/schema/articleSchema';
import { summarize, WorkspaceIndex } from '../server/src/workspaceIndex';
import { gc, readCorpus, reps, stat, time, TODAY, writeResult, type Figure } from './common';

const COPIES = Number(process.env.KART_BENCH_COPIES ?? 10);
const corpus = readCorpus();
const index = new WorkspaceIndex();
const texts = new Map<string, string>();
const t0 = performance.now();
for (let c = 0; c < COPIES; c++) {
  for (const f of corpus) {
    const uri = f.uri.replace('/anchorfact/', `/anchorfact-${c}/`);
    texts.set(uri, f.text);
    const a = parseArticle(uri, f.text, 0);
    if (a.isArticle) index.set(summarize(a));
  }
}
const indexMs = performance.now() - t0;
gc();
const heapMb = process.memoryUsage().heapUsed / 1e6;

const figures: Figure[] = [];
const queries = ['t', 'tr', 'tra', 'tran', 'transformer', 'attention is all', 'fact-computer-science-001', 'kb-2026', 'owasp xss', 'zzqx'];
const first = time(() => getWorkspaceSymbols(index, 'g', neverCancelled));
const perQuery: number[] = [];
const perQueryCpu: number[] = [];
for (let r = 0; r < reps(5); r++) {
  for (const q of queries) {
    const t = time(() => getWorkspaceSymbols(index, q, neverCancelled));
    perQuery.push(t.wall);
    perQueryCpu.push(t.cpu);
  }
}
const s = stat(perQuery);
let figureNo = 0;
/** One figure of the section, in the shape the report reads (a target is held to the figure's value). */
const figure = (label: string, value: number, unit: Figure['unit'], target?: { max: number; text: string }) =>
  figures.push({ id: `navigation.${++figureNo}`, group: 'Navigation (16,270 articles, in process)', label, unit, value, ...(target ? { target } : {}) });
figure(`index ${index.size} articles (summaries with links and sources)`, Math.round(indexMs), 'ms');
figure('heap after indexing', Math.round(heapMb), 'MB');
figure('workspace symbols: first query (prepares the search)', Math.round(first.wall), 'ms');
figure('workspace symbols: first query, CPU time', Math.round(first.cpu), 'ms');
figure('workspace symbols: per query, median', Math.round(s.median), 'ms', { max: 50, text: '< 50 ms' });
figure('workspace symbols: per query, p95', Math.round(s.p95), 'ms', { max: 100, text: '< 100 ms' });
figure('workspace symbols: per query, median CPU time', Math.round(stat(perQueryCpu).median), 'ms');

const some = [...index.all()][42];
const lookup = time(() => backlinksTo(index, some.uri));
figure('backlinks + source lookups: first (builds them)', Math.round(lookup.wall), 'ms');
const warm: number[] = [];
for (let r = 0; r < reps(20); r++) warm.push(time(() => { backlinksTo(index, some.uri); for (const src of some.sources ?? []) sourceUses(index, src); }).wall);
figure('backlinks + source lookups for one article, warm', Number(stat(warm).median.toFixed(3)), 'ms');

const ctx: FeatureContext = { config: parseConfig(undefined), schema: defaultSchema(), index, today: TODAY, articleAt: (uri) => (texts.has(uri) ? parseArticle(uri, texts.get(uri)!, 0) : undefined) };
const linked = [...index.all()].map((x) => ({ uri: x.uri, n: backlinksTo(index, x.uri).length })).sort((a, b) => b.n - a.n)[0];
const plan = { links: 0 };
const moveMs = time(() => Object.assign(plan, getMoveEdits(ctx, [{ oldUri: linked.uri, newUri: linked.uri.replace(/\/([^/]+)$/, '/moved-$1') }], neverCancelled))).wall;
figure(`edits of moving the most linked article (${linked.n} links to it, ${plan.links} rewritten)`, Math.round(moveMs), 'ms');

writeResult({ section: 'navigation', figures, notes: [`${COPIES} copies of the corpus, ${index.size} articles`] });
