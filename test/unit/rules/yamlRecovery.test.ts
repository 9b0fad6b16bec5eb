import * as assert from 'assert';
import { describe, it } from 'node:test';
import { checkArticle } from '../../../server/src/check';
import { parseConfig } from '../../../server/src/config';
import { article, marked, TODAY, validArticle } from '../../helpers';

/** Every finding of every rule, as [rule, the text it marks]. */
function all(source: string): { found: [string, string][]; text: string; ranges: { start: number; end: number }[] } {
  const { text, ranges } = marked(source);
  const findings = checkArticle(article(text), { config: parseConfig(undefined), today: TODAY });
  return { found: findings.map((f) => [f.rule, text.slice(f.range.start, f.range.end)]), text, ranges };
}

describe('findings independent of a YAML syntax error', () => {
  it('with `id:"x"` on line 2, a misspelt key and a value further down still get theirs; nothing about the id', () => {
    const text = validArticle({ facts: '  - id: f1\n    statement: FLAN showed it.\n    source_title: Finetuned Language Models Are Zero-Shot Learners\n    source_url: https://arxiv.org/abs/2109.01652\n    confidnce: high\n' })
      .replace('id: test-article', 'id:"x"')
      .replace('confidence: medium', 'confidence: hgih');
    const { found } = all(text);
    assert.deepStrictEqual(
      found.filter(([rule]) => rule.startsWith('schema-') || rule === 'yaml-syntax'),
      [
        ['yaml-syntax', 'id:'],
        ['schema-enum', 'hgih'],
        ['schema-unknown-key', 'confidnce'],
      ],
    );
  });

  it('the same behind an unclosed quote, a tab, a line indented under a value, a broken line inside a fact', () => {
    const cases: [string, string, [string, string][]][] = [
      ['title: "Test Article"', 'title: "Test Article', [['yaml-syntax', '"Test Article'], ['schema-enum', 'hgih']]],
      ['language: en', '\tlanguage: en', [['yaml-syntax', '\t'], ['schema-enum', 'hgih']]],
      ['language: en', 'language: en\n  slug: x', [['yaml-syntax', 'slug: x'], ['schema-enum', 'hgih']]],
    ];
    for (const [from, to, expected] of cases) {
      const text = validArticle().replace(from, to).replace('confidence: medium', 'confidence: hgih');
      const found = all(text).found.filter(([rule]) => rule.startsWith('schema-') || rule === 'yaml-syntax');
      assert.deepStrictEqual(found, expected, to);
    }
  });

  it('a broken line in a fact hides what it could explain there (no source), not a typo beside it', () => {
    const text = validArticle({ facts: '  - id: f1\n    statement: FLAN showed it.\n    source_title: Finetuned Language Models Are Zero-Shot Learners\n    source_url:https://arxiv.org/abs/2109.01652\n    confidnce: high\n' });
    const found = all(text).found;
    assert.deepStrictEqual(
      found.filter(([rule]) => rule.startsWith('schema-') || rule === 'yaml-syntax' || rule.startsWith('fact-')),
      [
        ['yaml-syntax', 'source_url:'],
        ['schema-unknown-key', 'confidnce'],
      ],
    );
  });

  it('a new typo while the syntax error stands is found too', () => {
    const text = validArticle().replace('id: test-article', 'id:"x"').replace('language: en', 'langauge: en');
    const found = all(text).found.filter(([rule]) => rule.startsWith('schema-') || rule === 'yaml-syntax');
    assert.deepStrictEqual(found, [
      ['yaml-syntax', 'id:'],
      ['schema-unknown-key', 'langauge'],
    ]);
  });
});
