// The engine in process: every rule over the corpus and over generated articles, next to the parse floor (the same
// loop doing only the frontmatter split and yaml.parseDocument). Floor and engine alternate inside each repetition,
// and each repetition gives its own ratio, so that a noisy neighbour slows both sides alike.
import { parseDocument } from 'yaml';
import { checkArticle } from '../server/src/check';
import { parseConfig } from '../server/src/config';
import { parseArticle, type Article } from '../server/src/model/article';
import { splitFrontmatter } from '../server/src/model/frontmatter';
import { allRules } from '../server/src/rules';
import type { Rule } from '../server/src/rules/rule';
import { summarize, WorkspaceIndex } from '../server/src/workspaceIndex';
import { gc, readCorpus, reps, stat, time, TODAY, writeResult, type Figure, type SectionResult } from './common';
import { generateArticle, GENERATED_SIZES } from './generate';

const config = parseConfig(undefined);

function floorOf(text: string): void {
  const split = splitFrontmatter(text);
  const fm = split.frontmatter;
  // yaml's defaults: the floor is what any tool reading the frontmatter with yaml pays.
  if (fm) parseDocument(text.slice(fm.content.start, fm.content.end));
}

function engineOf(uri: string, text: string, index: WorkspaceIndex): number {
  const article = parseArticle(uri, text, 1);
  return checkArticle(article, { config, today: TODAY, index }).length;
}

interface Samples {
  floor: number[];
  engine: number[];
  model: number[];
  /** Engine / floor in wall time, per repetition. */
  ratio: number[];
  floorCpu: number[];
  engineCpu: number[];
  modelCpu: number[];
  /** Engine / floor in CPU time, per repetition: the figure held to the target, as other processes cannot skew it. */
  ratioCpu: number[];
}

/** Runs floor, model-only and engine loops `n` times, in an order that rotates each repetition. */
function measure(n: number, docs: { uri: string; text: string }[], index: WorkspaceIndex): Samples {
  const out: Samples = { floor: [], engine: [], model: [], ratio: [], floorCpu: [], engineCpu: [], modelCpu: [], ratioCpu: [] };
  const loops = {
    floor: () => {
      for (const d of docs) floorOf(d.text);
    },
    model: () => {
      for (const d of docs) parseArticle(d.uri, d.text, 1);
    },
    engine: () => {
      for (const d of docs) engineOf(d.uri, d.text, index);
    },
  };
  // One untimed round so that every function is compiled before the first sample.
  for (const l of Object.values(loops)) l();
  const orders: (keyof typeof loops)[][] = [
    ['floor', 'engine', 'model'],
    ['engine', 'floor', 'model'],
    ['model', 'engine', 'floor'],
  ];
  for (let r = 0; r < n; r++) {
    const t: Partial<Record<keyof typeof loops, { wall: number; cpu: number }>> = {};
    for (const name of orders[r % orders.length]) {
      gc();
      t[name] = time(loops[name]);
    }
    out.floor.push(t.floor!.wall);
    out.engine.push(t.engine!.wall);
    out.model.push(t.model!.wall);
    out.ratio.push(t.engine!.wall / t.floor!.wall);
    out.floorCpu.push(t.floor!.cpu);
    out.engineCpu.push(t.engine!.cpu);
    out.modelCpu.push(t.model!.cpu);
    out.ratioCpu.push(t.engine!.cpu / t.floor!.cpu);
  }
  return out;
}

/** Time spent in each rule over the corpus (fresh models, so memoised work is charged to the first rule that asks). */
function perRule(docs: { uri: string; text: string }[], index: WorkspaceIndex): { rule: string; ms: number }[] {
  const spent = new Map<string, number>();
  const timed: Rule[] = allRules.map((r) => ({
    ...r,
    check(ctx) {
      const t0 = performance.now();
      try {
        r.check(ctx);
      } finally {
        spent.set(r.id, (spent.get(r.id) ?? 0) + performance.now() - t0);
      }
    },
  }));
  const rounds = 3;
  for (let i = 0; i < rounds; i++) {
    const articles: Article[] = docs.map((d) => parseArticle(d.uri, d.text, 1));
    for (const a of articles) checkArticle(a, { config, today: TODAY, index, rules: timed });
  }
  return [...spent].map(([rule, ms]) => ({ rule, ms: ms / rounds })).sort((a, b) => b.ms - a.ms);
}

