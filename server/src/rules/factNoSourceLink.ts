import { placeholderValue } from '../model/placeholders';
import { itemAnchor } from './factSources';
import { insertKeyEdit } from './fixes';
import type { Rule } from './rule';
import { yamlScalar } from './yamlValues';

const fold = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');

export const factNoSourceLink: Rule = {
  id: 'fact-no-source-link',
  category: 'facts',
  severity: 'warning',
  description: 'A fact with neither a source_url nor a source_doi, so nobody can look its source up.',
  docs: {
    bad: 'atomic_facts:\n  - id: f1\n    statement: FLAN showed ...\n    source_title: Finetuned Language Models Are Zero-Shot Learners',
    good: 'atomic_facts:\n  - id: f1\n    statement: FLAN showed ...\n    source_title: Finetuned Language Models Are Zero-Shot Learners\n    source_url: https://arxiv.org/abs/2109.01652',
    why: 'An atomic fact is a checkable claim: the link to its source is what makes it checkable.',
  },
  check(ctx) {
    const { article } = ctx;
    for (const fact of article.facts) {
      if (!fact.isMap || fact.sourceUrl?.trim() || fact.sourceDoi?.trim()) continue;
      const name = fact.id ? `The fact "${fact.id}"` : `Fact ${fact.index + 1}`;
      // The source its title names, when exactly one source has that title and a url.
      const byTitle = fact.sourceTitle ? article.sources.filter((s) => s.url?.trim() && s.title && fold(s.title) === fold(fact.sourceTitle!)) : [];
      const url = byTitle.length === 1 ? byTitle[0].url!.trim() : undefined;
      const path = ['atomic_facts', fact.index];
      const edit = fact.fields.has('source_url') ? undefined : insertKeyEdit(article, path, 'source_url', url ? yamlScalar(url) : placeholderValue(article, 'source_url', ctx.today, true));
      // An empty `source_url:` is where the address goes: mark its key.
      const empty = fact.fields.get('source_url');
      const anchor = empty ? (empty.valueRange && empty.valueRange.end > empty.valueRange.start ? itemAnchor(article, fact, 'source_url') : empty.keyRange) : itemAnchor(article, fact, 'id');
      ctx.report(anchor, `${name} has no source_url or source_doi: add the address of the page that supports it${url ? ` (its source_title names ${url})` : ''}.`, {
        fixes: edit ? [{ title: url ? `Add source_url: ${url}` : 'Add a source_url to fill in', edits: [edit], safe: false, preferred: !!url }] : undefined,
      });
    }
  },
};
