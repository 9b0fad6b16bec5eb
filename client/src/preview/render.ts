/**
 * The preview page of one article, as HTML. Pure (no `vscode`): the panel, the Chromium tests and the XSS suite all
 * render through here. Every string that comes from the article is escaped; Markdown is rendered with raw HTML off and
 * only http(s) and mailto links; the page's own script is the only one allowed (CSP nonce).
 */
import MarkdownIt from 'markdown-it';
import type { ArticleView, FactView, SourceView } from '../../../server/src/protocol';
import { citationPlugin, type CitedFact } from './citationPlugin';
import { mappedFactsPlugin } from './mappedFactsPlugin';
import { isSafeHref } from './safeLinks';

export interface PreviewOptions {
  /** A fresh random value per panel: the only script allowed is the one carrying it. */
  nonce: string;
  /** The webview's own origin (`webview.cspSource`), allowed for styles and images. */
  cspSource: string;
  styleUri?: string;
  scriptUri?: string;
}

interface RenderEnv {
  kartFacts: ReadonlyMap<string, CitedFact>;
  kartLineOffset: number;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '\0': '\uFFFD' };

/** Escapes text for HTML content and quoted attributes. NUL, which HTML parsers drop, shows as U+FFFD (as in the body). */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"'\0]/g, (c) => ESCAPES[c]);
}

/** Marks each block with the document line it starts on, for scroll sync. */
function sourceLinePlugin(md: MarkdownIt): void {
  md.core.ruler.push('kart_source_line', (state) => {
    const offset = (state.env as Partial<RenderEnv>).kartLineOffset ?? 0;
    for (const t of state.tokens) {
      if (t.map && t.nesting >= 0 && t.type !== 'inline') {
        t.attrSet('data-line', String(offset + t.map[0]));
        t.attrJoin('class', 'code-line');
      }
    }
  });
}

let markdown: MarkdownIt | undefined;

function parser(): MarkdownIt {
  if (markdown) return markdown;
  const md = new MarkdownIt({ html: false, linkify: true, typographer: false });
  md.validateLink = isSafeHref;
  const facts = (env: unknown) => (env as Partial<RenderEnv> | undefined)?.kartFacts;
  md.use(citationPlugin, { facts });
  md.use(mappedFactsPlugin, { facts });
  md.use(sourceLinePlugin);
  // Links may be mailto:, images may only be fetched from the web; anything else shows its alt text.
  const image = md.renderer.rules.image!;
  md.renderer.rules.image = (tokens, idx, options, env, self) => {
    const token = tokens[idx];
    if (/^https?:\/\//i.test(token.attrGet('src') ?? '')) return image(tokens, idx, options, env, self);
    return escapeHtml(self.renderInlineAsText(token.children ?? [], options, env));
  };
  return (markdown = md);
}

/** `href` for a URL written in the frontmatter, when it may be a link at all. */
function safeUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const normalised = parser().normalizeLink(url.trim());
  return isSafeHref(normalised) ? normalised : undefined;
}

function link(text: string, url: string | undefined): string {
  const href = safeUrl(url);
  return href ? `<a href="${escapeHtml(href)}">${escapeHtml(text)}</a>` : escapeHtml(text);
}

