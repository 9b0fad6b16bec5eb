import MarkdownIt from 'markdown-it';
type StateInline = MarkdownIt.StateInline;
type Token = MarkdownIt.Token;
import type { TextRange } from '../core/types';
import { LineIndex } from '../core/lineIndex';
import { scanCitation } from './citationSyntax';
import { definitionsOf, withDefinitionSpans, type LinkDefinition } from './linkDefinitions';

export interface Heading {
  level: number;
  text: string;
  /** The whole heading line. */
  range: TextRange;
  textRange: TextRange;
}

export interface Section {
  heading: Heading;
  /** From the heading to the next heading of the same or a higher level. */
  range: TextRange;
}

export interface Link {
  text: string;
  target: string;
  /** `[text](target)` whole. */
  range: TextRange;
  /** The target as written, inside the parentheses; undefined for reference links and autolinks without one. */
  targetRange?: TextRange;
  textRange: TextRange;
  /** The H2 section the link is in, if any. */
  section?: string;
}

export interface CitationKey {
  id: string;
  range: TextRange;
}

/** A Pandoc-style citation group: `[@a]` or `[@a; @b]`. */
export interface Citation {
  range: TextRange;
  keys: CitationKey[];
}

/** A bullet of `## Source-Mapped Facts`: `- <statement> ([source](<url>))`. */
export interface MappedFact {
  range: TextRange;
  statement: string;
  statementRange: TextRange;
  link?: Link;
}

export interface Paragraph {
  text: string;
  range: TextRange;
  section?: string;
  inList: boolean;
}

export interface HtmlComment {
  text: string;
  range: TextRange;
}

export interface Body {
  start: number;
  headings: Heading[];
  sections: Section[];
  paragraphs: Paragraph[];
  links: Link[];
  /** Link reference definitions (`[label]: target`), where reference links' targets are written. */
  linkDefinitions: LinkDefinition[];
  citations: Citation[];
  mappedFacts: MappedFact[];
  comments: HtmlComment[];
  /** Fenced and indented code blocks, whole lines. */
  codeBlocks: TextRange[];
  /** Inline code spans, backticks included. */
  codeSpans: TextRange[];
}

export const SOURCE_MAPPED_FACTS = 'Source-Mapped Facts';

interface InlineSpan {
  start: number;
  end: number;
  targetStart?: number;
  targetEnd?: number;
  textStart?: number;
  textEnd?: number;
  keys?: { id: string; start: number; end: number }[];
}

/** `[@id]`, `[@a; @b]`, `[see @a, p. 3]` as a token that keeps its keys' positions. */
function citationRule(state: StateInline, silent: boolean): boolean {
  const scanned = scanCitation(state.src, state.pos, state.posMax);
  if (!scanned) return false;
  if (!silent) {
    const token = state.push('kart_citation', '', 0);
    token.content = state.src.slice(state.pos, scanned.end);
    const keys = scanned.parts.flatMap((p) => ('key' in p ? [{ id: p.key, start: p.start, end: p.end }] : []));
    token.meta = { start: state.pos, end: scanned.end, keys } satisfies InlineSpan;
  }
  state.pos = scanned.end;
  return true;
}

type InlineRule = (state: StateInline, silent: boolean) => boolean;

/** Wraps markdown-it's own link rule so that each link token remembers where it stood in the source. */
function withLinkSpans(md: MarkdownIt, original: InlineRule): InlineRule {
  return (state, silent) => {
    const start = state.pos;
    const count = state.tokens.length;
    if (!original(state, silent)) return false;
    if (silent) return true;
    const open = state.tokens.slice(count).find((t) => t.type === 'link_open');
    if (open) {
      const span: InlineSpan = { start, end: state.pos };
      const labelEnd = md.helpers.parseLinkLabel(state, start, true);
      if (labelEnd >= 0) {
        span.textStart = start + 1;
        span.textEnd = labelEnd;
        let pos = labelEnd + 1;
        if (state.src.charCodeAt(pos) === 0x28 /* ( */) {
          pos++;
          while (pos < state.posMax && (state.src.charCodeAt(pos) === 32 || state.src.charCodeAt(pos) === 10 || state.src.charCodeAt(pos) === 9)) pos++;
          const dest = md.helpers.parseLinkDestination(state.src, pos, state.posMax);
          if (dest.ok) {
            const angled = state.src.charCodeAt(pos) === 0x3c;
            span.targetStart = angled ? pos + 1 : pos;
            span.targetEnd = angled ? dest.pos - 1 : dest.pos;
          }
        }
      }
      open.meta = span;
    }
    return true;
  };
}

