import { closest } from '../core/text';
import type { Article } from '../model/article';
import type { Heading } from '../model/body';
import type { ResolvedConfig } from '../config';
import type { TextRange } from '../core/types';
import type { Rule } from './rule';

const h2s = (article: Article): Heading[] => article.body.headings.filter((h) => h.level === 2);

/**
 * Where a missing section belongs: before the first H2 that the configured order puts after it, else at the end of
 * the body. `before` is that heading when there is one.
 */
export function sectionInsertion(article: Article, config: ResolvedConfig, name: string): { at: number; before?: Heading } {
  const order = config.sectionOrder;
  const rank = order.indexOf(name);
  if (rank >= 0) {
    for (const h of h2s(article)) {
      const r = order.indexOf(h.text);
      if (r > rank) return { at: h.range.start, before: h };
    }
  }
  return { at: article.text.length };
}

/** The text to insert so that `## name` stands on its own lines at `at`. */
function insertionText(article: Article, at: number, name: string): string {
  const eol = article.eol;
  const text = article.text;
  const atEnd = at >= text.length;
  let lead = '';
  if (atEnd && text.length > article.body.start) {
    if (!text.endsWith('\n') && !text.endsWith('\r')) lead = eol + eol;
    else if (!/(\r?\n|\r)[ \t]*(\r?\n|\r)$/.test(text)) lead = eol;
  }
  return `${lead}## ${name}${eol}${eol}`;
}

export const sectionMissing: Rule = {
  id: 'section-missing',
  category: 'article',
  severity: 'warning',
  description: 'A required H2 section (by default `## TL;DR` and `## Core Explanation`) is missing from the body.',
  docs: {
    bad: '---\n...\n---\n## TL;DR\nInstruction tuning teaches models to follow directions.\n\n## Further Reading\n...',
    good: '---\n...\n---\n## TL;DR\nInstruction tuning teaches models to follow directions.\n\n## Core Explanation\nThe standard post-training pipeline ...\n\n## Further Reading\n...',
    why: 'Readers and tools expect every article to open with a summary and an explanation; `requiredSections` in kart.config.json sets which.',
  },
  check(ctx) {
    const { article, config } = ctx;
    // Without a closed frontmatter the body is not known: frontmatter-block says so.
    if (!ctx.article.frontmatter?.close) return;
    const headings = h2s(article);
    const present = new Set(headings.map((h) => h.text));
    for (const name of config.requiredSections) {
      if (present.has(name)) continue;
      const { at, before } = sectionInsertion(article, config, name);
      const fallback: TextRange = article.frontmatter?.close ?? { start: article.body.start, end: article.lines.lineEnd(article.lines.lineAt(article.body.start)) };
      const range = before?.range ?? fallback;
      // A heading spelled a little differently is most likely meant: rename rather than add.
      const near = closest(name, headings.map((h) => h.text).filter((t) => !config.sectionOrder.includes(t)));
      const nearHeading = near ? headings.find((h) => h.text === near) : undefined;
      const where = before ? ` before "## ${before.text}"` : '';
      if (nearHeading) {
        ctx.report(nearHeading.textRange, `The required section "## ${name}" is missing; is "## ${nearHeading.text}" meant to be it?`, {
          fixes: [{ title: `Rename to "## ${name}"`, edits: [{ range: nearHeading.textRange, newText: name }], safe: false, preferred: true }],
        });
        continue;
      }
      ctx.report(range, `The required section "## ${name}" is missing: add it${where}.`, {
        fixes: [{ title: `Add "## ${name}"${where}`, edits: [{ range: { start: at, end: at }, newText: insertionText(article, at, name) }], safe: false }],
      });
    }
  },
};
