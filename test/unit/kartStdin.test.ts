// --stdin and --stdin-filename: the article on standard input, checked or fixed as the file it is named as.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { readFileSync } from 'fs';
import { describe, it } from 'node:test';
import { join } from 'path';
import { folder, kart } from '../cliHelpers';
import { validArticle } from '../helpers';

const repo = join(__dirname, '../../..');
const clean = validArticle();
const broken = clean.replace('confidence: medium', 'confidence: meduim');
// `High` for `high`: a safe fix.
const fixable = clean.replace('confidence: high', 'confidence: High');

describe('kart check --stdin', () => {
  it('reports the text on stdin at the path --stdin-filename gives, in place of the file there', async () => {
    // On disk the file is clean: what is checked is the text on stdin.
    const dir = folder({ 'ai/test-article.md': clean });
    const r = await kart(['check', '--stdin', '--stdin-filename', 'ai/test-article.md'], dir, { stdin: broken });
    assert.strictEqual(r.code, 1);
    const lines = r.out.split('\n');
    assert.match(lines[0], /^ai\/test-article\.md:7:13 error schema-enum "meduim" is not a valid confidence/);
    assert.deepStrictEqual(lines.slice(1), ['1 file checked: 1 problem (1 error).']);
  });

  it('the other files of the workspace are indexed around it: a duplicate id is found, its own file on disk is not a duplicate', async () => {
    const dir = folder({ 'ai/test-article.md': clean, 'ai/other.md': clean });
    const r = await kart(['check', '--stdin', '--stdin-filename', 'ai/new.md'], dir, { stdin: clean });
    assert.match(r.out, /^ai\/new\.md:\d+:\d+ \w+ article-id-duplicate /m);
    const alone = await kart(['check', '--stdin', '--stdin-filename', 'ai/test-article.md', '--format', 'json'], folder({ 'ai/test-article.md': clean }), { stdin: clean });
    assert.deepStrictEqual(JSON.parse(alone.out).problems, []);
    assert.strictEqual(alone.code, 0);
  });

  it('without --stdin-filename the report names it <stdin>', async () => {
    const r = await kart(['check', '--stdin'], folder({}), { stdin: broken });
    assert.match(r.out, /^<stdin>:7:13 error schema-enum /m);
  });

  it('bad usage: paths beside --stdin, --stdin-filename alone', async () => {
    const dir = folder({ 'ai/test-article.md': clean });
    const withPaths = await kart(['check', '--stdin', 'ai'], dir, { stdin: clean });
    assert.strictEqual(withPaths.code, 2);
    assert.match(withPaths.err, /--stdin reads one article from standard input: give no paths/);
    const alone = await kart(['check', '--stdin-filename', 'x.md'], dir);
    assert.strictEqual(alone.code, 2);
    assert.match(alone.err, /--stdin-filename names the text read with --stdin/);
  });
});

describe('kart fix --stdin', () => {
  it('writes the fixed text to stdout, byte for byte what kart fix writes to the file, and writes no file', async () => {
    const dir = folder({ 'ai/test-article.md': fixable });
    const r = await kart(['fix', '--stdin', '--stdin-filename', 'ai/test-article.md'], dir, { stdin: fixable });
    assert.strictEqual(r.code, 0, r.err);
    assert.strictEqual(readFileSync(join(dir, 'ai/test-article.md'), 'utf8'), fixable, 'nothing written');
    assert.strictEqual(r.err, 'Fixed 1 problem in ai/test-article.md (written to stdout).');
    await kart(['fix'], dir);
    const fixed = readFileSync(join(dir, 'ai/test-article.md'), 'utf8');
    assert.notStrictEqual(fixed, fixable);
    assert.strictEqual(r.raw, fixed);
  });

  it('through the real process: stdin piped in, the text on stdout with no newline added', () => {
    const dir = folder({});
    const text = fixable.replace(/\n$/, '');
    const r = spawnSync(process.execPath, [join(repo, 'bin/kart.js'), 'fix', '--stdin', '--stdin-filename', 'ai/test-article.md', '--today', '2026-06-01'], { cwd: dir, input: text, encoding: 'utf8' });
    assert.strictEqual(r.status, 0, r.stderr);
    assert.strictEqual(r.stdout, text.replace('confidence: High', 'confidence: high'));
    const c = spawnSync(process.execPath, [join(repo, 'bin/kart.js'), 'check', '--stdin', '--no-cache'], { cwd: dir, input: broken, encoding: 'utf8' });
    assert.strictEqual(c.status, 1);
    assert.match(c.stdout, /^<stdin>:7:13 error schema-enum /m);
  });
});
