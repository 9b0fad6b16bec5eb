import type { TextRange } from '../core/types';
import { memo, type Article, type Fact } from './article';
import { sameUrl } from './urls';

export interface FactUse {
  /** `[@id]` keys citing the fact (range of the key, `@` included). */
  citations: TextRange[];
  /** Source-Mapped Facts bullets whose text is the fact's statement. */
  bullets: TextRange[];
}

/** Statement text as the body repeats it: white space folded. */
export function normaliseStatement(s: string): string {
  return s.split(/\s+/).filter(Boolean).join(' ');
}

/** For each fact id, where the body cites or maps it; computed once per version. */
export function factUses(article: Article): Map<string, FactUse> {
  return memo(article, 'factUses', () => {
    const uses = new Map<string, FactUse>();
    const use = (id: string) => uses.get(id) ?? uses.set(id, { citations: [], bullets: [] }).get(id)!;
    for (const f of article.facts) if (f.id) use(f.id);
    for (const c of article.body.citations) for (const k of c.keys) use(k.id).citations.push(k.range);
    for (const m of article.body.mappedFacts) {
      const fact = mappedFactOf(article, m.statement, m.link?.target);
      if (fact?.id) use(fact.id).bullets.push(m.statementRange);
    }
    return uses;
  });
}

/** The fact a Source-Mapped Facts bullet stands for: same statement, and the same url when several share it. */
export function mappedFactOf(article: Article, statement: string, url: string | undefined): Fact | undefined {
  const s = normaliseStatement(statement);
  const matches = article.facts.filter((f) => f.statement !== undefined && normaliseStatement(f.statement) === s);
  return matches.find((f) => sameUrl(f.sourceUrl, url)) ?? matches[0];
}
