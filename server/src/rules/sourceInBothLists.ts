import type { Fix } from '../core/types';
import { itemAnchor, sameSource, sourceLabel } from './factSources';
import type { Rule } from './rule';
import { removeSourceFix } from './sourceEdits';

export const sourceInBothLists: Rule = {
  id: 'source-in-both-lists',
  category: 'sources',
  severity: 'warning',
  description: 'A source listed in primary_sources is listed again in secondary_sources.',
  docs: {
    bad: 'primary_sources:\n  - title: FLAN\n    url: https://arxiv.org/abs/2109.01652\nsecondary_sources:\n  - title: FLAN (Google)\n    url: https://arxiv.org/abs/2109.01652',
    good: 'primary_sources:\n  - title: FLAN\n    url: https://arxiv.org/abs/2109.01652\nsecondary_sources: []',
    why: 'A source is either evidence (primary) or background (secondary). The quick fix removes the secondary copy; it is not applied by `kart fix`, since the copy may carry authors or a title worth merging by hand first.',
  },
  check(ctx) {
    const { article } = ctx;
    const primary = article.sources.filter((s) => s.list === 'primary_sources' && s.isMap);
    for (const source of article.sources) {
      if (source.list !== 'secondary_sources' || !source.isMap) continue;
      const first = primary.find((p) => sameSource(p, source));
      if (!first) continue;
      const key = source.url?.trim() && first.url?.trim() ? 'url' : 'doi';
      ctx.report(itemAnchor(article, source, key), `The secondary source ${sourceLabel(source)} is also primary_sources[${first.index}]: keep it in one list.`, {
        related: [{ uri: article.uri, range: itemAnchor(article, first, key), message: 'listed as a primary source here' }],
        fixes: [removeSourceFix(article, source, 'Remove the copy from secondary_sources')].filter((f): f is Fix => f !== undefined),
      });
    }
  },
};
