import { editDistance } from '../core/text';
import type { Fact } from '../model/article';
import { mappedFactOf, normaliseStatement } from '../model/citations';
import type { Rule } from './rule';

const words = (s: string) => new Set(s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);

/** Edit-distance cells one article may spend on suggestions; past it, statements are compared by their words. */
const EDIT_BUDGET = 20_000_000;
/** Suggestions are looked for this many unmatched bullets per article at most: each compares with every fact. */
const SUGGESTION_LIMIT = 50;

interface Candidate {
  fact: Fact;
  text: string;
  lower: string;
  words: Set<string>;
}

function candidatesOf(facts: readonly Fact[]): Candidate[] {
  return facts.flatMap((fact) => {
    if (fact.statement === undefined) return [];
    const text = normaliseStatement(fact.statement);
    return [{ fact, text, lower: text.toLowerCase(), words: words(text) }];
  });
}

/** The fact whose statement the bullet most likely copies: a few typos, or most of the same words. */
function closestFact(statement: string, candidates: readonly Candidate[], budget: { cells: number }): Fact | undefined {
  const s = normaliseStatement(statement);
  const sl = s.toLowerCase();
  const sw = words(s);
  let best: Fact | undefined;
  let bestScore = 0;
  for (const c of candidates) {
    const t = c.text;
    const max = Math.max(3, Math.floor(Math.min(s.length, t.length) * 0.15));
    const cells = s.length * t.length;
    // Edit distance is quadratic: long texts, and texts past the budget, are compared by their words only.
    const affordable = s.length <= 2000 && t.length <= 2000 && Math.abs(s.length - t.length) <= max && cells <= budget.cells;
    if (affordable) budget.cells -= cells;
    const d = affordable ? editDistance(sl, c.lower, max) : max + 1;
    let score = d <= max ? 1 - d / Math.max(s.length, t.length, 1) : 0;
    if (score === 0) {
      let common = 0;
      for (const w of sw) if (c.words.has(w)) common++;
      const dice = (2 * common) / (sw.size + c.words.size || 1);
      score = dice >= 0.6 ? dice * 0.9 : 0;
    }
    if (score > bestScore) {
      best = c.fact;
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
    const budget = { cells: EDIT_BUDGET };
    let candidates: Candidate[] | undefined;
    let unmatched = 0;
    for (const m of article.body.mappedFacts) {
      if (!m.statement.trim()) continue;
      if (mappedFactOf(article, m.statement, m.link?.target)) continue;
      candidates ??= candidatesOf(article.facts);
      const near = ++unmatched <= SUGGESTION_LIMIT ? closestFact(m.statement, candidates, budget) : undefined;
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
