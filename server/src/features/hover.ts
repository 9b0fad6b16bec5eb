import { throwIfCancelled, type CancellationToken, type TextRange } from '../core/types';
import { daysBetween } from '../core/text';
import type { Article, Fact } from '../model/article';
import { isArticleLinkTarget, resolveArticleLink } from '../model/articleLinks';
import { factUses } from '../model/citations';
import { citationKeyAt, linkAt, mappedBulletAt } from '../model/factTargets';
import { sameUrl } from '../model/urls';
import { mdCode, mdLink, mdText as md, mdUrl, safeMarkdown } from '../model/safeMarkdown';
import { pathAt, type YamlPathSegment } from '../model/yamlPath';
import type { SchemaNode } from '../schema/articleSchema';
import { summarize } from '../workspaceIndex';
import { targetsAt, verificationHover } from '../verify/status';
import type { FeatureContext, HoverResult } from './types';


/** "verified 12 days ago", from the article's last_verified and today. */
function verifiedAgo(ctx: FeatureContext, article: Article): string | undefined {
  const value = article.fields.get('last_verified')?.value;
  const date = value instanceof Date ? value.toISOString().slice(0, 10) : typeof value === 'string' ? value.trim() : undefined;
  if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined;
  const days = daysBetween(date, ctx.today);
  if (Number.isNaN(days)) return undefined;
  const when = days === 0 ? 'today' : days === 1 ? 'yesterday' : days > 0 ? `${days} days ago` : `${date}, a date in the future`;
  return `verified ${when} (${date})`;
}

function sourceLine(fact: Fact): string | undefined {
  const title = fact.sourceTitle?.trim();
  const url = fact.sourceUrl?.trim() || (fact.sourceDoi ? `https://doi.org/${fact.sourceDoi.trim()}` : undefined);
  if (title && url) return `Source: ${mdLink(title, url)}`;
  if (title) return `Source: ${md(title)}`;
  if (url) return `Source: ${mdUrl(url)}`;
  return undefined;
}

function factCard(ctx: FeatureContext, article: Article, fact: Fact, heading = ''): string {
  const parts = [`${heading}**${md(fact.id ?? `fact ${fact.index + 1}`)}**${fact.confidence ? ` · confidence: ${md(fact.confidence)}` : ''}`];
  parts.push(fact.statement ? md(fact.statement) : '_No statement._');
  const source = sourceLine(fact);
  if (source) parts.push(source);
  const verified = verifiedAgo(ctx, article);
  if (verified) parts.push(verified[0].toUpperCase() + verified.slice(1));
  return parts.join('\n\n');
}

const LEVELS: Record<string, string> = {
  atomic_facts: 'atomic fact',
  primary_sources: 'source',
  secondary_sources: 'source',
  disputed_statements: 'disputed statement',
};

function listOf(values: unknown[]): string {
  return values.map((v) => mdCode(typeof v === 'string' ? v : JSON.stringify(v))).join(', ');
}

function keyHover(ctx: FeatureContext, path: YamlPathSegment[], range: TextRange): HoverResult {
  const key = String(path[path.length - 1]);
  const parentPath = path.slice(0, -1);
  const level = parentPath.length === 0 ? 'the article' : `${/^[aeiou]/.test(LEVELS[String(parentPath[0])] ?? '') ? 'an' : 'a'} ${LEVELS[String(parentPath[0])] ?? String(parentPath[0])}`;
  const parent = ctx.schema.at(parentPath);
  const node: SchemaNode | undefined = parent?.properties ? ctx.schema.at(path) : undefined;
  if (!node) {
    const known = ctx.schema.keysAt(parentPath);
    const contents = known.length
      ? `${mdCode(key)} is not a field of ${level}. Its fields: ${listOf(known)}.`
      : `${mdCode(key)} is not described by the schema.`;
    return { contents, range };
  }
  const required = parent?.required?.includes(key);
  const parts = [`**${md(key)}** · field of ${level}${required ? ', required' : ''}`];
  // A workspace's extra schema writes descriptions too: its links are held to the same rule.
  if (node.description) parts.push(safeMarkdown(node.description));
  if (node.enum?.length) parts.push(`Allowed values: ${listOf(node.enum)}`);
  else if (node.examples?.length) parts.push(`Examples: ${listOf(node.examples)}`);
  if (node.format === 'date') parts.push('A date: `YYYY-MM-DD`.');
  return { contents: parts.join('\n\n'), range };
}