function withSpan(original: InlineRule, type: string): InlineRule {
  return (state, silent) => {
    const start = state.pos;
    const count = state.tokens.length;
    if (!original(state, silent)) return false;
    if (!silent) {
      const token = state.tokens.slice(count).find((t) => t.type === type);
      if (token) token.meta = { ...(token.meta ?? {}), start, end: state.pos } satisfies InlineSpan;
    }
    return true;
  };
}

/**
 * Lets a `[` that no `]` follows fail at once. markdown-it's link and image rules scan ahead for the label's end
 * from every `[`, up to a hundred brackets deep: a pasted line of brackets took seconds per hundred kilobytes.
 */
function unlessUnclosed(original: InlineRule): InlineRule {
  let last: StateInline | undefined;
  let from = 0;
  let close = -1;
  return (state, silent) => {
    const pos = state.pos;
    // The first `]` at or after `from` is `close` (-1: none), so the answer holds for every pos from `from` up to it.
    // The cache belongs to one inline state: comparing the source strings instead would compare their contents when
    // the same text is parsed again, on every call.
    if (state !== last || pos < from || (close >= 0 && pos > close)) {
      last = state;
      from = pos;
      close = state.src.indexOf(']', pos);
    }
    if (close < 0 || close >= state.posMax) return false;
    return original(state, silent);
  };
}

function createParser(): MarkdownIt {
  const md = new MarkdownIt({ html: true, linkify: false });
  const rules = (md.inline.ruler as unknown as { __rules__: { name: string; fn: InlineRule }[] }).__rules__;
  const find = (name: string) => rules.find((r) => r.name === name)!.fn;
  md.inline.ruler.at('link', unlessUnclosed(withLinkSpans(md, find('link'))));
  md.inline.ruler.at('image', unlessUnclosed(find('image')));
  md.inline.ruler.at('autolink', withSpan(find('autolink'), 'link_open'));
  md.inline.ruler.at('html_inline', withSpan(find('html_inline'), 'html_inline'));
  md.inline.ruler.at('backticks', withSpan(find('backticks'), 'code_inline'));
  md.inline.ruler.before('link', 'kart_citation', citationRule);
  const blockRules = (md.block.ruler as unknown as { __rules__: { name: string; fn: Parameters<typeof withDefinitionSpans>[0] }[] }).__rules__;
  md.block.ruler.at('reference', withDefinitionSpans(blockRules.find((r) => r.name === 'reference')!.fn));
  // Links are checked as written; normalizing or validating them here would hide what the author typed.
  md.validateLink = () => true;
  // Most link targets are read from the source text, so markdown-it's normalisation (URL parsing, punycode) is done
  // afterwards, and only for the links whose target is not written inline (reference links, autolinks).
  const normalize = md.normalizeLink.bind(md);
  md.normalizeLink = (url: string) => url;
  normalizeHref = normalize;
  // The inline pass is most of markdown-it's time, and the body scan keeps only headings' text, links, citations,
  // comments and code spans from it; they all start with `[`, `<` or a backtick. Inline content holding none is left
  // unparsed (its paragraph keeps its text and range from the block pass): the result is the same, for less work.
  md.core.ruler.at('inline', (state) => {
    const tokens = state.tokens;
    for (let i = 0; i < tokens.length; i++) {
      const tok = tokens[i];
      if (tok.type !== 'inline') continue;
      const heading = i > 0 && tokens[i - 1].type === 'heading_open';
      if (heading || tok.content.includes('[') || tok.content.includes('<') || tok.content.includes('`')) state.md.inline.parse(tok.content, state.md, state.env, tok.children!);
    }
  });
  return md;
}

let parser: MarkdownIt | undefined;
let normalizeHref: (url: string) => string = (url) => url;

/** Maps offsets in an inline token's content to offsets in the document. */
class InlineMapper {
  private readonly lineStarts: number[] = [];
  private readonly docStarts: number[] = [];
  /** Each line's bounds in the document: markdown-it may have turned a tab into spaces, so a mapped offset is clamped. */
  private readonly docMins: number[] = [];
  private readonly docMaxs: number[] = [];

