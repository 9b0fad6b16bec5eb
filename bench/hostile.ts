// Hostile inputs through the whole engine (parse + every rule): the times are shown, not asserted. Each input runs in
// its own process with a time limit, so that one that never finishes is reported instead of hanging the bench.
import { spawnSync } from 'child_process';
import { checkArticle } from '../server/src/check';
import { parseConfig } from '../server/src/config';
import { parseArticle } from '../server/src/model/article';
import { ArticleService } from '../server/src/service';
import { summarize, WorkspaceIndex } from '../server/src/workspaceIndex';
import { longParagraph, manyAliases } from '../test/hostileInputs';
import { gc, stat, TODAY, writeResult, type Figure } from './common';
import { generateArticle } from './generate';

const MB = 1024 * 1024;
const LIMIT_MS = 60_000;

const header = (extra = '') =>
  `---\nid: hostile\ntitle: Hostile\nschema_type: Article\ncategory: ai\nlanguage: en\nconfidence: low\nlast_verified: "2026-05-01"\ncreated_date: "2026-05-01"\ngeneration_method: human_only\n${extra}`;
const facts = (id = 'f1') => `atomic_facts:\n  - id: ${id}\n    statement: A claim.\n    source_title: T\n    source_url: https://example.org/a\nprimary_sources:\n  - title: T\n    type: documentation\n    url: https://example.org/a\n`;

const inputs: Record<string, { label: string; make: () => string; service?: boolean; before?: string }> = {
  oneLineBody: { label: '5 MB on one line in the body (words and citations)', make: () => `${header()}${facts()}---\n## TL;DR\n${'A claim [@f1] and more words. '.repeat(Math.ceil((5 * MB) / 30))}\n` },
  oneLineBrackets: { label: '5 MB on one line of `[[[[` in the body', make: () => `${header()}${facts()}---\n${'['.repeat(5 * MB)}\n` },
  oneLineValue: { label: '5 MB on one line as a frontmatter value (title)', make: () => header().replace('title: Hostile', `title: ${'x'.repeat(5 * MB)}`) + facts() + '---\n' },
  oneLineStatement: { label: '5 MB statement of `[[[[(` on one line', make: () => `${header()}${facts().replace('A claim.', `"${'[[[[('.repeat(MB)}"`)}---\n` },
  slashes: { label: 'a source_url of 1 MB of slashes', make: () => `${header()}${facts().replace('https://example.org/a\nprimary', `https://example.org${'/'.repeat(MB)}x\nprimary`)}---\n` },
  manyLines: { label: '50,000 frontmatter lines (unknown keys)', make: () => `${header()}${facts()}${Array.from({ length: 50_000 }, (_, i) => `extra_key_${i}: value ${i}`).join('\n')}\n---\n` },
  manyGaps: { label: '50,000 frontmatter lines (a list of known gaps)', make: () => `${header()}${facts()}known_gaps:\n${Array.from({ length: 50_000 }, (_, i) => `  - gap number ${i}`).join('\n')}\n---\n` },
  aliasBomb: {
    label: 'YAML alias bomb (9 levels of 9 aliases)',
    make: () => {
      const lines = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
      for (let i = 1; i <= 9; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: 9 }, () => `*a${i - 1}`).join(', ')}]`);
      return `${header()}${facts()}${lines.join('\n')}\n---\n`;
    },
  },
  deepFlow: { label: 'deep nesting: 10,000 levels of flow sequences', make: () => `${header()}${facts()}deep: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n---\n` },
  deepBlock: {
    label: 'deep nesting: 10,000 levels of block mappings',
    make: () => `${header()}${facts()}deep:\n${Array.from({ length: 10_000 }, (_, i) => `${' '.repeat((i + 1) * 1)}k${i}:`).join('\n')} end\n---\n`,
  },
  deepBody: { label: 'deep nesting: 10,000 levels of block quotes and lists in the body', make: () => `${header()}${facts()}---\n${Array.from({ length: 10_000 }, (_, i) => `${'>'.repeat(i % 200)} - item ${i}`).join('\n')}\n` },
  longIds: {
    label: '10,000-character ids (article, fact, cited)',
    make: () => {
      const id = 'f'.repeat(9_999) + '1';
      return `${header().replace('id: hostile', `id: ${'a'.repeat(10_000)}`)}${facts(id)}---\n## TL;DR\nA claim [@${id}] and [@${id.slice(0, -1)}2].\n`;
    },
  },
  manyAliases: { label: '20,000 aliases of one fact anchor (`- *f0`)', make: () => manyAliases(20_000), before: 'before the fix (main at d34667a, this machine, load average about 20): did not finish in 15 min (one run); 2,000 aliases took 5.4 s and 5,000 took 20.1 s (quadratic: Alias.resolve walked the document once per alias)' },
  longParagraph: { label: 'one paragraph of 30,000 lines, each with a citation and a link', make: () => longParagraph(30_000), before: 'before the fix (main at d34667a, same harness, this machine, load average about 20): median 128 s, 115–146 s over 3 runs (InlineMapper.map scanned back linearly)' },
  keystroke20MB: {
    label: 'a keystroke in a 20 MB article through the server\'s service (open, then 3 keystrokes timed; heap kept after close)',
    make: () => bigArticle(20 * MB),
    service: true,
    before: 'before the fix (main at d34667a, same harness, this machine, load average about 20): a keystroke median 49.7 s (42–53 s), 4,769 findings, 63 MB of heap kept after close. Over stdio (the built server, 20 MB file open, two keystrokes, closed): before, a keystroke 65–72 s and 428 MB resident 15 s after close (peak 1.5 GB); after, 0.4–1.8 s and 232 MB (peak 232 MB)',
  },
};

