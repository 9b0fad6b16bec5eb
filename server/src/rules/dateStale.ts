import { daysBetween } from '../core/text';
import { dateFields } from './dateFields';
import type { Rule } from './rule';

export const dateStale: Rule = {
  id: 'date-stale',
  category: 'dates',
  severity: 'info',
  description: 'last_verified is older than the configured number of days (staleAfterDays, 365 by default).',
  docs: {
    bad: '---\nlast_verified: "2023-01-10"\n---',
    good: '---\nlast_verified: "2026-05-24"\n---',
    why: 'Facts age: a source moves, a figure is revised. Check the facts against their sources again, then set last_verified to that day.',
  },
  check(ctx) {
    const field = dateFields(ctx.article).get('last_verified');
    if (!field) return;
    const age = daysBetween(field.date, ctx.today);
    const limit = ctx.config.staleAfterDays;
    if (!(age > limit)) return;
    ctx.report(field.range, `last_verified ${field.date} is ${age} days ago, more than the ${limit} allowed: check the facts against their sources again and update it.`);
  },
};
