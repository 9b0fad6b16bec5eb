// The result cache of `kart check`: where it lives, its key, and reading and writing it safely.
import { createHash, randomBytes } from 'crypto';
import { mkdirSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from 'fs';
import { homedir } from 'os';
import * as path from 'path';
import type { ResolvedConfig } from '../config';
import type { ArticleSummary } from '../workspaceIndex';
import { readTextSync, REPORT_MAX_BYTES } from '../node/safeRead';
import type { Reported } from './format';

/** A finding with its 1-based position, as the CLI prints it. */
export interface PlacedFinding {
  finding: Reported;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface CacheEntry {
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

export interface CacheFile {
  key: string;
  files: Record<string, CacheEntry>;
}

export const hashOf = (s: string | Buffer) => createHash('sha1').update(s).digest('hex');

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
