// One verification run, shared by `kart verify` and the editor's "Verify Sources": the identifiers to check (each
// once, however many articles cite it), the report's fresh results kept, the others asked for politely, every
// result written into the report as it comes.
import { promises as fs } from 'fs';
import * as path from 'path';
import { ArxivLookupError, fetchArxivMetadata } from '../verify/arxivMetadata';
import type { VerifyConfig } from '../verify/config';
import { cslYear, DoiLookupError, fetchDoiMetadata, normalizeDoi, type CslItem } from '../verify/doiMetadata';
import type { Article } from '../model/article';
import { isFresh, parseReport, serializeReport, type VerificationReport, type VerifyKind, type VerifyResult } from '../verify/report';
import { isWellFormedDoi, verifyTargets } from '../verify/targets';
import { AbortedError, PoliteClient, type PoliteOptions } from './politeClient';
import { writeNewFile } from './safeWrite';
import { checkUrl, statusText } from './urlCheck';
import { readText, REPORT_MAX_BYTES } from './safeRead';

export type VerifySettings = Omit<VerifyConfig, 'report'>;

export function userAgent(version: string): string {
  return `kart/${version} (Knowledge Articles source verifier; +https://github.com/knowledge-articles/knowledge-articles)`;
}

export interface Wanted {
  kind: VerifyKind;
  key: string;
  /** The identifier as an article writes it (the first article that does). */
  value: string;
}

export interface RunOptions {
  wanted: Wanted[];
  report: VerificationReport;
  /** Results from elsewhere (AnchorFact's report), used when fresh and the report has none. */
  fallback?: Record<string, VerifyResult>;
  settings: VerifySettings;
  version: string;
  force?: boolean;
  offline?: boolean;
  now?: () => Date;
  fetch?: typeof fetch;
  signal?: AbortSignal;
  /** After each identifier: how many are done of how many to ask, and the one just done. */
  onProgress?: (done: number, total: number, key: string) => void;
  /**
   * The report file, written every SAVE_EVERY new results: a long run interrupted keeps what it learnt. Or what
   * saves it (the CLI's, which says so when it may not write there).
   */
  saveTo?: string | (() => Promise<void>);
}

const SAVE_EVERY = 25;

/** What the articles give to verify, in order: every identifier but a DOI malformed as written (never asked for). */
export function wantedOf(articles: readonly Article[]): Wanted[] {
  return articles.flatMap((a) => verifyTargets(a).flatMap((t) => (isWellFormedDoi(t) ? [{ kind: t.kind, key: t.key, value: t.value }] : [])));
}

export interface RunSummary {
  /** Identifiers asked for in this run. */
  checked: number;
  /** Identifiers whose fresh result was kept. */
  cached: number;
  /** Identifiers with no result (offline, or cancelled before their turn). */
  missing: number;
  requests: number;
  cancelled: boolean;
}

function doiResult(doi: string, item: CslItem | undefined, endpoint: string, at: string): VerifyResult {
  if (!item) return { kind: 'doi', target: doi, checkedAt: at, status: 'dead', reason: `not registered (${endpoint} answered 404)` };
  const years = [...new Set([item.issued, item['published-print'], item['published-online'], item.published, item.created].flatMap((d) => (d ? (cslYear({ issued: d }) ?? []) : [])))];
  return { kind: 'doi', target: doi, checkedAt: at, status: 'ok', httpStatus: 200, title: item.title, years: years.length ? years : undefined };
}

async function checkOne(w: Wanted, client: PoliteClient, settings: VerifySettings, now: () => Date): Promise<VerifyResult> {
  const at = () => now().toISOString();
  if (w.kind === 'url') return checkUrl(w.value, client, now);
  if (w.kind === 'doi') {
    const doi = normalizeDoi(w.value) ?? w.value;
    try {
      const item = await fetchDoiMetadata(doi, { endpoint: settings.doiEndpoint, fetch: client.fetch, userAgent: client.options.userAgent, signal: client.options.signal });
      return doiResult(doi, item, settings.doiEndpoint, at());
    } catch (e) {
      if (e instanceof AbortedError || client.options.signal?.aborted) throw new AbortedError();
      const reason = e instanceof DoiLookupError && e.status ? `the DOI resolver answered ${statusText(e.status)}` : (e as Error).message;
      return { kind: 'doi', target: doi, checkedAt: at(), status: 'unknown', reason };
    }
  }
  try {
    const item = await fetchArxivMetadata(w.value, { endpoint: settings.arxivEndpoint, fetch: client.fetch, userAgent: client.options.userAgent, signal: client.options.signal });
    const id = w.key.slice('arxiv:'.length);
    if (!item) return { kind: 'arxiv', target: id, checkedAt: at(), status: 'dead', reason: 'the arXiv API knows no such id' };
    return { kind: 'arxiv', target: id, checkedAt: at(), status: 'ok', httpStatus: 200, title: item.title, years: item.year ? [item.year] : undefined };
  } catch (e) {
    if (e instanceof AbortedError || client.options.signal?.aborted) throw new AbortedError();
    const reason = e instanceof ArxivLookupError && e.status ? `the arXiv API answered ${statusText(e.status)}` : (e as Error).message;
    return { kind: 'arxiv', target: w.value, checkedAt: at(), status: 'unknown', reason };
  }
}

