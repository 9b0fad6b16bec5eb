import type { YAMLError } from 'yaml';
import type { Article } from '../model/article';
import { replaceFix } from './fixes';
import type { Rule, RuleContext } from './rule';

/** `key:value` with no space: YAML reads the whole line as one plain word. Returns the colon's offset. */
export function missingSpaceAfterColon(line: string): number | undefined {
  let i = 0;
  while (i < line.length && (line[i] === ' ' || line[i] === '-')) i++;
  const keyStart = i;
  while (i < line.length && /[A-Za-z0-9_-]/.test(line[i])) i++;
  if (i === keyStart || line[i] !== ':') return undefined;
  const next = line[i + 1];
  if (next === undefined || next === ' ' || next === '\t' || next === ':') return undefined;
  return i;
}

function plain(error: YAMLError): string {
  return error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

function explain(article: Article, error: YAMLError): { message: string; line: number } {
  const off = article.yamlOffset;
  const line = article.lines.lineAt(off + error.pos[0]);
  switch (error.code) {
    case 'TAB_AS_INDENT':
      return { line, message: 'Tabs cannot indent YAML: indent with spaces.' };
    case 'MISSING_CHAR':
      if (/quote/i.test(error.message)) return { line, message: 'A quoted string is never closed: add the closing quote.' };
      return { line, message: `${plain(error)}. Is a colon or a space missing?` };
    case 'BAD_INDENT':
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return { line, message: `This line's indentation does not fit the lines around it (${plain(error).toLowerCase()}).` };
    case 'BAD_ALIAS':
    case 'BAD_DIRECTIVE':
    default:
      return { line, message: `${plain(error)}.` };
  }
}

export const yamlSyntax: Rule = {
  id: 'yaml-syntax',
  category: 'yaml',
  severity: 'error',
  description: 'The frontmatter is not valid YAML: a missing space after a colon, tab indentation, bad indentation, an unclosed quote.',
  docs: {
    bad: '---\nid:"kb-2026-00388"\ntitle: "Unclosed\n---',
    good: '---\nid: "kb-2026-00388"\ntitle: "Closed"\n---',
    why: 'One YAML error hides every field after it: the article cannot be read at all.',
  },
  check(ctx: RuleContext) {
    const { article } = ctx;
    const doc = article.yaml;
    if (!doc) return;
    const reported = new Set<number>();
    const fm = article.frontmatter!;
    // A missing space after a colon is the most common cause and gives confusing errors elsewhere: look for it first.
    if (doc.errors.some((e) => e.code !== 'DUPLICATE_KEY')) {
      const first = article.lines.lineAt(fm.content.start);
      const last = article.lines.lineAt(Math.max(fm.content.start, fm.content.end - 1));
      for (let l = first; l <= last; l++) {
        const start = article.lines.lineStart(l);
        const text = article.text.slice(start, article.lines.lineEnd(l));
        const colon = missingSpaceAfterColon(text);
        if (colon === undefined || text.trimStart().startsWith('#')) continue;
        const key = text.slice(0, colon).replace(/^[\s-]+/, '');
        // Only lines YAML itself failed on: `url:https` inside a quoted string is fine.
        const failed = doc.errors.some((e) => {
          const el = article.lines.lineAt(fm.content.start + e.pos[0]);
          const el2 = article.lines.lineAt(fm.content.start + Math.max(e.pos[0], e.pos[1] - 1));
          return el <= l && l <= el2;
        });
        if (!failed) continue;
        reported.add(l);
        ctx.report({ start: start + colon - key.length, end: start + colon + 1 }, `Missing space after the colon: YAML reads "${text.trim()}" as one word, not as the key "${key}" and a value.`, {
          fixes: [replaceFix(`Add a space after "${key}:"`, { start: start + colon + 1, end: start + colon + 1 }, ' ')],
        });
      }
    }
    for (const error of doc.errors) {
      if (error.code === 'DUPLICATE_KEY') continue;
      const { message, line } = explain(article, error);
      if (reported.has(line)) continue;
      reported.add(line);
      const start = Math.min(fm.content.end, article.yamlOffset + error.pos[0]);
      let end = Math.min(fm.content.end, article.yamlOffset + Math.max(error.pos[1], error.pos[0] + 1));
      end = Math.min(end, article.lines.lineEnd(article.lines.lineAt(start)));
      ctx.report({ start, end: Math.max(end, start) }, message);
    }
    if (doc.errors.length === 0 && article.fields.size === 0 && doc.contents !== null) {
      ctx.report(fm.open, 'The frontmatter must be a YAML mapping of keys to values (`id: ...`, `title: ...`).');
    } else if (doc.errors.length === 0 && article.fields.size > 0 && !article.data) {
      ctx.report(fm.open, 'The frontmatter cannot be read: its aliases expand too far (an alias bomb?).');
    }
  },
};
