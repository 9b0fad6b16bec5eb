/** Where `--output FILE` goes: the report of `kart check`, `kart verify` and `kart merge-sarif`. */
import * as path from 'path';
import { RefusedWrite, writeNewFile } from '../node/safeWrite';
import { visible, visibleText } from './escape';

/**
 * `--output FILE`: never through a symbolic link or a linked folder; control characters escaped as on a terminal
 * (JSON keeps its values). False, with the reason said, when the file is not written.
 */
export async function writeOutput(outFile: string, output: string | Iterable<string>, cwd: string, io: { err: (s: string) => void }): Promise<boolean> {
  try {
    // A report given as lines a slice at a time is written so, never as one string.
    const text = typeof output === 'string' ? visibleText(output) + '\n' : mapLines(output);
    await writeNewFile(path.resolve(cwd, outFile), text, cwd);
    return true;
  } catch (e) {
    io.err(visible(`kart: ${outFile}: not written: ${e instanceof RefusedWrite ? e.message : `cannot be written (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`}`));
    return false;
  }
}

function* mapLines(pieces: Iterable<string>): Generator<string> {
  for (const p of pieces) yield visibleText(p) + '\n';
}

/**
 * A report's pieces to `--output FILE` (the summary line then said on stderr) or to stdout. False, with the reason
 * said, when the file is not written.
 */
export async function sendReport(pieces: Iterable<string>, outFile: string | undefined, summary: string, cwd: string, io: { out: (s: string) => void; err: (s: string) => void }): Promise<boolean> {
  if (outFile === undefined) {
    for (const piece of pieces) io.out(piece);
    return true;
  }
  if (!(await writeOutput(outFile, pieces, cwd, io))) return false;
  io.err(summary);
  return true;
}
