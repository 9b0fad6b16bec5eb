import type { Fix, TextEdit } from '../core/types';
import type { Article, Fact } from '../model/article';
import { factUses } from '../model/citations';
import { factIdStyle as styleOfId } from '../model/idStyles';
import type { Rule } from './rule';
import { inSameQuotes, trimmedRange } from './yamlValues';

/** An id split into the part before its trailing number and that number as written. */
interface IdShape {
  prefix: string;
  digits: string;
}

const NAMED = '\u0000named';

function shapeOf(id: string): IdShape {
  // The look-behind tries the digits only where a run of them starts: linear however long the id.
  const m = /^(.*?)(?<!\d)(\d+)$/.exec(id);
  // Ids without a number (`fact-intro`) form one style of their own, whatever their words.
  return m ? { prefix: m[1], digits: m[2] } : { prefix: NAMED, digits: '' };
}

/** `fact-ai-NNN` for zero-padded numbers, `fact-ai-N` otherwise: the style as the format's docs write it. */
function styleName(prefix: string, width: number): string {
  return `${prefix}${width > 1 ? 'N'.repeat(width) : 'N'}`;
}

/** Renames a fact and every `[@id]` citing it: the body keeps pointing at the same fact. */
function renameFix(article: Article, fact: Fact, to: string): Fix | undefined {
  const idField = fact.fields.get('id');
  if (!idField?.valueRange || !fact.id) return undefined;
  const range = trimmedRange(article, idField.valueRange);
  const edits: TextEdit[] = [{ range, newText: inSameQuotes(article, range, to) }];
  for (const key of factUses(article).get(fact.id)?.citations ?? []) edits.push({ range: { start: key.start + 1, end: key.end }, newText: to });
  const cited = edits.length - 1;
  return { title: `Rename to "${to}"${cited ? ` (and its ${cited} citation${cited === 1 ? '' : 's'})` : ''}`, edits, safe: false };
}

/** The id in the article's style: the same number if it is free, else the next free one. */
function inStyle(prefix: string, width: number, number: number, taken: Set<string>): string {
  const make = (n: number) => prefix + String(n).padStart(width, '0');
  if (!taken.has(make(number))) return make(number);
  let n = 1;
  for (const id of taken) {
    const s = shapeOf(id);
    if (s.prefix === prefix && s.digits) n = Math.max(n, Number(s.digits) + 1);
  }
  while (taken.has(make(n))) n++;
  return make(n);
}

function mostCommon<T>(values: T[]): T | undefined {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: T | undefined;
  let bestCount = 0;
  for (const [v, c] of counts) if (c > bestCount) [best, bestCount] = [v, c];
  return best;
}

export const factIdStyle: Rule = {
  id: 'fact-id-style',
  category: 'facts',
  severity: 'info',
  description: 'Fact ids of one article follow different styles (f1 next to fact-ai-002, fact-ai-01 next to fact-ai-001), or do not match the configured factIdPattern.',
  docs: {
    bad: 'atomic_facts:\n  - id: fact-ai-001\n  - id: fact-ai-002\n  - id: fact-ai-03\n  - id: f4',
    good: 'atomic_facts:\n  - id: fact-ai-001\n  - id: fact-ai-002\n  - id: fact-ai-003\n  - id: fact-ai-004',
    why: 'One style per article keeps ids predictable when citing them; `kart.config.json` can require one pattern for the whole workspace (`factIdPattern`).',
  },
  check(ctx) {
    const { article, config } = ctx;
    const facts = article.facts.filter((f) => f.id !== undefined && f.fields.get('id')?.valueRange);
    const taken = new Set(facts.map((f) => f.id!));
    const rangeOf = (f: Fact) => trimmedRange(article, f.fields.get('id')!.valueRange!);
    if (config.factIdPattern) {
      const pattern = config.factIdPattern;
      for (const fact of facts) {
        if (pattern.test(fact.id!)) continue;
        ctx.report(rangeOf(fact), `The fact id "${fact.id}" does not match the pattern ${pattern.source} that kart.config.json sets (factIdPattern).`);
      }
      return;
    }
    if (facts.length < 2) return;
    const shapes = new Map(facts.map((f) => [f, shapeOf(f.id!)]));
    // The format's styles (model/idStyles.ts) group ids: fact-ai-attention-1 and fact-ai-transformer-2 share one.
    const category = typeof article.data?.category === 'string' ? article.data.category : undefined;
    const familyOf = (f: Fact) => {
      const shape = shapes.get(f)!;
      if (shape.prefix === NAMED) return NAMED;
      const style = styleOfId(f.id!, category);
      return style === 'other' ? `other:${shape.prefix}` : style;
    };
    const families = new Map(facts.map((f) => [f, familyOf(f)]));
    const family = mostCommon(facts.map((f) => families.get(f)!))!;
    const prefix = mostCommon(facts.filter((f) => families.get(f) === family).map((f) => shapes.get(f)!.prefix))!;
    const mine = facts.filter((f) => shapes.get(f)!.prefix === prefix);
    // Zero-padded numbers fix the width; numbers without a leading zero fit any width up to their own length.
    const padded = mine.map((f) => shapes.get(f)!.digits).filter((d) => d.length > 1 && d.startsWith('0'));
    const width = mostCommon(padded.map((d) => d.length)) ?? 1;
    const style = shapes.get(mine[0])!.digits ? styleName(prefix, width) : undefined;
    const example = mine.find((f) => !padded.length || (shapes.get(f)!.digits.length === width))?.id ?? mine[0].id!;
    for (const fact of facts) {
      const shape = shapes.get(fact)!;
      const number = shape.digits ? Number(shape.digits) : undefined;
      let message: string | undefined;
      if (families.get(fact) !== family) {
        message = `The fact id "${fact.id}" does not follow the style of the other ids in this article (${style ? `${style}, ` : ''}as in "${example}").`;
      } else if (shape.digits && shape.digits.length !== width && (shape.digits.startsWith('0') || shape.digits.length < width)) {
        message = `The fact id "${fact.id}" writes its number with ${shape.digits.length} digit${shape.digits.length === 1 ? '' : 's'} while the other ids of this article use ${width} (${style}, as in "${example}").`;
      }
      if (!message) continue;
      const fix = number !== undefined && style ? renameFix(article, fact, inStyle(prefix, width, number, taken)) : undefined;
      ctx.report(rangeOf(fact), message, { fixes: fix ? [fix] : undefined });
    }
  },
};
