import * as assert from 'assert';
import { readFileSync } from 'fs';
import { describe, it } from 'node:test';
import { join } from 'path';
import { allRules } from '../../server/src/rules';
import { fixKindOf, renderRulesDoc, rulesDoc } from '../../scripts/rulesDoc';

const root = join(__dirname, '../../..');

describe('docs/rules.md', () => {
  it('is what the generator writes from the rule modules', () => {
    const current = readFileSync(join(root, 'docs/rules.md'), 'utf8');
    // Compare without a long diff: the first line that differs says enough.
    const expected = rulesDoc(root);
    if (current !== expected) {
      const a = current.split('\n');
      const b = expected.split('\n');
      const i = a.findIndex((line, k) => line !== b[k]);
      assert.fail(`docs/rules.md is out of date (line ${i + 1}: ${JSON.stringify(a[i])} should be ${JSON.stringify(b[i])}): run \`npm run docs\`.`);
    }
  });

  it('documents every rule once with its severity, a bad and a good example', () => {
    const doc = rulesDoc(root);
    const starts = allRules.map((r) => doc.indexOf(`\n## ${r.id}\n`));
    allRules.forEach((r, i) => {
      assert.ok(starts[i] > 0 && doc.indexOf(`\n## ${r.id}\n`, starts[i] + 1) < 0, `${r.id} documented once`);
      const section = doc.slice(starts[i], starts[i + 1] ?? doc.length);
      assert.ok(section.includes(`- Default severity: ${r.severity}`), r.id);
      assert.ok(section.includes('Bad:') && section.includes('Good:'), r.id);
      assert.notStrictEqual(r.docs.bad.trim(), r.docs.good.trim(), `${r.id}: the bad and good examples are the same`);
    });
  });

  it('reads whether a rule has a fix off its source', () => {
    assert.strictEqual(fixKindOf("fixes: [replaceFix('Add', range, ' ')]"), 'safe');
    assert.strictEqual(fixKindOf("fixes: [replaceFix(`Cite ${x(1)}`, range, s, false)]"), 'on request');
    assert.strictEqual(fixKindOf('fixes: [{ title, edits, safe: false }]'), 'on request');
    assert.strictEqual(fixKindOf('{ title, edits, safe: true }'), 'safe');
    assert.strictEqual(fixKindOf('ctx.report(range, message)'), 'none');
    const md = renderRulesDoc(allRules.slice(0, 1), new Map([[allRules[0].id, 'safe']]));
    assert.match(md, /\| safe \|/);
  });
});
