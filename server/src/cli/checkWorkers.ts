// The worker threads of `kart check`: each takes batches of files from the main thread's queue and gives back
// their entries, keeping none.
import { isMainThread, parentPort, Worker, workerData } from 'worker_threads';
import type { ReadFailure } from '../node/safeRead';
import type { CacheEntry } from './checkCache';
import { Pass, type Env } from './checkPass';

interface WorkerStart {
  kartCheckWorker: true;
  cwd: string;
  today?: string;
  configFile?: string;
  /** Whether the run caches its results, and so hashes the files it reads. */
  hashing: boolean;
  /** The files of the run, whose configurations it looks up before it is given any. */
  files: string[];
}

/** A batch of files for a worker, with what the cache knew of them; none: the run is over. */
export type ToWorker = { files: string[]; cached: Record<string, CacheEntry> };

/**
 * A worker's entries for a batch, which also asks for the next: a worker keeps no entry, so the main thread holds the
 * run's entries once, and runs the workspace rules itself over the one index.
 */
export type FromWorker = { entries: [string, CacheEntry][]; unreadable: [string, ReadFailure][] };

/** Files a worker is given at a time: enough that asking costs nothing, few enough that every thread ends together. */
export const BATCH = 32;

/** True when this thread was started as a check worker; it then serves and exits. */
export function isCheckWorker(): boolean {
  return !isMainThread && Boolean((workerData as WorkerStart | undefined)?.kartCheckWorker);
}

export async function serveCheckWorker(makeEnv: (cwd: string, today: string | undefined, files: string[], configFile: string | undefined) => Promise<Env>): Promise<void> {
  const start = workerData as WorkerStart;
  const env = await makeEnv(start.cwd, start.today, start.files, start.configFile);
  const cached: Record<string, CacheEntry> = {};
  const pass = new Pass(env, cached, false, start.hashing);
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

/** What a worker is started with: the CLI bundle to run, and what makes its environment the main thread's. */
export interface WorkerOptions {
  workerScript?: string;
  cwd: string;
  today?: string;
  configFile?: string;
  cacheDir?: string;
}

/**
 * Starts a worker that takes batches from `next` (two at a time, so it never waits for the main thread) and gives
 * each batch's entries to `take`; resolves once the batches have run out and it has given back its last.
 */
export function startWorker(o: WorkerOptions, files: string[], next: () => ToWorker, take: (m: FromWorker) => void): Promise<void> {
  // The files only let it look up their configurations up front; it checks those it is given.
  const worker = new Worker(o.workerScript!, { workerData: { kartCheckWorker: true, cwd: o.cwd, today: o.today, configFile: o.configFile, hashing: o.cacheDir !== undefined, files } satisfies WorkerStart });
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
    // Once nothing is in flight and the queue is empty, the worker is told to stop.
    const finishIfIdle = () => {
      if (inFlight > 0 || finished) return;
      finished = true;
      worker.postMessage({ files: [], cached: {} } satisfies ToWorker);
      resolve();
    };
    give() && give();
    finishIfIdle();
    worker.on('message', (m: FromWorker) => {
      inFlight--;
      take(m);
      give();
      finishIfIdle();
    });
    worker.on('error', (e) => finished || reject(e));
    worker.on('exit', (code) => finished || reject(new Error(`the check worker exited with ${code} before it was done`)));
  });
}
