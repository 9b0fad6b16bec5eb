import * as assert from 'assert';
import { describe, it } from 'node:test';
import { applyEdits } from '../../../server/src/core/edits';
import { neverCancelled } from '../../../server/src/core/types';
import { getRename, prepareRename } from '../../../server/src/features/rename';
import { parseConfig } from '../../../server/src/config';
import { article, marked, validArticle } from '../../helpers';
import { contextWith } from './context';

const facts = `  - id: "f1"
    statement: FLAN showed it.
    source_title: FLAN
    source_url: https://arxiv.org/abs/2109.01652
  - id: f2
    statement: Chung scaled it.
    source_title: Scaling
    source_url: https://arxiv.org/abs/2210.11416
`;
const uri = 'file:///ws/ai/test-article.md';
/** The refusal message of a rename result, if it is one. */
const errorOf = (r: object): string | undefined => ('error' in r && typeof r.error === 'string' ? r.error : undefined);

describe('rename a fact id', () => {
  it('prepareRename gives the id\'s characters (no quotes, no @) from the declaration or a citation', () => {
    const { text, cursor, ranges } = marked(validArticle({ facts: facts.replace('"f1"', '"⟦f‸1⟧"') }));
    assert.deepStrictEqual(prepareRename(contextWith(), article(text), cursor), { range: ranges[0], placeholder: 'f1' });
    const cited = marked(validArticle({ facts, body: '## TL;DR\n😀 中文 [@f2; @⟦f‸1⟧].\n' }));
    assert.deepStrictEqual(prepareRename(contextWith(), article(cited.text), cited.cursor), { range: cited.ranges[0], placeholder: 'f1' });
  });

  it('prepareRename refuses what is not a fact id, saying why', () => {
    for (const source of [validArticle({ facts: facts.replace('statement: FLAN', 'statement: FL‸AN') }), validArticle({ body: 'Some ‸text.\n' }), validArticle({ fm: 'ti‸tle2: x\n' })]) {
      const { text, cursor } = marked(source);
      const r = prepareRename(contextWith(), article(text), cursor);
      assert.match(errorOf(r) ?? '', /Only a fact id can be renamed/, JSON.stringify(r));
    }
    const { text, cursor } = marked(validArticle({ body: 'Cites [@f‸9].\n' }));
    assert.deepStrictEqual(prepareRename(contextWith(), article(text), cursor), { error: 'No fact "f9" in this article to rename.' });
  });

  it('renames the declaration and every citation key, keeping quotes and CRLF', () => {
    const source = validArticle({ facts, body: '## TL;DR\nA [@f1]. B [@f2; @f1].\n\n## Source-Mapped Facts\n- FLAN showed it. ([source](https://arxiv.org/abs/2109.01652))\n' }).replace(/\n/g, '\r\n');
    const text = source;
    const a = article(text);
    const at = text.indexOf('[@f1]') + 3;
    const edit = getRename(contextWith(), a, at, 'flan-1', neverCancelled);
    assert.ok(!('error' in edit));
    const edits = (edit as Record<string, { range: { start: number; end: number }; newText: string }[]>)[uri];
    assert.strictEqual(edits.length, 3);
    const renamed = applyEdits(text, edits);
    assert.strictEqual(renamed, text.replace('id: "f1"', 'id: "flan-1"').replace('[@f1]', '[@flan-1]').replace('@f1]', '@flan-1]'));
  });

  it('refuses an invalid name, an id already used, and one the project\'s pattern rejects', () => {
    const { text, cursor } = marked(validArticle({ facts: facts.replace('id: f2', 'id: f‸2') }));
    const a = article(text);
    assert.deepStrictEqual(getRename(contextWith(), a, cursor, 'f1', neverCancelled), { error: 'The article already has a fact "f1".' });
    for (const bad of ['two words', '-x', 'x:', '[@x]', '']) {
      const r = getRename(contextWith(), a, cursor, bad, neverCancelled);
      assert.ok(errorOf(r)?.includes('cannot be a fact id'), `${bad}: ${JSON.stringify(r)}`);
    }
    const ctx = { ...contextWith(), config: parseConfig('{"factIdPattern": "^fact-"}') };
    const r = getRename(ctx, a, cursor, 'f3', neverCancelled);
    assert.ok(errorOf(r)?.includes('factIdPattern'), JSON.stringify(r));
    assert.deepStrictEqual(getRename(ctx, a, cursor, 'fact-3', neverCancelled), { [uri]: [{ range: { start: cursor - 1, end: cursor + 1 }, newText: 'fact-3' }] });
  });
});
