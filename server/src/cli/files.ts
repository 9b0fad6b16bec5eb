import { promises as fs } from 'fs';
import * as path from 'path';
import { CONFIG_FILE } from '../config';

const SKIP = new Set(['node_modules', '.git']);

/** A path as kart prints it: relative to `cwd`, with forward slashes; `cwd` itself by its name. */
export function rel(p: string, cwd: string): string {
  const r = path.relative(cwd, p);
  return (r === '' ? path.basename(p) : r).split(path.sep).join('/');
}

/** The folder whose kart.config.json applies: the nearest one up from `start` holding it, else `start`. */
export async function findRoot(start: string): Promise<string> {
  let dir = path.resolve(start);
  for (;;) {
    try {
      await fs.access(path.join(dir, CONFIG_FILE));
      return dir;
    } catch {
      const up = path.dirname(dir);
      if (up === dir) return path.resolve(start);
      dir = up;
    }
  }
}

export interface Listed {
  /** Markdown files found, absolute. */
  files: string[];
  /** Files named on the command line: checked whatever include says. */
  explicit: Set<string>;
  /** Paths that do not exist or cannot be read. */
  missing: { path: string; message: string }[];
}

export async function listMarkdown(paths: string[]): Promise<Listed> {
  const files: string[] = [];
  const explicit = new Set<string>();
  const missing: Listed['missing'] = [];
  const walk = async (dir: string) => {
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (e) {
      missing.push({ path: dir, message: `cannot read the folder (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (SKIP.has(e.name)) continue;
      const p = path.join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      else if (/\.(md|markdown)$/i.test(e.name)) files.push(p);
    }
  };
  for (const p of paths) {
    const abs = path.resolve(p);
    let stat;
    try {
      stat = await fs.stat(abs);
    } catch (e) {
      missing.push({ path: abs, message: `no such file or folder` });
      continue;
    }
    if (stat.isDirectory()) await walk(abs);
    else {
      files.push(abs);
      explicit.add(abs);
    }
  }
  return { files: [...new Set(files)], explicit, missing };
}
