/**
 * What `.gitignore` files leave out, as git reads them: each file's patterns are relative to its folder, a deeper
 * file overrides a shallower one (`!keep.md` re-includes), and nothing below an ignored folder comes back. The files
 * read are those from the top of the git work tree (the nearest folder holding `.git`), or from the folder kart
 * runs in outside one, down to each path. `.git/info/exclude` and the global excludes file are not read.
 */
import { existsSync } from 'fs';
import ignore, { type Ignore } from 'ignore';
import * as path from 'path';
import { readTextSync } from '../node/safeRead';

/** The nearest folder at or above `start` holding `.git`, if any. */
export function gitTop(start: string): string | undefined {
  let dir = path.resolve(start);
  for (;;) {
    if (existsSync(path.join(dir, '.git'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

export class GitIgnore {
  private readonly rules = new Map<string, Ignore | null>();
  private readonly top: string;

  constructor(cwd: string) {
    this.top = gitTop(cwd) ?? path.resolve(cwd);
  }

  /** The patterns of `dir/.gitignore`, or null when there is none (or it cannot be read). */
  private rulesOf(dir: string): Ignore | null {
    let r = this.rules.get(dir);
    if (r === undefined) {
      // A .gitignore that is a FIFO or a link to /dev/zero would hang or flood the walk: regular files only.
      const read = readTextSync(path.join(dir, '.gitignore'));
      r = read.ok ? ignore().add(read.text) : null;
      this.rules.set(dir, r);
    }
    return r;
  }

  /** The folders whose .gitignore applies to `p`: from the top down to p's folder (just p's folder when p is outside). */
  private foldersOver(p: string): string[] {
    const rel = path.relative(this.top, path.dirname(p));
    if (rel.startsWith('..') || path.isAbsolute(rel)) return [path.dirname(p)];
    const out = [this.top];
    if (rel) for (const part of rel.split(path.sep)) out.push(path.join(out[out.length - 1], part));
    return out;
  }

  /** Whether `p` itself is ignored, its folders aside (the walk never enters an ignored folder). */
  ignoresEntry(p: string, isDir: boolean): boolean {
    const folders = this.foldersOver(p);
    // The deepest .gitignore with an opinion decides.
    for (let i = folders.length - 1; i >= 0; i--) {
      const r = this.rulesOf(folders[i]);
      if (!r) continue;
      const rel = path.relative(folders[i], p).split(path.sep).join('/') + (isDir ? '/' : '');
      const t = r.test(rel);
      if (t.ignored) return true;
      if (t.unignored) return false;
    }
    return false;
  }

  /** Whether `p` or a folder it is in (below the top) is ignored: for a path named on the command line. */
  ignores(p: string, isDir: boolean): boolean {
    const abs = path.resolve(p);
    if (abs === this.top) return false;
    if (this.ignoresEntry(abs, isDir)) return true;
    const rel = path.relative(this.top, abs);
    if (rel.startsWith('..') || path.isAbsolute(rel)) return false;
    const parts = rel.split(path.sep);
    let dir = this.top;
    for (const part of parts.slice(0, -1)) {
      dir = path.join(dir, part);
      if (this.ignoresEntry(dir, true)) return true;
    }
    return false;
  }
}
