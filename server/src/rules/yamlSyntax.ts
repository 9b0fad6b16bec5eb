import { isAlias, visit, type YAMLError } from 'yaml';
import { missingSpaceAfterColon, unclosedQuoteOffset } from '../model/yamlRecovery';
import type { TextRange } from '../core/types';
import type { Article } from '../model/article';
import { replaceFix } from './fixes';
import type { Rule, RuleContext } from './rule';

export { missingSpaceAfterColon } from '../model/yamlRecovery';

function plain(error: YAMLError): string {
  return error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

/** The line's text from its first non-blank character to its end. */
function lineContent(article: Article, line: number): TextRange {
  const start = article.lines.lineStart(line);
  const end = article.lines.lineEnd(line);
  const text = article.text.slice(start, end);
  const lead = text.length - text.trimStart().length;
  return { start: start + lead, end: start + text.trimEnd().length };
}

/** The next line after `line` with anything but white space, inside the frontmatter. */
function nextContentLine(article: Article, line: number, last: number): number {
  for (let l = line + 1; l <= last; l++) if (article.text.slice(article.lines.lineStart(l), article.lines.lineEnd(l)).trim()) return l;
  return line;
}

/** Where a quoted string that never closes opens: YAML reports the end of the document instead. */
function unclosedQuote(article: Article): TextRange | undefined {
  const fm = article.frontmatter!;
  // As the model parses it: a lone \r is a line break to YAML (same length, so offsets hold).
  const at = unclosedQuoteOffset(article.text.slice(fm.content.start, fm.content.end).replace(/\r(?!\n)/g, '\n'));
  if (at === undefined) return undefined;
  const start = fm.content.start + at;
  return { start, end: article.lines.lineEnd(article.lines.lineAt(start)) };
}

/** An alias (`*name`) with no anchor before it: YAML parses it, then cannot resolve it. */
function unresolvedAlias(article: Article): { name: string; range: TextRange } | undefined {
  const doc = article.yaml!;
  let found: { name: string; range: TextRange } | undefined;
  // One walk, in document order, with the anchors met so far: what `Alias.resolve` finds, without walking the whole
  // document again for each alias (20,000 aliases took 22 s that way).
  const anchors = new Set<string>();
  visit(doc, {
    Node(_, node) {
      if (!isAlias(node)) {
        if (node.anchor) anchors.add(node.anchor);
        return;
      }
      if (!node.range || anchors.has(node.source)) return;
      found = { name: node.source, range: { start: article.yamlOffset + node.range[0], end: article.yamlOffset + node.range[1] } };
      return visit.BREAK;
    },
  });
  return found;
}

/** A plain message and the range it belongs on: the quote that opens, the line that is indented wrong. */
function explain(article: Article, error: YAMLError): { message: string; line: number; range?: TextRange } {
  const off = article.yamlOffset;
  const fm = article.frontmatter!;
  const line = article.lines.lineAt(off + error.pos[0]);
  const last = article.lines.lineAt(Math.max(fm.content.start, fm.content.end - 1));
  switch (error.code) {
    case 'TAB_AS_INDENT':
      return { line, message: 'Tabs cannot indent YAML: indent with spaces.' };
    case 'MISSING_CHAR':
      if (/quote/i.test(error.message)) {
        const range = unclosedQuote(article);
        return { line: range ? article.lines.lineAt(range.start) : line, range, message: 'A quoted string is never closed: add the closing quote.' };
      }
      if (/without - indicator/.test(error.message)) {
        return { line, range: lineContent(article, line), message: 'This line is indented like a list item but does not start with "- ": align it with the keys of the item above, or start a new item with "- ".' };
      }
      return { line, message: `${plain(error)}. Is a colon or a space missing?` };
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY': {
      // YAML points at the value above; the line indented under it is what the author must move.
      const bad = nextContentLine(article, line, last);
      return { line: bad, range: lineContent(article, bad), message: 'This line is indented under a key that already has a value: align it with the keys above it.' };
    }
    case 'BAD_INDENT':
      return { line, range: lineContent(article, line), message: `This line's indentation does not fit the lines around it (${plain(error).toLowerCase()}).` };
    case 'RESOURCE_EXHAUSTION':
      // The parser ran out of stack (or of the aliases it allows); its own words name the engine, not the text.
      if (/call stack/i.test(error.message)) return { line, message: 'The frontmatter nests too deeply to be read (lists or mappings inside one another thousands of levels deep): flatten it.' };
      return { line, message: `${plain(error)}.` };
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
      const { message, line, range } = explain(article, error);
      // A line already explained (a missing space after a colon) makes YAML misread the lines after it too.
      const errorLine = article.lines.lineAt(article.yamlOffset + error.pos[0]);
      if (reported.has(line) || reported.has(errorLine)) continue;
      reported.add(line);
      if (range && range.end > range.start) {
        ctx.report(range, message);
        continue;
      }
      const start = Math.min(fm.content.end, article.yamlOffset + error.pos[0]);
      let end = Math.min(fm.content.end, article.yamlOffset + Math.max(error.pos[1], error.pos[0] + 1));
      end = Math.min(end, article.lines.lineEnd(article.lines.lineAt(start)));
      ctx.report({ start, end: Math.max(end, start) }, message);
    }
    if (doc.errors.length === 0 && article.fields.size === 0 && doc.contents !== null) {
      ctx.report(fm.open, 'The frontmatter must be a YAML mapping of keys to values (`id: ...`, `title: ...`).');
    } else if (doc.errors.length === 0 && article.fields.size > 0 && !article.data) {
      const unresolved = unresolvedAlias(article);
      if (unresolved) ctx.report(unresolved.range, `The alias *${unresolved.name} names no anchor: define &${unresolved.name} before it, or write the value itself.`);
      else ctx.report(fm.open, 'The frontmatter cannot be read: its aliases expand too far (an alias bomb?).');
    }
  },
};