function lineList(article: Article, ranges: TextRange[]): string {
  const lines = [...new Set(ranges.map((r) => article.lines.lineAt(r.start) + 1))];
  return `${lines.length === 1 ? 'line' : 'lines'} ${lines.join(', ')}`;
}

function citedHover(article: Article, fact: Fact, range: TextRange): HoverResult {
  const use = factUses(article).get(fact.id!);
  const cited = use?.citations ?? [];
  const mapped = use?.bullets ?? [];
  const parts = [`**${md(fact.id!)}**`];
  parts.push(cited.length ? `Cited ${cited.length}× on ${lineList(article, cited)}.` : 'Not cited in the body.');
  if (mapped.length) parts.push(`Mapped in Source-Mapped Facts on ${lineList(article, mapped)}.`);
  if (article.facts.filter((f) => f.id === fact.id).length > 1) parts.push('⚠ Another fact of this article has the same id.');
  return { contents: parts.join(' '), range };
}

function articleCard(article: Article, ctx: FeatureContext, target: string): string | undefined {
  const found = resolveArticleLink(ctx.index, ctx.articleAt, article.uri, target);
  if (!found) return undefined;
  const s = found.summary ?? (found.article ? summarize(found.article) : undefined);
  if (!s) return undefined;
  const parts = [`**${md(s.title ?? s.id ?? found.uri)}**${s.confidence ? ` · confidence: ${md(s.confidence)}` : ''}`];
  if (s.tldr) parts.push(md(s.tldr));
  parts.push(mdCode(found.uri.replace(/^file:\/\//, '')));
  return parts.join('\n\n');
}

/**
 * Hover: a citation shows its fact; a Source-Mapped Facts bullet the fact it maps; a link to a fact's source the facts
 * from that source; a link to another article its title, TL;DR and confidence; a frontmatter key its schema
 * description and allowed values; a fact id where the body cites it.
 */
export function getHover(ctx: FeatureContext, article: Article, offset: number, token: CancellationToken): HoverResult | undefined {
  throwIfCancelled(token);
  const pos = pathAt(article, offset);
  if (pos) {
    if (pos.on === 'key') return keyHover(ctx, pos.path, pos.range);
    const [list, index, field] = pos.path;
    if (list === 'atomic_facts' && typeof index === 'number' && field === 'id' && pos.path.length === 3) {
      const fact = article.facts[index];
      if (fact?.id) return citedHover(article, fact, pos.range);
    }
    // A source's url, doi, title or year, a fact's source_url or source_doi: what the last verification found.
    const targets = targetsAt(article, offset);
    if (targets.length) return { contents: verificationHover(targets, ctx.verification), range: pos.range };
    return undefined;
  }

  const key = citationKeyAt(article, offset);
  if (key) {
    const fact = article.facts.find((f) => f.id === key.id);
    return { contents: fact ? factCard(ctx, article, fact) : `No fact ${mdCode(key.id)} in this article.`, range: key.keyRange };
  }

  const link = linkAt(article, offset);
  if (link) {
    throwIfCancelled(token);
    const facts = article.facts.filter((f) => sameUrl(f.sourceUrl, link.target));
    if (facts.length) {
      const list = facts.map((f) => `- **${md(f.id ?? `fact ${f.index + 1}`)}**: ${md(f.statement ?? '')}`).join('\n');
      return { contents: `Facts from this source:\n\n${list}`, range: link.range };
    }
    if (isArticleLinkTarget(link.target)) {
      const card = articleCard(article, ctx, link.target);
      if (card) return { contents: card, range: link.range };
    }
  }

  const bullet = mappedBulletAt(article, offset);
  if (bullet?.fact) return { contents: factCard(ctx, article, bullet.fact, 'Maps to '), range: bullet.bullet.statementRange };
  return undefined;
}
