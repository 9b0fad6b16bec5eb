import type { TextRange } from '../core/types';
import type { Article } from '../model/article';
import type { RuleContext } from './rule';

/**
 * Placeholders in the Markdown body, the part of placeholder-text that reads the prose. The frontmatter part keeps
 * its own patterns (placeholderText.ts): body text is longer and freer, so the patterns here are narrower.
 */

/** What a bracketed placeholder holds: `[待验证]`, `[核心概念解释。待填充。]`, `[TODO: ...]`, `[citation needed]`. */
const BRACKETED = /^(?:待|后续|後續|补充|補充|todo\b|tbd\b|tba\b|fixme\b|to be (?:completed|added|filled|written|verified|confirmed|determined)|insert\b|citation needed)|待(?:后续|後續)?(?:补充|補充|填充|填写|完善|验证|驗證|核实|核實|确认|確認|添加|更新)|详细分析|詳細分析|\bplaceholder\b|\blorem ipsum\b/iu;
/** A bracketed span on one line: not a link (`](`), a reference (`][`) nor a task box. */
const BRACKETS = /\[([^\[\]\n]{1,200})\](?![(\[:])/gu;
/** Placeholder words in running text: CJK markers of unwritten content, which the language never uses otherwise. */
const CJK_TEXT = /待(?:后续|後續)?(?:补充|補充|填充|填写|完善|验证|驗證|核实|核實)|内容初稿/gu;
/**
 * A writer's marker in running text: TODO/TBD/TBA/FIXME in capitals at the start of a line (after list, quote or
 * heading marks) or before a colon, so that prose about "TODO comments" passes.
 */
const MARKER_TEXT = /(?:^[ \t]*(?:[-*+>][ \t]+|\d+[.)][ \t]+|#{1,6}[ \t]+)*)(TODO|TBD|TBA|FIXME)\b|\b(TODO|TBD|TBA|FIXME)(?=[ \t]*:)/gmu;
/** Phrases that are never content, in any case. */
const PHRASE_TEXT = /\b(?:lorem ipsum|to be filled in|(?:detailed analysis|this section|content) is still being (?:completed|written))\b/giu;

const inside = (ranges: readonly TextRange[], at: number, end: number) => ranges.some((r) => r.start <= at && end <= r.end);

/** The placeholders of the body: code blocks, code spans, HTML comments and link targets are not prose and pass. */
export function bodyPlaceholders(article: Article): TextRange[] {
  const { body, text } = article;
  if (!article.frontmatter?.close && article.frontmatter) return [];
  const skip: TextRange[] = [...body.codeBlocks, ...body.codeSpans, ...body.comments.map((c) => c.range), ...body.links.flatMap((l) => (l.targetRange ? [l.targetRange] : []))];
  const found: TextRange[] = [];
  const add = (start: number, end: number) => {
    if (inside(skip, start, end) || found.some((f) => f.start <= start && end <= f.end)) return;
    found.push({ start, end });
  };
  const prose = text.slice(body.start);
  for (const m of prose.matchAll(BRACKETS)) {
    if (BRACKETED.test(m[1].trim())) add(body.start + m.index!, body.start + m.index! + m[0].length);
  }
  for (const m of prose.matchAll(CJK_TEXT)) add(body.start + m.index!, body.start + m.index! + m[0].length);
  for (const m of prose.matchAll(MARKER_TEXT)) {
    const word = m[1] ?? m[2];
    const at = m.index! + m[0].length - word.length;
    add(body.start + at, body.start + at + word.length);
  }
  for (const m of prose.matchAll(PHRASE_TEXT)) add(body.start + m.index!, body.start + m.index! + m[0].length);
  return found.sort((a, b) => a.start - b.start);
}

/** Reports each placeholder of the body, as placeholder-text does for the frontmatter. */
export function checkBodyPlaceholders(ctx: RuleContext): void {
  const { article } = ctx;
  for (const range of bodyPlaceholders(article)) {
    const written = article.text.slice(range.start, range.end);
    const shown = written.length > 60 ? `${written.slice(0, 57)}...` : written;
    ctx.report(range, `The body holds placeholder text ("${shown}"): write the real content or remove it.`);
  }
}
