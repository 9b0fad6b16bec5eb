// `kart check --shard i/n` and `kart merge-sarif`: the shards split the files between them, each file once, the same
// way on every run; the rules across files still see every file; the shards' SARIF merges into one log.
import * as assert from 'assert';
import { describe, it } from 'node:test';
import { join } from 'path';
import { mergeSarifLogs } from '../../server/src/cli/mergeSarif';
import { parseShard, shardOf } from '../../server/src/cli/shard';
import { validArticle } from '../helpers';
import { folder, kartRaw } from '../cliHelpers';

// The options of kart check only: merge-sarif has none of them (an unknown option is bad usage).
const kart = (args: string[], cwd: string) => kartRaw([...args, ...(args[0] === 'check' ? ['--today', '2026-06-01', '--no-cache', '--jobs', '1'] : [])], cwd);

// Twelve articles; a-0 and a-1 share an id, so that the duplicate is found whichever shards they land in.
const files: Record<string, string> = {};
for (let i = 0; i < 12; i++) files[`ai/a-${i}.md`] = validArticle().replace('id: test-article', `id: ${i < 2 ? 'shared' : `a-${i}`}`).replace('confidence: medium', 'confidence: meduim');

describe('kart check --shard', () => {
  it('reads i/n and refuses anything else', () => {
    assert.deepStrictEqual(parseShard('2/3'), { index: 2, count: 3 });
    for (const bad of ['0/3', '4/3', '1/0', 'a/b', '1', '1/2/3']) assert.ok('error' in parseShard(bad), bad);
  });

  it('every file in exactly one shard, the same on every run; the rules across files see every file', async () => {
    const dir = folder(files);
    const whole = await kart(['check', '--format', 'json'], dir);
    const all = (JSON.parse(whole.out) as { problems: { path: string; rule: string; line: number }[] }).problems;
    const parts: (typeof all)[] = [];
    for (let i = 1; i <= 3; i++) {
      const r = await kart(['check', '--format', 'json', '--shard', `${i}/3`], dir);
      const again = await kart(['check', '--format', 'json', '--shard', `${i}/3`], dir);
      assert.strictEqual(r.out, again.out, 'deterministic');
      parts.push((JSON.parse(r.out) as { problems: typeof all }).problems);
      for (const p of parts[i - 1]) assert.strictEqual(shardOf(join(dir, p.path), dir, 3), i, p.path);
    }
    const key = (p: (typeof all)[0]) => `${p.path}:${p.line}:${p.rule}`;
    assert.deepStrictEqual(parts.flat().map(key).sort(), all.map(key).sort());
    assert.strictEqual(parts.flat().filter((p) => p.rule === 'article-id-duplicate').length, 2);
    assert.ok(parts.every((p) => p.length > 0), 'twelve files spread over three shards');
  });

  it('the SARIF of the shards merges into one log with every result, rule indexes into the merged rules', async () => {
    const dir = folder(files);
    const whole = JSON.parse((await kart(['check', '--format', 'sarif'], dir)).out);
    const shards = [];
    for (let i = 1; i <= 3; i++) shards.push({ name: `${i}.sarif`, log: JSON.parse((await kart(['check', '--format', 'sarif', '--shard', `${i}/3`], dir)).out) });
    const merged = mergeSarifLogs(shards) as typeof whole;
    assert.strictEqual(merged.runs.length, 1);
    const rows = (log: typeof whole) => log.runs[0].results.map((r: { ruleId: string; ruleIndex: number; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => `${r.locations[0].physicalLocation.artifactLocation.uri} ${r.ruleId} ${log.runs[0].tool.driver.rules[r.ruleIndex].id}`);
    assert.deepStrictEqual(rows(merged).sort(), rows(whole).sort());
    for (const row of rows(merged)) assert.strictEqual(row.split(' ')[1], row.split(' ')[2], 'ruleIndex names the rule');
    assert.throws(() => mergeSarifLogs([{ name: 'x.json', log: { version: '1.0' } }]), /x\.json is not a SARIF 2\.1\.0 log/);
  });

  it('kart merge-sarif writes the merged log', async () => {
    const dir = folder(files);
    for (let i = 1; i <= 2; i++) await kart(['check', '--format', 'sarif', '--shard', `${i}/2`, '--output', `s${i}.sarif`], dir);
    const r = await kart(['merge-sarif', 's1.sarif', 's2.sarif'], dir);
    assert.strictEqual(r.code, 0, r.err);
    assert.strictEqual(JSON.parse(r.out).runs[0].results.length, JSON.parse((await kart(['check', '--format', 'sarif'], dir)).out).runs[0].results.length);
  });
});
