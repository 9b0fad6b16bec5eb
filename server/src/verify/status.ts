// What the editor shows of the verification report: a badge per source (verified, dead, unknown) and, on a hover,
// when an identifier was last verified and what was found. Read from the report only: nothing here goes online.
import type { Article, Source } from '../model/article';
import { mdText } from '../model/safeMarkdown';
import { checkedDay, describeResult } from './describe';
import type { VerificationLookup, VerifyResult } from './report';
import { verifyTargets, type VerifyTarget } from './targets';
import { titlesMatch } from './titles';

export type Badge = 'verified' | 'dead' | 'unknown';

export interface SourceVerification {
  badge: Badge;
  /** What the badge says: "verified", "dead", "unverified", or what the registry disagrees on ("title differs"). */
  label: string;
  /** The oldest check among the source's identifiers (ISO day), when every one was checked. */
  checkedAt?: string;
  /** One line per identifier: "https://… reachable (200), checked 2026-12-01". */
  details: string[];
}

/** A result that is not what the article says: a dead link, an unknown DOI, a registered title or year that differ. */
function problemOf(t: VerifyTarget, r: VerifyResult): string | undefined {
  if (r.status === 'dead') return describeResult(r);
  if (r.status !== 'ok') return undefined;
  if (t.kind !== 'url' && t.title && r.title && !titlesMatch(t.title, r.title)) return `registered title "${r.title}" differs`;
  if (t.kind === 'doi' && t.source && t.year !== undefined && r.years?.length && !r.years.includes(t.year)) return `registered year ${r.years.join(' / ')}, not ${t.year}`;
  return undefined;
}

/**
 * A source's badge: dead when an identifier is dead (or its registry disagrees with the article), verified when
 * every identifier was verified, unknown otherwise (never checked, or could not verify).
 */
export function sourceVerification(article: Article, source: Source, lookup: VerificationLookup | undefined): SourceVerification {
  const targets = verifyTargets(article).filter((t) => t.source === source);
  if (targets.length === 0) return { badge: 'unknown', label: 'unverified', details: ['no url or doi to verify'] };
  let dead = false;
  let differs: string | undefined;
  let all = true;
  let oldest: string | undefined;
  const details: string[] = [];
  for (const t of targets) {
    const r = lookup?.get(t.key);
    if (!r) {
      all = false;
      details.push(`${t.value}: not verified yet`);
      continue;
    }
    const problem = problemOf(t, r);
    if (problem || r.status === 'dead') dead = true;
    if (problem && r.status === 'ok') differs ??= /title/.test(problem) ? 'title differs' : 'year differs';
    if (r.status !== 'ok') all = false;
    if (!oldest || r.checkedAt < oldest) oldest = r.checkedAt;
    details.push(`${t.value}: ${problem ?? describeResult(r)}, checked ${checkedDay(r)}`);
  }
  const badge: Badge = dead ? 'dead' : all ? 'verified' : 'unknown';
  const anyDead = targets.some((t) => lookup?.get(t.key)?.status === 'dead');
  const label = badge === 'verified' ? 'verified' : badge === 'unknown' ? 'unverified' : anyDead ? 'dead' : (differs ?? 'dead');
  return { badge, label, checkedAt: all || dead ? oldest?.slice(0, 10) : undefined, details };
}

/** The identifier whose value (or title, or year) is under the offset: a source's url/doi, a fact's source_url/source_doi. */
export function targetsAt(article: Article, offset: number): VerifyTarget[] {
  const inside = (r: { start: number; end: number } | undefined) => r !== undefined && r.start <= offset && offset <= r.end;
  const direct = verifyTargets(article).filter((t) => inside(t.range));
  if (direct.length) return direct;
  // On a source's title or year: every identifier of that source.
  return verifyTargets(article).filter((t) => t.source && (inside(t.titleRange) || inside(t.yearRange)));
}


/** Markdown for a hover: when each identifier was last verified and what was found. */
export function verificationHover(targets: VerifyTarget[], lookup: VerificationLookup | undefined): string {
  return targets
    .map((t) => {
      const r = lookup?.get(t.key);
      const what = t.kind === 'url' ? 'Link' : t.kind === 'doi' ? 'DOI' : 'arXiv id';
      if (!r) return `**${what} not verified yet.** Run *Verify Sources* (or \`kart verify\`) to check it.`;
      const when = `${r.checkedAt.slice(0, 10)} ${r.checkedAt.slice(11, 16)} UTC${r.from === 'anchorfact' ? ' (by AnchorFact)' : ''}`;
      const icon = r.status === 'ok' && !problemOf(t, r) ? '✓' : r.status === 'unknown' ? '?' : '✗';
      const problem = problemOf(t, r);
      return `${icon} **${what} last verified ${when}:** ${mdText(problem && r.status === 'ok' ? `${t.kind === 'url' ? 'reachable' : 'registered'}, but its ${problem}` : describeResult(r))}`;
    })
    .join('\n\n');
}