  constructor(content: string, firstLine: number, lines: LineIndex, text: string, base: number) {
    let local = 0;
    let line = firstLine;
    while (true) {
      const nl = content.indexOf('\n', local);
      const piece = content.slice(local, nl < 0 ? content.length : nl);
      const srcStart = lines.lineStart(line);
      let srcEnd = lines.lineEnd(line);
      while (srcEnd > srcStart && (text.charCodeAt(srcEnd - 1) === 32 || text.charCodeAt(srcEnd - 1) === 9)) srcEnd--;
      const src = text.slice(srcStart, srcEnd);
      let at: number;
      const trimmed = piece.trimStart();
      if (src.endsWith(piece)) at = srcEnd - piece.length;
      else if (trimmed && src.endsWith(trimmed)) at = srcEnd - piece.length;
      else {
        const found = trimmed ? src.indexOf(trimmed) : -1;
        at = found >= 0 ? srcStart + found - (piece.length - trimmed.length) : srcStart;
      }
      this.lineStarts.push(local);
      this.docStarts.push(base + at);
      this.docMins.push(base + srcStart);
      this.docMaxs.push(base + lines.lineEnd(line));
      if (nl < 0) break;
      local = nl + 1;
      line++;
    }
  }

  map(local: number): number {
    // The last line starting at or before `local`, by bisection: a paragraph can have tens of thousands of lines.
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= local) lo = mid;
      else hi = mid - 1;
    }
    const i = lo;
    return Math.min(this.docMaxs[i], Math.max(this.docMins[i], this.docStarts[i] + (local - this.lineStarts[i])));
  }

  range(start: number, end: number): TextRange {
    return { start: this.map(start), end: this.map(end) };
  }
}

function inlineText(children: Token[] | null, from: number, to: number): string {
  let s = '';
  if (!children) return s;
  for (let i = from; i < to; i++) {
    const t = children[i];
    if (t.type === 'text' || t.type === 'code_inline') s += t.content;
    else if (t.type === 'softbreak' || t.type === 'hardbreak') s += ' ';
    else if (t.type === 'kart_citation') s += t.content;
  }
  return s;
}

