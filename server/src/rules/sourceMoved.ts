import { checkedOn, lastRedirectStatus } from '../verify/describe';
import { replaceFix } from './fixes';
import { verificationRule } from './verificationRule';
import { inSameQuotes } from './yamlValues';

export const sourceMoved = verificationRule(
  {
    id: 'source-moved',
    category: 'sources',
    severity: 'warning',
    description: 'A source url or fact source_url that redirects permanently (301, 308) to another address.',
    docs: {
      bad: 'primary_sources:\n  - title: Python Tutorial\n    type: documentation\n    url: http://docs.python.org/tutorial/',
      good: 'primary_sources:\n  - title: Python Tutorial\n    type: documentation\n    url: https://docs.python.org/3/tutorial/',
      why: 'The server says the page lives elsewhere now, for good: the new address is what the next reader and the next check should use. The quick fix writes it.',
    },
  },
  {
    kinds: ['url'],
    status: 'ok',
    report(ctx, t, r) {
      if (!r.movedTo || r.movedTo === t.value) return;
      ctx.report(t.range, `${t.value} moved permanently (${lastRedirectStatus(r) ?? 301}) to ${r.movedTo} (${checkedOn(r)}): write the new address.`, {
        fixes: [replaceFix(`Change to ${r.movedTo}`, t.range, inSameQuotes(ctx.article, t.range, r.movedTo), false)],
      });
    },
  },
);
