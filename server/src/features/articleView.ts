/**
 * What the preview and the status bar show of one article version: the frontmatter as plain values, each fact with
 * how often the body uses it, and the problem counts. Lines are document lines, for scroll sync.
 */
import type { ResolvedConfig } from '../config';
import { daysBetween } from '../core/text';
import type { Finding } from '../core/types';
import type { Article, Source } from '../model/article';
import { factUses } from '../model/citations';
import type { ArticleView, DisputedView, FactView, SourceView } from '../protocol';
import type { VerificationLookup } from '../verify/report';
import { sourceVerification } from '../verify/status';

function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function sourceView(article: Article, s: Source, verification: VerificationLookup | undefined): SourceView {
  const value = (k: string) => s.fields.get(k)?.value;
  const year = value('year');
  const authors = value('authors');
  const view: SourceView = { list: s.list, line: article.lines.lineAt(s.range.start) };
  if (s.title !== undefined) view.title = s.title;
  if (s.type !== undefined) view.type = s.type;
  if (typeof year === 'number' || typeof year === 'string') view.year = year;
  if (s.url !== undefined) view.url = s.url;
  if (s.doi !== undefined) view.doi = s.doi;
  const institution = str(value('institution'));
  if (institution !== undefined) view.institution = institution;
  if (Array.isArray(authors)) view.authors = authors.flatMap((a) => (str(a) === undefined ? [] : [str(a)!]));
  else if (typeof authors === 'string') view.authors = [authors];
  if (s.isMap && verification) view.verification = sourceVerification(article, s, verification);
  return view;
}

/** With `verification` (the report's results, empty when there is none), each source gets its badge. */
export function buildArticleView(article: Article, findings: readonly Finding[], config: ResolvedConfig, today: string, verification?: VerificationLookup): ArticleView {
  const data = article.data ?? {};
  const uses = factUses(article);
  const facts: FactView[] = article.facts.flatMap((f) => {
    if (f.id === undefined) return [];
    const use = uses.get(f.id);
    const idRange = f.fields.get('id')?.valueRange ?? f.range;
    const view: FactView = { id: f.id, statement: f.statement ?? '', cited: use?.citations.length ?? 0, mapped: use?.bullets.length ?? 0, line: article.lines.lineAt(idRange.start) };
    if (f.sourceTitle !== undefined) view.sourceTitle = f.sourceTitle;
    if (f.sourceUrl !== undefined) view.sourceUrl = f.sourceUrl;
    if (f.sourceDoi !== undefined) view.sourceDoi = f.sourceDoi;
    if (f.confidence !== undefined) view.confidence = f.confidence;
    return [view];
  });
  const disputed: DisputedView[] = article.disputed.flatMap((d) => {
    if (d.statement === undefined) return [];
    const context = d.isMap ? str(d.fields.get('context')?.value) : undefined;
    return [context === undefined ? { statement: d.statement } : { statement: d.statement, context }];
  });
  const lastVerified = str(data.last_verified);
  const days = lastVerified !== undefined && DATE.test(lastVerified) ? daysBetween(lastVerified, today) : NaN;
  const problems = { errors: 0, warnings: 0, infos: 0, hints: 0 };
  for (const f of findings) {
    if (f.severity === 'error') problems.errors++;
    else if (f.severity === 'warning') problems.warnings++;
    else if (f.severity === 'info') problems.infos++;
    else problems.hints++;
  }
  const view: ArticleView = {
    uri: article.uri,
    version: article.version,
    isArticle: article.isArticle,
    stale: Number.isFinite(days) && days > config.staleAfterDays,
    facts,
    sources: article.sources.map((s) => sourceView(article, s, verification)),
    knownGaps: article.knownGaps.map((g) => g.text),
    disputed,
    body: article.text.slice(article.body.start),
    bodyStartLine: article.lines.lineAt(article.body.start),
    problems,
  };
  const title = str(data.title);
  const category = str(data.category);
  const confidence = str(data.confidence);
  if (title !== undefined) view.title = title;
  if (category !== undefined) view.category = category;
  if (confidence !== undefined) view.confidence = confidence;
  if (lastVerified !== undefined) view.lastVerified = lastVerified;
  if (Number.isFinite(days)) view.daysSinceVerified = days;
  if (verification) view.unverifiedSources = view.sources.filter((s) => s.verification && s.verification.badge !== 'verified').length;
  return view;
}