function doiLink(doi: string): string {
  return link(`doi:${doi}`, `https://doi.org/${doi}`);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

const CONFIDENCE = new Set(['low', 'medium', 'high']);

function confidenceBadge(confidence: string | undefined): string {
  if (!confidence) return '';
  const cls = CONFIDENCE.has(confidence) ? confidence : 'other';
  return `<span class="kart-badge kart-confidence kart-confidence-${cls}">${escapeHtml(confidence)}</span>`;
}

export function factAnchor(index: number): string {
  return `fact-${index}`;
}

function renderHeader(view: ArticleView): string {
  const meta: string[] = [];
  if (view.category) meta.push(`<span class="kart-badge kart-category" title="category">${escapeHtml(view.category)}</span>`);
  if (view.confidence) meta.push(`<span class="kart-label">confidence</span> ${confidenceBadge(view.confidence)}`);
  if (view.lastVerified) {
    const days = view.daysSinceVerified;
    const ago = days === undefined ? '' : days === 0 ? ' (today)' : days > 0 ? ` (${plural(days, 'day')} ago)` : ` (in ${plural(-days, 'day')})`;
    meta.push(
      `<span class="kart-verified${view.stale ? ' kart-stale' : ''}"${view.stale ? ' title="Older than the configured staleAfterDays: verify the facts again"' : ''}>` +
        `<span class="kart-label">last verified</span> ${escapeHtml(view.lastVerified)}${ago}${view.stale ? ' <strong class="kart-stale-mark">stale</strong>' : ''}</span>`,
    );
  }
  const p = view.problems;
  const problems = [p.errors && plural(p.errors, 'error'), p.warnings && plural(p.warnings, 'warning'), p.infos && plural(p.infos, 'info')].filter(Boolean);
  if (problems.length) meta.push(`<span class="kart-problems">${problems.join(', ')}</span>`);
  return (
    `<header class="kart-header" data-line="0">` +
    `<h1 class="kart-title">${view.title ? escapeHtml(view.title) : '<span class="kart-missing">(no title)</span>'}</h1>` +
    `<div class="kart-meta">${meta.join('<span class="kart-sep"> · </span>')}</div></header>`
  );
}

function renderFactSource(f: FactView): string {
  const parts: string[] = [];
  if (f.sourceTitle || f.sourceUrl) parts.push(link(f.sourceTitle ?? f.sourceUrl!, f.sourceUrl));
  if (f.sourceTitle && f.sourceUrl && !safeUrl(f.sourceUrl)) parts.push(`<span class="kart-url">${escapeHtml(f.sourceUrl)}</span>`);
  if (f.sourceDoi) parts.push(doiLink(f.sourceDoi));
  return parts.join('<br>') || '<span class="kart-missing">no source</span>';
}

function renderFacts(view: ArticleView): string {
  if (view.facts.length === 0) return '<section class="kart-facts"><h2>Facts</h2><p class="kart-empty">No atomic facts yet.</p></section>';
  const rows = view.facts.map((f, i) => {
    const cited = f.cited + f.mapped;
    const citedText = `${f.cited}${f.mapped ? ` <span class="kart-mapped-count" title="Source-Mapped Facts bullets">+ ${f.mapped} mapped</span>` : ''}`;
    return (
      `<tr class="kart-fact${cited === 0 ? ' kart-fact-uncited' : ''}" id="${factAnchor(i)}" data-fact="${escapeHtml(f.id)}" data-fact-line="${f.line}" data-line="${f.line}" tabindex="0" title="Show this fact in the editor">` +
      `<td class="kart-fact-id"><code>${escapeHtml(f.id)}</code></td>` +
      `<td class="kart-fact-statement">${escapeHtml(f.statement)}</td>` +
      `<td class="kart-fact-source">${renderFactSource(f)}</td>` +
      `<td class="kart-fact-confidence">${confidenceBadge(f.confidence)}</td>` +
      `<td class="kart-fact-cited">${citedText}</td></tr>`
    );
  });
  return (
    `<section class="kart-facts"><h2 data-line="${view.facts[0].line}">Facts <span class="kart-count">${view.facts.length}</span></h2>` +
    '<table><thead><tr><th>id</th><th>statement</th><th>source</th><th>confidence</th><th>times cited</th></tr></thead>' +
    `<tbody>${rows.join('')}</tbody></table></section>`
  );
}

/** The verification badge of a source (verified, dead, unknown), its details in the tooltip. */
function verificationBadge(s: SourceView): string {
  const v = s.verification;
  if (!v) return '';
  const label = v.badge === 'verified' && v.checkedAt ? `${v.label} ${v.checkedAt}` : v.label;
  return ` <span class="kart-badge kart-verify kart-verify-${v.badge}" title="${escapeHtml(v.details.join('\n'))}">${escapeHtml(label)}</span>`;
}

function renderSource(s: SourceView): string {
  const meta = [s.type, s.year === undefined ? undefined : String(s.year), s.institution].filter((x): x is string => !!x).map(escapeHtml);
  if (s.authors?.length) meta.push(escapeHtml(s.authors.join(', ')));
  const title = s.title ?? s.url ?? '(no title)';
  const urlText = s.url && !safeUrl(s.url) ? ` <span class="kart-url">${escapeHtml(s.url)}</span>` : '';
  return (
    `<li class="kart-source" data-source-line="${s.line}" data-line="${s.line}">${link(title, s.url)}${urlText}${verificationBadge(s)}` +
    (meta.length ? `<div class="kart-source-meta">${meta.join(' · ')}</div>` : '') +
    (s.doi ? `<div class="kart-source-meta">${doiLink(s.doi)}</div>` : '') +
    '</li>'
  );
}

function renderSources(view: ArticleView): string {
  const lists: [SourceView['list'], string][] = [
    ['primary_sources', 'Primary'],
    ['secondary_sources', 'Secondary'],
  ];
  const parts = lists
    .map(([list, label]) => {
      const items = view.sources.filter((s) => s.list === list);
      return items.length ? `<h3 data-line="${items[0].line}">${label}</h3><ol>${items.map(renderSource).join('')}</ol>` : '';
    })
    .join('');
  // The heading stands for the first list shown, so scrolling to it moves the editor to that list.
  const first = view.sources.find((s) => s.list === 'primary_sources') ?? view.sources[0];
  const headingLine = first ? ` data-line="${first.line}"` : '';
  return `<section class="kart-sources"><h2${headingLine}>Sources <span class="kart-count">${view.sources.length}</span></h2>${parts || '<p class="kart-empty">No sources yet.</p>'}</section>`;
}

function renderGaps(view: ArticleView): string {
  if (view.knownGaps.length === 0) return '';
  return `<section class="kart-gaps"><h2>Known gaps</h2><ul>${view.knownGaps.map((g) => `<li>${escapeHtml(g)}</li>`).join('')}</ul></section>`;
}

function renderDisputed(view: ArticleView): string {
  if (view.disputed.length === 0) return '';
  const items = view.disputed.map(
    (d) => `<li>${escapeHtml(d.statement)}${d.context ? `<div class="kart-disputed-context">${escapeHtml(d.context)}</div>` : ''}</li>`,
  );
  return `<section class="kart-disputed"><h2>Disputed statements</h2><ul>${items.join('')}</ul></section>`;
}

/** The facts a body's citations point at: the first fact with each id, and its card. */
function citedFacts(view: ArticleView): Map<string, CitedFact> {
  const facts = new Map<string, CitedFact>();
  view.facts.forEach((f, i) => {
    if (!facts.has(f.id)) facts.set(f.id, { statement: f.statement, anchor: factAnchor(i) });
  });
  return facts;
}

export function renderBody(view: ArticleView): string {
  const env: RenderEnv = { kartFacts: citedFacts(view), kartLineOffset: view.bodyStartLine };
  return parser().render(view.body, env);
}

/** What goes inside the page's `<main>`: sent alone on updates, so the page is not reloaded while typing. */
export function renderPreviewContent(view: ArticleView): string {
  const notArticle = view.isArticle
    ? ''
    : '<p class="kart-empty kart-not-article">This document is not a knowledge article: its frontmatter has neither atomic_facts nor primary_sources.</p>';
  return (
    renderHeader(view) +
    notArticle +
    `<article class="kart-body">${renderBody(view)}</article>` +
    (view.isArticle ? renderFacts(view) + renderSources(view) + renderGaps(view) + renderDisputed(view) : '')
  );
}

export function contentSecurityPolicy(options: Pick<PreviewOptions, 'nonce' | 'cspSource'>): string {
  const nonce = `'nonce-${options.nonce}'`;
  return [
    "default-src 'none'",
    `img-src ${options.cspSource} https: data:`,
    `style-src ${options.cspSource} ${nonce}`,
    `script-src ${nonce}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function renderPreviewHtml(view: ArticleView, options: PreviewOptions): string {
  const nonce = escapeHtml(options.nonce);
  return (
    '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(options))}">` +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    (options.styleUri ? `<link rel="stylesheet" href="${escapeHtml(options.styleUri)}" nonce="${nonce}">` : '') +
    `<title>${escapeHtml(view.title ?? 'Article preview')}</title></head>` +
    `<body><main id="kart-preview" data-uri="${escapeHtml(view.uri)}" data-version="${view.version}" data-body-start-line="${view.bodyStartLine}">` +
    renderPreviewContent(view) +
    '</main>' +
    (options.scriptUri ? `<script nonce="${nonce}" src="${escapeHtml(options.scriptUri)}"></script>` : '') +
    '</body></html>\n'
  );
}

/** A page with a single message, for documents the server has no view of (not started yet, not Markdown). */
export function renderMessageHtml(message: string, options: PreviewOptions): string {
  return (
    '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(options))}">` +
    (options.styleUri ? `<link rel="stylesheet" href="${escapeHtml(options.styleUri)}" nonce="${escapeHtml(options.nonce)}">` : '') +
    `<title>Article preview</title></head><body><main id="kart-preview" data-uri=""><p class="kart-empty">${escapeHtml(message)}</p></main>` +
    (options.scriptUri ? `<script nonce="${escapeHtml(options.nonce)}" src="${escapeHtml(options.scriptUri)}"></script>` : '') +
    '</body></html>\n'
  );
}
