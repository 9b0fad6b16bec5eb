import { closest } from '../core/text';
import { replaceFix } from './fixes';
import type { Rule } from './rule';

export const citationUnknownFact: Rule = {
  id: 'citation-unknown-fact',
  category: 'facts',
  severity: 'error',
  description: 'A `[@id]` citation in the body names no fact of the article.',
  docs: {
    bad: 'atomic_facts:\n  - id: f1\n...\nFLAN started instruction tuning [@f7].',
    good: 'atomic_facts:\n  - id: f1\n...\nFLAN started instruction tuning [@f1].',
  },
  check(ctx) {
    const ids = ctx.article.facts.flatMap((f) => (f.id ? [f.id] : []));
    const known = new Set(ids);
    for (const citation of ctx.article.body.citations) {
      for (const key of citation.keys) {
        if (known.has(key.id)) continue;
        const suggestion = closest(key.id, ids);
        const range = { start: key.range.start + 1, end: key.range.end };
        ctx.report(range, `No fact "${key.id}" in this article${suggestion ? `: did you mean "${suggestion}"?` : '.'}`, {
          fixes: suggestion ? [replaceFix(`Cite "${suggestion}"`, range, suggestion, false)] : undefined,
        });
      }
    }
  },
};
