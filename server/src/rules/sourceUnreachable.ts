import { checkedOn } from '../verify/describe';
import { verificationRule } from './verificationRule';

export const sourceUnreachable = verificationRule(
  {
    id: 'source-unreachable',
    category: 'sources',
    severity: 'error',
    description: 'A source url or a fact source_url that answered 404 Not Found or 410 Gone when `kart verify` (or "Verify Sources") last asked.',
    docs: {
      bad: 'primary_sources:\n  - title: Cross Site Scripting\n    type: documentation\n    url: https://owasp.org/www-community/xss-old-page',
      good: 'primary_sources:\n  - title: Cross Site Scripting\n    type: documentation\n    url: https://owasp.org/www-community/attacks/xss/',
      why: 'A dead link supports nothing. Timeouts, 429 and 5xx answers are never reported as dead (see source-unverified): only a server saying the page is gone.',
    },
  },
  {
    kinds: ['url'],
    status: 'dead',
    report(ctx, t, r) {
      ctx.report(t.range, `${t.value} is dead: ${r.reason ?? `${r.httpStatus}`} (${checkedOn(r)}). Link where the page moved, or an archived copy.`);
    },
  },
);
