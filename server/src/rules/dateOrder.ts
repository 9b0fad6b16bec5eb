import { dateFields } from './dateFields';
import type { Rule } from './rule';

export const dateOrder: Rule = {
  id: 'date-order',
  category: 'dates',
  severity: 'warning',
  description: 'updated or last_verified is earlier than created_date.',
  docs: {
    bad: '---\ncreated_date: "2026-05-24"\nlast_verified: "2025-05-24"\nupdated: "2026-05-20"\n---',
    good: '---\ncreated_date: "2026-05-24"\nlast_verified: "2026-05-24"\nupdated: "2026-05-24"\n---',
    why: 'An article cannot be verified or updated before it exists: one of the dates is wrong.',
  },
  check(ctx) {
    const dates = dateFields(ctx.article);
    const created = dates.get('created_date');
    if (!created) return;
    for (const key of ['last_verified', 'updated'] as const) {
      const field = dates.get(key);
      if (!field || field.date >= created.date) continue;
      ctx.report(field.range, `${key} ${field.date} is before created_date ${created.date}: one of the two dates is wrong.`, {
        related: [{ uri: ctx.article.uri, range: created.range, message: `created_date is ${created.date}` }],
      });
    }
  },
};