/** Generated articles (200 facts) with their body repeated until the document has `size` characters. */
function bigArticle(size: number): string {
  const base = generateArticle(200);
  const cut = base.indexOf('\n---\n', 4) + 5;
  const body = base.slice(cut);
  let b = body;
  while (b.length < size) b += `\n${body}`;
  return base.slice(0, cut) + b;
}

/** What the server does for an open document: one service, a version per keystroke, forgotten at close. */
function runService(text: string): void {
  const service = new ArticleService({ workspace: { roots: ['file:///ws'], readFile: async () => undefined, listFiles: async () => [] }, today: () => TODAY });
  service.setConfig(parseConfig(undefined));
  const uri = 'file:///ws/ai/hostile.md';
  gc();
  const heap0 = process.memoryUsage().heapUsed;
  let findings = service.check({ uri, version: 1, getText: () => text }).length;
  const samples: number[] = [];
  for (let v = 2; v <= 4; v++) {
    const edited = `${text.slice(0, text.length - 1000)}${'x'.repeat(v)}${text.slice(text.length - 1000)}`;
    const t0 = performance.now();
    findings = service.check({ uri, version: v, getText: () => edited }).length;
    samples.push(performance.now() - t0);
  }
  service.forget(uri);
  gc();
  const keptMB = Math.max(0, (process.memoryUsage().heapUsed - heap0) / MB);
  process.stdout.write(JSON.stringify({ samples, findings, size: text.length, keptMB }));
}

function runOne(name: string): void {
  const text = inputs[name].make();
  if (inputs[name].service) return runService(text);
  const config = parseConfig(undefined);
  const samples: number[] = [];
  let findings = 0;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const a = parseArticle('file:///ws/ai/hostile.md', text, 1);
    const index = new WorkspaceIndex();
    if (a.isArticle) index.set(summarize(a));
    findings = checkArticle(a, { config, today: TODAY, index }).length;
    samples.push(performance.now() - t0);
  }
  process.stdout.write(JSON.stringify({ samples, findings, size: text.length }));
}

function main(): void {
  const one = process.argv.indexOf('--one');
  if (one >= 0) return runOne(process.argv[one + 1]);
  const figures: Figure[] = [];
  for (const [name, input] of Object.entries(inputs)) {
    const r = spawnSync(process.execPath, ['--stack-size=984', '--expose-gc', __filename, '--one', name], { encoding: 'utf8', timeout: LIMIT_MS, maxBuffer: 1 << 20 });
    if (r.status !== 0 || !r.stdout) {
      const why = r.error && (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT' ? `did not finish within ${LIMIT_MS / 1000} s` : `failed (exit ${r.status}): ${(r.stderr || '').trim().split('\n').slice(-1)[0]}`;
      figures.push({ id: `hostile.${name}`, group: 'Hostile input (parse + every rule; shown, not asserted)', label: input.label, unit: 'ms', notMeasured: why });
      continue;
    }
    const { samples, findings, size, keptMB } = JSON.parse(r.stdout) as { samples: number[]; findings: number; size: number; keptMB?: number };
    const s = stat(samples);
    const kept = keptMB === undefined ? '' : `, ${keptMB.toFixed(0)} MB of heap kept after close`;
    figures.push({ id: `hostile.${name}`, group: 'Hostile input (parse + every rule; shown, not asserted)', label: `${input.label} (${(size / MB).toFixed(2)} MB, ${findings} findings${kept})`, unit: 'ms', stat: s, ...(input.before ? { note: input.before } : {}) });
  }
  writeResult({ section: 'hostile', figures, notes: [`Each input runs three times in its own process (limit ${LIMIT_MS / 1000} s); the figure is the whole engine: parseArticle and checkArticle with every rule.`] });
}

main();