/** Checks what needs checking, several at once (the client keeps the rate and the per-host limit). */
export async function runVerification(o: RunOptions): Promise<RunSummary> {
  const now = o.now ?? (() => new Date());
  const maxAgeMs = o.settings.maxAgeDays * 86_400_000;
  const todo: Wanted[] = [];
  let cached = 0;
  const seen = new Set<string>();
  for (const w of o.wanted) {
    if (seen.has(w.key)) continue;
    seen.add(w.key);
    const known = o.report.results[w.key] ?? o.fallback?.[w.key];
    if (!o.force && isFresh(known, now().getTime(), maxAgeMs)) cached++;
    else todo.push(w);
  }
  if (o.offline) return { checked: 0, cached, missing: todo.filter((w) => !o.report.results[w.key] && !o.fallback?.[w.key]).length, requests: 0, cancelled: false };
  const options: PoliteOptions = { ...o.settings, userAgent: userAgent(o.version), robotsAgent: 'kart', fetch: o.fetch, signal: o.signal };
  const client = new PoliteClient(options);
  let done = 0;
  let unsaved = 0;
  let next = 0;
  let cancelled = false;
  // Enough workers to keep every host's slots busy; the rate limit, not the worker count, sets the pace.
  const workers = Math.min(todo.length, Math.max(4, Math.ceil(o.settings.rate * 2)));
  const work = async () => {
    while (next < todo.length && !cancelled) {
      const w = todo[next++];
      try {
        const result = await checkOne(w, client, o.settings, now);
        o.report.results[w.key] = result;
        o.report.updated = now().toISOString();
        if (o.saveTo && ++unsaved >= SAVE_EVERY) {
          unsaved = 0;
          await (typeof o.saveTo === 'string' ? writeReportFile(o.saveTo, o.report) : o.saveTo());
        }
      } catch (e) {
        if (e instanceof AbortedError || o.signal?.aborted) {
          cancelled = true;
          return;
        }
        throw e;
      }
      o.onProgress?.(++done, todo.length, w.key);
    }
  };
  await Promise.all(Array.from({ length: workers }, work));
  return { checked: done, cached, missing: todo.length - done, requests: client.requests, cancelled: cancelled || Boolean(o.signal?.aborted) };
}

/** Reads the report file; a missing file is an empty report, an unreadable one a problem and an empty report. */
export async function readReportFile(file: string): Promise<{ report: VerificationReport; problem?: string }> {
  const r = await readText(file, { maxBytes: REPORT_MAX_BYTES });
  if (!r.ok && r.kind !== 'missing') return { report: parseReport(undefined).report, problem: r.message.replace(/^The file /, '').replace(/\.$/, '') };
  return parseReport(r.ok ? r.text : undefined);
}

/**
 * Writes the report through a temporary file and a rename: a reader never sees half of it. What another run (the
 * editor, a second `kart verify`) wrote since this one read the file is merged in, the newer result of a key winning.
 * Never through a symbolic link, nor a linked folder under `base` (RefusedWrite).
 */
export async function writeReportFile(file: string, report: VerificationReport, base = path.dirname(file)): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const { report: onDisk } = await readReportFile(file);
  for (const [key, theirs] of Object.entries(onDisk.results)) {
    const ours = report.results[key];
    if (!ours || Date.parse(theirs.checkedAt) > Date.parse(ours.checkedAt)) report.results[key] = theirs;
  }
  await writeNewFile(file, serializeReport(report), base);
}
