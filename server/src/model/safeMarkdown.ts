/**
 * The Markdown the server writes for the editor to render (hovers, completion documentation, inlay hint tooltips).
 * Articles are written by strangers: a fact's `source_url` may be `command:…` or `vscode://…` under a harmless
 * title. Only web and mail links may come out clickable, as the document links and the preview allow; every other
 * target is shown as code, which no Markdown renderer turns into a link.
 */
import MarkdownIt from 'markdown-it';

/** Plain text shown as Markdown: characters Markdown would read as formatting are escaped, white space folded. */
export function mdText(s: string): string {
  return s.replace(/\s+/g, ' ').trim().replace(/([\\`*_[\]<>#|])/g, '\\$1');
}

/** Text as an inline code span, fenced with more backticks than it holds (CommonMark's rule), on one line. */
export function mdCode(s: string): string {
  const text = s.replace(/\s+/g, ' ');
  if (text === '') return '';
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || (text.startsWith(' ') && text.endsWith(' ') && text.trim() !== '') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A target the editor may open on a click: an absolute http(s) or mailto URL. */
export function isSafeLinkTarget(url: string): boolean {
  // Browsers strip leading control characters and white space before the scheme; such a target is refused outright.
  if (!/^(?:https?:\/\/|mailto:)/i.test(url)) return false;
  try {
    const protocol = new URL(url).protocol;
    return protocol === 'http:' || protocol === 'https:' || protocol === 'mailto:';
  } catch {
    return false;
  }
}

/** A link destination in angle brackets: the characters that would end or escape it are percent-encoded. */
function destination(url: string): string {
  return `<${url.replace(/[<>\\\s]/g, (c) => encodeURIComponent(c))}>`;
}

/** `[text](url)` for a safe target; otherwise the text with the target beside it as code, marked as not a web link. */
export function mdLink(text: string, url: string): string {
  return isSafeLinkTarget(url) ? `[${mdText(text)}](${destination(url)})` : `${mdText(text)} (${mdCode(url)}, not a web link)`;
}

/** A bare URL: an autolink when safe; otherwise code, marked as not a web link. */
export function mdUrl(url: string): string {
  return isSafeLinkTarget(url) ? destination(url) : `${mdCode(url)} (not a web link)`;
}

const parser = new MarkdownIt({ html: true, linkify: false });
// markdown-it keeps `javascript:` and the like as text, but other renderers need not: every link is looked at here.
parser.validateLink = () => true;

interface Token {
  type: string;
  attrGet(name: string): string | null;
  children: Token[] | null;
}

/** Whether Markdown holds a link or image to anything but a safe target, or raw HTML (which could hold one). */
export function hasUnsafeLinks(markdown: string): boolean {
  const walk = (tokens: Token[]): boolean =>
    tokens.some((t) => {
      if (t.type === 'html_inline' || t.type === 'html_block') return true;
      if (t.type === 'link_open' && !isSafeLinkTarget(t.attrGet('href') ?? '')) return true;
      if (t.type === 'image' && !isSafeLinkTarget(t.attrGet('src') ?? '')) return true;
      return t.children ? walk(t.children) : false;
    });
  return walk(parser.parse(markdown, {}) as Token[]);
}

/**
 * Markdown made safe to render: unchanged when all its links are safe; otherwise shown as escaped text, paragraph by
 * paragraph, so that no part of it is clickable. For Markdown the server does not write itself (a workspace schema's
 * descriptions), and at the protocol edge for everything it does.
 */
export function safeMarkdown(markdown: string): string;
export function safeMarkdown(markdown: string | undefined): string | undefined;
export function safeMarkdown(markdown: string | undefined): string | undefined {
  if (markdown === undefined) return undefined;
  // Completion lists repeat the same few descriptions on every keystroke: each is parsed once.
  let safe = checked.get(markdown);
  if (safe === undefined) {
    safe = hasUnsafeLinks(markdown) ? markdown.split(/\n[ \t]*\n/).map(mdText).filter((p) => p !== '').join('\n\n') : markdown;
    if (checked.size >= 2000) checked.clear();
    checked.set(markdown, safe);
  }
  return safe;
}

const checked = new Map<string, string>();
