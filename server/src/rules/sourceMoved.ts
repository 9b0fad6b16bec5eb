import { checkedOn, lastRedirectStatus } from '../verify/describe';
import { verifyTargets } from '../verify/targets';
import { replaceFix } from './fixes';
import type { Rule } from './rule';
import { inSameQuotes } from './yamlValues';

export const sourceMoved: Rule = {
  id: 'source-moved',
  category: 'sources',
  severity: 'warning',
  verification: true,
  description: 'A source url or fact source_url that redirects permanently (301, 308) to another address.',
  docs: {
    bad: 'primary_sources:\n  - title: Python Tutorial\n    type: documentation\n    url: http://docs.python.org/tutorial/',
    good: 'primary_sources:\n  - title: Python Tutorial\n    type: documentation\n    url: https://docs.python.org/3/tutorial/',
    why: 'The server says the page lives elsewhere now, for good: the new address is what the next reader and the next check should use. The quick fix writes it.',
  },
  check(ctx) {
    const lookup = ctx.verification;
    if (!lookup) return;
    for (const t of verifyTargets(ctx.article)) {
      if (t.kind !== 'url') continue;
      const r = lookup.get(t.key);
      if (r?.status !== 'ok' || !r.movedTo || r.movedTo === t.value) continue;
      ctx.report(t.range, `${t.value} moved permanently (${lastRedirectStatus(r) ?? 301}) to ${r.movedTo} (${checkedOn(r)}): write the new address.`, {
        fixes: [replaceFix(`Change to ${r.movedTo}`, t.range, inSameQuotes(ctx.article, t.range, r.movedTo), false)],
      });
    }
  },
};
