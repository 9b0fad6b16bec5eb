/**
 * The "Disable RULE for this line" quick fix: a `# kart-disable-next-line RULE` comment line above the finding's line
 * in the frontmatter, a `<!-- kart-disable-line RULE -->` comment at the end of its line in the body. The text with the
 * comment is parsed again and the fix offered only when the comment is read as meant and breaks nothing (a `#` line in
 * a block scalar is text; a comment in a code block is code).
 */
import type { TextEdit } from '../core/types';
import { applyEdits } from '../core/edits';
import { parseArticle, type Article } from '../model/article';
import { silences, suppressionsOf } from '../model/suppressions';

export function disableCommentEdit(article: Article, rule: string, at: number): TextEdit | undefined {
  const { lines } = article;
  const line = lines.lineAt(at);
  const start = lines.lineStart(line);
  const fm = article.frontmatter;
  const inFrontmatter = !!fm && at >= fm.content.start && at <= fm.content.end;
  let edit: TextEdit;
  let target: number;
  if (inFrontmatter) {
    const indent = /^[ ]*/.exec(article.text.slice(start, lines.lineEnd(line)))![0];
    edit = { range: { start, end: start }, newText: `${indent}# kart-disable-next-line ${rule}${article.eol}` };
    target = line + 1;
  } else {
    const end = lines.lineEnd(line);
    edit = { range: { start: end, end }, newText: ` <!-- kart-disable-line ${rule} -->` };
    target = line;
  }
  const after = parseArticle(article.uri, applyEdits(article.text, [edit]), article.version + 1);
  if ((after.yaml?.errors.length ?? 0) > (article.yaml?.errors.length ?? 0)) return undefined;
  if (!suppressionsOf(after).some((s) => silences(s, rule, target))) return undefined;
  return edit;
}
