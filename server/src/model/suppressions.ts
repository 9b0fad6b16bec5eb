/**
 * Inline disabling, as markdownlint users know it: `kart-disable` / `kart-enable` ranges, `kart-disable-line`,
 * `kart-disable-next-line` and `kart-disable-file`, each with rule ids or none (every rule). In the frontmatter they are
 * YAML comments (found through yaml's CST, never by reading the YAML as text), in the body HTML comments.
 */
import { Parser } from 'yaml';
import type { TextRange } from '../core/types';
import type { Article } from './article';
import { memo } from './article';

export type DirectiveKind = 'disable' | 'enable' | 'disable-line' | 'disable-next-line' | 'disable-file';

export interface Directive {
  kind: DirectiveKind;
  /** The comment that holds it. */
  range: TextRange;
  /** The rule ids it names, where each is written; none means every rule. */
  rules: { id: string; range: TextRange }[];
}

export interface Suppression {
  /** The lines silenced, `to` exclusive. */
  from: number;
  to: number;
  /** Rule ids; empty means every rule. */
  rules: string[];
  /** The directive that made it (an `enable` makes none). */
  directive: Directive;
}

const KINDS: readonly DirectiveKind[] = ['disable-next-line', 'disable-line', 'disable-file', 'disable', 'enable'];

/** The directive a comment's text holds: `kart-<kind>` first, then rule ids (space or comma separated). */
function directiveIn(text: string, at: number): Directive | undefined {
  const lead = /^(#|<!--)\s*/.exec(text);
  if (!lead) return undefined;
  const rest = text.slice(lead[0].length);
  if (!rest.startsWith('kart-')) return undefined;
  const kind = KINDS.find((k) => rest.startsWith(`kart-${k}`) && !/[\w-]/.test(rest.charAt(k.length + 5)));
  if (!kind) return undefined;
  const rules: Directive['rules'] = [];
  const argsStart = lead[0].length + kind.length + 5;
  const args = text.slice(argsStart).replace(/-->\s*$/, '');
  for (const m of args.matchAll(/[^\s,]+/g)) rules.push({ id: m[0], range: { start: at + argsStart + m.index!, end: at + argsStart + m.index! + m[0].length } });
  return { kind, range: { start: at, end: at + text.trimEnd().length }, rules };
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

/** Every directive of the article, in document order. */
export function directivesOf(article: Article): Directive[] {
  return memo(article, 'directives', () => {
    if (!article.text.includes('kart-')) return [];
    const out: Directive[] = [];
    const fm = article.frontmatter;
    if (fm) {
      const yamlText = article.text.slice(fm.content.start, fm.content.end);
      if (yamlText.includes('kart-')) {
        const comments: { offset: number; source: string }[] = [];
        for (const token of new Parser().parse(yamlText)) collectYamlComments(token, comments);
        for (const c of comments) {
          const d = directiveIn(c.source, fm.content.start + c.offset);
          if (d) out.push(d);
        }
      }
    }
    for (const c of article.body.comments) {
      const d = directiveIn(c.text, c.range.start);
      if (d) out.push(d);
    }
    return out.sort((a, b) => a.range.start - b.range.start);
  });
}

/** The lines each directive silences: a range runs to the next `kart-enable` naming any of its rules (or none), or to the end. */
export function suppressionsOf(article: Article): Suppression[] {
  return memo(article, 'suppressions', () => {
    const directives = directivesOf(article);
    if (directives.length === 0) return [];
    const { lines } = article;
    const end = lines.lineCount + 1;
    const result: Suppression[] = [];
    const open: Suppression[] = [];
    for (const d of directives) {
      const ids = d.rules.map((r) => r.id);
      const line = lines.lineAt(d.range.start);
      if (d.kind === 'disable-next-line') {
        const next = nextContentLine(article, lines.lineAt(d.range.end));
        result.push({ from: next, to: next + 1, rules: ids, directive: d });
      } else if (d.kind === 'disable-line') result.push({ from: line, to: line + 1, rules: ids, directive: d });
      else if (d.kind === 'disable-file') result.push({ from: 0, to: end, rules: ids, directive: d });
      else if (d.kind === 'disable') {
        const s: Suppression = { from: line, to: end, rules: ids, directive: d };
        result.push(s);
        open.push(s);
      } else {
        for (let i = open.length - 1; i >= 0; i--) {
          const s = open[i];
          if (ids.length === 0 || s.rules.length === 0 || s.rules.some((r) => ids.includes(r))) {
            s.to = line + 1;
            open.splice(i, 1);
          }
        }
      }
    }
    return result;
  });
}

/** Whether a suppression silences `rule` on `line`. */
export function silences(s: Suppression, rule: string, line: number): boolean {
  return line >= s.from && line < s.to && (s.rules.length === 0 || s.rules.includes(rule));
}
