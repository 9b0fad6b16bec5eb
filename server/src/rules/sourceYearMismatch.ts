import { checkedOn } from '../verify/describe';
import { verificationRule } from './verificationRule';

export const sourceYearMismatch = verificationRule(
  {
    id: 'source-year-mismatch',
    category: 'sources',
    severity: 'warning',
    description: "A source's year that is none of the years registered for its DOI (issued, printed, online, created).",
    docs: {
      bad: 'primary_sources:\n  - title: Deep Residual Learning for Image Recognition\n    type: academic_paper\n    year: 2015\n    doi: 10.1109/CVPR.2016.90',
      good: 'primary_sources:\n  - title: Deep Residual Learning for Image Recognition\n    type: academic_paper\n    year: 2016\n    doi: 10.1109/CVPR.2016.90',
    },
  },
  {
    kinds: ['doi'],
    status: 'ok',
    report(ctx, t, r) {
      if (!t.source || t.year === undefined || !t.yearRange || !r.years?.length || r.years.includes(t.year)) return;
      ctx.report(t.yearRange, `The DOI ${t.value} is registered for ${r.years.join(' / ')}, not ${t.year} (${checkedOn(r)}).`);
    },
  },
);
