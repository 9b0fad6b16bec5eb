/**
 * A markdown-it plugin that ties the bullets of `## Source-Mapped Facts` (`- <statement> ([source](<url>))`) to the
 * facts whose statement they repeat: the list item gets a chip to the fact's card, or is marked when no fact matches.
 * Pure: no `vscode` import.
 */
import type MarkdownIt from 'markdown-it';
import type { CitedFact } from './citationPlugin';
type Token = MarkdownIt.Token;

export const SOURCE_MAPPED_FACTS = 'Source-Mapped Facts';
export const MAPPED_TOKEN = 'kart_mapped_fact';

export interface MappedFactsPluginOptions {
  facts?: (env: unknown) => ReadonlyMap<string, CitedFact> | undefined;
}

/** Statement text as the body repeats it: white space folded (the server compares the same way). */
export function normaliseStatement(s: string): string {
  return s.split(/\s+/).filter(Boolean).join(' ');
}

/** The bullet's text up to the link group that names its source, with inline markup kept as written. */
function statementOf(children: Token[]): string {
  let last = -1;
  children.forEach((t, i) => {
    if (t.type === 'link_open') last = i;
  });
  const end = last < 0 ? children.length : last;
  let s = '';
  for (let i = 0; i < end; i++) {
    const t = children[i];
    if (t.type === 'text') s += t.content;
    else if (t.type === 'code_inline') s += t.markup + t.content + t.markup;
    else if (t.type === 'softbreak' || t.type === 'hardbreak') s += ' ';
    else if (t.type === 'em_open' || t.type === 'em_close' || t.type === 'strong_open' || t.type === 'strong_close' || t.type === 's_open' || t.type === 's_close') s += t.markup;
    else if (t.content) s += t.content;
  }
  s = s.trimEnd();
  if (last >= 0 && s.endsWith('(')) s = s.slice(0, -1);
  return normaliseStatement(s);
}

export function mappedFactsPlugin(md: MarkdownIt, options: MappedFactsPluginOptions = {}): void {
  md.core.ruler.push(MAPPED_TOKEN, (state) => {
    const facts = options.facts?.(state.env);
    if (!facts) return;
    const byStatement = new Map<string, string>();
    for (const [id, fact] of facts) {
      const key = normaliseStatement(fact.statement);
      if (!byStatement.has(key)) byStatement.set(key, id);
    }
    const tokens = state.tokens;
    let section: string | undefined;
    let depth = 0;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      if (t.type === 'heading_open' && tokens[i + 1]?.type === 'inline') {
        if (t.tag === 'h2') section = tokens[i + 1].content.trim();
        else if (t.tag === 'h1') section = undefined;
      } else if (t.type === 'bullet_list_open' || t.type === 'ordered_list_open') depth++;
      else if (t.type === 'bullet_list_close' || t.type === 'ordered_list_close') depth--;
      else if (t.type === 'list_item_open' && depth === 1 && section === SOURCE_MAPPED_FACTS) {
        let j = i + 1;
        while (j < tokens.length && tokens[j].type !== 'inline' && tokens[j].type !== 'list_item_close') j++;
        const inline = tokens[j];
        if (inline?.type !== 'inline' || !inline.children) continue;
        const id = byStatement.get(statementOf(inline.children));
        t.attrJoin('class', id === undefined ? 'kart-mapped kart-mapped-unmatched' : 'kart-mapped');
        const chip = new state.Token(MAPPED_TOKEN, '', 0);
        chip.meta = { id };
        inline.children.unshift(chip);
      }
    }
  });
  const escape = md.utils.escapeHtml;
  md.renderer.rules[MAPPED_TOKEN] = (tokens, idx, _opts, env) => {
    const id = (tokens[idx].meta as { id?: string }).id;
    if (id === undefined) return '<span class="kart-chip kart-chip-unknown" title="No fact in this article has this statement">?</span> ';
    const fact = options.facts?.(env)?.get(id);
    const title = escape(fact?.statement ?? '');
    return fact?.anchor
      ? `<a class="kart-chip" href="#${escape(fact.anchor)}" data-fact="${escape(id)}" title="${title}">@${escape(id)}</a> `
      : `<span class="kart-chip" data-fact="${escape(id)}" title="${title}">@${escape(id)}</span> `;
  };
}
