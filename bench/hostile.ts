// Hostile inputs through the whole engine (parse + every rule): the times are shown, not asserted. Each input runs in
// its own process with a time limit, so that one that never finishes is reported instead of hanging the bench.
import { spawnSync } from 'child_process';
import { checkArticle } from '../server/src/check';
import { parseConfig } from '../server/src/config';
import { parseArticle } from '../server/src/model/article';
import { summarize, WorkspaceIndex } from '../server/src/workspaceIndex';
import { stat, TODAY, writeResult, type Figure } from './common';

const MB = 1024 * 1024;
const LIMIT_MS = 60_000;

const header = (extra = '') =>
  `---\nid: hostile\ntitle: Hostile\nschema_type: Article\ncategory: ai\nlanguage: en\nconfidence: low\nlast_verified: "2026-05-01"\ncreated_date: "2026-05-01"\ngeneration_method: human_only\n${extra}`;
const facts = (id = 'f1') => `atomic_facts:\n  - id: ${id}\n    statement: A claim.\n    source_title: T\n    source_url: https://example.org/a\nprimary_sources:\n  - title: T\n    type: documentation\n    url: https://example.org/a\n`;

const inputs: Record<string, { label: string; make: () => string }> = {
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
};

function runOne(name: string): void {
  const text = inputs[name].make();
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
    const r = spawnSync(process.execPath, ['--stack-size=984', __filename, '--one', name], { encoding: 'utf8', timeout: LIMIT_MS, maxBuffer: 1 << 20 });
    if (r.status !== 0 || !r.stdout) {
      const why = r.error && (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT' ? `did not finish within ${LIMIT_MS / 1000} s` : `failed (exit ${r.status}): ${(r.stderr || '').trim().split('\n').slice(-1)[0]}`;
      figures.push({ id: `hostile.${name}`, group: 'Hostile input (parse + every rule; shown, not asserted)', label: input.label, unit: 'ms', notMeasured: why });
      continue;
    }
    const { samples, findings, size } = JSON.parse(r.stdout) as { samples: number[]; findings: number; size: number };
    const s = stat(samples);
    figures.push({ id: `hostile.${name}`, group: 'Hostile input (parse + every rule; shown, not asserted)', label: `${input.label} (${(size / MB).toFixed(2)} MB, ${findings} findings)`, unit: 'ms', stat: s });
  }
  writeResult({ section: 'hostile', figures, notes: [`Each input runs three times in its own process (limit ${LIMIT_MS / 1000} s); the figure is the whole engine: parseArticle and checkArticle with every rule.`] });
}

main();
