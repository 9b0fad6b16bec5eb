import * as assert from 'assert';
import { describe, it } from 'node:test';
import { neverCancelled } from '../../../server/src/core/types';
import { getCodeLenses } from '../../../server/src/features/codeLens';
import { article, marked, validArticle } from '../../helpers';

describe('code lens on fact ids', () => {
  it('says how often each fact is cited and mapped, with the command to show its references', () => {
    const facts = `  - id: ⟦f1⟧
    statement: FLAN showed it.
    source_title: FLAN
    source_url: https://arxiv.org/abs/2109.01652
  - id: "⟦f2⟧"
    statement: Chung scaled it.
    source_title: Scaling
  - statement: A fact with no id gets no lens.
    source_title: Scaling
`;
    const body = '## TL;DR\n😀 [@f1]. 中文 [@f2; @f1].\n\n## Source-Mapped Facts\n- FLAN showed it. ([source](https://arxiv.org/abs/2109.01652))\n';
    const { text, ranges } = marked(validArticle({ facts, body }));
    const uri = 'file:///ws/ai/test-article.md';
    assert.deepStrictEqual(getCodeLenses(article(text), neverCancelled), [
      { range: ranges[0], title: 'cited 2× · mapped 1×', command: { id: 'knowledgeArticles.showFactReferences', arguments: [uri, ranges[0].start] } },
      { range: ranges[1], title: 'cited 1×', command: { id: 'knowledgeArticles.showFactReferences', arguments: [uri, ranges[1].start] } },
    ]);
  });

  it('says "cited 0×" for a fact the body never cites', () => {
    const { text } = marked(validArticle({ body: 'No citations.\n' }));
    assert.deepStrictEqual(getCodeLenses(article(text), neverCancelled).map((l) => l.title), ['cited 0×']);
  });
});
