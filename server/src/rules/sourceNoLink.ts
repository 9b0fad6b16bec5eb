import { itemAnchor, sourceLabel, titleKey } from './factSources';
import { insertKeyEdit } from './fixes';
import type { Rule } from './rule';
import { yamlScalar } from './yamlValues';

export const sourceNoLink: Rule = {
  id: 'source-no-link',
  category: 'sources',
  severity: 'warning',
  description: 'A source with neither a url nor a doi.',
  docs: {
    bad: 'primary_sources:\n  - title: Design Patterns: Elements of Reusable Object-Oriented Software\n    type: book\n    year: 1994',
    good: 'primary_sources:\n  - title: "Design Patterns: Elements of Reusable Object-Oriented Software"\n    type: book\n    year: 1994\n    url: https://www.pearson.com/en-us/subject-catalog/p/design-patterns-elements-of-reusable-object-oriented-software/P200000009480',
    why: 'Without an address nobody can find the exact source, and no fact can point to it.',
  },
  check(ctx) {
    const { article } = ctx;
    for (const source of article.sources) {
      if (!source.isMap || source.url?.trim() || source.doi?.trim()) continue;
      // A fact naming this source by its title may carry the address the entry lacks.
      const fromFact = source.title ? article.facts.find((f) => f.sourceTitle && f.sourceUrl?.trim() && titleKey(f.sourceTitle) === titleKey(source.title!)) : undefined;
      const url = fromFact?.sourceUrl?.trim();
      const edit = url && !source.fields.has('url') ? insertKeyEdit(article, [source.list, source.index], 'url', yamlScalar(url)) : undefined;
      ctx.report(itemAnchor(article, source, 'title'), `The source ${sourceLabel(source)} has no url or doi: add the address where readers find it${url ? ` (fact "${fromFact!.id}" cites it as ${url})` : ''}.`, {
        fixes: edit ? [{ title: `Add url: ${url}`, edits: [edit], safe: false, preferred: true }] : undefined,
      });
    }
  },
};
