import * as assert from 'assert';
import { describe, it } from 'node:test';
import { neverCancelled } from '../../../server/src/core/types';
import { getInlayHints, shortStatement } from '../../../server/src/features/inlayHints';
import { article, marked, validArticle } from '../../helpers';

const facts = `  - id: f1
    statement: >-
      FLAN showed that instruction tuning enables
      zero-shot generalization to unseen tasks.
    source_title: FLAN
    source_url: https://arxiv.org/abs/2109.01652
  - id: f2
    statement: Chung scaled it.
    source_title: Scaling
    source_url: https://arxiv.org/abs/2210.11416
`;

describe('inlay hints after citations', () => {
  it('after each citation, the short form of each cited statement; unknown ids give none', () => {
    const { text, ranges } = marked(validArticle({ facts, body: '## TL;DR\n😀 Tuning works [@f1]⟦⟧. Both [@f2; @f1]⟦⟧. Unknown [@nope].\n' }));
    const a = article(text);
    const hints = getInlayHints(a, { start: 0, end: text.length }, neverCancelled);
    assert.deepStrictEqual(hints, [
      { offset: ranges[0].start, label: 'FLAN showed that instruction tuning enables…', tooltip: '**f1**: FLAN showed that instruction tuning enables zero-shot generalization to unseen tasks.' },
      { offset: ranges[1].start, label: 'Chung scaled it. · FLAN showed that instruction tuning enables…', tooltip: '**f2**: Chung scaled it.\n\n**f1**: FLAN showed that instruction tuning enables zero-shot generalization to unseen tasks.' },
    ]);
    // Only the citations in the range asked for.
    assert.strictEqual(getInlayHints(a, { start: ranges[1].start - 3, end: text.length }, neverCancelled).length, 1);
  });

  it('cuts at a word boundary and leaves a short statement as it is', () => {
    assert.strictEqual(shortStatement('Short one.'), 'Short one.');
    assert.strictEqual(shortStatement('a'.repeat(60)), `${'a'.repeat(47)}…`);
    assert.strictEqual(shortStatement('one two three, four', 15), 'one two three…');
  });
});
