import { itemAnchor, sameSource, sourceLabel } from './factSources';
import type { Rule } from './rule';

export const sourceInBothLists: Rule = {
  id: 'source-in-both-lists',
  category: 'sources',
  severity: 'info',
  description: 'A source listed in primary_sources is listed again in secondary_sources.',
  docs: {
    bad: 'primary_sources:\n  - title: FLAN\n    url: https://arxiv.org/abs/2109.01652\nsecondary_sources:\n  - title: FLAN (Google)\n    url: https://arxiv.org/abs/2109.01652',
    good: 'primary_sources:\n  - title: FLAN\n    url: https://arxiv.org/abs/2109.01652\nsecondary_sources: []',
    why: 'A source is either evidence (primary) or background (secondary). No automatic fix: the secondary entry often carries authors or a title worth merging by hand.',
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
      });
    }
  },
};
