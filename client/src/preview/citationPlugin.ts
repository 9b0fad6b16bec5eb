/**
 * A markdown-it plugin that renders Pandoc citations (`[@id]`, `[@a; @b]`, `[see @a, p. 3]`) as chips. Used by the
 * preview panel and by VS Code's built-in Markdown preview. Pure: no `vscode` import, so Chromium tests can use it.
 */
import type MarkdownIt from 'markdown-it';
type StateInline = MarkdownIt.StateInline;
type Token = MarkdownIt.Token;
import { scanCitation, type CitationPart } from '../../../server/src/model/citationSyntax';

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

export const CITATION_TOKEN = 'kart_citation';

function citationRule(state: StateInline, silent: boolean): boolean {
  const scanned = scanCitation(state.src, state.pos, state.posMax);
  if (!scanned) return false;
  if (!silent) {
    const token = state.push(CITATION_TOKEN, '', 0);
    token.content = state.src.slice(state.pos, scanned.end);
    token.meta = { parts: scanned.parts };
  }
  state.pos = scanned.end;
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
