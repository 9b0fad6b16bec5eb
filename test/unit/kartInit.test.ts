import * as assert from 'assert';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { describe, it } from 'node:test';
import { tmpdir } from 'os';
import { join } from 'path';
import { main } from '../../server/src/cli/kart';
import { parseConfig } from '../../server/src/config';
import { allRules } from '../../server/src/rules';

const corpus = join(__dirname, '../../../test/corpus/anchorfact');

async function kart(args: string[], cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (s) => out.push(s), err: (s) => err.push(s), isTTY: false }, cwd);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const article = (id: string, category: string, factIds: string[], smf: boolean) => `---
id: ${id}
title: ${id}
category: ${category}
atomic_facts:
${factIds.map((f) => `  - id: ${f}\n    statement: A claim.\n    source_title: S\n    source_url: https://example.org/a\n`).join('')}primary_sources:
  - title: S
    type: documentation
    url: https://example.org/a
---
## TL;DR
x
${smf ? '\n## Source-Mapped Facts\n- A claim. ([source](https://example.org/a))\n' : ''}`;

describe('kart init', () => {
  it('writes every default, with the folders, fact id style and sections it finds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kart-init-'));
    try {
      mkdirSync(join(dir, 'content/ai'), { recursive: true });
      mkdirSync(join(dir, 'content/science'), { recursive: true });
      writeFileSync(join(dir, 'content/ai/one.md'), article('one', 'ai', ['f1', 'f2'], true));
      writeFileSync(join(dir, 'content/science/two.md'), article('kb-2026-00001', 'science', ['f1'], true));
      writeFileSync(join(dir, 'README.md'), '# Not an article\n');
      const r = await kart(['init'], dir);
      assert.strictEqual(r.code, 0, r.err);
      assert.match(r.out, /Found 2 articles in 2 folders\./);
      assert.match(r.out, /Article ids: file-slug 1, kb-year-number 1\./);
      const written = JSON.parse(readFileSync(join(dir, 'kart.config.json'), 'utf8'));
      assert.deepStrictEqual(written.include, ['content/**/*.md']);
      assert.strictEqual(written.factIdPattern, '^f\\d+$');
      assert.deepStrictEqual(written.requiredSections, ['TL;DR', 'Core Explanation', 'Source-Mapped Facts']);
      assert.strictEqual(written.staleAfterDays, 365);
      assert.deepStrictEqual(Object.keys(written.rules).sort(), allRules.map((x) => x.id).sort());
      // What it writes is a configuration the engine reads without a problem.
      assert.deepStrictEqual(parseConfig(readFileSync(join(dir, 'kart.config.json'), 'utf8')).problems, []);
      // And it never overwrites one without --force.
      writeFileSync(join(dir, 'kart.config.json'), '{"staleAfterDays": 10}\n');
      const again = await kart(['init'], dir);
      assert.strictEqual(again.code, 1);
      assert.match(again.err, /already exists; use --force/);
      assert.strictEqual(readFileSync(join(dir, 'kart.config.json'), 'utf8'), '{"staleAfterDays": 10}\n');
      assert.strictEqual((await kart(['init', '--force'], dir)).code, 0);
      assert.strictEqual(JSON.parse(readFileSync(join(dir, 'kart.config.json'), 'utf8')).staleAfterDays, 365);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('leaves factIdPattern unset where the corpus mixes styles', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kart-init-'));
    try {
      cpSync(join(corpus, 'sports'), join(dir, 'sports'), { recursive: true });
      const r = await kart(['init'], dir);
      assert.strictEqual(r.code, 0, r.err);
      const written = JSON.parse(readFileSync(join(dir, 'kart.config.json'), 'utf8'));
      assert.deepStrictEqual(written.include, ['sports/**/*.md']);
      assert.strictEqual(written.factIdPattern, undefined);
      assert.match(r.out, /no single style/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('kart new', () => {
  it('writes an article with every required field that passes the schema, and never overwrites', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kart-new-'));
    try {
      const r = await kart(['new', 'Instruction Tuning', '--dir', 'ai', '--today', '2026-06-01'], dir);
      assert.strictEqual(r.code, 0, r.err);
      assert.strictEqual(r.out, 'Created ai/instruction-tuning.md');
      const text = readFileSync(join(dir, 'ai/instruction-tuning.md'), 'utf8');
      assert.match(text, /^---\nid: instruction-tuning\ntitle: "Instruction Tuning"\n/);
      assert.match(text, /\ncategory: ai\n/);
      assert.match(text, /\ncreated_date: "2026-06-01"\n/);
      const check = await kart(['check', 'ai', '--format', 'json', '--today', '2026-06-01'], dir);
      const problems = JSON.parse(check.out).problems as { rule: string; severity: string }[];
      assert.deepStrictEqual(problems.filter((p) => p.rule.startsWith('schema-') || p.rule.startsWith('yaml-')), []);
      const again = await kart(['new', 'instruction-tuning', '--dir', 'ai'], dir);
      assert.strictEqual(again.code, 1);
      assert.strictEqual(readFileSync(join(dir, 'ai/instruction-tuning.md'), 'utf8'), text);
      assert.strictEqual((await kart(['new'], dir)).code, 2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
