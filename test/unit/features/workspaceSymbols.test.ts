import * as assert from 'assert';
import { describe, it } from 'node:test';
import { neverCancelled } from '../../../server/src/core/types';
import { getWorkspaceSymbols } from '../../../server/src/features/workspaceSymbols';
import { fuzzyScore, queryWords } from '../../../server/src/model/fuzzy';
import { validArticle } from '../../helpers';
import { contextWith, slice } from './context';

const tuning = validArticle();
const go = validArticle({
  facts: `  - id: fact-go-1
    statement: >-
      Go has goroutines
      for concurrency.
    source_title: The Go Programming Language Specification
    source_url: https://go.dev/ref/spec
`,
  sources: `  - title: The Go Programming Language Specification
    type: documentation
    year: 2024
    url: https://go.dev/ref/spec
    institution: Google
`,
})
  .replace('id: test-article', 'id: go-language')
  .replace('title: "Test Article"', 'title: Go Programming Language');
const files = { 'file:///ws/ai/test-article.md': tuning, 'file:///ws/cs/go-language.md': go };

function search(query: string) {
  const ctx = contextWith(files);
  return getWorkspaceSymbols(ctx.index, query, neverCancelled).map((s) => ({ ...s, text: slice(files[s.uri as keyof typeof files], s.range) }));
}

describe('workspace symbols', () => {
  it('finds an article by title and by id, with its title as the place to go', () => {
    const [first] = search('go prog');
    assert.deepStrictEqual(first, { name: 'Go Programming Language (go-language)', kind: 'article', containerName: 'ai', uri: 'file:///ws/cs/go-language.md', range: first.range, text: 'Go Programming Language' });
    assert.strictEqual(search('go-language')[0].name, 'Go Programming Language (go-language)');
  });

  it('finds a fact by id and by words of its statement (a folded statement reads as one line)', () => {
    const byId = search('fact-go-1');
    assert.deepStrictEqual(byId.map((s) => [s.kind, s.name, s.text]), [['fact', 'fact-go-1: Go has goroutines for concurrency.', 'fact-go-1']]);
    const byWords = search('goroutines concurrency');
    assert.deepStrictEqual(byWords.map((s) => [s.kind, s.containerName]), [['fact', 'Go Programming Language']]);
  });

  it('finds a source by title, and ranks the article above the source when both match', () => {
    const found = search('programming language');
    assert.deepStrictEqual(
      found.map((s) => [s.kind, s.text]),
      [
        ['article', 'Go Programming Language'],
        ['source', 'The Go Programming Language Specification'],
      ],
    );
  });

  it('matches letters in order when no word does, and nothing when a letter is missing', () => {
    assert.deepStrictEqual(search('fnetnd zro').map((s) => s.kind), ['source']);
    assert.deepStrictEqual(search('qqq'), []);
  });

  it('lists articles by title for an empty query', () => {
    assert.deepStrictEqual(search('').map((s) => s.name), ['Go Programming Language (go-language)', 'Test Article (test-article)']);
  });

  it('scores a whole match over a prefix over a word start over the middle of a word over scattered letters', () => {
    const w = queryWords('go');
    const scores = ['go', 'golang', 'the go spec', 'ergonomics', 'g and o'].map((t) => fuzzyScore(t, w));
    assert.deepStrictEqual([...scores].sort((a, b) => b - a), scores);
    assert.strictEqual(fuzzyScore('rust', w), -1);
  });
});
