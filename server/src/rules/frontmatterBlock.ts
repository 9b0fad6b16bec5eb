import type { Article } from '../model/article';
import type { Rule, RuleContext } from './rule';

/** The first line (without its break) after an optional BOM. */
function firstLine(article: Article): { start: number; end: number } {
  const start = article.bom ? 1 : 0;
  return { start, end: Math.max(start, article.lines.lineEnd(0)) };
}

/**
 * A frontmatter that does not start on the first line: a `---` line among the first lines, followed by YAML that
 * names `atomic_facts` or `primary_sources` before the closing `---`. A `---` before prose is a thematic break.
 */
export function misplacedFrontmatter(article: Article): { start: number; end: number } | undefined {
  const { lines, text } = article;
  const lineText = (l: number) => text.slice(lines.lineStart(l), lines.lineEnd(l));
  const first = Math.min(lines.lineCount - 1, 20);
  for (let l = 0; l <= first; l++) {
    if (lineText(l).replace(/^\ufeff/, '').trimEnd() !== '---') continue;
    if (!/^[A-Za-z_][\w-]*:(\s|$)/.test(lineText(l + 1))) return undefined;
    const last = Math.min(lines.lineCount - 1, l + 2000);
    for (let k = l + 1; k <= last; k++) {
      const t = lineText(k);
      if (/^(---|\.\.\.)\s*$/.test(t)) return undefined;
      if (/^(atomic_facts|primary_sources):/.test(t)) {
        const start = lines.lineStart(l) + (text.charCodeAt(lines.lineStart(l)) === 0xfeff ? 1 : 0);
        return { start, end: start + 3 };
      }
    }
    return undefined;
  }
  return undefined;
}

function checkMissing(ctx: RuleContext): void {
  const { article } = ctx;
  const misplaced = misplacedFrontmatter(article);
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
        ctx.report(fm.open, 'A lone `---`: it opens a frontmatter that holds nothing and is never closed. Add the fields and a closing `---` line, or remove this line.');
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
