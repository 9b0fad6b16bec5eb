/**
 * Writing a file kart makes (a report, a SARIF log, a configuration) where a repository may have put a trap: a
 * committed symbolic link named like the report, or a linked folder on the way to it. The file is written through a
 * temporary file beside it and a rename, so that what the path named before (a link, another name of a hard-linked
 * file) is replaced, never written through; a link on the way is refused. A terminal or a pipe named on purpose
 * (`--output /dev/stdout`) is written to as it is.
 */
import { constants, promises as fs } from 'fs';
import * as path from 'path';

/** A write kart refused, with the reason in words. */
export class RefusedWrite extends Error {}

function isInside(dir: string, p: string): boolean {
  const r = path.relative(dir, p);
  return r !== '' && !r.startsWith('..') && !path.isAbsolute(r);
}

async function lstatOrUndefined(p: string) {
  try {
    return await fs.lstat(p);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/**
 * The folders between `base` (the folder kart runs in, which the user chose) and the file must not be symbolic links:
 * a repository can commit `reports -> /elsewhere` and have `--output reports/x.txt` write outside it. Folders above
 * `base`, and paths outside it, are the user's own.
 */
async function refuseLinkedFolders(file: string, base: string): Promise<void> {
  const dir = path.dirname(file);
  if (!isInside(base, dir)) return;
  let at = base;
  for (const part of path.relative(base, dir).split(path.sep)) {
    at = path.join(at, part);
    const st = await lstatOrUndefined(at);
    if (!st) return;
    if (st.isSymbolicLink()) throw new RefusedWrite(`the folder ${path.relative(base, at)} is a symbolic link (to ${await fs.readlink(at)}); kart does not write through it`);
  }
}

/**
 * Writes `text` (a string, or pieces written one after another) as the file `file`: never through a symbolic link or a linked folder under `base`, never into the
 * file a link names. Throws RefusedWrite with the reason when it will not.
 */
export async function writeNewFile(file: string, text: string | Iterable<string>, base: string): Promise<void> {
  await refuseLinkedFolders(file, base);
  const st = await lstatOrUndefined(file);
  if (st?.isSymbolicLink()) {
    // `--output /dev/stdout` is a link to the terminal or the pipe: writing there is what was asked.
    const to = await fs.stat(file).catch(() => undefined);
    if (!to || !(to.isCharacterDevice() || to.isFIFO())) throw new RefusedWrite(`it is a symbolic link (to ${await fs.readlink(file)}); kart does not write through it: remove the link or name another file`);
  }
  if (st && (st.isSymbolicLink() || st.isCharacterDevice() || st.isFIFO())) {
    await fs.writeFile(file, text);
    return;
  }
  if (st?.isDirectory()) throw new RefusedWrite('it is a folder');
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.kart-${process.pid}-${Math.random().toString(36).slice(2)}.tmp`);
  try {
    // O_EXCL: the temporary name cannot be a link planted in advance.
    const h = await fs.open(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o666);
    try {
      if (typeof text === 'string') await h.writeFile(text);
      // writeFile writes each piece whole, from where the last ended.
      else for (const piece of text) await h.writeFile(piece);
    } finally {
      await h.close();
    }
    await fs.rename(tmp, file);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  }
}
