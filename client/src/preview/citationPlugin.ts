/**
 * A markdown-it plugin that renders Pandoc citations (`[@id]`, `[@a; @b]`, `[see @a, p. 3]`) as chips. Used by the
 * preview panel and by VS Code's built-in Markdown preview. Pure: no `vscode` import, so Chromium tests can use it.
 */
import type MarkdownIt from 'markdown-it';
type StateInline = MarkdownIt.StateInline;
type Token = MarkdownIt.Token;

/** What a chip needs to know about the fact it cites. */
export interface CitedFact {
  statement: string;
  /** Where the fact's card is in the page (`#fact-0`); no link when undefined. */
  anchor?: string;
}

export interface CitationPluginOptions {
  /** The facts of the document being rendered, by id; undefined when they are not known (yet). */
  facts?: (env: unknown) => ReadonlyMap<string, CitedFact> | undefined;
}

export type CitationPart = { text: string } | { key: string };

export const CITATION_TOKEN = 'kart_citation';

function isKeyChar(c: number): boolean {
  return (
    (c >= 48 && c <= 57) ||
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    c === 95 ||
    c > 127 ||
    // Pandoc allows internal punctuation in keys: : . # $ % & - + ? < > ~ /
    c === 58 || c === 46 || c === 35 || c === 36 || c === 37 || c === 38 || c === 45 || c === 43 || c === 63 || c === 60 || c === 62 || c === 126 || c === 47
  );
}

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c > 127;
}

/**
 * Splits the inside of a bracket into text and citation keys, Pandoc's way: a key starts with `@` at the start or
 * after a space, `;` or `-`, and never ends with punctuation. Returns undefined when there is no key.
 */
export function splitCitation(inner: string): CitationPart[] | undefined {
  const parts: CitationPart[] = [];
  let text = '';
  let keys = 0;
  for (let i = 0; i < inner.length; i++) {
    const c = inner.charCodeAt(i);
    const prev = i === 0 ? 32 : inner.charCodeAt(i - 1);
    if (c === 0x40 /* @ */ && (prev === 32 || prev === 9 || prev === 59 || prev === 45)) {
      let j = i + 1;
      while (j < inner.length && isKeyChar(inner.charCodeAt(j))) j++;
      while (j > i + 1 && !isWordChar(inner.charCodeAt(j - 1))) j--;
      if (j > i + 1) {
        if (text) parts.push({ text });
        text = '';
        parts.push({ key: inner.slice(i + 1, j) });
        keys++;
        i = j - 1;
        continue;
      }
    }
    text += inner[i];
  }
  if (text) parts.push({ text });
  return keys > 0 ? parts : undefined;
}

function citationRule(state: StateInline, silent: boolean): boolean {
  const src = state.src;
  const start = state.pos;
  if (src.charCodeAt(start) !== 0x5b /* [ */) return false;
  let close = -1;
  for (let i = start + 1; i < state.posMax; i++) {
    const c = src.charCodeAt(i);
    if (c === 0x5d /* ] */) {
      close = i;
      break;
    }
    if (c === 0x5b || c === 10) return false;
  }
  if (close < 0) return false;
  // `[@a](url)` and `[@a][ref]` are links, not citations.
  const after = src.charCodeAt(close + 1);
  if (after === 0x28 /* ( */ || after === 0x5b /* [ */) return false;
  const parts = splitCitation(src.slice(start + 1, close));
  if (!parts) return false;
  if (!silent) {
    const token = state.push(CITATION_TOKEN, '', 0);
    token.content = src.slice(start, close + 1);
    token.meta = { parts };
  }
  state.pos = close + 1;
  return true;
}

export function citationPlugin(md: MarkdownIt, options: CitationPluginOptions = {}): void {
  md.inline.ruler.before('link', CITATION_TOKEN, citationRule);
  const escape = md.utils.escapeHtml;
  md.renderer.rules[CITATION_TOKEN] = (tokens: Token[], idx: number, _opts, env: unknown) => {
    const parts = (tokens[idx].meta as { parts: CitationPart[] }).parts;
    const facts = options.facts?.(env);
    let html = '<span class="kart-citation">[';
    for (const part of parts) {
      if ('text' in part) {
        html += escape(part.text);
        continue;
      }
      const fact = facts?.get(part.key);
      const label = `@${escape(part.key)}`;
      if (!facts) {
        html += `<span class="kart-chip" data-fact="${escape(part.key)}">${label}</span>`;
      } else if (!fact) {
        html += `<span class="kart-chip kart-chip-unknown" data-fact="${escape(part.key)}" title="${escape(`No fact with id ${part.key} in this article`)}">${label}</span>`;
      } else if (fact.anchor) {
        html += `<a class="kart-chip" href="#${escape(fact.anchor)}" data-fact="${escape(part.key)}" title="${escape(fact.statement)}">${label}</a>`;
      } else {
        html += `<span class="kart-chip" data-fact="${escape(part.key)}" title="${escape(fact.statement)}">${label}</span>`;
      }
    }
    return html + ']</span>';
  };
}
