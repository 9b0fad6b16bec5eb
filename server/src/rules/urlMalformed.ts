import { nodeAtPath } from '../model/article';
import { isHttpUrl } from '../schema/articleSchema';
import { replaceFix } from './fixes';
import type { Rule } from './rule';
import { placeOf, schemaIssuesOf } from './schemaIssues';

export const urlMalformed: Rule = {
  id: 'url-malformed',
  category: 'schema',
  severity: 'error',
  description: 'A url or source_url that is not a full http(s) address.',
  docs: {
    bad: '---\nprimary_sources:\n  - title: FLAN\n    type: academic_paper\n    url: arxiv.org/abs/2109.01652\n---',
    good: '---\nprimary_sources:\n  - title: FLAN\n    type: academic_paper\n    url: https://arxiv.org/abs/2109.01652\n---',
  },
  check(ctx) {
    const { article, config } = ctx;
    for (const issue of schemaIssuesOf(article, config.schema)) {
      if (issue.keyword !== 'format' || issue.params.format !== 'http-url') continue;
      const value = String(nodeAtPath(article, issue.path).node?.toJSON() ?? '');
      const trimmed = value.trim();
      const label = placeOf(article, issue.path).named;
      if (trimmed !== value && isHttpUrl(trimmed)) {
        ctx.report(issue.range, `${label} has white space around the address.`, { fixes: [replaceFix('Remove the white space', issue.range, trimmed)] });
      } else if (!/^[a-z]+:/i.test(trimmed) && isHttpUrl('https://' + trimmed)) {
        ctx.report(issue.range, `${label} lacks its scheme: write "https://${trimmed}".`, {
          fixes: [replaceFix(`Write "https://${trimmed}"`, issue.range, 'https://' + trimmed, false)],
        });
      } else {
        ctx.report(issue.range, `${label} is not a valid http(s) URL: "${value}".`);
      }
    }
  },
};
