import { checkedOn } from '../verify/describe';
import { verifyTargets } from '../verify/targets';
import type { Rule } from './rule';

export const sourceUnreachable: Rule = {
  id: 'source-unreachable',
  category: 'sources',
  severity: 'error',
  verification: true,
  description: 'A source url or a fact source_url that answered 404 Not Found or 410 Gone when `kart verify` (or "Verify Sources") last asked.',
  docs: {
    bad: 'primary_sources:\n  - title: Cross Site Scripting\n    type: documentation\n    url: https://owasp.org/www-community/xss-old-page',
    good: 'primary_sources:\n  - title: Cross Site Scripting\n    type: documentation\n    url: https://owasp.org/www-community/attacks/xss/',
    why: 'A dead link supports nothing. Timeouts, 429 and 5xx answers are never reported as dead (see source-unverified): only a server saying the page is gone.',
  },
  check(ctx) {
    const lookup = ctx.verification;
    if (!lookup) return;
    for (const t of verifyTargets(ctx.article)) {
      if (t.kind !== 'url') continue;
      const r = lookup.get(t.key);
      if (r?.status !== 'dead') continue;
      ctx.report(t.range, `${t.value} is dead: ${r.reason ?? `${r.httpStatus}`} (${checkedOn(r)}). Link where the page moved, or an archived copy.`);
    }
  },
};
