import type { Article } from '../model/article';
import { deleteLinesEdit } from './fixes';
import type { Rule, RuleContext } from './rule';

/** The first line (without its break) after an optional BOM. */
function firstLine(article: Article): { start: number; end: number } {
  const start = article.bom ? 1 : 0;
  return { start, end: Math.max(start, article.lines.lineEnd(0)) };
}

/** A `---` line further down that opens what looks like a frontmatter: the author put something before it. */
function misplacedOpening(article: Article): { start: number; end: number; line: number } | undefined {
  const last = Math.min(article.lines.lineCount - 1, 20);
  for (let l = 0; l <= last; l++) {
    const start = article.lines.lineStart(l);
    const text = article.text.slice(start, article.lines.lineEnd(l));
    if (text.replace(/^\ufeff/, '').trimEnd() !== '---') continue;
    const next = article.text.slice(article.lines.lineStart(l + 1), article.lines.lineEnd(l + 1));
    // Only when a `key:` line follows: a `---` before prose is a thematic break.
    if (l + 1 < article.lines.lineCount && /^[A-Za-z_][\w-]*:(\s|$)/.test(next)) return { start, end: start + 3 + (text.startsWith('\ufeff') ? 1 : 0), line: l };
    return undefined;
  }
  return undefined;
}

function checkMissing(ctx: RuleContext): void {
  const { article } = ctx;
  const misplaced = misplacedOpening(article);
  if (misplaced) {
    const before = article.text.slice(article.bom ? 1 : 0, misplaced.start);
    const blank = before.trim() === '';
    ctx.report({ start: misplaced.start, end: misplaced.end }, `The frontmatter must start on the first line; ${blank ? 'blank lines stand' : 'text stands'} before this \`---\`, so it is read as Markdown.`, {
      fixes: blank ? [{ title: 'Remove the blank lines before the frontmatter', edits: [{ range: { start: article.bom ? 1 : 0, end: misplaced.start }, newText: '' }], safe: true, preferred: true }] : undefined,
    });
    return;
  }
  ctx.report(firstLine(article), 'No frontmatter: an article starts with a `---` line, its YAML fields (id, title, atomic_facts, primary_sources ...), and a closing `---` line.');
}

export const frontmatterBlock: Rule = {
  id: 'frontmatter-block',
  category: 'yaml',
  severity: 'error',
  description: 'The frontmatter block is missing, not on the first line, empty, or never closed.',
  docs: {
    bad: '---\nid: instruction-tuning\ntitle: Instruction Tuning\n\n## TL;DR\nInstruction tuning teaches models to follow directions.',
    good: '---\nid: instruction-tuning\ntitle: Instruction Tuning\n---\n## TL;DR\nInstruction tuning teaches models to follow directions.',
    why: 'Without a closing `---` the whole body is read as YAML, and without an opening one no field is read at all.',
  },
  check(ctx) {
    const { article } = ctx;
    const fm = article.frontmatter;
    if (!fm) return checkMissing(ctx);
    const empty = article.text.slice(fm.content.start, fm.content.end).trim() === '';
    if (!fm.close) {
      if (empty) {
        ctx.report(fm.open, 'A lone `---`: it opens a frontmatter that holds nothing and is never closed. Add the fields and a closing `---` line, or remove this line.', {
          fixes: [{ title: 'Remove the lone `---` line', edits: [deleteLinesEdit(article, fm.open)], safe: false }],
        });
        return;
      }
      // Where the YAML most likely ends: the first Markdown heading, which YAML takes for a comment.
      let headingLine: number | undefined;
      const first = article.lines.lineAt(fm.content.start);
      for (let l = first; l < article.lines.lineCount; l++) {
        const text = article.text.slice(article.lines.lineStart(l), article.lines.lineEnd(l));
        if (/^#{1,6}\s+\S/.test(text)) {
          headingLine = l;
          break;
        }
      }
      const where = headingLine !== undefined ? ` before line ${headingLine + 1} ("${article.text.slice(article.lines.lineStart(headingLine), article.lines.lineEnd(headingLine)).trim()}")` : ' after the last field';
      const at = headingLine !== undefined ? article.lines.lineStart(headingLine) : undefined;
      ctx.report(fm.open, `This frontmatter is never closed: the closing \`---\` line is missing, so the whole file is read as YAML. Add a \`---\` line${where}.`, {
        fixes: at !== undefined ? [{ title: `Close the frontmatter before line ${headingLine! + 1}`, edits: [{ range: { start: at, end: at }, newText: `---${article.eol}` }], safe: false }] : undefined,
      });
      return;
    }
    if (empty) ctx.report({ start: fm.open.start, end: fm.close.end }, 'The frontmatter is empty: put the article\'s fields (id, title, atomic_facts, primary_sources ...) between the `---` lines.');
  },
};
