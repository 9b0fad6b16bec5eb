/**
 * Replacing files kart rewrote (`kart fix`, `kart mv`) without losing what their author saved meanwhile and without
 * writing where it must not. Each file is replaced through a temporary file beside it and a rename, in three steps:
 *
 * 1. refuse what must not be written (a file outside the tree, a link leading out of it, anything but a regular
 *    file; unless forced: a read-only file, another user's file, a file with other hard links), check that the file
 *    still holds what kart read, and write the temporary file (same mode and owner, flushed to disk);
 * 2. wait `settleMs` (a save that comes as kart writes lands now), then for each file, with no pause between, look
 *    again (inode, size, modification and change time, the content itself) and rename;
 * 3. wait `settleMs` again and look at the replaced file through the descriptor kept open on it: a save written into
 *    it after the rename (by a program that had it open) is put back.
 *
 * What no check can close: a save that replaces the file by a rename of its own between the last look in step 2 and
 * kart's rename (the time of one system call) is lost, since Node has no atomic exchange of two names; and a program
 * that had the file open before the rename and writes to it after step 3 writes to the replaced file.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, promises as fs, readSync, realpathSync, renameSync, rmSync, type BigIntStats } from 'fs';
import * as path from 'path';

export interface Replacement {
  /** The path as listed (maybe a symbolic link inside the tree). */
  file: string;
  /** The new content: text (written as UTF-8) or the bytes of another encoding (a UTF-16 file stays UTF-16). */
  text: string | Buffer;
  /** The bytes kart read and rewrote: the file is replaced only while it still holds them. */
  expected: Buffer;
}

export interface ReplaceOptions {
  /** Real paths of the folders (or files) that may be written; nothing else is, whatever the flags. */
  within: string[];
  /** Replace read-only files, files of another user (keeping the owner) and hard-linked files (splitting them). */
  force?: boolean;
  /** What to say to get a refused file written all the same, e.g. "kart fix --force writes it". */
  forceHint?: string;
  /** What kart was doing, for "changed while kart was fixing it". */
  doing: string;
  /** When one file cannot be written at the first step, write none (kart mv: links rewritten all or none). */
  allOrNothing?: boolean;
  settleMs?: number;
}

export type ReplaceOutcome =
  | { file: string; target: string; written: true }
  | { file: string; target?: string; written: false; reason: 'refused' | 'changed' | 'failed'; message: string };

/** How long a save that comes while kart writes is waited for, before and after the renames. */
export const SETTLE_MS = 100;
const CHUNK = 64;

interface Prepared {
  item: Replacement;
  target: string;
  st: BigIntStats;
  tmp: string;
}

interface Renamed extends Prepared {
  fd: number;
  old: BigIntStats;
  fresh: BigIntStats;
}

function isInside(dir: string, p: string): boolean {
  const r = path.relative(dir, p);
  return r === '' || (r !== '..' && !r.startsWith('..' + path.sep) && !path.isAbsolute(r));
}

/**
 * The real paths kart may write under when it was given `paths` (folders, files) in a workspace rooted at `root`:
 * the workspace, each folder named, each file named (the name itself: a named link does not bring in where it
 * leads).
 */
export async function writableTree(root: string, paths: string[]): Promise<string[]> {
  const out = new Set<string>();
  const real = (p: string) => fs.realpath(p).catch(() => p);
  out.add(await real(root));
  for (const p of paths) {
    const st = await fs.stat(p).catch(() => undefined);
    if (st?.isDirectory()) out.add(await real(p));
    else out.add(path.join(await real(path.dirname(p)), path.basename(p)));
  }
  return [...out];
}
const code = (e: unknown) => (e as NodeJS.ErrnoException).code ?? (e as Error).message;
const sameFile = (a: BigIntStats, b: BigIntStats) => a.dev === b.dev && a.ino === b.ino;
const unchanged = (a: BigIntStats, b: BigIntStats) =>
  sameFile(a, b) && a.size === b.size && a.mtimeNs === b.mtimeNs && a.ctimeNs === b.ctimeNs && a.mode === b.mode && a.uid === b.uid && a.gid === b.gid && a.nlink === b.nlink;
const tmpName = (target: string, what: string) => path.join(path.dirname(target), `.${path.basename(target)}.kart-${process.pid}-${Math.random().toString(36).slice(2, 8)}.${what}`);

