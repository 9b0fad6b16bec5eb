// `kart mv` on real files in temporary folders, through the CLI's own main().
import * as assert from 'assert';
import { existsSync, readFileSync, symlinkSync } from 'fs';
import { describe, it } from 'node:test';
import { join } from 'path';
import { validArticle } from '../helpers';
import { folder, kartRaw as kart } from '../cliHelpers';

// Each folder has its kart.config.json: kart mv stays inside the workspace it names.
const workspace = (files: Record<string, string>) => folder({ 'kart.config.json': '{}\n', ...files }, 'kart-mv-');

const inCategory = (category: string, body: string) => validArticle({ body }).replace('category: ai', `category: ${category}`);
const go = inCategory('computer-science', '## TL;DR\nGo.\n\n## Related Articles\n- [Rust](../rust.md)\n');
const rust = inCategory('computer-science', '## TL;DR\nRust.\n\n## Related Articles\n- [Go](../go-language.md) and [again](go-language.md)\n');

describe('kart mv', () => {
  it('moves an article to another category folder, rewriting the links to it and from it, and its category', async () => {
    const dir = workspace({ 'computer-science/go-language.md': go, 'computer-science/rust.md': rust, 'README.md': '# Notes\n[Go](computer-science/go-language.md)\n' });
    const r = await kart(['mv', 'computer-science/go-language.md', 'history/go.md'], dir);
    assert.strictEqual(r.code, 0, r.err);
    assert.ok(!existsSync(join(dir, 'computer-science/go-language.md')));
    const moved = readFileSync(join(dir, 'history/go.md'), 'utf8');
    assert.strictEqual(moved, go.replace('category: computer-science', 'category: history').replace('(../rust.md)', '(../../computer-science/rust.md)'));
    assert.strictEqual(readFileSync(join(dir, 'computer-science/rust.md'), 'utf8'), rust.replace('(../go-language.md)', '(../../history/go.md)').replace('(go-language.md)', '(../history/go.md)'));
    // A Markdown file that is no article is not in the index: its link is left as it was.
    assert.strictEqual(readFileSync(join(dir, 'README.md'), 'utf8'), '# Notes\n[Go](computer-science/go-language.md)\n');
    assert.match(r.out, /Moved computer-science\/go-language\.md → history\/go\.md: 3 links rewritten, category updated in 1 article\./);
  });

  it('--dry-run says what it would do and writes nothing', async () => {
    const dir = workspace({ 'computer-science/go-language.md': go, 'computer-science/rust.md': rust });
    const r = await kart(['mv', 'computer-science/go-language.md', 'computer-science/golang.md', '--dry-run'], dir);
    assert.strictEqual(r.code, 0, r.err);
    assert.ok(existsSync(join(dir, 'computer-science/go-language.md')));
    assert.strictEqual(readFileSync(join(dir, 'computer-science/rust.md'), 'utf8'), rust);
    assert.match(r.out, /computer-science\/rust\.md: 2 edits/);
    assert.match(r.out, /Would move .*2 links rewritten \(dry run: nothing written\)\./);
  });

  it('refuses to write outside the workspace, onto an existing file, or without two paths', async () => {
    const dir = workspace({ 'computer-science/go-language.md': go, 'computer-science/rust.md': rust });
    const outside = folder({}, 'kart-mv-outside-');
    let r = await kart(['mv', 'computer-science/go-language.md', join(outside, 'go.md')], dir);
    assert.strictEqual(r.code, 1);
    assert.match(r.err, /outside the workspace/);
    // Through a symbolic link to a folder outside: still outside.
    symlinkSync(outside, join(dir, 'elsewhere'));
    r = await kart(['mv', 'computer-science/go-language.md', 'elsewhere/go.md'], dir);
    assert.strictEqual(r.code, 1);
    assert.match(r.err, /outside the workspace/);
    r = await kart(['mv', 'computer-science/go-language.md', 'computer-science/rust.md'], dir);
    assert.strictEqual(r.code, 1);
    assert.match(r.err, /already exists/);
    r = await kart(['mv', 'computer-science/go-language.md'], dir);
    assert.strictEqual(r.code, 2);
    assert.ok(existsSync(join(dir, 'computer-science/go-language.md')));
    assert.strictEqual(readFileSync(join(dir, 'computer-science/rust.md'), 'utf8'), rust);
  });

  it('moves a folder, and into an existing folder under the same name', async () => {
    const dir = workspace({ 'computer-science/go-language.md': go, 'computer-science/rust.md': rust, 'history/old.md': inCategory('history', '## TL;DR\n[Go](../../computer-science/go-language.md)\n') });
    const r = await kart(['mv', 'computer-science', 'cs'], dir);
    assert.strictEqual(r.code, 0, r.err);
    assert.strictEqual(readFileSync(join(dir, 'cs/rust.md'), 'utf8'), rust.replace('category: computer-science', 'category: cs'));
    assert.match(readFileSync(join(dir, 'history/old.md'), 'utf8'), /\[Go\]\(\.\.\/\.\.\/cs\/go-language\.md\)/);
    const r2 = await kart(['mv', 'cs/rust.md', 'history'], dir);
    assert.strictEqual(r2.code, 0, r2.err);
    assert.ok(existsSync(join(dir, 'history/rust.md')));
  });
});
