// Which files kart check and kart fix read: quoted globs expanded by kart, and .gitignore honoured (nested ones too).
import * as assert from 'assert';
import { mkdirSync, readFileSync } from 'fs';
import { describe, it } from 'node:test';
import { join } from 'path';
import { folder, kart } from '../cliHelpers';
import { validArticle } from '../helpers';

// Each file has one error (schema-enum) on its own line, so the report names every file checked.
const broken = (id: string) => validArticle().replace('id: test-article', `id: ${id}`).replace('confidence: medium', 'confidence: meduim');
const checked = (out: string) => [...new Set(out.split('\n').filter((l) => / error schema-enum /.test(l)).map((l) => l.split(':')[0]))].sort();

describe('kart check: quoted globs', () => {
  const tree = {
    'content/ai/a.md': broken('a'),
    'content/ai/deep/b.md': broken('b'),
    'content/ml/c.md': broken('c'),
    'content/xl/e.md': broken('e'),
    'content/notes.txt': 'not Markdown',
    'other/d.md': broken('d'),
  };

  it("'content/**/*.md' checks the Markdown files it matches at any depth, and no others", async () => {
    const r = await kart(['check', 'content/**/*.md'], folder(tree));
    assert.deepStrictEqual(checked(r.out), ['content/ai/a.md', 'content/ai/deep/b.md', 'content/ml/c.md', 'content/xl/e.md']);
    assert.match(r.out, /^4 files checked: /m);
  });

  it('globs and plain paths together; braces and single stars as in picomatch', async () => {
    const dir = folder(tree);
    assert.deepStrictEqual(checked((await kart(['check', 'content/{ai,ml}/*.md', 'other'], dir)).out), ['content/ai/a.md', 'content/ml/c.md', 'other/d.md']);
    assert.deepStrictEqual(checked((await kart(['check', 'content/ai/*.md'], dir)).out), ['content/ai/a.md']);
  });

  it('a glob matching nothing is reported like a missing path (exit 1)', async () => {
    const r = await kart(['check', 'content/**/*.mdx'], folder(tree));
    assert.strictEqual(r.code, 1);
    assert.match(r.out, /^content\/\*\*\/\*\.mdx:1:1 error file-unreadable no Markdown file matches this pattern\.$/m);
  });
});

describe('kart check: .gitignore', () => {
  const tree = {
    '.gitignore': 'drafts/\nsecret*.md\n',
    'content/.gitignore': '!secret-ok.md\n',
    'content/sub/.gitignore': 'private.md\n',
    'content/a.md': broken('a'),
    'content/secret1.md': broken('s1'),
    'content/secret-ok.md': broken('s2'),
    'content/sub/private.md': broken('p'),
    'content/sub/public.md': broken('q'),
    'drafts/d.md': broken('d'),
  };

  it('leaves out what the .gitignore files say, the deepest one deciding (a nested ! re-includes)', async () => {
    const r = await kart(['check'], folder(tree));
    assert.deepStrictEqual(checked(r.out), ['content/a.md', 'content/secret-ok.md', 'content/sub/public.md']);
  });

  it('a path named on the command line that .gitignore leaves out is skipped and said so on stderr, as ESLint does; --no-ignore checks it', async () => {
    const dir = folder(tree);
    const r = await kart(['check', 'drafts/d.md', 'content/secret1.md', 'content/a.md'], dir);
    assert.deepStrictEqual(checked(r.out), ['content/a.md']);
    assert.match(r.err, /^kart: drafts\/d\.md is left out by \.gitignore; not checked \(--no-ignore checks it\)$/m);
    assert.match(r.err, /^kart: content\/secret1\.md is left out by \.gitignore; not checked/m);
    const all = await kart(['check', '--no-ignore'], dir);
    assert.deepStrictEqual(checked(all.out), ['content/a.md', 'content/secret-ok.md', 'content/secret1.md', 'content/sub/private.md', 'content/sub/public.md', 'drafts/d.md']);
  });

  it('run from a sub-folder of a git work tree, the .gitignore at its top still applies', async () => {
    const dir = folder(tree);
    mkdirSync(join(dir, '.git'));
    const r = await kart(['check', '.'], join(dir, 'content'));
    assert.deepStrictEqual(checked(r.out), ['a.md', 'secret-ok.md', 'sub/public.md']);
  });

  it('kart fix leaves ignored files alone', async () => {
    const fixable = validArticle().replace('confidence: high', 'confidence: High');
    const dir = folder({ '.gitignore': 'vendor/\n', 'vendor/x.md': fixable, 'ai/test-article.md': fixable });
    const r = await kart(['fix'], dir);
    assert.strictEqual(r.out.split('\n').at(-1), 'Fixed 1 problem in 1 file.');
    assert.strictEqual(readFileSync(join(dir, 'vendor/x.md'), 'utf8'), fixable);
  });
});
