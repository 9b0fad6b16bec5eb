import * as assert from 'assert';
import { describe, it } from 'node:test';
import { getDefinition } from '../../../server/src/features/definition';
import { neverCancelled } from '../../../server/src/core/types';
import { article, marked, validArticle } from '../../helpers';
import { contextWith } from './context';

const facts = `  - id: ⟦f1⟧
    statement: FLAN showed that instruction tuning enables zero-shot generalization.
    source_title: Finetuned Language Models Are Zero-Shot Learners
    source_url: https://arxiv.org/abs/2109.01652
  - id: "f2"
    statement: Chung scaled it.
    source_title: Scaling
    source_url: https://arxiv.org/abs/2210.11416/
`;

describe('go to definition', () => {
  it('leads from a citation key to its fact\'s id', () => {
    const { text, cursor, ranges } = marked(validArticle({ facts, body: '## TL;DR\nIt works [@f2; @f‸1].\n' }));
    assert.deepStrictEqual(getDefinition(contextWith(), article(text), cursor, neverCancelled), [{ uri: 'file:///ws/ai/test-article.md', range: ranges[0] }]);
  });

  it('leads from a citation of an unknown fact nowhere', () => {
    const { text, cursor } = marked(validArticle({ body: 'It works [@f‸9].\n' }));
    assert.deepStrictEqual(getDefinition(contextWith(), article(text), cursor, neverCancelled), []);
  });

  it('leads from a fact\'s source_url to the source entry with the same url, compared leniently', () => {
    const sources = `  - ⟦title: Scaling
    type: academic_paper
    url: https://arxiv.org/abs/2210.11416⟧
`;
    const f = facts.replace('⟦f1⟧', 'f1').replace('source_url: https://arxiv.org/abs/2210.11416/', 'source_url: https://arxiv.org/abs/2210‸.11416/');
    const { text, cursor, ranges } = marked(validArticle({ facts: f, sources }));
    assert.deepStrictEqual(getDefinition(contextWith(), article(text), cursor, neverCancelled), [{ uri: 'file:///ws/ai/test-article.md', range: ranges[0] }]);
  });

  it('leads from a Source-Mapped Facts bullet to its fact', () => {
    const body = '## Source-Mapped Facts\n- FLAN showed that instruction ‸tuning enables zero-shot generalization. ([source](https://arxiv.org/abs/2109.01652))\n';
    const { text, cursor, ranges } = marked(validArticle({ facts, body }));
    assert.deepStrictEqual(getDefinition(contextWith(), article(text), cursor, neverCancelled), [{ uri: 'file:///ws/ai/test-article.md', range: ranges[0] }]);
  });

  it('leads from a relative link to the other article\'s file, site-URL style or file style', () => {
    const other = validArticle().replace('id: test-article', 'id: go-language');
    const ctx = contextWith({ 'file:///ws/computer-science/go-language.md': other, 'file:///ws/ai/rnn.md': other.replace('go-language', 'rnn') });
    const { text, cursor } = marked(validArticle({ body: '## Related Articles\n- [Go](../../computer-science/go-‸language.md)\n- [RNN](rnn.md)\n' }));
    const a = article(text);
    assert.deepStrictEqual(getDefinition(ctx, a, cursor, neverCancelled), [{ uri: 'file:///ws/computer-science/go-language.md', range: { start: 0, end: 0 } }]);
    assert.deepStrictEqual(getDefinition(ctx, a, text.indexOf('rnn.md'), neverCancelled), [{ uri: 'file:///ws/ai/rnn.md', range: { start: 0, end: 0 } }]);
    assert.deepStrictEqual(getDefinition(contextWith(), a, cursor, neverCancelled), [], 'a link to no known article leads nowhere');
  });

  it('before the workspace is indexed, reads the file a link names', () => {
    const other = validArticle().replace('id: test-article', 'id: go-language');
    const ctx = contextWith({ 'file:///ws/computer-science/go-language.md': other });
    const unindexed = { ...ctx, index: contextWith().index };
    const { text, cursor } = marked(validArticle({ body: '## Related Articles\n- [Go](../../computer-science/go-‸language.md)\n' }));
    assert.deepStrictEqual(getDefinition(unindexed, article(text), cursor, neverCancelled), [{ uri: 'file:///ws/computer-science/go-language.md', range: { start: 0, end: 0 } }]);
  });
});
