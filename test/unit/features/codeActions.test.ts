import * as assert from 'assert';
import { describe, it } from 'node:test';
import { checkArticle } from '../../../server/src/check';
import { parseConfig } from '../../../server/src/config';
import { applyEdits } from '../../../server/src/core/edits';
import { neverCancelled, type Finding } from '../../../server/src/core/types';
import { getCodeActions } from '../../../server/src/features/codeActions';
import { article, marked, TODAY, validArticle } from '../../helpers';

const uri = 'file:///ws/ai/test-article.md';

function finding(rule: string, start: number, end: number, fixes: Finding['fixes']): Finding {
  return { uri, rule, severity: 'warning', message: rule, range: { start, end }, fixes };
}

describe('code actions', () => {
  const text = 'abcdefghij';
  const a = article(text);
  const findings = [
    finding('one', 0, 2, [
      { title: 'Fix one', edits: [{ range: { start: 0, end: 2 }, newText: 'AB' }], safe: true, preferred: true },
      { title: 'Other fix', edits: [{ range: { start: 0, end: 2 }, newText: 'xy' }], safe: false },
    ]),
    finding('two', 1, 3, [{ title: 'Fix two', edits: [{ range: { start: 1, end: 3 }, newText: 'BC' }], safe: true, preferred: true }]),
    finding('three', 6, 8, [{ title: 'Fix three', edits: [{ range: { start: 6, end: 7 }, newText: 'G' }, { range: { start: 7, end: 8 }, newText: 'H' }], safe: true }]),
    finding('four', 8, 9, [{ title: 'Unsafe only', edits: [{ range: { start: 8, end: 9 }, newText: 'I' }], safe: false }]),
    finding('five', 9, 10, undefined),
  ];

  it('offers each fix of each finding under the range as a quick fix', () => {
    assert.deepStrictEqual(getCodeActions(a, findings, { start: 1, end: 1 }, ['quickfix'], neverCancelled), [
      { title: 'Fix one', kind: 'quickfix', edit: { [uri]: findings[0].fixes![0].edits }, isPreferred: true, diagnostics: [{ rule: 'one', range: { start: 0, end: 2 } }] },
      { title: 'Other fix', kind: 'quickfix', edit: { [uri]: findings[0].fixes![1].edits }, isPreferred: undefined, diagnostics: [{ rule: 'one', range: { start: 0, end: 2 } }] },
      { title: 'Fix two', kind: 'quickfix', edit: { [uri]: findings[1].fixes![0].edits }, isPreferred: true, diagnostics: [{ rule: 'two', range: { start: 1, end: 3 } }] },
    ]);
    assert.deepStrictEqual(getCodeActions(a, findings, { start: 4, end: 5 }, ['quickfix'], neverCancelled), []);
  });

  it('fixes all safe problems at once, whole fixes only, skipping one that overlaps a fix taken', () => {
    const [fixAll] = getCodeActions(a, findings, { start: 0, end: 0 }, ['source.fixAll'], neverCancelled);
    assert.strictEqual(fixAll.title, 'Fix all safe problems (2)');
    assert.strictEqual(fixAll.kind, 'source.fixAll');
    assert.deepStrictEqual(fixAll.diagnostics?.map((d) => d.rule), ['one', 'three']);
    assert.strictEqual(applyEdits(text, fixAll.edit[uri]), 'ABcdefGHij');
  });

  it('answers `only` by kind hierarchy: `source` includes source.fixAll; no `only` gives both', () => {
    const kinds = (only: string[] | undefined) => getCodeActions(a, findings, { start: 6, end: 6 }, only, neverCancelled).map((x) => x.kind);
    assert.deepStrictEqual(kinds(['source']), ['source.fixAll']);
    assert.deepStrictEqual(kinds(undefined), ['quickfix', 'source.fixAll']);
    assert.deepStrictEqual(kinds(['refactor']), []);
    assert.deepStrictEqual(getCodeActions(a, [findings[3]], { start: 0, end: 10 }, ['source.fixAll'], neverCancelled), [], 'no safe fix: no fix-all action');
  });

  it('turns the engine\'s findings into actions: a mistyped confidence becomes "high"', () => {
    const { text: doc, cursor } = marked(validArticle().replace('confidence: medium', 'confidence: hi‸g'));
    const art = article(doc);
    const all = checkArticle(art, { config: parseConfig(undefined), today: TODAY });
    const actions = getCodeActions(art, all, { start: cursor, end: cursor }, undefined, neverCancelled);
    const quick = actions.find((x) => x.kind === 'quickfix' && x.isPreferred);
    assert.ok(quick, JSON.stringify(actions.map((x) => x.title)));
    assert.strictEqual(quick.title, 'Change to "high"');
    assert.strictEqual(applyEdits(doc, quick.edit[uri]), validArticle().replace('confidence: medium', 'confidence: high'));
  });
});
