import { closest } from '../core/text';
import type { Article } from '../model/article';
import type { Heading } from '../model/body';
import type { ResolvedConfig } from '../config';
import type { TextRange } from '../core/types';
import type { Rule } from './rule';

const h2s = (article: Article): Heading[] => article.body.headings.filter((h) => h.level === 2);

/**
 * Where a missing section belongs, by the configured order: before the first H2 ranked after it, else after the
 * section of the last H2 ranked before it, else (no ranked section at all) at the start of the body for the first
 * section of the order and at the end for the others. `next` and `previous` are the headings it goes between.
 */
export function sectionInsertion(article: Article, config: ResolvedConfig, name: string): { at: number; next?: Heading; previous?: Heading } {
  const order = config.sectionOrder;
  const rank = order.indexOf(name);
  const headings = h2s(article);
  if (rank >= 0) {
    const next = headings.find((h) => order.indexOf(h.text) > rank);
    if (next) return { at: next.range.start, next };
    const ranked = headings.filter((h) => order.indexOf(h.text) >= 0 && order.indexOf(h.text) < rank);
    const previous = ranked[ranked.length - 1];
    if (previous) {
      const following = headings[headings.indexOf(previous) + 1];
      return { at: following ? following.range.start : article.text.length, previous };
    }
    if (rank === 0 && headings.length === 0) return { at: article.body.start };
    if (rank === 0) return { at: headings[0].range.start, next: headings[0] };
  }
  return { at: article.text.length };
}

/** The text to insert so that `## name` stands on its own lines, after a blank line, at `at`. */
function insertionText(article: Article, at: number, name: string): string {
  const eol = article.eol;
  const text = article.text;
  const before = text.slice(article.body.start, at);
  let lead = '';
  if (at > 0 && !/[\r\n]$/.test(text.slice(0, at))) lead = eol;
  if (before.trim() !== '' && !/(\r?\n|\r)[ \t]*(\r?\n|\r)$/.test(lead ? before + lead : before)) lead += eol;
  return `${lead}## ${name}${eol}${eol}`;
}

/** A visible place in the body for a finding about the body as a whole: its first line with text, or its start. */
function bodyRange(article: Article): TextRange {
  const { lines, text, body } = article;
  for (let l = lines.lineAt(body.start); l < lines.lineCount; l++) {
    const start = Math.max(lines.lineStart(l), body.start);
    const end = lines.lineEnd(l);
    if (text.slice(start, end).trim()) return { start, end };
  }
  return { start: body.start, end: body.start };
}

export const sectionMissing: Rule = {
  id: 'section-missing',
  category: 'article',
  severity: 'warning',
  description: 'A required H2 section (by default `## TL;DR` and `## Core Explanation`, for which `## Evidence Notes` or `## Core Claims` also do) is missing from the body.',
  docs: {
    bad: '---\n...\n---\n## TL;DR\nInstruction tuning teaches models to follow directions.\n\n## Further Reading\n...',
    good: '---\n...\n---\n## TL;DR\nInstruction tuning teaches models to follow directions.\n\n## Core Explanation\nThe standard post-training pipeline ...\n\n## Further Reading\n...',
    why: 'Readers and tools expect every article to open with a summary and an explanation; `requiredSections` in kart.config.json sets which, and `sectionEquivalents` the headings that count as one (by default `Evidence Notes` and `Core Claims` for `Core Explanation`, as in the corpus maintainers\' own repair template).',
  },
  check(ctx) {
    const { article, config } = ctx;
    // Without a closed frontmatter the body is not known: frontmatter-block says so.
    if (!ctx.article.frontmatter?.close) return;
    const headings = h2s(article);
    const present = new Set(headings.map((h) => h.text));
    for (const name of config.requiredSections) {
      // The standard asks for "Core Explanation or equivalent body section": a configured equivalent stands for it.
      if (present.has(name) || (config.sectionEquivalents[name] ?? []).some((e) => present.has(e))) continue;
      const { at, next, previous } = sectionInsertion(article, config, name);
      const range = next?.range ?? previous?.range ?? bodyRange(article);
      // A heading spelled a little differently is most likely meant: rename rather than add.
      const near = closest(name, headings.map((h) => h.text).filter((t) => !config.sectionOrder.includes(t)));
      const nearHeading = near ? headings.find((h) => h.text === near) : undefined;
      const where = next ? ` before "## ${next.text}"` : previous ? ` after the "## ${previous.text}" section` : '';
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
