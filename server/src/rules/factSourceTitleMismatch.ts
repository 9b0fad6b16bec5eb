import type { Fix } from '../core/types';
import type { Source } from '../model/article';
import { factSourceLinks, titleKey } from './factSources';
import type { Rule } from './rule';
import { inSameQuotes, trimmedRange } from './yamlValues';

export const factSourceTitleMismatch: Rule = {
  id: 'fact-source-title-mismatch',
  category: 'facts',
  severity: 'info',
  description: "A fact's source_title is not the title of the source its source_url points to.",
  docs: {
    bad: 'atomic_facts:\n  - id: f1\n    source_title: Degrave et al., Nature (2022)\n    source_url: https://www.nature.com/articles/s41586-021-04301-9\nprimary_sources:\n  - title: Magnetic control of tokamak plasmas through deep reinforcement learning\n    url: https://www.nature.com/articles/s41586-021-04301-9',
    good: 'atomic_facts:\n  - id: f1\n    source_title: Magnetic control of tokamak plasmas through deep reinforcement learning\n    source_url: https://www.nature.com/articles/s41586-021-04301-9',
    why: 'source_title repeats the title of the source entry so that a reader sees which source backs the fact; a different title makes them wonder whether the url or the title is wrong. Case, spacing and punctuation are ignored. The fix is not applied by `kart fix`: the old title may hold authors, a venue or a DOI the author wants to keep.',
  },
  check(ctx) {
    const { article } = ctx;
    const links = factSourceLinks(article);
    for (const fact of article.facts) {
      const field = fact.fields.get('source_title');
      if (fact.sourceTitle === undefined || !fact.sourceTitle.trim() || !field?.valueRange) continue;
      const sources = (links.sourcesOf.get(fact.index) ?? []).filter((s): s is Source & { title: string } => !!s.title?.trim());
      if (sources.length === 0) continue;
      const key = titleKey(fact.sourceTitle);
      if (sources.some((s) => titleKey(s.title) === key)) continue;
      const titles = [...new Set(sources.map((s) => s.title.trim()))];
      const range = trimmedRange(article, field.valueRange);
      const fixes: Fix[] = titles.map((t, i) => ({
        title: `Use the source's title "${t}"`,
        edits: [{ range, newText: inSameQuotes(article, range, t) }],
        safe: false,
        preferred: titles.length === 1 && i === 0,
      }));
      const lists = new Set(sources.map((src) => src.list));
      const which = sources.length > 1 ? (lists.size > 1 ? 'sources' : `${lists.has('primary_sources') ? 'primary' : 'secondary'} sources`) : sources[0].list === 'primary_sources' ? 'primary source' : 'secondary source';
      const names = titles.map((t) => `"${t}"`).join(' or ');
      ctx.report(range, `source_title "${fact.sourceTitle.trim()}" is not the title of the ${which} at ${fact.sourceUrl?.trim() ?? fact.sourceDoi?.trim()}: ${names}.`, { fixes });
    }
  },
};
