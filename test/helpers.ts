import * as assert from 'assert';
import { checkArticle } from '../server/src/check';
import { parseConfig, type ResolvedConfig } from '../server/src/config';
import type { Finding, TextRange } from '../server/src/core/types';
import { parseArticle, type Article } from '../server/src/model/article';
import { allRules } from '../server/src/rules';
import type { WorkspaceIndex } from '../server/src/workspaceIndex';

export { articleText, PLAIN_BODY, validArticle } from './articleText';

export const TODAY = '2026-06-01';

/**
 * Marks in test documents: `‸` is the cursor; `⟦` and `⟧` enclose expected ranges (several allowed).
 * Returns the text without marks, the cursor offset and the ranges in order.
 */
export function marked(source: string): { text: string; cursor: number; ranges: TextRange[] } {
  let text = '';
  let cursor = -1;
  const ranges: TextRange[] = [];
  const open: number[] = [];
  for (const ch of source) {
    if (ch === '‸') cursor = text.length;
    else if (ch === '⟦') open.push(text.length);
    else if (ch === '⟧') ranges.push({ start: open.pop()!, end: text.length });
    else text += ch;
  }
  ranges.sort((a, b) => a.start - b.start);
  return { text, cursor, ranges };
}

export function article(text: string, uri = 'file:///ws/ai/test-article.md'): Article {
  return parseArticle(uri, text, 1);
}

export interface CheckOptions {
  uri?: string;
  config?: ResolvedConfig;
  index?: WorkspaceIndex;
  today?: string;
}

/** The findings of one rule on a marked document. */
export function findings(rule: string, source: string, options: CheckOptions = {}): { findings: Finding[]; text: string; ranges: TextRange[]; article: Article } {
  const { text, ranges } = marked(source);
  const a = article(text, options.uri);
  const rules = allRules.filter((r) => r.id === rule);
  assert.strictEqual(rules.length, 1, `no rule ${rule}`);
  const config = options.config ?? parseConfig(undefined);
  const all = checkArticle(a, { config, today: options.today ?? TODAY, index: options.index, rules });
  return { findings: all, text, ranges, article: a };
}

/** Asserts that a rule reports exactly at the marked ranges, and returns its findings. */
export function expectAt(rule: string, source: string, options: CheckOptions = {}): Finding[] {
  const r = findings(rule, source, options);
  const show = (x: TextRange) => `${x.start}-${x.end} ${JSON.stringify(r.text.slice(x.start, x.end))}`;
  assert.deepStrictEqual(
    r.findings.map((f) => show(f.range)),
    r.ranges.map(show),
    `${rule}: messages were ${JSON.stringify(r.findings.map((f) => f.message))}`,
  );
  return r.findings;
}
