import { sameUrl } from '../model/urls';
import { factSourceLinks, itemAnchor, sourceLabel } from './factSources';
import type { Rule } from './rule';

export const sourceUnused: Rule = {
  id: 'source-unused',
  category: 'sources',
  severity: 'hint',
  description: 'A primary source that no fact points to with its source_url or source_doi, and that the body does not link to.',
  docs: {
    bad: 'atomic_facts:\n  - id: f1\n    source_url: https://arxiv.org/abs/2109.01652\nprimary_sources:\n  - title: FLAN\n    url: https://arxiv.org/abs/2109.01652\n  - title: Self-Instruct\n    url: https://arxiv.org/abs/2212.10560',
    good: 'atomic_facts:\n  - id: f1\n    source_url: https://arxiv.org/abs/2109.01652\n  - id: f2\n    source_url: https://arxiv.org/abs/2212.10560\nprimary_sources:\n  - title: FLAN\n    url: https://arxiv.org/abs/2109.01652\n  - title: Self-Instruct\n    url: https://arxiv.org/abs/2212.10560',
    why: 'Primary sources are the evidence for the facts: one that backs no fact either lacks its fact or belongs in secondary_sources. Secondary sources are background reading and are not reported; nor is a source the body links to, nor the sources of an article with no facts yet.',
  },
  check(ctx) {
    const { article } = ctx;
    // An article without facts has nothing for a source to back; that is a gap of its own, not one per source.
    if (article.facts.length === 0) return;
    const links = factSourceLinks(article);
    for (const source of article.sources) {
      if (source.list !== 'primary_sources' || !source.isMap) continue;
      if ((links.factsOf.get(source) ?? []).length > 0) continue;
      if (source.url?.trim() && article.body.links.some((l) => sameUrl(l.target, source.url))) continue;
      const how = source.url?.trim() ? `no fact has source_url ${source.url.trim()}` : source.doi?.trim() ? `no fact has source_doi ${source.doi.trim()}` : 'it has no url or doi a fact could point to';
      ctx.report(itemAnchor(article, source, 'title'), `The primary source ${sourceLabel(source)} backs no fact: ${how}. Add the fact it supports, or move it to secondary_sources.`, {
        unnecessary: true,
      });
    }
  },
};
