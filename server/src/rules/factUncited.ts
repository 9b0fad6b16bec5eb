import { factUses } from '../model/citations';
import type { Rule } from './rule';
import { trimmedRange } from './yamlValues';

export const factUncited: Rule = {
  id: 'fact-uncited',
  category: 'facts',
  severity: 'hint',
  description: 'A fact the body neither cites as `[@id]` nor lists under `## Source-Mapped Facts`.',
  docs: {
    bad: 'atomic_facts:\n  - id: f1\n    statement: FLAN showed ...\n---\n## TL;DR\nInstruction tuning teaches models to follow directions.',
    good: 'atomic_facts:\n  - id: f1\n    statement: FLAN showed ...\n---\n## TL;DR\nInstruction tuning teaches models to follow directions [@f1].',
    why: 'A citation ties a sentence of the body to the fact that backs it, so a reader can check the claim where it is made.',
  },
  check(ctx) {
    const { article } = ctx;
    const uses = factUses(article);
    for (const fact of article.facts) {
      const range = fact.fields.get('id')?.valueRange;
      if (!fact.id || !range) continue;
      const use = uses.get(fact.id);
      if (use && (use.citations.length > 0 || use.bullets.length > 0)) continue;
      ctx.report(trimmedRange(article, range), `The body never cites the fact "${fact.id}": add [@${fact.id}] after the sentence it supports, or list it under ## Source-Mapped Facts.`, {
        unnecessary: false,
      });
    }
  },
};