/** Scans the Markdown body once; every offset in the result is an offset into `text`. */
export function scanBody(text: string, start: number): Body {
  parser ??= createParser();
  const bodyText = text.slice(start);
  const lines = new LineIndex(bodyText);
  const env = {};
  const tokens = parser.parse(bodyText, env);
  const body: Body = { start, headings: [], sections: [], paragraphs: [], links: [], linkDefinitions: [], citations: [], mappedFacts: [], comments: [], codeBlocks: [], codeSpans: [] };
  let section: string | undefined;
  let listDepth = 0;
  let pendingHeading: { level: number; line: number; endLine: number } | undefined;
  let inParagraph = false;
  let mappedItem: { start: number; end: number } | undefined;

  for (let ti = 0; ti < tokens.length; ti++) {
    const tok = tokens[ti];
    switch (tok.type) {
      case 'heading_open':
        pendingHeading = { level: Number(tok.tag.slice(1)), line: tok.map![0], endLine: tok.map![1] };
        break;
      case 'bullet_list_open':
      case 'ordered_list_open':
        listDepth++;
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        listDepth--;
        break;
      case 'list_item_open':
        if (listDepth === 1 && section === SOURCE_MAPPED_FACTS && tok.map) {
          mappedItem = { start: start + lines.lineStart(tok.map[0]), end: start + lines.lineEnd(tok.map[1] - 1) };
        }
        break;
      case 'paragraph_open':
        inParagraph = true;
        break;
      case 'paragraph_close':
        inParagraph = false;
        break;
      case 'fence':
      case 'code_block':
        if (tok.map) body.codeBlocks.push({ start: start + lines.lineStart(tok.map[0]), end: start + lines.lineEnd(tok.map[1] - 1) });
        break;
      case 'html_block': {
        const trimmed = tok.content.trimStart();
        if (trimmed.startsWith('<!--') && tok.map) {
          const blockStart = start + lines.lineStart(tok.map[0]);
          body.comments.push({ text: tok.content.trim(), range: { start: blockStart + (tok.content.length - trimmed.length), end: start + lines.lineEnd(tok.map[1] - 1) } });
        }
        break;
      }
      case 'inline': {
        if (!tok.map) break;
        const mapper = new InlineMapper(tok.content, tok.map[0], lines, bodyText, start);
        const children = tok.children ?? [];
        if (pendingHeading) {
          const h: Heading = {
            level: pendingHeading.level,
            text: inlineText(children, 0, children.length).trim() || tok.content.trim(),
            range: { start: start + lines.lineStart(pendingHeading.line), end: start + lines.lineEnd(pendingHeading.endLine - 1) },
            textRange: mapper.range(0, tok.content.length),
          };
          body.headings.push(h);
          if (h.level === 2) section = h.text;
          pendingHeading = undefined;
        } else if (inParagraph) {
          body.paragraphs.push({
            text: tok.content,
            range: mapper.range(0, tok.content.length),
            section,
            inList: listDepth > 0,
          });
        }
        const linkStack: { token: Token; index: number }[] = [];
        let lastLink: Link | undefined;
        let lastLinkLocal = 0;
        for (let ci = 0; ci < children.length; ci++) {
          const child = children[ci];
          if (child.type === 'kart_citation') {
            const span = child.meta as InlineSpan;
            body.citations.push({
              range: mapper.range(span.start, span.end),
              keys: span.keys!.map((k) => ({ id: k.id, range: mapper.range(k.start, k.end) })),
            });
          } else if (child.type === 'link_open') {
            linkStack.push({ token: child, index: ci });
          } else if (child.type === 'link_close') {
            const open = linkStack.pop();
            const span = open?.token.meta as InlineSpan | undefined;
            if (!open || !span) continue;
            const link: Link = {
              text: inlineText(children, open.index + 1, ci),
              target: '',
              range: mapper.range(span.start, span.end),
              textRange: span.textStart !== undefined ? mapper.range(span.textStart, span.textEnd!) : mapper.range(span.start, span.end),
              section,
            };
            if (span.targetStart !== undefined) {
              link.targetRange = mapper.range(span.targetStart, span.targetEnd!);
              link.target = text.slice(link.targetRange.start, link.targetRange.end);
            } else {
              const href = open.token.attrGet('href');
              link.target = href === null ? '' : normalizeHref(href);
            }
            body.links.push(link);
            lastLink = link;
            lastLinkLocal = span.start;
          } else if (child.type === 'code_inline') {
            const span = child.meta as InlineSpan | undefined;
            if (span) body.codeSpans.push(mapper.range(span.start, span.end));
          } else if (child.type === 'html_inline') {
            const span = child.meta as InlineSpan | undefined;
            if (span && child.content.startsWith('<!--')) body.comments.push({ text: child.content, range: mapper.range(span.start, span.end) });
          }
        }
        if (mappedItem && inParagraph) {
          body.mappedFacts.push(mappedFactOf(text, mapper, tok.content, mappedItem, lastLink, lastLinkLocal));
          mappedItem = undefined;
        }
        break;
      }
    }
  }
  const headings = body.headings;
  for (let i = 0; i < headings.length; i++) {
    let end = text.length;
    for (let j = i + 1; j < headings.length; j++) {
      if (headings[j].level <= headings[i].level) {
        end = headings[j].range.start;
        break;
      }
    }
    body.sections.push({ heading: headings[i], range: { start: headings[i].range.start, end } });
  }
  const shift = (r: TextRange) => ({ start: start + r.start, end: start + r.end });
  body.linkDefinitions = definitionsOf(env).map((d) => ({ ...d, targetRange: shift(d.targetRange), range: shift(d.range) }));
  return body;
}

function mappedFactOf(text: string, mapper: InlineMapper, content: string, item: TextRange, link: Link | undefined, linkLocalStart: number): MappedFact {
  let statementEnd = content.length;
  if (link) {
    // `statement ([source](url))`: the statement ends at the parenthesis that opens the link's group.
    const open = content.lastIndexOf('(', linkLocalStart - 1);
    statementEnd = open >= 0 && content.slice(open + 1, linkLocalStart).trim() === '' ? open : linkLocalStart;
  }
  const statementRange = mapper.range(0, content.slice(0, statementEnd).trimEnd().length);
  const statement = text.slice(statementRange.start, statementRange.end).split(/\s+/).join(' ');
  return { range: item, statement, statementRange, link };
}
