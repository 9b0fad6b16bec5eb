import { closest } from '../core/text';
import { nodeAtPath } from '../model/article';
import { replaceFix } from './fixes';
import type { Rule } from './rule';
import { pathLabel, schemaIssuesOf } from './schemaIssues';

export const schemaEnum: Rule = {
  id: 'schema-enum',
  category: 'schema',
  severity: 'error',
  description: 'A field that takes one of a fixed set of values holds another: confidence, generation_method, schema_type, status.',
  docs: {
    bad: '---\nconfidence: Medium\ngeneration_method: ai-assisted\nschema_type: article\n---',
    good: '---\nconfidence: medium\ngeneration_method: ai_assisted\nschema_type: Article\n---',
  },
  check(ctx) {
    const { article, config } = ctx;
    for (const issue of schemaIssuesOf(article, config.schema)) {
      if (issue.keyword !== 'enum') continue;
      const allowed = (issue.params.allowedValues as unknown[]).map(String);
      const value = nodeAtPath(article, issue.path).node?.toJSON();
      const text = typeof value === 'string' ? value : JSON.stringify(value);
      const suggestion = typeof value === 'string' ? closest(value, allowed) : undefined;
      const label = pathLabel(issue.path);
      if (suggestion) {
        ctx.report(issue.range, `"${text}" is not a valid ${label}: did you mean "${suggestion}"? Allowed: ${allowed.join(', ')}.`, {
          fixes: [replaceFix(`Change to "${suggestion}"`, issue.range, suggestion)],
        });
      } else {
        // No value node found (the range fell back to the frontmatter's fence): nothing to replace.
        ctx.report(issue.range, `"${text}" is not a valid ${label}. Allowed: ${allowed.join(', ')}.`, {
          fixes: value === undefined ? undefined : allowed.map((a) => replaceFix(`Change to "${a}"`, issue.range, a, false)),
        });
      }
    }
  },
};
