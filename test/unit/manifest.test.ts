/** package.json as the Marketplace and npm read it: categories VS Code allows, links to the project, the Node it needs. */
import * as assert from 'assert';
import { readFileSync } from 'fs';
import { describe, it } from 'node:test';
import { join } from 'path';

const manifest = JSON.parse(readFileSync(join(__dirname, '../../..', 'package.json'), 'utf8'));

// The values VS Code's extension manifest reference allows for `categories`.
const ALLOWED = ['Programming Languages', 'Snippets', 'Linters', 'Themes', 'Debuggers', 'Formatters', 'Keymaps', 'SCM Providers', 'Other', 'Extension Packs', 'Language Packs', 'Data Science', 'Machine Learning', 'Visualization', 'Notebooks', 'Education', 'Testing', 'AI', 'Chat'];

describe('package.json', () => {
  it('has categories VS Code allows, each true of the extension', () => {
    assert.deepStrictEqual(manifest.categories, ['Linters', 'Snippets']);
    for (const c of manifest.categories) assert.ok(ALLOWED.includes(c), c);
    assert.ok(manifest.contributes.snippets.length > 0, 'Snippets: it contributes snippets');
    // "Programming Languages" is for an extension that contributes a language; "Formatters" for a formatting provider.
    assert.strictEqual(manifest.contributes.languages, undefined);
  });

  it('names its author and links its repository, issues and home page', () => {
    assert.strictEqual(manifest.author, 'The Knowledge Articles contributors');
    const repo = 'https://github.com/knowledge-articles/knowledge-articles';
    assert.deepStrictEqual(manifest.repository, { type: 'git', url: `${repo}.git` });
    assert.deepStrictEqual(manifest.bugs, { url: `${repo}/issues` });
    assert.strictEqual(manifest.homepage, `${repo}#readme`);
  });

  it('says which Node it needs, and the Node running the tests meets it', () => {
    const min = /^>=(\d+)$/.exec(manifest.engines.node);
    assert.ok(min, manifest.engines.node);
    assert.ok(Number(process.versions.node.split('.')[0]) >= Number(min[1]));
  });

  it('builds dist/ before npm packs it', () => {
    assert.strictEqual(manifest.scripts.prepack, 'node esbuild.mjs --production');
  });
});
