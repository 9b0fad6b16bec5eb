import { daysBetween } from '../core/text';
import { replaceFix } from './fixes';
import { dateFields } from './dateFields';
import type { Rule } from './rule';
import { inSameQuotes } from './yamlValues';

export const dateFuture: Rule = {
  id: 'date-future',
  category: 'dates',
  severity: 'warning',
  description: 'created_date, last_verified or updated lies after today.',
  docs: {
    bad: '---\ncreated_date: "2062-05-24"\nlast_verified: "2062-05-24"\n---',
    good: '---\ncreated_date: "2026-05-24"\nlast_verified: "2026-05-24"\n---',
    why: 'A date in the future is a typo (2062 for 2026) or a guess; either way readers cannot trust when the facts were checked.',
  },
  check(ctx) {
    for (const field of dateFields(ctx.article).values()) {
      const days = daysBetween(ctx.today, field.date);
      if (!(days > 0)) continue;
      const swapped = /^(\d\d)(\d)(\d)-/.exec(field.date);
      const typo = swapped ? `${swapped[1]}${swapped[3]}${swapped[2]}${field.date.slice(4)}` : undefined;
      const hint = typo && daysBetween(typo, ctx.today) >= 0 ? `: did you mean ${typo}?` : '.';
      ctx.report(field.range, `${field.key} ${field.date} is ${days} day${days === 1 ? '' : 's'} in the future (today is ${ctx.today})${hint}`, {
        fixes: [
          ...(typo && hint !== '.' ? [replaceFix(`Change to ${typo}`, field.range, inSameQuotes(ctx.article, field.range, typo), false)] : []),
          replaceFix(`Change to today (${ctx.today})`, field.range, inSameQuotes(ctx.article, field.range, ctx.today), false),
        ],
      });
    }
  },
};
