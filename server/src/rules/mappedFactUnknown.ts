import { editDistance } from '../core/text';
import type { Fact } from '../model/article';
import { mappedFactOf, normaliseStatement } from '../model/citations';
import type { Rule } from './rule';

const words = (s: string) => new Set(s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);

/** The fact whose statement the bullet most likely copies: a few typos, or most of the same words. */
export function closestFact(statement: string, facts: readonly Fact[]): Fact | undefined {
  const s = normaliseStatement(statement);
  let best: Fact | undefined;
  let bestScore = 0;
  const sw = words(s);
  for (const f of facts) {
    if (f.statement === undefined) continue;
    const t = normaliseStatement(f.statement);
    const max = Math.max(3, Math.floor(Math.min(s.length, t.length) * 0.15));
    // Edit distance is quadratic: long texts are compared by their words only.
    const d = s.length <= 2000 && t.length <= 2000 ? editDistance(s.toLowerCase(), t.toLowerCase(), max) : max + 1;
    let score = d <= max ? 1 - d / Math.max(s.length, t.length, 1) : 0;
    if (score === 0) {
      const tw = words(t);
      let common = 0;
      for (const w of sw) if (tw.has(w)) common++;
      const dice = (2 * common) / (sw.size + tw.size || 1);
      score = dice >= 0.6 ? dice * 0.9 : 0;
    }
    if (score > bestScore) {
      best = f;
      bestScore = score;
    }
  }
  return best;
}

const short = (s: string, n = 80) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export const mappedFactUnknown: Rule = {
  id: 'mapped-fact-unknown',
  category: 'article',
  severity: 'warning',
  description: 'A `## Source-Mapped Facts` bullet whose text is not the statement of any fact in the frontmatter.',
  docs: {
    bad: 'atomic_facts:\n  - id: f1\n    statement: FLAN showed that instruction tuning enables zero-shot generalization.\n...\n## Source-Mapped Facts\n- FLAN showed that instruction tuning enables few-shot generalization. ([source](https://arxiv.org/abs/2109.01652))',
    good: 'atomic_facts:\n  - id: f1\n    statement: FLAN showed that instruction tuning enables zero-shot generalization.\n...\n## Source-Mapped Facts\n- FLAN showed that instruction tuning enables zero-shot generalization. ([source](https://arxiv.org/abs/2109.01652))',
    why: 'The section repeats each fact word for word with its source; a bullet that drifted from its fact states something no source was checked for.',
  },
  check(ctx) {
    const { article } = ctx;
    for (const m of article.body.mappedFacts) {
      if (!m.statement.trim()) continue;
      if (mappedFactOf(article, m.statement, m.link?.target)) continue;
      const near = closestFact(m.statement, article.facts);
      const name = near ? (near.id ? `"${near.id}"` : `fact ${near.index + 1}`) : '';
      const statement = near ? normaliseStatement(near.statement!) : '';
      // Markdown in the bullet (`code`, *emphasis*) around the very words of a statement: say so, not "no fact".
      const plain = normaliseStatement(m.statement.replace(/[`*_]/g, ''));
      const message = !near
        ? "This Source-Mapped Facts bullet matches no fact's statement: copy the fact's statement exactly, or add the fact to atomic_facts."
        : plain === statement.replace(/[`*_]/g, '')
          ? `This bullet differs from the statement of ${name} only in Markdown formatting; repeat the statement exactly.`
          : `This Source-Mapped Facts bullet matches no fact's statement; did you mean ${name}: "${short(statement)}"?`;
      ctx.report(m.statementRange, message, {
        fixes: near ? [{ title: `Use the statement of ${name}`, edits: [{ range: m.statementRange, newText: statement }], safe: false, preferred: true }] : undefined,
      });
    }
  },
};