function main(): void {
  const corpus = readCorpus();
  const index = new WorkspaceIndex();
  for (const d of corpus) {
    const a = parseArticle(d.uri, d.text, 0, { frontmatterOnly: true });
    if (a.isArticle) index.set(summarize(a));
  }
  const figures: Figure[] = [];
  const notes: string[] = [];
  const findings = corpus.reduce((n, d) => n + engineOf(d.uri, d.text, index), 0);
  notes.push(`Corpus: ${corpus.length} files, ${(corpus.reduce((n, d) => n + d.text.length, 0) / 1e6).toFixed(1)} M characters; the engine reports ${findings} findings over it with ${allRules.length} rules (workspace rules included: the corpus is indexed first, outside the timed loop).`);

  const c = measure(reps(12), corpus, index);
  figures.push(
    { id: 'engine.corpus.floor', group: 'Engine (in process)', label: 'Corpus: parse floor (split + yaml.parseDocument, default options)', unit: 'ms', stat: stat(c.floor), cpu: stat(c.floorCpu) },
    { id: 'engine.corpus.model', group: 'Engine (in process)', label: 'Corpus: article model only (parseArticle, no rules)', unit: 'ms', stat: stat(c.model), cpu: stat(c.modelCpu) },
    { id: 'engine.corpus.engine', group: 'Engine (in process)', label: 'Corpus: full check (parseArticle + every rule)', unit: 'ms', stat: stat(c.engine), cpu: stat(c.engineCpu) },
    { id: 'engine.corpus.ratioCpu', group: 'Engine (in process)', label: 'Corpus: engine / floor (CPU time)', unit: '×', stat: stat(c.ratioCpu), target: { max: 1.2, text: '≤ 1.2× the floor' } },
    { id: 'engine.corpus.ratio', group: 'Engine (in process)', label: 'Corpus: engine / floor (wall time)', unit: '×', stat: stat(c.ratio) },
    { id: 'engine.corpus.perArticle', group: 'Engine (in process)', label: 'Corpus: full check per article (mean)', unit: 'ms', stat: stat(c.engine.map((x) => x / corpus.length)) },
  );

  const sizes: string[][] = [['facts', 'size', 'floor median', 'engine median', 'engine p95', 'engine / floor in CPU time (median, p95)']];
  for (const facts of GENERATED_SIZES) {
    const text = generateArticle(facts);
    const doc = { uri: `file:///bench/generated-${facts}.md`, text };
    const n = reps(facts <= 10 ? 300 : facts <= 100 ? 100 : facts <= 1000 ? 30 : 15);
    const g = measure(n, [doc], index);
    const label = `${facts.toLocaleString('en')}-fact article (${(text.length / 1e6).toFixed(2)} MB)`;
    figures.push(
      { id: `engine.gen${facts}.floor`, group: 'Engine (in process)', label: `${label}: parse floor`, unit: 'ms', stat: stat(g.floor), cpu: stat(g.floorCpu) },
      {
        id: `engine.gen${facts}.engine`,
        group: 'Engine (in process)',
        label: `${label}: full check`,
        unit: 'ms',
        stat: stat(g.engine),
        cpu: stat(g.engineCpu),
        target: facts === 5000 ? { max: 100, text: '≤ 100 ms (full diagnostics)' } : undefined,
      },
      { id: `engine.gen${facts}.ratioCpu`, group: 'Engine (in process)', label: `${label}: engine / floor (CPU time)`, unit: '×', stat: stat(g.ratioCpu), target: { max: 1.2, text: '≤ 1.2× the floor' } },
      { id: `engine.gen${facts}.ratio`, group: 'Engine (in process)', label: `${label}: engine / floor (wall time)`, unit: '×', stat: stat(g.ratio) },
    );
    const e = stat(g.engine);
    const r = stat(g.ratioCpu);
    sizes.push([String(facts), `${(text.length / 1024).toFixed(0)} KB`, `${stat(g.floor).median.toFixed(2)} ms`, `${e.median.toFixed(2)} ms`, `${e.p95.toFixed(2)} ms`, `${r.median.toFixed(2)}× / ${r.p95.toFixed(2)}×`]);
  }

  const rules = perRule(corpus, index);
  writeResult({
    section: 'engine',
    figures,
    notes,
    tables: [
      { title: 'Generated articles', rows: sizes },
      { title: 'Time per rule over the corpus (mean of 3 rounds; memoised work such as schema validation is charged to the first rule that asks)', rows: [['rule', 'ms'], ...rules.map((r) => [r.rule, r.ms.toFixed(1)])] },
    ],
  });
}

main();