function readAll(fd: number): Buffer {
  const parts: Buffer[] = [];
  let pos = 0;
  for (;;) {
    const b = Buffer.allocUnsafe(64 * 1024);
    const n = readSync(fd, b, 0, b.length, pos);
    if (n === 0) return Buffer.concat(parts);
    parts.push(b.subarray(0, n));
    pos += n;
  }
}

/** Temporary files not renamed yet: removed if kart is interrupted. */
const pending = new Set<string>();
let handlersOn = false;
function removePendingOn(signal: NodeJS.Signals) {
  process.once(signal, () => {
    for (const t of pending) rmSync(t, { force: true });
    process.kill(process.pid, signal);
  });
}

/** A new file beside `target` with `data`, the mode and owner of `like`; throws when the owner cannot be kept. */
async function writeBeside(target: string, data: string | Buffer, like: BigIntStats, what = 'tmp'): Promise<string> {
  const tmp = tmpName(target, what);
  const mode = Number(like.mode & 0o7777n);
  // O_EXCL: a name planted in advance (a link) makes the open fail instead of being followed.
  const h = await fs.open(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, mode & 0o777);
  pending.add(tmp);
  try {
    try {
      await h.writeFile(data);
      await h.sync();
      const mine = await h.stat({ bigint: true });
      if (mine.uid !== like.uid || mine.gid !== like.gid) {
        await h.chown(Number(like.uid), Number(like.gid)).catch((e) => {
          throw new Error(`its owner ${like.uid}:${like.gid} cannot be kept (${code(e)})`);
        });
      }
      // After chown, which clears the set-id bits; the umask no longer applies.
      await h.chmod(mode);
    } finally {
      await h.close();
    }
  } catch (e) {
    pending.delete(tmp);
    await fs.rm(tmp, { force: true });
    throw e;
  }
  return tmp;
}

