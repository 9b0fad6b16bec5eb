import * as assert from 'assert';
import { describe, it } from 'node:test';
import { neverCancelled } from '../../../server/src/core/types';
import { getDocumentLinks } from '../../../server/src/features/documentLinks';
import { article, marked, validArticle } from '../../helpers';
import { contextWith } from './context';

describe('document links', () => {
  it('links source and fact urls (http and https only) and relative links to other articles', () => {
    const facts = `  - id: f1
    statement: FLAN showed it.
    source_title: FLAN
    source_url: "⟦https://arxiv.org/abs/2109.01652⟧"
  - id: f2
    statement: Not a web link.
    source_title: Local
    source_url: ftp://example.org/file
`;
    const sources = `  - title: FLAN 😀
    type: academic_paper
    url: ⟦http://arxiv.org/abs/2109.01652⟧
  - title: No url
    type: book
`;
    const body = '## Related Articles\n- [Go 中文](⟦../../computer-science/go-language.md⟧)\n- [Missing](../missing.md)\n- [Web](https://example.org)\n';
    const { text, ranges } = marked(validArticle({ facts, sources, body }));
    const other = validArticle().replace('title: "Test Article"', 'title: "Go"');
    const ctx = contextWith({ 'file:///ws/computer-science/go-language.md': other });
    assert.deepStrictEqual(getDocumentLinks(ctx, article(text), neverCancelled), [
      { range: ranges[0], target: 'https://arxiv.org/abs/2109.01652', tooltip: 'Open the source of f1' },
      { range: ranges[1], target: 'http://arxiv.org/abs/2109.01652', tooltip: 'Open the source' },
      { range: ranges[2], target: 'file:///ws/computer-science/go-language.md', tooltip: 'Open "Go"' },
    ]);
  });

  it('works in a CRLF document', () => {
    const { text, ranges } = marked(validArticle({ body: '## Related\n- [RNN](⟦rnn.md⟧)\n' }).replace(/\n/g, '\r\n'));
    const ctx = contextWith({ 'file:///ws/ai/rnn.md': validArticle() });
    const links = getDocumentLinks(ctx, article(text), neverCancelled);
    assert.deepStrictEqual(links[links.length - 1], { range: ranges[0], target: 'file:///ws/ai/rnn.md', tooltip: 'Open "Test Article"' });
    assert.strictEqual(links.length, 3, 'the fact\'s source_url, the source\'s url and the article link');
  });
});
