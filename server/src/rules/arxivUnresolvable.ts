import { checkedOn } from '../verify/describe';
import { verificationRule } from './verificationRule';

export const arxivUnresolvable = verificationRule(
  {
    id: 'arxiv-unresolvable',
    category: 'sources',
    severity: 'error',
    description: 'An arxiv.org url (or source_url) whose arXiv id the arXiv API does not know.',
    docs: {
      bad: 'primary_sources:\n  - title: Attention Is All You Need\n    type: academic_paper\n    url: https://arxiv.org/abs/1706.93762',
      good: 'primary_sources:\n  - title: Attention Is All You Need\n    type: academic_paper\n    url: https://arxiv.org/abs/1706.03762',
    },
  },
  {
    kinds: ['arxiv'],
    status: 'dead',
    report(ctx, t, r) {
      ctx.report(t.range, `arXiv has no paper ${r.target}: ${r.reason ?? 'unknown id'} (${checkedOn(r)}).`);
    },
  },
);
