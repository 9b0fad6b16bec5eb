import * as assert from 'assert';
import { describe, it } from 'node:test';
import { neverCancelled } from '../../../server/src/core/types';
import { getCodeLenses } from '../../../server/src/features/codeLens';
import { getReferences } from '../../../server/src/features/references';
import { marked, validArticle } from '../../helpers';
import { contextWith, slice } from './context';

const WS = 'file:///ws';
const spec = `  - title: The Go Programming Language Specification
    type: documentation
    year: 2024
    url: https://go.dev/ref/spec
    institution: Google
`;
const doiSource = `  - title: Attention Is All You Need
    type: academic_paper
    year: 2017
    url: https://doi.org/10.48550/arXiv.1706.03762
    institution: Google
`;
const go = marked(
  validArticle({ sources: spec.replace('The Go', '⟦The Go').replace('Specification\n', 'Specification⟧\n') + doiSource.replace('Attention Is All You Need', '⟦Attention Is All You Need⟧'), body: '## TL;DR\nGo.\n' })
    .replace('title: "Test Article"', 'title: ⟦Go Programming Language⟧')
    .replace('id: test-article', 'id: go-language'),
);
const rust = validArticle({ body: '## TL;DR\nRust, unlike [Go](../go-language.md), and [Go again](go-language.md#x).\n', sources: spec.replace('https://go.dev/ref/spec', 'http://www.go.dev/ref/spec/') }).replace('id: test-article', 'id: rust');
const python = validArticle({ body: '## TL;DR\nPython, not [Go](../go-language.md).\n', sources: doiSource.replace('url: https://doi.org/10.48550/arXiv.1706.03762', 'url: https://arxiv.org/abs/1706.03762\n    doi: 10.48550/ARXIV.1706.03762') }).replace('id: test-article', 'id: python');
const files = { [`${WS}/cs/go-language.md`]: go.text, [`${WS}/cs/rust.md`]: rust, [`${WS}/cs/python.md`]: python };
const textOf = (uri: string) => files[uri as keyof typeof files];

describe('references across articles', () => {
  const ctx = contextWith(files);
  const [titleRange, specRange, attentionRange] = go.ranges;
  const refs = (offset: number, includeDeclaration = false) =>
    getReferences(ctx, ctx.articleAt(`${WS}/cs/go-language.md`)!, offset, includeDeclaration, neverCancelled).map((l) => [l.uri.slice(WS.length + 1), slice(textOf(l.uri), l.range)]);

  it('on the title: every link to the article from the others, in either convention', () => {
    assert.deepStrictEqual(refs(titleRange.start + 3), [
      ['cs/rust.md', '[Go](../go-language.md)'],
      ['cs/rust.md', '[Go again](go-language.md#x)'],
      ['cs/python.md', '[Go](../go-language.md)'],
    ]);
    assert.deepStrictEqual(refs(titleRange.start, true)[0], ['cs/go-language.md', 'Go Programming Language']);
  });

  it('on a source: the same source in other articles, by url compared leniently or by DOI', () => {
    assert.deepStrictEqual(refs(specRange.start + 5), [['cs/rust.md', 'The Go Programming Language Specification']]);
    assert.deepStrictEqual(refs(attentionRange.end), [['cs/python.md', 'Attention Is All You Need']]);
  });

  it('code lenses: "linked from" on the title and "also in" on each source, each showing those references', () => {
    const uri = `${WS}/cs/go-language.md`;
    const lenses = getCodeLenses(ctx.articleAt(uri)!, neverCancelled, ctx).filter((l) => !l.title.startsWith('cited'));
    assert.deepStrictEqual(lenses, [
      { range: titleRange, title: 'linked from 2 articles', command: { id: 'knowledgeArticles.showFactReferences', arguments: [uri, titleRange.start] } },
      { range: specRange, title: 'also in 1 article', command: { id: 'knowledgeArticles.showFactReferences', arguments: [uri, specRange.start] } },
      { range: attentionRange, title: 'also in 1 article', command: { id: 'knowledgeArticles.showFactReferences', arguments: [uri, attentionRange.start] } },
    ]);
    const alone = contextWith({ [`${WS}/x.md`]: validArticle() });
    assert.deepStrictEqual(getCodeLenses(alone.articleAt(`${WS}/x.md`)!, neverCancelled, alone).map((l) => l.title), ['linked from 0 articles', 'cited 1×', 'also in 0 articles']);
  });
});
