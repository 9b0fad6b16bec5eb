import { mappedFactOf } from '../model/citations';
import { sameUrl } from '../model/urls';
import type { Rule } from './rule';

export const mappedFactUrlMismatch: Rule = {
  id: 'mapped-fact-url-mismatch',
  category: 'article',
  severity: 'warning',
  description: "A `## Source-Mapped Facts` bullet whose link is not its fact's `source_url`.",
  docs: {
    bad: 'atomic_facts:\n  - id: f1\n    statement: FLAN showed that instruction tuning enables zero-shot generalization.\n    source_url: https://arxiv.org/abs/2109.01652\n...\n## Source-Mapped Facts\n- FLAN showed that instruction tuning enables zero-shot generalization. ([source](https://arxiv.org/abs/2210.11416))',
    good: '## Source-Mapped Facts\n- FLAN showed that instruction tuning enables zero-shot generalization. ([source](https://arxiv.org/abs/2109.01652))',
    why: 'The bullet shows readers where a fact comes from; a link to another page sends them to a source that may not support it.',
  },
  check(ctx) {
    const { article } = ctx;
    for (const m of article.body.mappedFacts) {
      const link = m.link;
      if (!link?.targetRange || !link.target.trim()) continue;
      const fact = mappedFactOf(article, m.statement, link.target);
      if (!fact?.sourceUrl || sameUrl(fact.sourceUrl, link.target)) continue;
      const name = fact.id ? `fact ${fact.id}` : `fact ${fact.index + 1}`;
      const urlField = fact.fields.get('source_url');
      ctx.report(link.targetRange, `This bullet states ${name}, whose source_url is ${fact.sourceUrl}, but links to ${link.target}.`, {
        related: urlField?.valueRange ? [{ uri: article.uri, range: urlField.valueRange, message: `source_url of ${name}` }] : undefined,
        fixes: [{ title: `Link to ${fact.sourceUrl}`, edits: [{ range: link.targetRange, newText: fact.sourceUrl }], safe: false, preferred: true }],
      });
    }
  },
};
