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
  const matches = factsByStatement(article).get(normaliseStatement(statement)) ?? [];
  return matches.find((f) => sameUrl(f.sourceUrl, url)) ?? matches[0];
}

/** The facts by normalised statement, in their order: one pass per version instead of one per bullet. */
function factsByStatement(article: Article): Map<string, Fact[]> {
  return memo(article, 'factsByStatement', () => {
    const by = new Map<string, Fact[]>();
    for (const f of article.facts) {
      if (f.statement === undefined) continue;
      const s = normaliseStatement(f.statement);
      const list = by.get(s);
      if (list) list.push(f);
      else by.set(s, [f]);
    }
    return by;
  });
}
