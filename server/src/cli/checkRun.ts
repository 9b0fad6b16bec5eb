import { statSync } from 'fs';
import { parseArticle } from '../model/article';
import { workspaceSubject } from '../model/articleSummary';
import type { ArticleService } from '../service';
import { summarize, type ArticleSummary } from '../workspaceIndex';
import { toUri } from '../node/fsWorkspace';
import { readTextSync, type ReadFailure } from '../node/safeRead';
import { cacheKey, loadCache, saveCache, type CacheEntry, type PlacedFinding } from './checkCache';
import { envOf, indexOf, Pass, sortPlaced } from './checkPass';
import { BATCH, startWorker, workerCount } from './checkWorkers';

/**
 * `kart check` over many files: each file is read and parsed once; rules that look at one file run right after the
 * parse, rules that look across files run once every summary is indexed. Results are cached by content hash (with the
 * engine, the configuration and today in the cache key), so that a run over unchanged files parses nothing; with
 * many files, worker threads (--jobs) share those the cache does not know.
 */

export interface FileOutcome {
  file: string;
  /** Set when the file was not read: why (a FIFO, a device, over the size cap, an error). */
  unreadable?: ReadFailure;
  checkable: boolean;
  findings: PlacedFinding[];
}

export interface RunOptions {
  service: ArticleService;
  cwd: string;
  today?: string;
  files: string[];
  cacheDir?: string;
  engine: string;
  /** The script a worker thread runs (the CLI bundle); no workers without it. */
  workerScript?: string;
  /** --config, for the worker thread to read the same configuration. */
  configFile?: string;
  jobs: number;
  /** Filled in: how many worker threads were started. */
  stats?: { workers: number };
  /** Called as files are read and checked (the first pass), from every thread. */
  onProgress?: (done: number, total: number) => void;
  /**
   * The files this run checks and reports (`--shard`); the others only lend their summaries to the index, read from
   * the cache or from their frontmatter, so that the rules across files see the whole base.
   */
  checks?: (file: string) => boolean;
}

/** The summaries of files another shard checks: from the cache when it knows the file, else from the frontmatter. */
function summariesOf(files: string[], cached: Record<string, CacheEntry>, maxBytes: number): Map<string, ArticleSummary> {
  const out = new Map<string, ArticleSummary>();
  for (const f of files) {
    try {
      const st = statSync(f);
      const c = cached[f];
      if (c && c.size === st.size && c.mtimeMs === st.mtimeMs) {
        if (c.summary) out.set(f, c.summary);
        continue;
      }
      const r = readTextSync(f, { maxBytes });
      if (!r.ok) continue;
      const article = parseArticle(toUri(f), r.text, 0, { frontmatterOnly: true });
      if (article.isArticle) out.set(f, workspaceSubject(summarize(article)));
    } catch {
      // Unreadable here is reported by the shard that checks the file.
    }
  }
  return out;
}

/** Checks the files; the outcomes come back in the order of `files`. */
export async function runCheck(o: RunOptions): Promise<FileOutcome[]> {
  if (o.checks) {
    const all = o.files;
    const mine = all.filter(o.checks);
    const env = envOf(o.service);
    const others = summariesOf(
      all.filter((f) => !o.checks!(f)),
      loadCache(o.cacheDir, cacheKey(env.configs, env.today, o.engine)).files,
      o.service.config.maxFileBytes,
    );
    return runFiles({ ...o, files: mine }, all, others);
  }
  return runFiles(o, o.files, new Map());
}

/** Checks `o.files`; the index holds the summaries of `all` (the files checked, and `others` lent by other shards). */
async function runFiles(o: RunOptions, all: string[], others: Map<string, ArticleSummary>): Promise<FileOutcome[]> {
  const env = envOf(o.service);
  const key = cacheKey(env.configs, env.today, o.engine);
  const cache = loadCache(o.cacheDir, key);
  const pass = new Pass(env, cache.files, true, o.cacheDir !== undefined);

  // Only files whose content the cache does not know cost much; split those between the threads.
  const fresh = o.files.filter((f) => {
    const c = cache.files[f];
    if (!c) return true;
    try {
      const st = statSync(f);
      pass.stats.set(f, { size: st.size, mtimeMs: st.mtimeMs });
      return st.size !== c.size || st.mtimeMs !== c.mtimeMs;
    } catch {
      return true;
    }
  });
  const count = workerCount(o.workerScript !== undefined ? o.jobs : 1, fresh.length);
  o.stats && (o.stats.workers = count);
  const total = o.files.length;
  let done = 0;
  const step = (n = 1) => {
    done += n;
    o.onProgress?.(done, total);
  };
  // The fresh files are one queue, taken from in order a batch at a time by every thread, this one included: a thread
  // that starts late or meets long files takes fewer, and all end together.
  let queued = 0;
  const takeFiles = (n: number) => fresh.slice(queued, (queued = Math.min(fresh.length, queued + n)));
  const freshSet = new Set(fresh);
  const workers = Array.from({ length: count }, () =>
    startWorker(
      o,
      fresh,
      () => {
        const files = takeFiles(BATCH);
        return { files, cached: Object.fromEntries(files.filter((f) => cache.files[f]).map((f) => [f, cache.files[f]])) };
      },
      (m) => {
        for (const [f, e] of m.entries) pass.entries.set(f, e);
        for (const [f, e] of m.unreadable) pass.unreadable.set(f, e);
        pass.changed = true;
        step(m.entries.length + m.unreadable.length);
      },
    ),
  );
  for (const f of o.files) {
    if (freshSet.has(f)) continue;
    pass.first(f);
    step();
  }
  while (queued < fresh.length) {
    for (const f of takeFiles(count ? BATCH / 2 : BATCH)) {
      pass.first(f);
      step();
    }
    // The workers' entries come in, and their next batches go out, only while this thread waits.
    if (count) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  await Promise.all(workers);
  // The index is built in the order of the files, as a single-threaded run would.
  const summaries = all.map((f) => pass.entries.get(f)?.summary ?? others.get(f));
  const { index, fp } = indexOf(summaries, o.cacheDir !== undefined);
  for (const f of o.files) pass.second(f, index, fp);

  const outcomes: FileOutcome[] = [];
  for (const f of o.files) {
    const unreadable = pass.unreadable.get(f);
    const entry = pass.entries.get(f);
    if (unreadable !== undefined || !entry) {
      outcomes.push({ file: f, unreadable: unreadable ?? { kind: 'error', message: 'The file cannot be read.' }, checkable: false, findings: [] });
      continue;
    }
    const findings = entry.ws?.length ? sortPlaced([...entry.local, ...entry.ws]) : entry.local;
    outcomes.push({ file: f, checkable: entry.checkable, findings });
  }
  if (o.cacheDir && (pass.changed || Object.keys(cache.files).length !== pass.entries.size)) {
    // A shard keeps what the cache knew of the other shards' files.
    const kept = all.length === o.files.length ? [] : all.filter((f) => !pass.entries.has(f) && cache.files[f]).map((f) => [f, cache.files[f]] as const);
    saveCache(o.cacheDir, { key, files: Object.fromEntries([...kept, ...o.files.filter((f) => pass.entries.has(f)).map((f) => [f, pass.entries.get(f)!] as const)]) });
  }
  return outcomes;
}
