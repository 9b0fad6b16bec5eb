import type { Fix } from '../core/types';
import type { Article } from '../model/article';
import type { Heading } from '../model/body';
import type { Rule } from './rule';

/** Moves the section under `heading` so that it stands right before `target`. */
function moveFix(article: Article, heading: Heading, target: Heading): Fix | undefined {
  const section = article.body.sections.find((s) => s.heading === heading);
  const dest = article.body.sections.find((s) => s.heading === target);
  if (!section || !dest) return undefined;
  let moved = article.text.slice(section.range.start, section.range.end);
  if (!/(\r?\n|\r)$/.test(moved)) moved += article.eol;
  if (!/(\r?\n|\r)[ \t]*(\r?\n|\r)$/.test(moved)) moved += article.eol;
  return {
    title: `Move "## ${heading.text}" before "## ${target.text}"`,
    edits: [
      { range: { start: dest.range.start, end: dest.range.start }, newText: moved },
      { range: section.range, newText: '' },
    ],
    safe: false,
  };
}

export const sectionOrder: Rule = {
  id: 'section-order',
  category: 'article',
  severity: 'info',
  description: 'H2 sections out of the configured order (TL;DR, Core Explanation, Detailed Analysis, Source-Mapped Facts, Further Reading, Related Articles).',
  docs: {
    bad: '## Core Explanation\n...\n\n## TL;DR\n...',
    good: '## TL;DR\n...\n\n## Core Explanation\n...',
    why: 'Articles read alike when their sections come in one order; `sectionOrder` in kart.config.json sets it.',
  },
  check(ctx) {
    const order = ctx.config.sectionOrder;
    // Without a closed frontmatter the body is not known: frontmatter-block says so.
    if (!ctx.article.frontmatter?.close) return;
    const ranked = ctx.article.body.headings.filter((h) => h.level === 2).flatMap((h) => {
      const rank = order.indexOf(h.text);
      return rank >= 0 ? [{ h, rank }] : [];
    });
    let highest = -1;
    ranked.forEach((x, i) => {
      if (x.rank >= highest) {
        highest = x.rank;
        return;
      }
      // The first earlier section that the order puts after this one: this section belongs right before it.
      const target = ranked.slice(0, i).find((y) => y.rank > x.rank)!;
      const fix = moveFix(ctx.article, x.h, target.h);
      ctx.report(x.h.textRange, `"## ${x.h.text}" should come before "## ${target.h.text}" (the order is ${order.join(', ')}).`, {
        related: [{ uri: ctx.article.uri, range: target.h.textRange, message: `"## ${target.h.text}" comes earlier` }],
        fixes: fix ? [fix] : undefined,
      });
    });
  },
};
