import { closest } from '../core/text';
import { nodeAtPath } from '../model/article';
import { replaceFix } from './fixes';
import type { Rule } from './rule';
import { pathLabel, placeOf, schemaIssuesOf } from './schemaIssues';

/** Keys older versions of the format used; they get their own message. */
const RETIRED = new Set(['ai_citations', 'confidence_rationale', 'related_entities', 'tags', 'summary']);

export const schemaUnknownKey: Rule = {
  id: 'schema-unknown-key',
  category: 'schema',
  severity: 'warning',
  description: 'A key the format does not know: usually a typo, sometimes a field from an older version of the format.',
  docs: {
    bad: '---\ntitel: Instruction Tuning\natomic_facts:\n  - id: f1\n    statment: FLAN showed ...\n---',
    good: '---\ntitle: Instruction Tuning\natomic_facts:\n  - id: f1\n    statement: FLAN showed ...\n---',
  },
  check(ctx) {
    const { article, config } = ctx;
    for (const issue of schemaIssuesOf(article, config.schema)) {
      if (issue.keyword !== 'additionalProperties') continue;
      const key = String(issue.params.additionalProperty);
      const place = placeOf(article, issue.path);
      const where = place.fact ? (place.label ? ` in ${place.fact}: ${place.label}` : ` in ${place.fact}`) : issue.path.length ? ` in ${pathLabel(issue.path)}` : '';
      if (issue.path.length === 0 && RETIRED.has(key)) {
        ctx.report(issue.range, `"${key}" is from an older version of the format and is no longer read.`);
        continue;
      }
      const known = config.schema.keysAt(issue.path);
      const present = nodeAtPath(article, issue.path).node;
      const suggestion = closest(key, known);
      const taken = suggestion !== undefined && (present as { has?: (k: string) => boolean })?.has?.(suggestion);
      if (suggestion && !taken) {
        ctx.report(issue.range, `Unknown key "${key}"${where}: did you mean "${suggestion}"?`, {
          fixes: [replaceFix(`Rename to "${suggestion}"`, issue.range, suggestion)],
        });
      } else {
        ctx.report(issue.range, `Unknown key "${key}"${where}. Known keys here: ${known.join(', ')}.`);
      }
    }
  },
};
