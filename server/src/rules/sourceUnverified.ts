import { checkedOn } from '../verify/describe';
import { verificationRule } from './verificationRule';

export const sourceUnverified = verificationRule(
  {
    id: 'source-unverified',
    category: 'sources',
    severity: 'info',
    description: 'A source url, DOI or arXiv id that could not be verified on the last check: a timeout, 429 Too Many Requests, a 5xx answer, a network error, or robots.txt forbidding the check.',
    docs: {
      bad: 'primary_sources:\n  - title: Slow Archive\n    type: report\n    url: https://slow.example.org/report.pdf',
      good: 'primary_sources:\n  - title: Slow Archive\n    type: report\n    url: https://archive.example.org/report.pdf',
      why: 'Not an error: the source may well be fine. It says the check proved nothing; the next `kart verify` asks again.',
    },
  },
  {
    status: 'unknown',
    report(ctx, t, r) {
      ctx.report(t.range, `${t.value} could not be verified: ${r.reason ?? 'no answer'} (${checkedOn(r)}); not counted as dead.`);
    },
  },
);
