import { nodeAtPath } from '../model/article';
import { replaceFix } from './fixes';
import type { Rule } from './rule';
import { placeOf, schemaIssuesOf } from './schemaIssues';

/** `2026-5-3`, `2026/05/03`, `2026.05.03`, `2026-05-03T10:00:00Z` → `2026-05-03`, when that day exists. */
export function normaliseDate(value: string): string | undefined {
  const m = /^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\s*$/.exec(value);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export const dateInvalid: Rule = {
  id: 'date-invalid',
  category: 'dates',
  severity: 'error',
  description: 'A date that is not a real calendar day in the form YYYY-MM-DD (2026-02-30, 2026/5/3, "last week").',
  docs: {
    bad: '---\ncreated_date: "2026-02-30"\nlast_verified: 2026/5/3\n---',
    good: '---\ncreated_date: "2026-02-28"\nlast_verified: "2026-05-03"\n---',
  },
  check(ctx) {
    const { article, config } = ctx;
    for (const issue of schemaIssuesOf(article, config.schema)) {
      if (issue.keyword !== 'format' || issue.params.format !== 'date') continue;
      const value = String(nodeAtPath(article, issue.path).node?.toJSON() ?? '');
      const fixed = normaliseDate(value);
      const label = placeOf(article, issue.path).named;
      if (fixed) {
        ctx.report(issue.range, `"${value}" is not written as YYYY-MM-DD: write "${fixed}".`, {
          fixes: [replaceFix(`Write "${fixed}"`, issue.range, `"${fixed}"`)],
        });
      } else if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
        ctx.report(issue.range, `${label}: ${value} is not a day of the calendar.`);
      } else {
        ctx.report(issue.range, `${label} should be a date written YYYY-MM-DD, not "${value}".`);
      }
    }
  },
};
