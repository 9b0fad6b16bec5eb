import { checkedOn } from '../verify/describe';
import { isWellFormedDoi } from '../verify/targets';
import { verificationRule } from './verificationRule';

export const doiUnresolvable = verificationRule(
  {
    id: 'doi-unresolvable',
    category: 'sources',
    severity: 'error',
    description: 'A doi or source_doi that the DOI resolver does not know (or that is not a DOI at all).',
    docs: {
      bad: 'primary_sources:\n  - title: Attention Is All You Need\n    type: academic_paper\n    doi: 10.48550/arXiv.1706.0376',
      good: 'primary_sources:\n  - title: Attention Is All You Need\n    type: academic_paper\n    doi: 10.48550/arXiv.1706.03762',
      why: 'A DOI that does not resolve is a typo or an invention; either way it leads nowhere.',
    },
  },
  {
    kinds: ['doi'],
    malformed: (t) => (isWellFormedDoi(t) ? undefined : `"${t.value}" is not a DOI: a DOI reads 10.NNNN/suffix (e.g. 10.1038/nature14539).`),
    status: 'dead',
    report(ctx, t, r) {
      ctx.report(t.range, `The DOI ${t.value} does not resolve: ${r.reason ?? 'not registered'} (${checkedOn(r)}).`);
    },
  },
);
