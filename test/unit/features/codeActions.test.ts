import * as assert from 'assert';
import { describe, it } from 'node:test';
import { checkArticle } from '../../../server/src/check';
import { parseConfig } from '../../../server/src/config';
import { applyEdits } from '../../../server/src/core/edits';
import { neverCancelled, type Finding } from '../../../server/src/core/types';
import { getCodeActions } from '../../../server/src/features/codeActions';
import { fixToFixedPoint, MAX_FIX_PASSES } from '../../../server/src/fixLoop';
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
    assert.strictEqual(fixAll.kind, 'source.fixAll.kart');
    assert.deepStrictEqual(fixAll.diagnostics?.map((d) => d.rule), ['one', 'three']);
    assert.strictEqual(applyEdits(text, fixAll.edit[uri]), 'ABcdefGHij');
  });

  it('answers `only` by kind hierarchy: `source` and `source.fixAll` include source.fixAll.kart; no `only` gives both', () => {
    const kinds = (only: string[] | undefined) => getCodeActions(a, findings, { start: 6, end: 6 }, only, neverCancelled).map((x) => x.kind);
    assert.deepStrictEqual(kinds(['source']), ['source.fixAll.kart']);
    assert.deepStrictEqual(kinds(['source.fixAll']), ['source.fixAll.kart']);
    assert.deepStrictEqual(kinds(['source.fixAll.kart']), ['source.fixAll.kart']);
    assert.deepStrictEqual(kinds(['source.fixAll.eslint']), [], "another tool's fix-all is not ours");
    assert.deepStrictEqual(kinds(['source.fix']), [], 'a kind is a dotted prefix, not a string prefix');
    assert.deepStrictEqual(kinds(undefined), ['quickfix', 'source.fixAll.kart']);
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

describe('fix all: a fixed point in one command', () => {
  const config = parseConfig(undefined);
  const check = (text: string) => checkArticle(article(text), { config, today: TODAY });

  it('re-checks the result and fixes again: a chain of fixes is done in one action, as one edit', () => {
    // Each text's finding is fixed into the next one: a → b → c, and c is clean.
    const chain: Record<string, string> = { 'a-x': 'b-x', 'b-x': 'c-x' };
    const findingsOf = (text: string): Finding[] => (chain[text] ? [finding('step', 0, 1, [{ title: 'Step', edits: [{ range: { start: 0, end: 1 }, newText: chain[text][0] }], safe: true }])] : []);
    const a = article('a-x');
    const [fixAll] = getCodeActions(a, findingsOf('a-x'), { start: 0, end: 0 }, ['source.fixAll'], neverCancelled, findingsOf);
    assert.strictEqual(fixAll.title, 'Fix all safe problems (2)');
    assert.deepStrictEqual(fixAll.edit[uri], [{ range: { start: 0, end: 1 }, newText: 'c' }]);
  });

  it('stops after 10 passes when fixes never end, and when a fix undoes another', () => {
    const grow = (text: string): Finding[] => [finding('grow', 0, 0, [{ title: 'Grow', edits: [{ range: { start: 0, end: 0 }, newText: 'x' }], safe: true }])];
    const r = fixToFixedPoint('', grow, (f) => f.fixes?.[0]);
    assert.deepStrictEqual([r.text, r.passes, r.applied], ['xxxxxxxxxx', MAX_FIX_PASSES, 10]);
    const flip = (text: string): Finding[] => [finding('flip', 0, 1, [{ title: 'Flip', edits: [{ range: { start: 0, end: 1 }, newText: text === 'a' ? 'b' : 'a' }], safe: true }])];
    assert.deepStrictEqual(fixToFixedPoint('a', flip, (f) => f.fixes?.[0]).text, 'b');
  });

  it('mends `id:"x"`, a misspelt key and "hgih" in one command; nothing is left for a second', () => {
    const text = validArticle({ facts: '  - id: f1\n    statement: FLAN showed it.\n    source_title: Finetuned Language Models Are Zero-Shot Learners\n    source_url: https://arxiv.org/abs/2109.01652\n    confidnce: hgih\n' })
      .replace('id: test-article', 'id:"test-article"')
      .replace('confidence: medium', 'confidence: hgih');
    const a = article(text);
    const [fixAll] = getCodeActions(a, check(text), { start: 0, end: 0 }, ['source.fixAll'], neverCancelled, check);
    const fixed = applyEdits(text, fixAll.edit[uri]);
    assert.strictEqual(fixAll.edit[uri].length, 1);
    assert.ok(fixed.includes('\nid: "test-article"\n') && fixed.includes('\nconfidence: high\n') && fixed.includes('\n    confidence: high\n'), fixed);
    assert.deepStrictEqual(check(fixed).filter((f) => f.rule.startsWith('schema-') || f.rule.startsWith('yaml-')), []);
    assert.deepStrictEqual(getCodeActions(article(fixed), check(fixed), { start: 0, end: 0 }, ['source.fixAll'], neverCancelled, check), []);
  });
});
