// `kart check` through the CLI's main(): exit codes and the four output formats on small fixtures.
import * as assert from 'assert';
import { readFileSync } from 'fs';
import { describe, it } from 'node:test';
import { join } from 'path';
import { main } from '../../server/src/cli/kart';
import { validArticle } from '../helpers';
import { folder, kartRaw } from '../cliHelpers';

const kart = (args: string[], cwd: string) => kartRaw([...args, '--today', '2026-06-01', '--no-cache', '--jobs', '1'], cwd);

const clean = validArticle();
// `confidence: meduim` on line 7: an enum typo, an error.
const broken = validArticle().replace('confidence: medium', 'confidence: meduim');
const col = 'confidence: '.length + 1;

describe('kart check: exit codes and formats', () => {
  it('exit 0 on a clean folder, with the summary line', async () => {
    const r = await kart(['check'], folder({ 'ai/test-article.md': clean }));
    assert.strictEqual(r.code, 0, r.out + r.err);
    assert.strictEqual(r.out, '1 file checked: no problems.');
  });

  it('exit 1 on an error, reported as path:line:col severity rule message', async () => {
    const r = await kart(['check'], folder({ 'ai/test-article.md': broken, 'ai/other.md': clean.replace('id: test-article', 'id: other') }));
    assert.strictEqual(r.code, 1);
    const lines = r.out.split('\n');
    assert.match(lines[0], new RegExp(`^ai/test-article\\.md:7:${col} error schema-enum .*"medium"`));
    assert.strictEqual(lines.length, 2, r.out);
    assert.match(lines[1], /^2 files checked: 1 problem \(1 error\)\.$/);
  });

  it('exit 2 on bad usage: an unknown command, an unknown format, a flag without its value, no command', async () => {
    const dir = folder({ 'ai/test-article.md': clean });
    for (const args of [['chek'], ['check', '--format', 'xml'], ['check', '--format'], []]) {
      const out: string[] = [];
      const err: string[] = [];
      const code = await main(args, { out: (s) => out.push(s), err: (s) => err.push(s), isTTY: false }, dir);
      assert.strictEqual(code, 2, `${args.join(' ')}: ${err.join('\n')}`);
      assert.match(err.join('\n'), /^kart: .*\n\nkart \S+: (check knowledge articles|kart check )/, args.join(' '));
      assert.deepStrictEqual(out, []);
    }
  });

  it('a path that does not exist: reported, exit 1, the others still checked', async () => {
    const dir = folder({ 'ai/test-article.md': broken });
    const r = await kart(['check', 'nowhere.md', 'ai'], dir);
    assert.strictEqual(r.code, 1);
    assert.match(r.out, /^nowhere\.md:1:1 error file-unreadable no such file or folder\.$/m);
    assert.match(r.out, /^ai\/test-article\.md:7:\d+ error schema-enum /m);
  });

  it('--format json: the problems with their positions, and the summary', async () => {
    const r = await kart(['check', '--format', 'json'], folder({ 'ai/test-article.md': broken }));
    assert.strictEqual(r.code, 1);
    const json = JSON.parse(r.out);
    assert.deepStrictEqual(json.summary, { files: 1, counts: { error: 1, warning: 0, info: 0, hint: 0 } });
    assert.strictEqual(json.problems.length, 1);
    const [p] = json.problems;
    assert.deepStrictEqual(
      { path: p.path, line: p.line, column: p.column, endLine: p.endLine, endColumn: p.endColumn, severity: p.severity, rule: p.rule, fixable: p.fixable },
      { path: 'ai/test-article.md', line: 7, column: col, endLine: 7, endColumn: col + 'meduim'.length, severity: 'error', rule: 'schema-enum', fixable: true },
    );
  });

  it('--format sarif: SARIF 2.1.0 with the rule, the level and the region', async () => {
    const r = await kart(['check', '--format', 'sarif'], folder({ 'ai/test-article.md': broken }));
    assert.strictEqual(r.code, 1);
    const sarif = JSON.parse(r.out);
    assert.strictEqual(sarif.version, '2.1.0');
    const run = sarif.runs[0];
    assert.strictEqual(run.tool.driver.name, 'kart');
    assert.strictEqual(run.results.length, 1);
    const [res] = run.results;
    assert.strictEqual(res.ruleId, 'schema-enum');
    assert.strictEqual(run.tool.driver.rules[res.ruleIndex].id, 'schema-enum');
    assert.strictEqual(res.level, 'error');
    assert.deepStrictEqual(res.locations[0].physicalLocation, {
      artifactLocation: { uri: 'ai/test-article.md', uriBaseId: '%SRCROOT%' },
      region: { startLine: 7, startColumn: col, endLine: 7, endColumn: col + 'meduim'.length },
    });
  });

  it('--format github: one workflow command per problem, then the summary', async () => {
    const r = await kart(['check', '--format', 'github'], folder({ 'ai/test-article.md': broken }));
    assert.strictEqual(r.code, 1);
    const lines = r.out.split('\n');
    assert.match(lines[0], new RegExp(`^::error file=ai/test-article\\.md,line=7,col=${col},endLine=7,endColumn=${col + 6},title=kart schema-enum::`));
    assert.match(lines[1], /^1 file checked: 1 problem \(1 error\)\.$/);
  });

  it('--output writes the report to a file and the summary to stderr', async () => {
    const dir = folder({ 'ai/test-article.md': broken });
    const r = await kart(['check', '--format', 'json', '--output', 'report.json'], dir);
    assert.strictEqual(r.code, 1);
    assert.strictEqual(r.out, '');
    assert.strictEqual(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')).problems.length, 1);
    assert.match(r.err, /1 file checked: 1 problem/);
  });
});
