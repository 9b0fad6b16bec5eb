// Shared by the benchmark sections: statistics, the corpus, and the result shape each section writes.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'fs';
import { join } from 'path';

export const CORPUS = process.env.KART_BENCH_CORPUS ?? join(__dirname, '..', '..', 'test', 'corpus', 'anchorfact');
export const TODAY = '2026-06-01';

export interface Stat {
  /** Median of the samples, in the unit of the figure (ms, MB, ratio). */
  median: number;
  p95: number;
  min: number;
  max: number;
  n: number;
}

export function stat(samples: number[]): Stat {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
  const mid = s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  return { median: mid, p95: at(0.95), min: s[0], max: s[s.length - 1], n: s.length };
}

/** One figure of the report. `target` is compared with the median unless `targetOn` says p95. */
export interface Figure {
  id: string;
  group: string;
  label: string;
  unit: 'ms' | 's' | 'MB' | 'KB' | '×' | 'count';
  stat?: Stat;
  /** The same samples in CPU time of the process, where the figure is in process. */
  cpu?: Stat;
  /** A single value (a size) rather than a distribution. */
  value?: number;
  target?: { max: number; on?: 'median' | 'p95'; text: string };
  note?: string;
  /** Shown instead of a value when the figure could not be measured, with the reason. */
  notMeasured?: string;
}

export interface SectionResult {
  section: string;
  figures: Figure[];
  notes: string[];
  /** Free-form tables for the report: rows of cells, the first row is the header. */
  tables?: { title: string; rows: string[][] }[];
}

export function listCorpus(dir = CORPUS): string[] {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.md')) files.push(p);
    }
  };
  walk(dir);
  return files;
}

export function readCorpus(dir = CORPUS): { path: string; uri: string; text: string }[] {
  return listCorpus(dir).map((p) => ({ path: p, uri: 'file://' + p, text: readFileSync(p, 'utf8') }));
}

export function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Wall-clock and CPU milliseconds of one call. CPU time is what a busy neighbour cannot inflate much. */
export function time(fn: () => void): { wall: number; cpu: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  fn();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1000 };
}

export async function timeAsync(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/** Where the section writes its result: the path given as the first argument, else stdout. */
export function writeResult(result: SectionResult): void {
  const out = process.argv[2];
  const json = JSON.stringify(result, null, 2);
  if (out) writeFileSync(out, json);
  else process.stdout.write(json + '\n');
}

export function reps(normal: number): number {
  return process.env.KART_BENCH_QUICK ? Math.max(3, Math.ceil(normal / 5)) : normal;
}
