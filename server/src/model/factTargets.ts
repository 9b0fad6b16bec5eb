import { isScalar, Scalar, type Node } from 'yaml';
import type { TextRange } from '../core/types';
import type { Article, Fact } from './article';
import type { MappedFact } from './body';
import { mappedFactOf } from './citations';
import { pathAt } from './yamlPath';

/** A fact id under the cursor: its declaration in the frontmatter or a `[@id]` key in the body. */
export interface FactIdTarget {
  id: string;
  /** The id's own characters (no quotes, no `@`). */
  range: TextRange;
  where: 'declaration' | 'citation';
  /** The fact declaring the id (the first one when it is declared twice). */
  fact?: Fact;
}

/** The id text inside a scalar's range: quotes left out. */
export function scalarTextRange(node: Node | null | undefined, range: TextRange): TextRange {
  if (isScalar(node) && (node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE)) {
    return { start: range.start + 1, end: Math.max(range.start + 1, range.end - 1) };
  }
  return range;
}

/** Where a fact's id is written: the characters of the id (no quotes). */
export function factIdRange(fact: Fact): TextRange | undefined {
  const field = fact.fields.get('id');
  if (!field?.valueRange || fact.id === undefined) return undefined;
  return scalarTextRange(field.node, field.valueRange);
}

function within(range: TextRange, offset: number): boolean {
  return range.start <= offset && offset <= range.end;
}

/** The citation key at an offset (the `@` counts), with the id's own range. */
export function citationKeyAt(article: Article, offset: number): { id: string; range: TextRange; keyRange: TextRange } | undefined {
  if (offset < article.body.start) return undefined;
  for (const c of article.body.citations) {
    if (!within(c.range, offset)) continue;
    for (const k of c.keys) if (within(k.range, offset)) return { id: k.id, range: { start: k.range.start + 1, end: k.range.end }, keyRange: k.range };
  }
  return undefined;
}

/** The fact id at an offset, declared or cited. */
export function factIdAt(article: Article, offset: number): FactIdTarget | undefined {
  const key = citationKeyAt(article, offset);
  if (key) return { id: key.id, range: key.range, where: 'citation', fact: article.facts.find((f) => f.id === key.id) };
  const pos = pathAt(article, offset);
  if (!pos || pos.on !== 'value' || pos.path.length !== 3 || pos.path[0] !== 'atomic_facts' || pos.path[2] !== 'id') return undefined;
  const fact = article.facts[pos.path[1] as number];
  if (!fact?.id) return undefined;
  return { id: fact.id, range: factIdRange(fact) ?? pos.range, where: 'declaration', fact };
}

/** The Source-Mapped Facts bullet at an offset and the fact it stands for. */
export function mappedBulletAt(article: Article, offset: number): { bullet: MappedFact; fact?: Fact } | undefined {
  if (offset < article.body.start) return undefined;
  const bullet = article.body.mappedFacts.find((m) => within(m.range, offset));
  if (!bullet) return undefined;
  return { bullet, fact: mappedFactOf(article, bullet.statement, bullet.link?.target) };
}

/** The body link at an offset. */
export function linkAt(article: Article, offset: number) {
  if (offset < article.body.start) return undefined;
  return article.body.links.find((l) => within(l.range, offset));
}
