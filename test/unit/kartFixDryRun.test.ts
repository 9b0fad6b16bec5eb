// `kart fix --dry-run`: the fixes as a unified diff on stdout, nothing written.
import * as assert from 'assert';
import { readFileSync, statSync } from 'fs';
import { applyPatch } from 'diff';
import { describe, it } from 'node:test';
import { join } from 'path';
import { folder, kart } from '../cliHelpers';
import { validArticle } from '../helpers';

// `High` for `high`: a safe fix (schema-enum's case fix).
const fixable = validArticle().replace('confidence: high', 'confidence: High');

describe('kart fix --dry-run', () => {
  it('prints a unified diff of what kart fix would write, writes nothing, and the diff applied is what kart fix writes', async () => {
    const dir = folder({ 'ai/test-article.md': fixable, 'ai/clean.md': validArticle().replace('id: test-article', 'id: clean') });
    const before = statSync(join(dir, 'ai/test-article.md'));
    const r = await kart(['fix', '--dry-run'], dir);
    assert.strictEqual(r.code, 0, r.err);
    assert.strictEqual(readFileSync(join(dir, 'ai/test-article.md'), 'utf8'), fixable, 'the file is as it was');
    assert.strictEqual(statSync(join(dir, 'ai/test-article.md')).mtimeMs, before.mtimeMs);
    const lines = r.out.split('\n');
    assert.deepStrictEqual(lines.slice(0, 3), ['--- a/ai/test-article.md', '+++ b/ai/test-article.md', '@@ -15,7 +15,7 @@']);
    assert.ok(lines.includes('-    confidence: High'), r.out);
    assert.ok(lines.includes('+    confidence: high'), r.out);
    assert.ok(!r.out.includes('clean.md'), 'a file with nothing to fix is not in the diff');
    assert.strictEqual(r.err, 'Would fix 1 problem in 1 file; nothing written (--dry-run).');

    const patched = applyPatch(fixable, r.out + '\n');
    const wrote = await kart(['fix'], dir);
    assert.strictEqual(wrote.code, 0);
    assert.strictEqual(readFileSync(join(dir, 'ai/test-article.md'), 'utf8'), patched);
    assert.notStrictEqual(patched, fixable);
  });

  it('nothing to fix: an empty diff', async () => {
    const r = await kart(['fix', '--dry-run'], folder({ 'ai/test-article.md': validArticle() }));
    assert.strictEqual(r.out, '');
    assert.strictEqual(r.err, 'Would fix 0 problems in 0 files; nothing written (--dry-run).');
  });
});
