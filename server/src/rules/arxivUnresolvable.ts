import { checkedOn } from '../verify/describe';
import { verifyTargets } from '../verify/targets';
import type { Rule } from './rule';

export const arxivUnresolvable: Rule = {
  id: 'arxiv-unresolvable',
  category: 'sources',
  severity: 'error',
  verification: true,
  description: 'An arxiv.org url (or source_url) whose arXiv id the arXiv API does not know.',
  docs: {
    bad: 'primary_sources:\n  - title: Attention Is All You Need\n    type: academic_paper\n    url: https://arxiv.org/abs/1706.93762',
    good: 'primary_sources:\n  - title: Attention Is All You Need\n    type: academic_paper\n    url: https://arxiv.org/abs/1706.03762',
  },
  check(ctx) {
    const lookup = ctx.verification;
    if (!lookup) return;
    for (const t of verifyTargets(ctx.article)) {
      if (t.kind !== 'arxiv') continue;
      const r = lookup.get(t.key);
      if (r?.status !== 'dead') continue;
      ctx.report(t.range, `arXiv has no paper ${r.target}: ${r.reason ?? 'unknown id'} (${checkedOn(r)}).`);
    }
  },
};
