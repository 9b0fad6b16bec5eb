// Inline disabling: kart-disable / kart-enable ranges, kart-disable-line, kart-disable-next-line, kart-disable-file,
// in the body (HTML comments) and the frontmatter (YAML comments); unknown ids and unused directives reported; the
// "Disable RULE for this line" quick fix.
import * as assert from 'assert';
import { describe, it } from 'node:test';
import { checkArticle } from '../../../server/src/check';
import { parseConfig } from '../../../server/src/config';
import { applyEdits } from '../../../server/src/core/edits';
import { neverCancelled } from '../../../server/src/core/types';
import { getCodeActions } from '../../../server/src/features/codeActions';
import { allRules } from '../../../server/src/rules';
import { article, TODAY, validArticle } from '../../helpers';

const EMPTY = '- [A](undefined)';
const run = (text: string, ids: string[] = ['link-empty-target', 'schema-enum', 'disable-unknown-rule', 'disable-unused']) => {
  const a = article(text);
  const found = checkArticle(a, { config: parseConfig(undefined), today: TODAY, rules: allRules.filter((r) => ids.includes(r.id)) });
  return found.map((f) => `${a.lines.lineAt(f.range.start) + 1} ${f.rule} ${JSON.stringify(text.slice(f.range.start, f.range.end))}`);
};
const body = (b: string) => validArticle({ body: `## TL;DR\nText [@f1].\n\n${b}` });
const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;

describe('disable comments', () => {
  it('kart-disable … kart-enable silences the rule between them, and only that rule', () => {
    const text = body(`${EMPTY}\n\n<!-- kart-disable link-empty-target -->\n\n${EMPTY}\n\n- [B](null)\n\n<!-- kart-enable link-empty-target -->\n\n${EMPTY}\n`);
    const first = lineOf(text, EMPTY);
    const last = text.split('\n').lastIndexOf(EMPTY) + 1;
    assert.deepStrictEqual(run(text), [`${first} link-empty-target "undefined"`, `${last} link-empty-target "undefined"`]);
  });

  it('kart-disable-line (at the end of the line) and kart-disable-file; a range with no rule silences every rule', () => {
    const line = body(`${EMPTY} <!-- kart-disable-line link-empty-target -->\n\n- [C](undefined)\n`);
    assert.deepStrictEqual(run(line), [`${lineOf(line, '- [C]')} link-empty-target "undefined"`]);
    const file = body(`<!-- kart-disable-file link-empty-target -->\n\n${EMPTY}\n\n- [C](undefined)\n`);
    assert.deepStrictEqual(run(file), []);
    const all = body(`<!-- kart-disable -->\n\n${EMPTY}\n`);
    assert.deepStrictEqual(run(all), []);
  });

  it('in the frontmatter, YAML comments: a trailing kart-disable-line and a kart-disable-next-line', () => {
    const facts = '  - id: f1\n    statement: x\n    confidence: hgih # kart-disable-line schema-enum\n  - id: f2\n    statement: y\n    # kart-disable-next-line schema-enum\n    confidence: hgih\n  - id: f3\n    statement: z\n    confidence: hgih\n';
    const text = validArticle({ facts });
    assert.deepStrictEqual(run(text), [`${text.split('\n').lastIndexOf('    confidence: hgih') + 1} schema-enum "hgih"`]);
  });

  it('an unknown rule id is named, with the closest id and its fix; a directive that silences nothing is reported', () => {
    const text = body(`<!-- kart-disable-next-line link-empty-targt -->\n${EMPTY}\n\n<!-- kart-disable-next-line link-empty-target -->\n- [fine](https://example.net/a)\n`);
    assert.deepStrictEqual(run(text), [
      `${lineOf(text, 'link-empty-targt')} disable-unknown-rule "link-empty-targt"`,
      `${lineOf(text, EMPTY)} link-empty-target "undefined"`,
      `${lineOf(text, '<!-- kart-disable-next-line link-empty-target -->')} disable-unused "<!-- kart-disable-next-line link-empty-target -->"`,
    ]);
    const a = article(text);
    const unknown = checkArticle(a, { config: parseConfig(undefined), today: TODAY, rules: allRules.filter((r) => r.id === 'disable-unknown-rule') })[0];
    assert.match(unknown.message, /names "link-empty-targt", which is no rule: did you mean "link-empty-target"\?/);
    assert.deepStrictEqual(unknown.fixes?.[0].edits.map((e) => e.newText), ['link-empty-target']);
  });

  it('the quick fix "Disable RULE for this line" writes the comment that silences it, in the body and the frontmatter', () => {
    for (const text of [body(`${EMPTY}\n`), validArticle({ facts: '  - id: f1\n    statement: x\n    confidence: hgih\n' })]) {
      const a = article(text);
      const found = checkArticle(a, { config: parseConfig(undefined), today: TODAY, rules: allRules.filter((r) => ['link-empty-target', 'schema-enum'].includes(r.id)) });
      assert.strictEqual(found.length, 1);
      const action = getCodeActions(a, found, found[0].range, ['quickfix'], neverCancelled).find((x) => x.title === `Disable ${found[0].rule} for this line`);
      assert.ok(action, 'no disable action');
      const after = applyEdits(text, action.edit[a.uri]);
      assert.deepStrictEqual(run(after), []);
      assert.ok(after.includes(found[0].rule === 'schema-enum' ? '    # kart-disable-next-line schema-enum\n    confidence: hgih' : `${EMPTY} <!-- kart-disable-line link-empty-target -->`), after);
    }
  });
});
