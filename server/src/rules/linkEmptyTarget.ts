import type { Link } from '../model/body';
import { sameUrl } from '../model/urls';
import type { Fix } from '../core/types';
import type { Rule, RuleContext } from './rule';

const EMPTY = new Set(['', 'undefined', 'null', '#', 'none', 'nan']);

/** Fixes: the source of the same title when there is one, else the text without the link. */
function fixesFor(ctx: RuleContext, link: Link): Fix[] {
  const { article } = ctx;
  const fixes: Fix[] = [];
  const title = link.text.trim().toLowerCase();
  const source = title ? article.sources.find((s) => s.url && s.title?.trim().toLowerCase() === title) : undefined;
  const fact = title && !source ? article.facts.find((f) => f.sourceUrl && f.sourceTitle?.trim().toLowerCase() === title) : undefined;
  const url = source?.url ?? fact?.sourceUrl;
  const inParens = article.text.slice(link.range.end - 2, link.range.end) === '()' ? { start: link.range.end - 1, end: link.range.end - 1 } : undefined;
  const where = link.targetRange ?? inParens;
  if (url && where && !sameUrl(url, link.target)) {
    fixes.push({ title: `Link to ${url}`, edits: [{ range: where, newText: url }], safe: false, preferred: true });
  }
  const text = article.text.slice(link.textRange.start, link.textRange.end);
  fixes.push({ title: 'Remove the link, keep its text', edits: [{ range: link.range, newText: text }], safe: false });
  return fixes;
}

export const linkEmptyTarget: Rule = {
  id: 'link-empty-target',
  category: 'article',
  severity: 'warning',
  description: 'A link whose target is empty or a placeholder: `[title](undefined)`, `[x]()`, `(null)`, `(#)`.',
  docs: {
    bad: '## Further Reading\n- [Finetuned Language Models Are Zero-Shot Learners](undefined)',
    good: '## Further Reading\n- [Finetuned Language Models Are Zero-Shot Learners](https://arxiv.org/abs/2109.01652)',
    why: 'A generator that had no URL wrote `undefined`: readers get a dead link and the reference is lost.',
  },
  check(ctx) {
    for (const link of ctx.article.body.links) {
      const target = link.target.trim();
      if (!EMPTY.has(target.toLowerCase())) continue;
      // `[x]()` has no target to point at: the parentheses stand for it.
      const range = link.targetRange && link.targetRange.end > link.targetRange.start ? link.targetRange : { start: link.textRange.end + 1, end: link.range.end };
      const what = target === '' ? 'no target' : `the target "${target}"`;
      ctx.report(range, `The link "${link.text.trim() || '(no text)'}" has ${what}: give the page's URL, or remove the link.`, { fixes: fixesFor(ctx, link) });
    }
  },
};
