import type { Article, Source } from '../model/article';
import type { ConfidenceLevel, ConfidenceSettings, Tier } from '../ruleSettings';
import { isHomePage } from './factSources';

/**
 * What an article's sources can carry, after the AnchorFact public confidence formula (v1.0, src/lib/confidence.js):
 * the best source's tier, how many sources there are, whether they can be looked up (a DOI, a url), how recent the
 * newest is, less a little for disputes and known gaps. The declared `confidence` is an upper bound on it.
 */
export interface ConfidenceEstimate {
  score: number;
  level: ConfidenceLevel;
  /** The source with the best tier, when there is one. */
  best?: Source;
  /** One line per term of the sum, for the finding's message. */
  terms: string[];
}

export const LEVEL_RANK: Record<ConfidenceLevel, number> = { low: 1, medium: 2, high: 3 };

export const isLevel = (v: unknown): v is ConfidenceLevel => v === 'low' || v === 'medium' || v === 'high';

/** A source's type read through the aliases, lower case. */
export function normalType(source: Source, settings: ConfidenceSettings): string {
  const type = (source.type ?? '').trim().toLowerCase();
  return settings.aliases[type] ?? type;
}

/** A source's tier: S with a DOI, else by its type; a type no tier lists is C. */
export function tierOf(source: Source, settings: ConfidenceSettings): Tier {
  if (source.doi?.trim()) return 'S';
  const type = normalType(source, settings);
  for (const tier of ['S', 'A', 'B'] as const) if (settings.tiers[tier].some((t) => t.toLowerCase() === type)) return tier;
  return 'C';
}

/** Why a source has its tier, in words. */
export function tierReason(source: Source, settings: ConfidenceSettings, tier: Tier): string {
  if (source.doi?.trim()) return 'it has a DOI';
  const written = source.type?.trim();
  if (!written) return 'it has no type';
  const type = normalType(source, settings);
  return `type ${written}${type !== written.toLowerCase() ? ` (read as ${type})` : ''}${tier === 'C' ? ' is in no tier' : ''}`;
}

const freshness = (age: number) => (age <= 1 ? 1 : age <= 3 ? 0.9 : age <= 5 ? 0.7 : age <= 10 ? 0.5 : 0.3);
const f2 = (n: number) => n.toFixed(2);

export function levelOf(score: number, settings: ConfidenceSettings): ConfidenceLevel {
  return score >= settings.thresholds.high ? 'high' : score >= settings.thresholds.medium ? 'medium' : 'low';
}

/** The estimate from the article's primary sources, as the public toolchain makes it before any verification. */
export function estimateConfidence(article: Article, settings: ConfidenceSettings, thisYear: number): ConfidenceEstimate {
  const sources = article.sources.filter((s) => s.list === 'primary_sources' && s.isMap);
  if (sources.length === 0) return { score: 0, level: 'low', terms: ['no primary sources'] };
  const w = settings.weights;
  let best = sources[0];
  let bestTier = tierOf(best, settings);
  for (const s of sources) {
    const t = tierOf(s, settings);
    if (settings.tierScores[t] > settings.tierScores[bestTier]) [best, bestTier] = [s, t];
  }
  const tierScore = settings.tierScores[bestTier];
  const count = sources.length >= 3 ? 1 : sources.length === 2 ? 0.8 : 0.5;
  const hasDoi = sources.some((s) => s.doi?.trim());
  const verifiable = hasDoi ? 1 : sources.some((s) => s.url?.trim()) ? 0.7 : 0.4;
  const years = sources.map((s) => Number(s.fields.get('year')?.value)).filter((y) => Number.isInteger(y) && y !== 0);
  const newest = years.length > 0 ? Math.max(...years) : undefined;
  const fresh = newest === undefined ? 0.5 : freshness(thisYear - newest);
  const disputes = article.disputed.length > 0;
  const gaps = article.knownGaps.length > 0;
  const decay = (disputes ? 0.2 : 0) + (gaps ? 0.1 : 0);
  const score = Math.round((tierScore * w.tier + count * w.count + verifiable * w.verifiable + fresh * w.freshness - decay * w.decay) * 10000) / 10000;
  const terms = [
    `best source tier ${bestTier} ${f2(tierScore)}×${w.tier} (${tierReason(best, settings, bestTier)})`,
    `${sources.length} primary source${sources.length === 1 ? '' : 's'} ${f2(count)}×${w.count}`,
    `${hasDoi ? 'a DOI' : verifiable === 0.7 ? 'urls, no DOI' : 'no url or DOI'} ${f2(verifiable)}×${w.verifiable}`,
    `${newest === undefined ? 'no year' : `newest from ${newest}`} ${f2(fresh)}×${w.freshness}`,
  ];
  if (decay > 0) terms.push(`− ${[disputes ? 'disputes' : '', gaps ? 'known gaps' : ''].filter(Boolean).join(' and ')} ${f2(decay)}×${w.decay}`);
  return { score, level: levelOf(score, settings), best, terms };
}

/** The best tier among the sources a fact points to; a home page (not a canonical one) counts as C whatever its type. */
export function factTier(sources: readonly Source[], settings: ConfidenceSettings, canonical: (url: string) => boolean): { tier: Tier; source: Source; homepage: boolean } | undefined {
  let out: { tier: Tier; source: Source; homepage: boolean } | undefined;
  for (const s of sources) {
    const homepage = isHomePage(s.url) && !s.doi?.trim() && !canonical(s.url!);
    const tier = homepage ? 'C' : tierOf(s, settings);
    if (!out || settings.tierScores[tier] > settings.tierScores[out.tier]) out = { tier, source: s, homepage };
  }
  return out;
}
