import type { Fix } from '../core/types';
import type { Article } from '../model/article';
import type { Heading, Section } from '../model/body';
import type { Rule } from './rule';

/** Moves the section under `heading` so that it stands right before `target`. */
function moveFix(article: Article, sections: ReadonlyMap<Heading, Section>, heading: Heading, target: Heading): Fix | undefined {
  const section = sections.get(heading);
  const dest = sections.get(target);
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
    const ranked = ctx.article.body.headings
      .filter((h) => h.level === 2)
      .flatMap((h) => {
        const rank = order.indexOf(h.text);
        return rank >= 0 ? [{ h, rank }] : [];
      })
      .map((x, pos) => ({ ...x, pos }));
    let highest = -1;
    let sections: Map<Heading, Section> | undefined;
    // The first heading seen of each rank: a section out of place belongs before the first one ranked after it.
    const firstOfRank: ((typeof ranked)[number] | undefined)[] = [];
    for (const x of ranked) {
      firstOfRank[x.rank] ??= x;
      if (x.rank >= highest) {
        highest = x.rank;
        continue;
      }
      let target: (typeof ranked)[number] | undefined;
      for (let r = x.rank + 1; r < firstOfRank.length; r++) {
        const y = firstOfRank[r];
        if (y && y !== x && (!target || y.pos < target.pos)) target = y;
      }
      if (!target) continue;
      sections ??= new Map(ctx.article.body.sections.map((s) => [s.heading, s]));
      const fix = moveFix(ctx.article, sections, x.h, target.h);
      ctx.report(x.h.textRange, `"## ${x.h.text}" should come before "## ${target.h.text}" (the order is ${order.join(', ')}).`, {
        related: [{ uri: ctx.article.uri, range: target.h.textRange, message: `"## ${target.h.text}" comes earlier` }],
        fixes: fix ? [fix] : undefined,
      });
    }
  },
};
