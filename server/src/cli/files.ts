import { promises as fs } from 'fs';
import * as path from 'path';
import picomatch from 'picomatch';
import { CONFIG_FILE } from '../config';
import { GitIgnore } from './gitignore';

const SKIP = new Set(['node_modules', '.git']);

/** A path as kart prints it: relative to `cwd`, with forward slashes; `cwd` itself by its name. */
export function rel(p: string, cwd: string): string {
  const r = path.relative(cwd, p);
  return (r === '' ? path.basename(p) : r).split(path.sep).join('/');
}

/**
 * The folder whose kart.config.json applies: the nearest one up from `start` holding it, else `start`. The search
 * stops at the repository (the folder holding .git): a shared folder above it (/tmp, a parent another user can write
 * to) could hold a configuration, and with it a node_modules or an extra schema, that nobody in the repository chose.
 * Without a repository, a configuration above `start` is taken only from a file of the user running kart.
 * @param notes receives a sentence for each configuration passed over
 */
export async function findRoot(start: string, notes?: string[]): Promise<string> {
  const first = path.resolve(start);
  const repo = await repositoryOf(first);
  const me = typeof process.getuid === 'function' ? process.getuid() : undefined;
  let dir = first;
  for (;;) {
    const file = path.join(dir, CONFIG_FILE);
    const st = await fs.stat(file).catch(() => undefined);
    if (st) {
      if (repo !== undefined || dir === first || me === undefined || st.uid === me) return dir;
      notes?.push(`${file} is not used: it belongs to another user, in a folder above this one and outside any repository.`);
    }
    if (dir === repo) return first;
    const up = path.dirname(dir);
    if (up === dir) return first;
    dir = up;
  }
}

/** The nearest folder up from `dir` that holds .git (a folder, or the file of a worktree or submodule). */
async function repositoryOf(dir: string): Promise<string | undefined> {
  for (;;) {
    if (await fs.stat(path.join(dir, '.git')).catch(() => undefined)) return dir;
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

export interface Listed {
  /** Markdown files found, absolute. */
  files: string[];
  /** Files named on the command line: checked whatever include says. */
  explicit: Set<string>;
  /** Paths that do not exist or cannot be read, and globs that match no file. */
  missing: { path: string; message: string }[];
  /** Paths named on the command line that .gitignore leaves out: not checked (as ESLint skips an ignored file named). */
  ignored: string[];
}

export interface ListOptions {
  /** The folder relative paths and globs are read from. */
  cwd?: string;
  /** Honour .gitignore files (default: yes). */
  gitignore?: boolean;
}

const isMarkdown = (name: string) => /\.(md|markdown)$/i.test(name);

/**
 * The Markdown files under `paths`: files, folders, or globs (`content/**\/*.md`, quoted so that kart expands them,
 * `**` included; a path that exists as written is taken literally). Folders are walked in name order, skipping
 * node_modules, .git and what .gitignore leaves out.
 */
export async function listMarkdown(paths: string[], o: ListOptions = {}): Promise<Listed> {
  const cwd = path.resolve(o.cwd ?? '.');
  const gitignore = o.gitignore === false ? undefined : new GitIgnore(cwd);
  const files: string[] = [];
  const explicit = new Set<string>();
  const missing: Listed['missing'] = [];
  const ignored: string[] = [];
  const walk = async (dir: string, keep: (file: string) => boolean = () => true) => {
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
      if (gitignore?.ignoresEntry(p, e.isDirectory())) continue;
      if (e.isDirectory()) await walk(p, keep);
      else if (isMarkdown(e.name) && keep(p)) files.push(p);
    }
  };
  for (const p of paths) {
    const abs = path.resolve(cwd, p);
    let stat;
    try {
      stat = await fs.stat(abs);
    } catch (e) {
      const scan = picomatch.scan(p.split(path.sep).join('/'));
      if (scan.isGlob) {
        const before = files.length;
        const base = path.resolve(cwd, scan.base || '.');
        const match = picomatch(scan.glob, { dot: false });
        if (!gitignore?.ignores(base, true)) await walk(base, (file) => match(path.relative(base, file).split(path.sep).join('/')));
        if (files.length === before) missing.push({ path: abs, message: 'no Markdown file matches this pattern' });
        continue;
      }
      missing.push({ path: abs, message: `no such file or folder` });
      continue;
    }
    if (gitignore?.ignores(abs, stat.isDirectory())) {
      ignored.push(abs);
      continue;
    }
    if (stat.isDirectory()) await walk(abs);
    else {
      files.push(abs);
      explicit.add(abs);
    }
  }
  return { files: [...new Set(files)], explicit, missing, ignored };
}
