import { checkedOn } from '../verify/describe';
import { verifyTargets } from '../verify/targets';
import type { Rule } from './rule';

export const sourceUnverified: Rule = {
  id: 'source-unverified',
  category: 'sources',
  severity: 'info',
  verification: true,
  description: 'A source url, DOI or arXiv id that could not be verified on the last check: a timeout, 429 Too Many Requests, a 5xx answer, a network error, or robots.txt forbidding the check.',
  docs: {
    bad: 'primary_sources:\n  - title: Slow Archive\n    type: report\n    url: https://slow.example.org/report.pdf',
    good: 'primary_sources:\n  - title: Slow Archive\n    type: report\n    url: https://archive.example.org/report.pdf',
    why: 'Not an error: the source may well be fine. It says the check proved nothing; the next `kart verify` asks again.',
  },
  check(ctx) {
    const lookup = ctx.verification;
    if (!lookup) return;
    for (const t of verifyTargets(ctx.article)) {
      const r = lookup.get(t.key);
      if (r?.status !== 'unknown') continue;
      ctx.report(t.range, `${t.value} could not be verified: ${r.reason ?? 'no answer'} (${checkedOn(r)}); not counted as dead.`);
    }
  },
};
