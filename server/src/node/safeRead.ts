/**
 * Reading a file a repository put there, which may be anything: a symbolic link to /dev/zero, a named pipe that never
 * sends, a file of gigabytes, a link out of the workspace, UTF-16 text. Only regular files are read, at most `maxBytes`
 * of them; everything else is an explained failure, never a hang, a flood or a crash.
 *
 * Why each step: `stat` first, because opening a FIFO blocks until a writer comes (and blocks one of the four threads
 * Node reads files on: four FIFOs and no file is read any more) and opening a device can do things; the open itself is
 * non-blocking and the opened file is checked again, because the path can be swapped between the two; the read stops
 * one byte past the cap, because /proc files say they are empty and a file can grow while it is read.
 */
import { closeSync, constants, fstatSync, openSync, promises as fs, readSync, realpathSync, statSync, type Stats } from 'fs';
import * as path from 'path';

/** The default cap on a file kart reads: articles are kilobytes; this is far past any real one. */
export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;

/** The cap on the reports and caches kart itself writes, which grow with the workspace. */
export const REPORT_MAX_BYTES = 256 * 1024 * 1024;

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

export interface ReadText {
  text: string;
  /** The bytes as on disk: a rewrite that changes nothing must give them back. */
  bytes: Buffer;
  encoding: TextEncoding;
}

export interface ReadFailure {
  /** `missing`: no such file; `special`: a FIFO, socket, device or folder; `too-large`: over the cap; `outside`: a link out of the workspace. */
  kind: 'missing' | 'special' | 'too-large' | 'outside' | 'error';
  /** A sentence that ends with a full stop and says what was done: never a quote of the file. */
  message: string;
}

export type ReadResult = ({ ok: true } & ReadText) | ({ ok: false } & ReadFailure);

export interface ReadOptions {
  /** Bytes past which the file is not read (default DEFAULT_MAX_FILE_BYTES). */
  maxBytes?: number;
  /** Folders the file must be inside, symbolic links resolved; any folder when absent. */
  within?: readonly string[];
}

const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

/** "10 MiB", "1.5 KiB", "12 bytes". */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} byte${n === 1 ? '' : 's'}`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${Number(v.toFixed(1))} ${units[u]}`;
}

function kindOf(st: Stats): string | undefined {
  if (st.isFile()) return undefined;
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isDirectory()) return 'a folder';
  return 'not a regular file';
}

const fail = (kind: ReadFailure['kind'], message: string): { ok: false } & ReadFailure => ({ ok: false, kind, message });

function tooLarge(size: number | undefined, max: number): { ok: false } & ReadFailure {
  const what = size === undefined ? 'larger than' : `${formatBytes(size)}, over`;
  return fail('too-large', `The file is ${what} the ${formatBytes(max)} limit on a file kart reads (maxFileBytes in kart.config.json): not read.`);
}

/** What stat says, as a failure, or undefined when the file may be read. */
function judge(st: Stats, max: number): ({ ok: false } & ReadFailure) | undefined {
  const kind = kindOf(st);
  if (kind) return fail('special', `The file is ${kind}, not a regular file: skipped.`);
  if (st.size > max) return tooLarge(st.size, max);
  return undefined;
}

function errorOf(e: unknown): { ok: false } & ReadFailure {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return fail('missing', 'The file cannot be read (ENOENT).');
  if (code === 'ELOOP') return fail('error', 'The file is a loop of symbolic links: not read.');
  return fail('error', `The file cannot be read (${code ?? (e as Error).message}).`);
}

function inside(real: string, folders: readonly string[]): boolean {
  return folders.some((f) => {
    let root: string;
    try {
      root = realpathSync(f);
    } catch {
      root = path.resolve(f);
    }
    const rel = path.relative(root, real);
    return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
  });
}

function outsideCheck(file: string, within: readonly string[] | undefined): ({ ok: false } & ReadFailure) | undefined {
  if (!within) return undefined;
  const real = realpathSync(file);
  return inside(real, within) ? undefined : fail('outside', 'The file is outside the workspace (or a link to a file outside it): not read.');
}

/** The text of bytes read from disk: UTF-16 when a byte order mark (or `---` in UTF-16) says so, else UTF-8. */
export function decodeText(bytes: Buffer): ReadText {
  const b = bytes;
  let encoding: TextEncoding = 'utf-8';
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) encoding = 'utf-16le';
  else if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) encoding = 'utf-16be';
  else if (b.length >= 6 && b[0] === 0x2d && b[1] === 0 && b[2] === 0x2d && b[3] === 0 && b[4] === 0x2d && b[5] === 0) encoding = 'utf-16le';
  else if (b.length >= 6 && b[0] === 0 && b[1] === 0x2d && b[2] === 0 && b[3] === 0x2d && b[4] === 0 && b[5] === 0x2d) encoding = 'utf-16be';
  // The byte order mark stays in the text, as a UTF-8 one does: a rewrite keeps it.
  const text = encoding === 'utf-8' ? b.toString('utf8') : new TextDecoder(encoding, { ignoreBOM: true }).decode(b);
  return { text, bytes, encoding };
}

/** The bytes of a text in the encoding it was read in. */
export function encodeText(text: string, encoding: TextEncoding): Buffer {
  if (encoding === 'utf-8') return Buffer.from(text, 'utf8');
  const le = Buffer.from(text, 'utf16le');
  return encoding === 'utf-16le' ? le : le.swap16();
}

/** The next read: what stat promises plus one byte (to see the end), at least 64 KiB (/proc says 0), never past the cap. */
const chunkSize = (size: number, total: number, max: number) => Math.min(max + 1 - total, Math.max(size - total + 1, 1 << 16), 1 << 20);

/** Reads a regular file of at most `maxBytes`; never blocks on a pipe or a device, never reads past the cap. */
export function readTextSync(file: string, options: ReadOptions = {}): ReadResult {
  const max = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  let fd: number | undefined;
  try {
    const early = judge(statSync(file), max) ?? outsideCheck(file, options.within);
    if (early) return early;
    fd = openSync(file, OPEN_FLAGS);
    const st = fstatSync(fd);
    const late = judge(st, max);
    if (late) return late;
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(chunkSize(st.size, total, max));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      total += n;
      if (total > max) return tooLarge(undefined, max);
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
      // A regular file that gave the size stat promised and left room unread has ended: no read more to see it.
      // (Not one stat calls empty: /proc files give a page at a time.)
      if (st.size > 0 && total === st.size && n < chunk.length) break;
    }
    return { ok: true, ...decodeText(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total)) };
  } catch (e) {
    return errorOf(e);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The same, off the main thread's back: each step is one short call on Node's file threads. */
export async function readText(file: string, options: ReadOptions = {}): Promise<ReadResult> {
  const max = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  let handle: fs.FileHandle | undefined;
  try {
    const early = judge(await fs.stat(file), max);
    if (early) return early;
    if (options.within) {
      const real = await fs.realpath(file);
      if (!inside(real, options.within)) return fail('outside', 'The file is outside the workspace (or a link to a file outside it): not read.');
    }
    handle = await fs.open(file, OPEN_FLAGS);
    const st = await handle.stat();
    const late = judge(st, max);
    if (late) return late;
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(chunkSize(st.size, total, max));
      const { bytesRead: n } = await handle.read(chunk, 0, chunk.length, null);
      if (n === 0) break;
      total += n;
      if (total > max) return tooLarge(undefined, max);
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
    }
    return { ok: true, ...decodeText(Buffer.concat(chunks, total)) };
  } catch (e) {
    return errorOf(e);
  } finally {
    await handle?.close();
  }
}
