import { checkedOn } from '../verify/describe';
import { verifyTargets } from '../verify/targets';
import type { Rule } from './rule';

export const sourceYearMismatch: Rule = {
  id: 'source-year-mismatch',
  category: 'sources',
  severity: 'warning',
  verification: true,
  description: "A source's year that is none of the years registered for its DOI (issued, printed, online, created).",
  docs: {
    bad: 'primary_sources:\n  - title: Deep Residual Learning for Image Recognition\n    type: academic_paper\n    year: 2015\n    doi: 10.1109/CVPR.2016.90',
    good: 'primary_sources:\n  - title: Deep Residual Learning for Image Recognition\n    type: academic_paper\n    year: 2016\n    doi: 10.1109/CVPR.2016.90',
  },
  check(ctx) {
    const lookup = ctx.verification;
    if (!lookup) return;
    for (const t of verifyTargets(ctx.article)) {
      if (t.kind !== 'doi' || !t.source || t.year === undefined || !t.yearRange) continue;
      const r = lookup.get(t.key);
      if (r?.status !== 'ok' || !r.years?.length || r.years.includes(t.year)) continue;
      ctx.report(t.yearRange, `The DOI ${t.value} is registered for ${r.years.join(' / ')}, not ${t.year} (${checkedOn(r)}).`);
    }
  },
};
