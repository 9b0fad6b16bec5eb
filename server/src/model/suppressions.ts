import { Parser } from 'yaml';
import type { Article } from './article';
import { memo } from './article';

const DIRECTIVE = 'kart-disable-next-line';

export interface Suppression {
  /** The line the directive silences. */
  line: number;
  /** Rule codes; empty means every rule. */
  rules: string[];
}

function directiveRules(comment: string): string[] | undefined {
  const at = comment.indexOf(DIRECTIVE);
  if (at < 0) return undefined;
  return comment
    .slice(at + DIRECTIVE.length)
    .replace(/-->\s*$/, '')
    .split(/[\s,]+/)
    .filter((s) => s.length > 0);
}

function collectYamlComments(node: unknown, out: { offset: number; source: string }[], depth = 0): void {
  if (depth > 200 || node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const n of node) collectYamlComments(n, out, depth + 1);
    return;
  }
  const t = node as { type?: string; offset?: number; source?: string };
  if (t.type === 'comment' && typeof t.offset === 'number' && typeof t.source === 'string') {
    out.push({ offset: t.offset, source: t.source });
    return;
  }
  for (const v of Object.values(node)) if (v && typeof v === 'object') collectYamlComments(v, out, depth + 1);
}

/** The next line after `line` that holds anything but white space. */
function nextContentLine(article: Article, line: number): number {
  for (let l = line + 1; l < article.lines.lineCount; l++) {
    const s = article.text.slice(article.lines.lineStart(l), article.lines.lineEnd(l));
    if (s.trim() !== '') return l;
  }
  return line + 1;
}

/** `# kart-disable-next-line RULE` in the frontmatter and `<!-- kart-disable-next-line RULE -->` in the body. */
export function suppressionsOf(article: Article): Suppression[] {
  return memo(article, 'suppressions', () => {
    if (!article.text.includes(DIRECTIVE)) return [];
    const result: Suppression[] = [];
    const fm = article.frontmatter;
    if (fm) {
      const yamlText = article.text.slice(fm.content.start, fm.content.end);
      if (yamlText.includes(DIRECTIVE)) {
        const comments: { offset: number; source: string }[] = [];
        for (const token of new Parser().parse(yamlText)) collectYamlComments(token, comments);
        for (const c of comments) {
          const rules = directiveRules(c.source);
          if (rules) result.push({ line: nextContentLine(article, article.lines.lineAt(fm.content.start + c.offset)), rules });
        }
      }
    }
    for (const c of article.body.comments) {
      const rules = directiveRules(c.text);
      if (rules) result.push({ line: nextContentLine(article, article.lines.lineAt(c.range.end)), rules });
    }
    return result;
  });
}
