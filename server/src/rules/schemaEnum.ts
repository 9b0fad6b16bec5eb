import { closest, editDistance } from '../core/text';
import { nodeAtPath } from '../model/article';
import { replaceFix } from './fixes';
import type { Rule } from './rule';
import { placeOf, schemaIssuesOf } from './schemaIssues';

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
      // A number YAML reads as Infinity (`1e999999`) has no JSON spelling: the author's own text says what was written.
      const text = typeof value === 'string' ? value : typeof value === 'number' && !Number.isFinite(value) ? article.text.slice(issue.range.start, issue.range.end).trim() : JSON.stringify(value);
      const suggestion = typeof value === 'string' ? closest(value, allowed) : undefined;
      const place = placeOf(article, issue.path);
      const what = place.label ? `${place.prefix}"${text}" is not a valid ${place.label}` : `${place.prefix}"${text}" is not valid`;
      if (value === undefined) {
        // No value node found (the range fell back to the frontmatter's fence): nothing to replace.
        ctx.report(issue.range, `${what}. Allowed: ${allowed.join(', ')}.`);
        continue;
      }
      // The nearest values first: the one meant is the first quick fix, and the preferred one when it is near enough.
      const far = Math.max(text.length, ...allowed.map((a) => a.length));
      const ranked = allowed
        .map((a, i) => ({ a, i, d: a === suggestion ? -1 : editDistance(text.toLowerCase(), a.toLowerCase(), far) }))
        .sort((x, y) => x.d - y.d || x.i - y.i)
        .map((x) => x.a);
      const fixes = ranked.map((a) => (a === suggestion ? replaceFix(`Change to "${a}"`, issue.range, a) : replaceFix(`Change to "${a}"`, issue.range, a, false)));
      if (suggestion) ctx.report(issue.range, `${what}: did you mean "${suggestion}"? Allowed: ${allowed.join(', ')}.`, { fixes });
      else ctx.report(issue.range, `${what}. Allowed: ${allowed.join(', ')}.`, { fixes });
    }
  },
};
