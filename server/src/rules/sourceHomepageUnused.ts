import { sourceLabel } from './factSources';
import { homepageSources, hostOf } from './homepages';
import type { Rule } from './rule';
import { removeSourceFix } from './sourceEdits';

export const sourceHomepageUnused: Rule = {
  id: 'source-homepage-unused',
  category: 'sources',
  severity: 'info',
  description: "A source whose url is a site's home page, though no fact rests on it (source-homepage reports the ones facts use).",
  docs: {
    bad: 'secondary_sources:\n  - title: Harvard Business Review\n    type: article\n    url: https://hbr.org/',
    good: 'secondary_sources:\n  - title: "What Is Strategy?"\n    type: article\n    url: https://hbr.org/1996/11/what-is-strategy',
    why: 'A home page is not a source a reader can check anything against: link the page the article draws on, or remove the entry (the quick fix). When the site itself is the source, say so: `canonical: true` on the source, or its host in `homepageSources` in kart.config.json.',
  },
  check(ctx) {
    const { article, config } = ctx;
    for (const { source, url, range, users } of homepageSources(article, config)) {
      if (users.length > 0) continue;
      const fix = removeSourceFix(article, source, `Remove ${sourceLabel(source)} from ${source.list}`);
      ctx.report(range, `${url} is the home page of ${hostOf(url)}, not a page a reader can check anything against: link the specific page, remove the source, or mark it canonical: true if the site itself is the source.`, {
        fixes: fix ? [fix] : undefined,
      });
    }
  },
};
