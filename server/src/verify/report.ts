// The verification report: what `kart verify` and the editor's "Verify Sources" found for each URL, DOI and arXiv
// id, with the time they found it. One file at the workspace root, shared by the CLI, the editor and CI runs; keyed
// by the identifier, not by article, so that a URL cited by 99 articles is asked for once.
import { arxivBaseId, arxivIdOf } from './arxivMetadata';
import { normalizeDoi } from './doiMetadata';

export const DEFAULT_REPORT_FILE = 'kart-verification.json';
/** AnchorFact's own verifier writes this; kart reads it (never writes it) for what its own report lacks. */
export const ANCHORFACT_REPORT_FILE = 'verification-report.json';

export type VerifyKind = 'url' | 'doi' | 'arxiv';
/** ok: reachable / registered; dead: 404 or 410, or an identifier the registry does not know; unknown: could not say. */
export type VerifyStatus = 'ok' | 'dead' | 'unknown';

export interface Hop {
  url: string;
  status: number;
}

export interface VerifyResult {
  kind: VerifyKind;
  /** What was asked for: the URL, the DOI or the arXiv id, as the article gives it. */
  target: string;
  /** ISO time of the check. */
  checkedAt: string;
  status: VerifyStatus;
  /** In words: "404 Not Found", "timed out after 8 s", "robots.txt disallows kart". */
  reason?: string;
  httpStatus?: number;
  method?: 'HEAD' | 'GET';
  /** The redirects followed, each with the address it left and its status. */
  redirects?: Hop[];
  finalUrl?: string;
  /** Where a permanent redirect (301, 308) leads: the address to write instead. */
  movedTo?: string;
  /** The registered title (DOI, arXiv). */
  title?: string;
  /** The registered years (issued, printed, online, created): an article may give any of them. */
  years?: number[];
  /** Where the result came from when it is not kart's own check. */
  from?: 'anchorfact';
}

export interface VerificationReport {
  tool: 'kart';
  version: 1;
  updated?: string;
  results: Record<string, VerifyResult>;
}

/** What the rules and features need of a report: a result by key. */
export interface VerificationLookup {
  get(key: string): VerifyResult | undefined;
}

export const emptyReport = (): VerificationReport => ({ tool: 'kart', version: 1, results: {} });

export function urlTargetKey(url: string): string {
  const s = url.trim();
  const hash = s.indexOf('#');
  return hash >= 0 ? s.slice(0, hash) : s;
}

export function resultKey(kind: VerifyKind, id: string): string {
  if (kind === 'url') return `url:${urlTargetKey(id)}`;
  if (kind === 'doi') return `doi:${(normalizeDoi(id) ?? id.trim()).toLowerCase()}`;
  return `arxiv:${arxivBaseId(arxivIdOf(id) ?? id.trim())}`;
}

const STATUSES = new Set(['ok', 'dead', 'unknown']);
const KINDS = new Set<string>(['url', 'doi', 'arxiv']);

function validResult(v: unknown): v is VerifyResult {
  if (!v || typeof v !== 'object') return false;
  const r = v as Record<string, unknown>;
  return KINDS.has(r.kind as string) && typeof r.target === 'string' && typeof r.checkedAt === 'string' && !Number.isNaN(Date.parse(r.checkedAt)) && STATUSES.has(r.status as string);
}

/** Reads a report; entries that are not results are dropped, and a file that is not a report gives a problem. */
export function parseReport(text: string | undefined): { report: VerificationReport; problem?: string } {
  const report = emptyReport();
  if (text === undefined || text.trim() === '') return { report };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { report, problem: `not valid JSON (${(e as Error).message}); starting a new report` };
  }
  const results = (data as { results?: unknown })?.results;
  if ((data as { tool?: unknown })?.tool !== 'kart' || !results || typeof results !== 'object') return { report, problem: 'not a kart verification report; starting a new report' };
  for (const [key, value] of Object.entries(results as Record<string, unknown>)) if (validResult(value)) report.results[key] = value;
  if (typeof (data as { updated?: unknown }).updated === 'string') report.updated = (data as { updated: string }).updated;
  return { report };
}

/** Stable text: keys sorted, so that a report kept in git changes only where a result did. */
export function serializeReport(report: VerificationReport): string {
  const results: Record<string, VerifyResult> = {};
  for (const key of Object.keys(report.results).sort()) results[key] = report.results[key];
  return JSON.stringify({ tool: 'kart', version: 1, updated: report.updated, results }, null, 2) + '\n';
}

/**
 * A result worth keeping without asking again: younger than maxAge, and a real answer. "Could not verify" is asked
 * again on every run (AnchorFact's cache does the same with its errors).
 */
export function isFresh(result: VerifyResult | undefined, now: number, maxAgeMs: number): boolean {
  if (!result || result.status === 'unknown') return false;
  const age = now - Date.parse(result.checkedAt);
  return age >= 0 && age < maxAgeMs;
}

/** The report's results with a fallback (AnchorFact's report) under them. */
export function lookupOf(report: VerificationReport, fallback?: Record<string, VerifyResult>): VerificationLookup {
  return { get: (key) => report.results[key] ?? fallback?.[key] };
}

interface AnchorFactResult {
  method?: string;
  identifier?: string;
  verified?: boolean;
  metadata?: { status?: number; final_url?: string; http_method?: string; error?: string; title?: string | null; year?: number | null };
}

/**
 * The results of AnchorFact's `verification-report.json` kart can trust: reachable URLs, 404/410 URLs, registered
 * DOIs and arXiv ids (with their titles). Its failures other than 404/410 say nothing certain (a timeout, a 5xx
 * and a refused HEAD all read "unverified"), so they are left for kart to ask again.
 */
export function importAnchorFactReport(text: string | undefined): Record<string, VerifyResult> {
  const out: Record<string, VerifyResult> = {};
  if (!text) return out;
  let data: { summary?: { generated?: string }; articles?: { verification_results?: { results?: AnchorFactResult[] }[] }[] };
  try {
    data = JSON.parse(text);
  } catch {
    return out;
  }
  const checkedAt = data?.summary?.generated;
  if (typeof checkedAt !== 'string' || Number.isNaN(Date.parse(checkedAt)) || !Array.isArray(data.articles)) return out;
  for (const article of data.articles) {
    for (const source of Array.isArray(article?.verification_results) ? article.verification_results : []) {
      for (const r of Array.isArray(source?.results) ? source.results : []) {
        const kind = r?.method as VerifyKind;
        if (!KINDS.has(kind) || typeof r.identifier !== 'string') continue;
        const m = r.metadata ?? {};
        const base: Pick<VerifyResult, 'kind' | 'target' | 'checkedAt' | 'from'> = { kind, target: r.identifier, checkedAt, from: 'anchorfact' as const };
        let result: VerifyResult | undefined;
        if (r.verified === true) {
          const ok: VerifyResult = { ...base, status: 'ok', reason: 'verified by AnchorFact', httpStatus: m.status, finalUrl: m.final_url || undefined };
          if (typeof m.title === 'string') ok.title = m.title;
          if (typeof m.year === 'number') ok.years = [m.year];
          result = ok;
        } else if (kind === 'url' && (m.status === 404 || m.status === 410)) {
          result = { ...base, status: 'dead', reason: `${m.status} (AnchorFact)`, httpStatus: m.status };
        } else if (kind === 'doi' && /\b404\b/.test(m.error ?? '')) {
          result = { ...base, status: 'dead', reason: 'not registered (AnchorFact: CrossRef answered 404)' };
        }
        if (result) out[resultKey(kind, r.identifier)] = result;
      }
    }
  }
  return out;
}