async function prepare(item: Replacement, o: ReplaceOptions): Promise<Prepared | ReplaceOutcome> {
  const no = (reason: 'refused' | 'changed' | 'failed', message: string, target?: string): ReplaceOutcome => ({ file: item.file, target, written: false, reason, message });
  let target: string;
  let linked: boolean;
  try {
    linked = (await fs.lstat(item.file)).isSymbolicLink();
    target = await fs.realpath(item.file);
  } catch (e) {
    return no('failed', `cannot be read (${code(e)})`);
  }
  if (!o.within.some((w) => isInside(w, target))) {
    return no('refused', `${linked ? 'is a symbolic link to' : 'leads to'} ${target}, outside the folder kart works on; kart never writes there`, target);
  }
  const hint = o.forceHint ? ` (${o.forceHint})` : '';
  let st: BigIntStats;
  try {
    st = await fs.stat(target, { bigint: true });
  } catch (e) {
    return no('failed', `cannot be read (${code(e)})`, target);
  }
  if (!st.isFile()) return no('refused', 'is not a regular file', target);
  if (!o.force) {
    const writable = (st.mode & 0o200n) !== 0n && (await fs.access(target, constants.W_OK).then(() => true, () => false));
    if (!writable) return no('refused', `is read-only (mode ${(Number(st.mode) & 0o7777).toString(8).padStart(4, '0')})${hint}`, target);
    const me = process.geteuid?.();
    if (me !== undefined && BigInt(me) !== st.uid) return no('refused', `belongs to another user (uid ${st.uid}); replacing it would make it kart's user's${hint}`, target);
    if (st.nlink > 1n) return no('refused', `has ${st.nlink} hard links; replacing it would split them, the other names keeping the old text${hint}`, target);
  }
  let fd: number | undefined;
  try {
    fd = openSync(target, constants.O_RDONLY | constants.O_NOFOLLOW);
    const now = fstatSync(fd, { bigint: true });
    if (!sameFile(now, st) || !readAll(fd).equals(item.expected)) return no('changed', `the file changed while kart was ${o.doing} it; run kart again`, target);
  } catch (e) {
    return no('failed', `cannot be read (${code(e)})`, target);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  try {
    return { item, target, st, tmp: await writeBeside(target, item.text, st) };
  } catch (e) {
    return no('failed', (e as Error).message.startsWith('its owner') ? (e as Error).message : `cannot write beside it (${code(e)})`, target);
  }
}

/** Step 2 for one file, synchronous from the last look to the rename. */
function swap(p: Prepared, o: ReplaceOptions): Renamed | ReplaceOutcome {
  const changed: ReplaceOutcome = { file: p.item.file, target: p.target, written: false, reason: 'changed', message: `the file changed while kart was ${o.doing} it; run kart again` };
  let fd: number | undefined;
  try {
    fd = openSync(p.target, constants.O_RDONLY | constants.O_NOFOLLOW);
    const old = fstatSync(fd, { bigint: true });
    if (!unchanged(old, p.st) || realpathSync(p.item.file) !== p.target || !readAll(fd).equals(p.item.expected)) {
      closeSync(fd);
      return changed;
    }
    const fresh = lstatSync(p.tmp, { bigint: true });
    renameSync(p.tmp, p.target);
    pending.delete(p.tmp);
    return { ...p, fd, old, fresh };
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    return { ...changed, message: `${changed.message} (${code(e)})` };
  } finally {
    if (pending.has(p.tmp)) {
      rmSync(p.tmp, { force: true });
      pending.delete(p.tmp);
    }
  }
}

/** Step 3 for one file: a save into the replaced file after the rename is put back (or kept beside it). */
async function confirm(r: Renamed, o: ReplaceOptions): Promise<ReplaceOutcome> {
  try {
    const old = fstatSync(r.fd, { bigint: true });
    const saved = old.size === r.old.size && old.mtimeNs === r.old.mtimeNs ? undefined : readAll(r.fd);
    if (!saved || saved.equals(r.item.expected)) return { file: r.item.file, target: r.target, written: true };
    const now = lstatSync(r.target, { bigint: true });
    const base = { file: r.item.file, target: r.target, written: false as const, reason: 'changed' as const };
    if (now.ino === r.fresh.ino && now.size === r.fresh.size && now.mtimeNs === r.fresh.mtimeNs) {
      const back = await writeBeside(r.target, saved, r.old);
      renameSync(back, r.target);
      pending.delete(back);
      return { ...base, message: `the file changed while kart was ${o.doing} it; the version saved meanwhile was put back; run kart again` };
    }
    // Written again since the rename, by someone else: both versions are the author's, neither is dropped.
    const kept = await writeBeside(r.target, saved, r.old, 'saved');
    pending.delete(kept);
    return { ...base, message: `the file changed twice while kart was ${o.doing} it; the version saved into the old file is kept in ${kept}` };
  } catch (e) {
    return { file: r.item.file, target: r.target, written: false, reason: 'failed', message: `the replaced file cannot be checked (${code(e)})` };
  } finally {
    closeSync(r.fd);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Replaces the files, each only while it holds what kart read; the outcomes in the order of `items`. */
export async function replaceFiles(items: Replacement[], o: ReplaceOptions): Promise<ReplaceOutcome[]> {
  if (!handlersOn) {
    handlersOn = true;
    removePendingOn('SIGINT');
    removePendingOn('SIGTERM');
  }
  const settle = o.settleMs ?? SETTLE_MS;
  const out: ReplaceOutcome[] = [];
  const chunks = o.allOrNothing ? [items] : Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, i) => items.slice(i * CHUNK, (i + 1) * CHUNK));
  for (const chunk of chunks) {
    const first = await Promise.all(chunk.map((item) => prepare(item, o)));
    const ready = first.filter((p): p is Prepared => 'tmp' in p);
    if (o.allOrNothing && ready.length < first.length) {
      for (const p of ready) {
        pending.delete(p.tmp);
        await fs.rm(p.tmp, { force: true });
      }
      out.push(...first.map((p) => ('tmp' in p ? { file: p.item.file, target: p.target, written: false as const, reason: 'failed' as const, message: 'not written, as another file could not be' } : p)));
      continue;
    }
    if (ready.length) await sleep(settle);
    const second = ready.map((p) => swap(p, o));
    if (second.some((r) => 'fd' in r)) await sleep(settle);
    const third = new Map<Prepared, ReplaceOutcome>();
    for (let i = 0; i < ready.length; i++) {
      const r = second[i];
      third.set(ready[i], 'fd' in r ? await confirm(r, o) : r);
    }
    out.push(...first.map((p) => ('tmp' in p ? third.get(p)! : p)));
  }
  return out;
}
