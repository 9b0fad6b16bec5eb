import { checkedOn, lastRedirectStatus } from '../verify/describe';
import { verificationRule } from './verificationRule';

export const sourceRedirected = verificationRule(
  {
    id: 'source-redirected',
    category: 'sources',
    severity: 'hint',
    description: 'A source url or fact source_url that redirects for now (302, 303, 307) to another address.',
    docs: {
      bad: 'primary_sources:\n  - title: Release notes\n    type: documentation\n    url: https://example.org/latest/notes',
      good: 'primary_sources:\n  - title: Release notes 2.1\n    type: documentation\n    url: https://example.org/2.1/notes',
      why: 'A temporary redirect keeps the old address right, so there is nothing to fix; but a "latest" link that redirects may not say tomorrow what it says today.',
    },
  },
  {
    kinds: ['url'],
    status: 'ok',
    report(ctx, t, r) {
      if (r.movedTo || !r.redirects?.length || !r.finalUrl) return;
      ctx.report(t.range, `${t.value} redirects (${lastRedirectStatus(r)}) to ${r.finalUrl} (${checkedOn(r)}).`);
    },
  },
);
