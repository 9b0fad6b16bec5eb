import * as assert from 'assert';
import { describe, it } from 'node:test';
import { checkArticle } from '../../../server/src/check';
import { parseConfig } from '../../../server/src/config';
import { applyEdits } from '../../../server/src/core/edits';
import { factRules } from '../../../server/src/rules/factRules';
import { article, TODAY } from '../../helpers';

const ODD: Record<string, string> = {
  'facts that are not mappings': '---\natomic_facts:\n  - just text\n  - 42\n  - null\n  - [a, b]\n  -\nprimary_sources: []\n---\n',
  'null and odd-typed fact fields': '---\natomic_facts:\n  - id: 1\n    statement: null\n    source_title: [a]\n    source_url: 5\n    source_doi: {x: 1}\n  - id:\n    statement: 3.5\n    source_url: ""\n  - id: 1\n    statement: true\n---\n',
  'lists that are not lists': '---\natomic_facts: facts\nprimary_sources: 5\nsecondary_sources: "x"\ndisputed_statements: No major disputed statements identified\nknown_gaps: {a: 1}\n---\n',
  'odd sources': '---\natomic_facts:\n  - id: f1\n    statement: A.\n    source_title: T\n    source_url: https://dl.acm.org/\nprimary_sources:\n  - null\n  - text\n  - url: 5\n  - title: {a: 1}\n    url: https://dl.acm.org\n  - title: T\n    doi: 7\n  - title: T\n    doi: 7\nsecondary_sources:\n  - url: https://dl.acm.org/\n---\n',
  'odd disputed and gaps': '---\natomic_facts: []\nknown_gaps: [1, null, TODO, [x]]\ndisputed_statements:\n  - null\n  - statement: 5\n  - statement: No major disputed statements identified\n    context: TBD\n  - {statement: [a]}\n---\n',
  'dates of every kind': '---\natomic_facts: []\ncreated_date: 2026\nlast_verified: true\nupdated: [2026-01-01]\n---\n',
  'flow everything': '---\n{atomic_facts: [{id: f1, statement: and so on, source_url: "https://x.org/a"}], primary_sources: [{title: A, url: "https://x.org/"}, {title: A, url: "https://x.org/"}], disputed_statements: [No major disputed statements identified]}\n---\n',
  'an unterminated frontmatter': '---\natomic_facts:\n  - id: f1\n    statement: "TODO\n',
  'CRLF and a BOM with odd facts': '\ufeff---\r\natomic_facts:\r\n  - id: f1\r\n    statement: ...\r\n    source_url: http://\r\n  - id: f1\r\n    statement: ...\r\nprimary_sources: [~]\r\n---\r\n',
};

describe('fact, source and date rules on odd input', () => {
  for (const [name, text] of Object.entries(ODD)) {
    it(`never fail on ${name}, and their fixes leave a document the rules still read`, () => {
      const config = parseConfig(JSON.stringify({ factIdPattern: '^f\\d+$' }));
      const a = article(text);
      const found = checkArticle(a, { config, today: TODAY, rules: factRules });
      assert.deepStrictEqual(found.filter((f) => f.rule === 'internal-error').map((f) => f.message), []);
      for (const f of found) {
        assert.ok(f.range.start >= 0 && f.range.end <= text.length && f.range.start <= f.range.end, `${f.rule} range ${JSON.stringify(f.range)}`);
        for (const fix of f.fixes ?? []) {
          const fixed = applyEdits(text, fix.edits);
          const again = checkArticle(article(fixed), { config, today: TODAY, rules: factRules });
          assert.deepStrictEqual(again.filter((g) => g.rule === 'internal-error').map((g) => g.message), [], `after "${fix.title}"`);
        }
      }
    });
  }
});
