// Nothing lost: `kart fix` on real files in temporary folders, through the CLI's own main().
import * as assert from 'assert';
import { chmodSync, chownSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'fs';
import { describe, it } from 'node:test';
import { join } from 'path';
import { replaceFiles } from '../../server/src/node/safeReplace';
import { folder, kartRaw } from '../cliHelpers';

const TODAY = '2026-06-01';
const kart = (args: string[], cwd: string) => kartRaw([...args, '--today', TODAY], cwd);

/** An article with two safe fixes: a date written 2026/5/24 and an enum typo. */
function fixable(eol = '\n', bom = false): { before: string; after: string } {
  const lines = (dateValue: string, confidence: string) =>
    [
      '---',
      'id: fix-me',
      'title: "Fix me 😀"',
      'schema_type: TechArticle',
      'category: ai',
      'language: en',
      `confidence: ${confidence}`,
      'last_verified: "2026-05-24"',
      `created_date: ${dateValue}`,
      'generation_method: ai_assisted',
      'ai_models:',
      '  - claude-opus',
      'atomic_facts:',
      '  - id: f1',
      '    statement: FLAN showed that instruction tuning enables zero-shot generalization.',
      '    source_title: Finetuned Language Models Are Zero-Shot Learners',
      '    source_url: https://arxiv.org/abs/2109.01652',
      '    confidence: high',
      'primary_sources:',
      '  - title: Finetuned Language Models Are Zero-Shot Learners',
      '    type: academic_paper',
      '    year: 2022',
      '    url: https://arxiv.org/abs/2109.01652',
      '---',
      '## TL;DR',
      'Instruction tuning teaches models to follow directions [@f1].   ',
      '',
      '## Core Explanation',
      'More text.\t',
      '',
    ].join(eol);
  const b = bom ? '\ufeff' : '';
  return { before: b + lines('2026/5/24', 'meduim'), after: b + lines('"2026-05-24"', 'medium') };
}

const clean = fixable().after;

describe('kart fix: nothing lost', () => {
  it('fixes through a temporary file and a rename: new inode, no temporary file left', async () => {
    const { before, after: fixed } = fixable();
    const dir = folder({ 'ai/fix-me.md': before });
    const file = join(dir, 'ai/fix-me.md');
    const inode = statSync(file).ino;
    const r = await kart(['fix'], dir);
    assert.strictEqual(r.code, 0, r.err);
    assert.strictEqual(readFileSync(file, 'utf8'), fixed);
    assert.notStrictEqual(statSync(file).ino, inode, 'written in place, not through a rename');
    assert.deepStrictEqual(readdirSync(join(dir, 'ai')), ['fix-me.md']);
    assert.match(r.out, /ai\/fix-me\.md: 2 fixes/);
    assert.match(r.out, /Fixed 2 problems in 1 file\./);
  });

  it('keeps the file mode', async () => {
    const dir = folder({ 'ai/fix-me.md': fixable().before });
    const file = join(dir, 'ai/fix-me.md');
    chmodSync(file, 0o640);
    assert.strictEqual((await kart(['fix'], dir)).code, 0);
    assert.strictEqual(readFileSync(file, 'utf8'), fixable().after);
    assert.strictEqual(statSync(file).mode & 0o7777, 0o640);
  });

  it('keeps CRLF line endings and the BOM byte for byte outside the fixed spans', async () => {
    const { before, after: fixed } = fixable('\r\n', true);
    const dir = folder({ 'ai/fix-me.md': before });
    const file = join(dir, 'ai/fix-me.md');
    assert.strictEqual((await kart(['fix'], dir)).code, 0);
    const bytes = readFileSync(file);
    assert.deepStrictEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.ok(bytes.equals(Buffer.from(fixed, 'utf8')), 'the file is the input with only the two values replaced');
    assert.ok(!/(?<!\r)\n/.test(bytes.toString('utf8')), 'a bare LF crept in');
  });

  it('leaves files without fixes byte-identical, mtime untouched', async () => {
    const dir = folder({ 'ai/clean.md': clean, 'ai/fix-me.md': fixable().before, 'notes.md': '# Notes\n\nNot an article.\n' });
    const old = new Date('2020-01-02T03:04:05Z');
    for (const f of ['ai/clean.md', 'notes.md']) utimesSync(join(dir, f), old, old);
    const inode = statSync(join(dir, 'ai/clean.md')).ino;
    const r = await kart(['fix'], dir);
    assert.strictEqual(r.code, 0, r.err);
    for (const f of ['ai/clean.md', 'notes.md']) assert.strictEqual(statSync(join(dir, f)).mtimeMs, old.getTime(), `${f} was rewritten`);
    assert.strictEqual(statSync(join(dir, 'ai/clean.md')).ino, inode);
    assert.strictEqual(readFileSync(join(dir, 'ai/clean.md'), 'utf8'), clean);
    assert.match(r.out, /Fixed 2 problems in 1 file\./);
  });

  it('is idempotent: a second run changes nothing and reports 0 fixes', async () => {
    const dir = folder({ 'ai/fix-me.md': fixable('\r\n', true).before });
    const file = join(dir, 'ai/fix-me.md');
    await kart(['fix'], dir);
    const once = readFileSync(file);
    const ino = statSync(file).ino;
    const r = await kart(['fix'], dir);
    assert.strictEqual(r.code, 0);
    assert.ok(readFileSync(file).equals(once));
    assert.strictEqual(statSync(file).ino, ino, 'rewritten although nothing changed');
    assert.strictEqual(r.out, 'Fixed 0 problems in 0 files.');
  });

  it('refuses to write a file that changed after it was read', async () => {
    const dir = folder({ 'a.md': 'first version\n' });
    const file = join(dir, 'a.md');
    const read = readFileSync(file);
    writeFileSync(file, 'changed by the author meanwhile\n');
    const write = (expected: Buffer) => replaceFiles([{ file, text: 'the fixed text\n', expected }], { within: [dir], doing: 'fixing', settleMs: 0 });
    const [refused] = await write(read);
    assert.ok(!refused.written && refused.reason === 'changed' && /changed while kart was fixing it/.test(refused.message), JSON.stringify(refused));
    assert.strictEqual(readFileSync(file, 'utf8'), 'changed by the author meanwhile\n');
    assert.deepStrictEqual(readdirSync(dir), ['a.md']);
    // The same buffer that is still on disk: written.
    assert.ok((await write(readFileSync(file)))[0].written);
    assert.strictEqual(readFileSync(file, 'utf8'), 'the fixed text\n');
    assert.deepStrictEqual(readdirSync(dir), ['a.md']);
  });

  it('keeps the owner and group (another user\'s file: with --force)', async () => {
    const dir = folder({ 'ai/fix-me.md': fixable().before });
    const file = join(dir, 'ai/fix-me.md');
    const before = statSync(file);
    if (process.getuid?.() === 0) chownSync(file, 1234, 5678);
    const owner = statSync(file);
    assert.strictEqual((await kart(['fix', '--force'], dir)).code, 0);
    const now = statSync(file);
    assert.notStrictEqual(now.ino, before.ino);
    assert.deepStrictEqual([now.uid, now.gid], [owner.uid, owner.gid]);
  });

  it('writes through a symbolic link to the file it points to, keeping the link', async () => {
    const dir = folder({ 'real/fix-me.md': fixable().before });
    mkdirSync(join(dir, 'ai'));
    symlinkSync(join(dir, 'real/fix-me.md'), join(dir, 'ai/linked.md'));
    const r = await kart(['fix', 'ai/linked.md'], dir);
    assert.strictEqual(r.code, 0, r.err);
    assert.ok(lstatSync(join(dir, 'ai/linked.md')).isSymbolicLink(), 'the link was replaced by a copy');
    assert.strictEqual(readlinkSync(join(dir, 'ai/linked.md')), join(dir, 'real/fix-me.md'));
    assert.strictEqual(readFileSync(join(dir, 'real/fix-me.md'), 'utf8'), fixable().after);
  });

  it('reports an unreadable file and still fixes the others (exit 1)', async () => {
    const dir = folder({ 'ai/fix-me.md': fixable().before, 'ai/zz-fix-me-too.md': fixable().before.replace('id: fix-me', 'id: fix-me-too') });
    // Root reads any file whatever its mode: a dangling link is unreadable for everyone.
    symlinkSync(join(dir, 'nowhere.md'), join(dir, 'ai/broken.md'));
    const r = await kart(['fix'], dir);
    assert.strictEqual(r.code, 1);
    assert.match(r.err, /^kart: ai\/broken\.md: The file cannot be read \(ENOENT\)\.$/m);
    assert.strictEqual(readFileSync(join(dir, 'ai/fix-me.md'), 'utf8'), fixable().after);
    assert.strictEqual(readFileSync(join(dir, 'ai/zz-fix-me-too.md'), 'utf8'), fixable().after.replace('id: fix-me', 'id: fix-me-too'));
  });

  it('never rewrites a file that is not valid UTF-8', async () => {
    const bytes = Buffer.concat([Buffer.from(fixable().before.replace('More text.', 'More text ')), Buffer.from([0xff, 0xfe, 0x0a])]);
    const dir = folder({ 'ai/latin.md': bytes });
    const r = await kart(['fix'], dir);
    assert.ok(readFileSync(join(dir, 'ai/latin.md')).equals(bytes));
    assert.match(r.out, /Fixed 0 problems/);
  });

  it('--unsafe applies the fixes that need a look too; without it they stay', async () => {
    const text = clean.replace('[@f1]', '[@f2]');
    const dir = folder({ 'ai/cite.md': text });
    await kart(['fix'], dir);
    assert.strictEqual(readFileSync(join(dir, 'ai/cite.md'), 'utf8'), text);
    await kart(['fix', '--unsafe'], dir);
    assert.strictEqual(readFileSync(join(dir, 'ai/cite.md'), 'utf8'), clean);
  });
});
