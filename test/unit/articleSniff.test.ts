// The client's line check that decides when the language server starts: no YAML is parsed, a README never passes.
import * as assert from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import { describe, it } from 'node:test';
import { looksLikeArticle } from '../../client/src/articleSniff';

const ROOT = path.resolve(__dirname, '..', '..', '..');

describe('looksLikeArticle (the client starts the server for these)', () => {
  it('an article: a --- first line and atomic_facts: or primary_sources: at column 0 before the closing fence', () => {
    assert.strictEqual(looksLikeArticle('---\nid: a\natomic_facts:\n  - id: f1\n---\nBody'), true);
    assert.strictEqual(looksLikeArticle('\uFEFF---\r\ntitle: x\r\nprimary_sources: []\r\n---\r\n'), true);
    assert.strictEqual(looksLikeArticle('---  \natomic_facts: []\n'), true, 'an unclosed frontmatter still counts');
    assert.strictEqual(looksLikeArticle(readFileSync(path.join(ROOT, 'test/vscode/workspace/ai/instruction-tuning.md'), 'utf8')), true);
  });

  it('not an article: a README, other frontmatter, the keys indented, quoted, after the fence, or not first', () => {
    assert.strictEqual(looksLikeArticle(readFileSync(path.join(ROOT, 'test/vscode/workspace/README.md'), 'utf8')), false);
    assert.strictEqual(looksLikeArticle('# README\n\natomic_facts: in prose\n'), false);
    assert.strictEqual(looksLikeArticle('---\ntitle: Blog post\ntags: [a]\n---\natomic_facts:\n'), false);
    assert.strictEqual(looksLikeArticle('---\nmeta:\n  atomic_facts: []\n---\n'), false);
    assert.strictEqual(looksLikeArticle('\n---\natomic_facts: []\n---\n'), false);
    assert.strictEqual(looksLikeArticle('---\natomic_factsX: 1\n---\n'), false);
    assert.strictEqual(looksLikeArticle(''), false);
  });
});
