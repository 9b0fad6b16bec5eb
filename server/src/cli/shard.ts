/**
 * `kart check --shard i/n`: one of n parts of the files, for a CI matrix. A file's part follows from its path alone
 * (relative to the folder kart runs in, `/`-separated), so every job of the matrix agrees without talking to the
 * others, whatever order the file system lists files in, and adding a file moves no other file to another part.
 * Every job still reads every file's summary, so the rules across files see the whole base.
 */
import { createHash } from 'crypto';
import * as path from 'path';

export interface Shard {
  /** 1-based, as written on the command line. */
  index: number;
  count: number;
}

/** Reads `i/n` (1 ≤ i ≤ n); a message for anything else. */
export function parseShard(text: string): Shard | { error: string } {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!m) return { error: `--shard needs i/n, e.g. 1/4 (got "${text}")` };
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || count > 1000 || index < 1 || index > count) return { error: `--shard ${text}: i must be between 1 and n, and n at most 1000` };
  return { index, count };
}

/** Which part (1-based) a file belongs to among `count`. */
export function shardOf(file: string, cwd: string, count: number): number {
  const rel = path.relative(cwd, file).split(path.sep).join('/');
  return (createHash('sha1').update(rel).digest().readUInt32BE(0) % count) + 1;
}

export function inShard(shard: Shard | undefined, cwd: string): (file: string) => boolean {
  if (!shard || shard.count === 1) return () => true;
  return (file) => shardOf(file, cwd, shard.count) === shard.index;
}
