import { nodeAtPath } from '../model/article';
import { replaceFix } from './fixes';
import type { Rule } from './rule';
import { placeOf, schemaIssuesOf } from './schemaIssues';

function kindOf(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return 'text';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a number';
  return `a ${typeof value}`;
}

const names: Record<string, string> = { string: 'text', integer: 'an integer', number: 'a number', boolean: 'true or false', array: 'a list', object: 'a mapping', null: 'nothing' };

export const schemaType: Rule = {
  id: 'schema-type',
  category: 'schema',
  severity: 'error',
  description: 'A field holds the wrong kind of value: text where a list belongs, a quoted year, an empty value.',
  docs: {
    bad: '---\nai_models: claude-opus\nprimary_sources:\n  - title: FLAN\n    type: academic_paper\n    year: "2022"\n---',
    good: '---\nai_models:\n  - claude-opus\nprimary_sources:\n  - title: FLAN\n    type: academic_paper\n    year: 2022\n---',
  },
  check(ctx) {
    const { article, config } = ctx;
    for (const issue of schemaIssuesOf(article, config.schema)) {
      if (issue.keyword !== 'type') continue;
      const expected = String(issue.params.type)
        .split(',')
        .map((t) => names[t] ?? t)
        .join(' or ');
      const value = nodeAtPath(article, issue.path).node?.toJSON();
      const label = issue.path.length ? placeOf(article, issue.path).named : 'The frontmatter';
      if (value === null || value === undefined) {
        ctx.report(issue.range, `${label} is empty: it should be ${expected}.`);
        continue;
      }
      let fixes;
      if (issue.params.type === 'integer' && typeof value === 'string' && /^\d{1,6}$/.test(value.trim())) {
        fixes = [replaceFix(`Write ${value.trim()} as a number`, issue.range, value.trim())];
      } else if (issue.params.type === 'array' && typeof value === 'string') {
        fixes = [replaceFix('Make it a list of one', issue.range, `[${JSON.stringify(value)}]`)];
      }
      ctx.report(issue.range, `${label} should be ${expected}, not ${kindOf(value)}.`, { fixes });
    }
  },
};
