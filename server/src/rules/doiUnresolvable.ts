import { checkedOn } from '../verify/describe';
import { isWellFormedDoi, verifyTargets } from '../verify/targets';
import type { Rule } from './rule';

export const doiUnresolvable: Rule = {
  id: 'doi-unresolvable',
  category: 'sources',
  severity: 'error',
  verification: true,
  description: 'A doi or source_doi that the DOI resolver does not know (or that is not a DOI at all).',
  docs: {
    bad: 'primary_sources:\n  - title: Attention Is All You Need\n    type: academic_paper\n    doi: 10.48550/arXiv.1706.0376',
    good: 'primary_sources:\n  - title: Attention Is All You Need\n    type: academic_paper\n    doi: 10.48550/arXiv.1706.03762',
    why: 'A DOI that does not resolve is a typo or an invention; either way it leads nowhere.',
  },
  check(ctx) {
    const lookup = ctx.verification;
    if (!lookup) return;
    for (const t of verifyTargets(ctx.article)) {
      if (t.kind !== 'doi') continue;
      if (!isWellFormedDoi(t)) {
        ctx.report(t.range, `"${t.value}" is not a DOI: a DOI reads 10.NNNN/suffix (e.g. 10.1038/nature14539).`);
        continue;
      }
      const r = lookup.get(t.key);
      if (r?.status !== 'dead') continue;
      ctx.report(t.range, `The DOI ${t.value} does not resolve: ${r.reason ?? 'not registered'} (${checkedOn(r)}).`);
    }
  },
};
