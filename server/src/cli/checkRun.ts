import { createHash, randomBytes } from 'crypto';
import { mkdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'fs';
import { homedir } from 'os';
import * as path from 'path';
import { isMainThread, parentPort, Worker, workerData } from 'worker_threads';
import { checkArticle, checkSummary } from '../check';
import { LineIndex } from '../core/lineIndex';
import type { ResolvedConfig } from '../config';
import type { Finding } from '../core/types';
import { reported, type Reported } from './format';
import { parseArticle, type Article } from '../model/article';
import { allRules } from '../rules';
import type { ArticleService } from '../service';
import { detached, workspaceSubject } from '../model/articleSummary';
import { summarize, WorkspaceIndex, type ArticleSummary } from '../workspaceIndex';
import { toUri } from '../node/fsWorkspace';
import { readTextSync, REPORT_MAX_BYTES, type ReadFailure } from '../node/safeRead';

/**
 * `kart check` over many files: each file is read and parsed once; rules that look at one file run right after the
 * parse, rules that look across files run once every summary is indexed. Results are cached by content hash (with the
 * engine, the configuration and today in the cache key), so that a run over unchanged files parses nothing; with
 * many files, worker threads (--jobs) share those the cache does not know.
 */

/** A finding with its 1-based position, as the CLI prints it. */
export interface PlacedFinding {
  finding: Reported;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface FileOutcome {
  file: string;
  /** Set when the file was not read: why (a FIFO, a device, over the size cap, an error). */
  unreadable?: ReadFailure;
  checkable: boolean;
  findings: PlacedFinding[];
}

interface CacheEntry {
  hash: string;
  size: number;
  mtimeMs: number;
  checkable: boolean;
  summary?: ArticleSummary;
  /** What the workspace rules read of a checkable file that is not an article (an article's is its summary). */
  subject?: ArticleSummary;
  /** Findings of the single-file rules. */
  local: PlacedFinding[];
  /** Findings of the workspace rules, valid while the index has the fingerprint `fp`. */
  ws?: PlacedFinding[];
  fp?: string;
}

interface CacheFile {
  key: string;
  files: Record<string, CacheEntry>;
}

const localRules = allRules.filter((r) => !r.workspace);
const workspaceRules = allRules.filter((r) => r.workspace);

const hashOf = (s: string | Buffer) => createHash('sha1').update(s).digest('hex');

function place(article: { lines: LineIndex }, f: Finding): PlacedFinding {
  const s = article.lines.positionAt(f.range.start);
  const e = article.lines.positionAt(f.range.end);
  // Neither the uri (the file's own) nor the fixes' edits: the cache and the run need not hold them thousands of times.
  return { finding: reported(f), line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
}

/** checkArticle's order: by range, then rule; stable, so one rule's findings keep their order. */
function sortPlaced(items: PlacedFinding[]): PlacedFinding[] {
  return items.sort((a, b) => a.finding.range.start - b.finding.range.start || a.finding.range.end - b.finding.range.end || a.finding.rule.localeCompare(b.finding.rule));
}

/** What can change a file's findings besides its text: the engine, the resolved configurations and today. */
export function cacheKey(configs: ResolvedConfig | readonly ResolvedConfig[], today: string, engine: string): string {
  const list = Array.isArray(configs) ? configs : [configs];
  const json = JSON.stringify(list.length === 1 ? list[0] : list, (k, v) => (v instanceof RegExp ? `/${v.source}/${v.flags}` : k === 'schema' && v && typeof v === 'object' && 'json' in v ? (v as { json: unknown }).json : v));
  return hashOf(`${engine}\n${today}\n${json}`);
}

/** The engine's identity: the code that is running (a rebuilt bundle invalidates every cached result). */
export function engineVersion(version: string): string {
  try {
    return `${version}+${hashOf(readFileSync(__filename))}`;
  } catch {
    return `${version}+${Date.now()}`;
  }
}

export function loadCache(dir: string | undefined, key: string): CacheFile {
  if (dir) {
    try {
      // Read like any file kart did not write itself: --cache may name a folder holding a pipe or a link to a device.
      const r = readTextSync(path.join(dir, 'check.json'), { maxBytes: REPORT_MAX_BYTES });
      if (!r.ok) return { key, files: {} };
      const c = JSON.parse(r.text) as CacheFile;
      if (c.key === key && c.files && typeof c.files === 'object') return c;
    } catch {
      // No cache yet, or one we cannot read: start afresh.
    }
  }
  return { key, files: {} };
}

/**
 * Where a tree's results are cached by default: in the user's own cache folder, one folder per tree. Never inside the
 * tree: a repository could commit a cache that hides its findings, or a link that the write would follow.
 */
export function userCacheDir(root: string): string | undefined {
  const xdg = process.env.XDG_CACHE_HOME;
  let home: string;
  try {
    home = homedir();
  } catch {
    return undefined;
  }
  const base = xdg && path.isAbsolute(xdg) ? xdg : home ? path.join(home, '.cache') : undefined;
  if (!base) return undefined;
  let real = path.resolve(root);
  try {
    real = realpathSync(real);
  } catch {
    // A root that cannot be resolved is cached under its own spelling.
  }
  return path.join(base, 'kart', createHash('sha256').update(real).digest('hex').slice(0, 24));
}

export function saveCache(dir: string, cache: CacheFile): void {
  // A name nobody can guess, created only if nothing (a planted link, say) is there: the write cannot land elsewhere.
  const tmp = path.join(dir, `check.json.${randomBytes(12).toString('hex')}.tmp`);
  let created = false;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(tmp, JSON.stringify(cache), { flag: 'wx', mode: 0o600 });
    created = true;
    renameSync(tmp, path.join(dir, 'check.json'));
  } catch {
    // A cache that cannot be written only costs time on the next run.
    if (created) rmSync(tmp, { force: true });
  }
}

interface Env {
  /** The configuration of a file (its nearest kart.config.json, or --config). */
  configFor: (file: string) => ResolvedConfig;
  /** Every configuration the files use: they make the cache key. */
  configs: readonly ResolvedConfig[];
  today: string;
  isCheckable: (a: Article) => boolean;
}

/** The run's view of the service: its configurations, looked up for the files beforehand. */
export function envOf(service: ArticleService): Env {
  // A file's configuration is its folder's: looked up once a folder, not three times a file.
  const byFolder = new Map<string, ResolvedConfig>();
  const configFor = (file: string) => {
    const dir = path.dirname(file);
    let c = byFolder.get(dir);
    if (!c) byFolder.set(dir, (c = service.configFor(toUri(file))));
    return c;
  };
  return { configFor, configs: service.configs.all().sort((a, b) => (a.uri ?? '').localeCompare(b.uri ?? '')), today: service.today, isCheckable: (a) => service.isCheckable(a) };
}

/** The first pass over some files: read, parse when the cache does not know the content, single-file rules. */
class Pass {
  readonly entries = new Map<string, CacheEntry>();
  readonly unreadable = new Map<string, ReadFailure>();
  changed = false;

  constructor(
    private readonly env: Env,
    private readonly cached: Record<string, CacheEntry>,
    /** A worker's entries are copied when posted, which detaches them from the text; the main thread's must be. */
    private readonly detach = true,
  ) {}

  /** Stat results taken earlier in this run, so that each file is stat'ed once. */
  readonly stats = new Map<string, { size: number; mtimeMs: number }>();

  /** The file's text: a regular file within the size cap, UTF-16 decoded; otherwise why not, noted. */
  private read(file: string): string | undefined {
    const r = readTextSync(file, { maxBytes: this.env.configFor(file).maxFileBytes });
    if (r.ok) return r.text;
    this.unreadable.set(file, { kind: r.kind, message: r.message });
    return undefined;
  }

  first(file: string): void {
    let size: number;
    let mtimeMs: number;
    try {
      const st = this.stats.get(file) ?? statSync(file);
      size = st.size;
      mtimeMs = st.mtimeMs;
      const old = this.cached[file];
      // The same size and modification time as when hashed: the content hash stands without reading the file.
      if (old && old.size === size && old.mtimeMs === mtimeMs) {
        this.entries.set(file, old);
        return;
      }
    } catch (e) {
      this.unreadable.set(file, { kind: 'error', message: `The file cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).` });
      return;
    }
    const text = this.read(file);
    if (text === undefined) return;
    this.changed = true;
    const hash = hashOf(text);
    const old = this.cached[file];
    if (old && old.hash === hash) {
      this.entries.set(file, { ...old, size, mtimeMs });
      return;
    }
    const article = parseArticle(toUri(file), text);
    const checkable = this.env.isCheckable(article);
    const local = checkable ? checkArticle(article, { config: this.env.configFor(file), today: this.env.today, rules: localRules }).map((f) => place(article, f)) : [];
    // The model goes now: the workspace rules read the summary, so a run holds summaries, never every model.
    // Detached from the file's text, which the messages and ids would otherwise keep alive for the whole run.
    const fresh = { summary: article.isArticle || checkable ? workspaceSubject(summarize(article)) : undefined, local };
    const kept = this.detach ? detached(fresh) : fresh;
    this.entries.set(file, { hash, size, mtimeMs, checkable, ...(article.isArticle ? { summary: kept.summary } : { subject: kept.summary }), local: kept.local });
  }

  /** Workspace rules for one file, unless the cache holds them for this very index. */
  second(file: string, index: WorkspaceIndex | undefined, fp: string): void {
    const entry = this.entries.get(file);
    if (!entry || !entry.checkable || workspaceRules.length === 0) return;
    if (!index) {
      if (entry.ws?.length || entry.fp !== fp) this.entries.set(file, { ...entry, ws: [], fp });
      return;
    }
    if (entry.fp === fp && entry.ws) return;
    this.changed = true;
    let subject = entry.summary ?? entry.subject;
    let lines: LineIndex | undefined;
    const read = (): string | undefined => {
      const text = this.read(file);
      if (text === undefined) this.entries.delete(file);
      return text;
    };
    if (!subject) {
      // An entry cached without what the workspace rules read: parse the file once more.
      const text = read();
      if (text === undefined) return;
      const article = parseArticle(toUri(file), text);
      subject = workspaceSubject(summarize(article));
      lines = article.lines;
    }
    const found = checkSummary(subject, { config: this.env.configFor(file), index, rules: workspaceRules });
    let ws: PlacedFinding[] = [];
    if (found.length) {
      // Only files with workspace findings are read again, for the line table that places them.
      if (!lines) {
        const text = read();
        if (text === undefined) return;
        lines = new LineIndex(text);
      }
      ws = found.map((f) => place({ lines: lines! }, f));
    }
    this.entries.set(file, { ...entry, ws, fp });
  }
}

/**
 * The index of the summaries, and its fingerprint when results are cached (what the workspace rules can see of other
 * files); with no cache there is nothing to compare it with, and it costs a JSON of every summary.
 */
function indexOf(summaries: (ArticleSummary | undefined)[], fingerprint: boolean): { index: WorkspaceIndex | undefined; fp: string } {
  const index = new WorkspaceIndex();
  for (const s of summaries) if (s) index.set(s);
  if (!fingerprint) return { index: index.size ? index : undefined, fp: '' };
  // Hashed a summary at a time: one JSON of every summary would be the largest string of the run.
  const h = createHash('sha1');
  h.update('[');
  let first = true;
  for (const s of summaries) {
    if (!s) continue;
    h.update(first ? JSON.stringify(s) : ',' + JSON.stringify(s));
    first = false;
  }
  const fp = h.update(']').digest('hex');
  return { index: index.size ? index : undefined, fp };
}

// ---- the worker thread ------------------------------------------------------------------------------------------

interface WorkerStart {
  kartCheckWorker: true;
  cwd: string;
  today?: string;
  configFile?: string;
  /** The files of the run, whose configurations it looks up before it is given any. */
  files: string[];
}

/** A batch of files for a worker, with what the cache knew of them; none: the run is over. */
type ToWorker = { files: string[]; cached: Record<string, CacheEntry> };

/**
 * A worker's entries for a batch, which also asks for the next: a worker keeps no entry, so the main thread holds the
 * run's entries once, and runs the workspace rules itself over the one index.
 */
type FromWorker = { entries: [string, CacheEntry][]; unreadable: [string, ReadFailure][] };

/** Files a worker is given at a time: enough that asking costs nothing, few enough that every thread ends together. */
const BATCH = 32;

/** True when this thread was started as a check worker; it then serves and exits. */
export function isCheckWorker(): boolean {
  return !isMainThread && Boolean((workerData as WorkerStart | undefined)?.kartCheckWorker);
}

export async function serveCheckWorker(makeEnv: (cwd: string, today: string | undefined, files: string[], configFile: string | undefined) => Promise<Env>): Promise<void> {
  const start = workerData as WorkerStart;
  const env = await makeEnv(start.cwd, start.today, start.files, start.configFile);
  const cached: Record<string, CacheEntry> = {};
  const pass = new Pass(env, cached, false);
  parentPort!.on('message', (m: ToWorker) => {
    if (m.files.length === 0) return parentPort!.close();
    Object.assign(cached, m.cached);
    for (const f of m.files) pass.first(f);
    parentPort!.postMessage({ entries: [...pass.entries], unreadable: [...pass.unreadable] } satisfies FromWorker);
    pass.entries.clear();
    pass.unreadable.clear();
    for (const f of m.files) delete cached[f];
  });
}

// ---- the main thread --------------------------------------------------------------------------------------------

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

/** Files a thread takes at least: fewer and starting a worker costs more than it saves. */
export const FILES_PER_WORKER = 50;

/**
 * How many worker threads help the main thread check `fresh` files (those the cache does not know) with `--jobs
 * jobs`: `jobs` threads in all, each with at least FILES_PER_WORKER files; none when that makes one thread.
 */
export function workerCount(jobs: number, fresh: number): number {
  const threads = Math.min(jobs, Math.floor(fresh / FILES_PER_WORKER));
  return threads >= 2 ? threads - 1 : 0;
}

/**
 * Starts a worker that takes batches from `next` (two at a time, so it never waits for the main thread) and gives
 * each batch's entries to `take`; resolves once the batches have run out and it has given back its last.
 */
function startWorker(o: RunOptions, files: string[], next: () => ToWorker, take: (m: FromWorker) => void): Promise<void> {
  // The files only let it look up their configurations up front; it checks those it is given.
  const worker = new Worker(o.workerScript!, { workerData: { kartCheckWorker: true, cwd: o.cwd, today: o.today, configFile: o.configFile, files } satisfies WorkerStart });
  return new Promise<void>((resolve, reject) => {
    let inFlight = 0;
    let finished = false;
    const give = () => {
      const batch = next();
      if (batch.files.length === 0) return false;
      worker.postMessage(batch);
      inFlight++;
      return true;
    };
    give() && give();
    if (inFlight === 0) {
      finished = true;
      worker.postMessage({ files: [], cached: {} } satisfies ToWorker);
      resolve();
    }
    worker.on('message', (m: FromWorker) => {
      inFlight--;
      take(m);
      give();
      if (inFlight === 0 && !finished) {
        finished = true;
        worker.postMessage({ files: [], cached: {} } satisfies ToWorker);
        resolve();
      }
    });
    worker.on('error', (e) => finished || reject(e));
    worker.on('exit', (code) => finished || reject(new Error(`the check worker exited with ${code} before it was done`)));
  });
}

/** Checks `o.files`; the index holds the summaries of `all` (the files checked, and `others` lent by other shards). */
async function runFiles(o: RunOptions, all: string[], others: Map<string, ArticleSummary>): Promise<FileOutcome[]> {
  const env = envOf(o.service);
  const key = cacheKey(env.configs, env.today, o.engine);
  const cache = loadCache(o.cacheDir, key);
  const pass = new Pass(env, cache.files);

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
