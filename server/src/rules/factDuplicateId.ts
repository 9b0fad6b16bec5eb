import type { Rule } from './rule';

export const factDuplicateId: Rule = {
  id: 'fact-duplicate-id',
  category: 'facts',
  severity: 'error',
  description: 'Two facts of one article share an id, so a citation of it is ambiguous.',
  docs: {
    bad: 'atomic_facts:\n  - id: f1\n    statement: FLAN ...\n  - id: f1\n    statement: FLAN-T5 ...',
    good: 'atomic_facts:\n  - id: f1\n    statement: FLAN ...\n  - id: f2\n    statement: FLAN-T5 ...',
  },
  check(ctx) {
    const seen = new Map<string, (typeof ctx.article.facts)[number]>();
    for (const fact of ctx.article.facts) {
      if (!fact.id) continue;
      const first = seen.get(fact.id);
      const range = fact.fields.get('id')!.valueRange ?? fact.range;
      if (first) {
        ctx.report(range, `The fact id "${fact.id}" is already used by fact ${first.index + 1}; ids must be unique within an article.`, {
          related: [{ uri: ctx.article.uri, range: first.fields.get('id')!.valueRange ?? first.range, message: 'first used here' }],
        });
      } else seen.set(fact.id, fact);
    }
  },
};
