import { promises as fs, type Dirent } from 'fs';
import * as path from 'path';
import { pathToFileURL, fileURLToPath } from 'url';
import type { CancellationToken } from '../core/types';
import type { ReadFileOptions, Workspace } from '../service';
import { DEFAULT_MAX_FILE_BYTES, readText, readTextSync, type ReadFailure, type ReadResult } from './safeRead';

const SKIP = new Set(['node_modules', '.git']);

/** An absolute POSIX path that resolving leaves as it is and a file URL spells as it is: no dot segment, no `//`. */
const PLAIN_PATH = /^(?:\/(?!\.{1,2}(?:\/|$))[A-Za-z0-9._-]+)+$/;

export function toUri(p: string): string {
  // The common case without building a URL: a base of 20,000 files asks for each file's uri several times.
  if (path.sep === '/' && PLAIN_PATH.test(p)) return `file://${p}`;
  return pathToFileURL(path.resolve(p)).href;
}

export function toPath(uri: string): string {
  return uri.startsWith('file:') ? fileURLToPath(uri) : uri;
}

export interface WalkOptions {
  /** Entries (files or folders) passed over by name. */
  skip: (name: string) => boolean;
  /** The files to list. */
  take: (entry: Dirent) => boolean;
  /** At most this many files: the walk stops there. */
  max?: number;
}

/** The paths of the files under `dir`, folder by folder; an unreadable folder is passed over. */
export async function walkFiles(dir: string, o: WalkOptions, token: CancellationToken): Promise<string[]> {
  const out: string[] = [];
  const max = o.max ?? Infinity;
  const walk = async (dir: string) => {
    if (token.isCancellationRequested || out.length >= max) return;
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (o.skip(e.name)) continue;
      const p = path.join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      else if (o.take(e)) out.push(p);
    }
  };
  await walk(dir);
  return out.slice(0, max);
}

/** The workspace on disk, for the CLI and the language server process. */
export class FsWorkspace implements Workspace {
  roots: string[];
  /** The cap on a file read (maxFileBytes of kart.config.json once it is loaded). */
  maxBytes = DEFAULT_MAX_FILE_BYTES;
  /** Why the last read of a file failed, until one succeeds. */
  private readonly failures = new Map<string, ReadFailure>();

  constructor(roots: string[]) {
    this.roots = roots.map((r) => toUri(r).replace(/\/$/, ''));
  }

  private settle(uri: string, r: ReadResult): string | undefined {
    if (r.ok) {
      this.failures.delete(uri);
      return r.text;
    }
    this.failures.set(uri, { kind: r.kind, message: r.message });
    return undefined;
  }

  private optionsFor(options: ReadFileOptions | undefined) {
    return { maxBytes: this.maxBytes, within: options?.confined ? this.roots.map(toPath) : undefined };
  }

  async readFile(uri: string, options?: ReadFileOptions): Promise<string | undefined> {
    return this.settle(uri, await readText(toPath(uri), this.optionsFor(options)));
  }

  /** The same, for the features that ask for other files while they compute. */
  readFileSync(uri: string, options?: ReadFileOptions): string | undefined {
    return this.settle(uri, readTextSync(toPath(uri), this.optionsFor(options)));
  }

  whyUnreadable(uri: string): ReadFailure | undefined {
    return this.failures.get(uri);
  }

  async exists(uri: string): Promise<boolean> {
    try {
      await fs.access(toPath(uri));
      return true;
    } catch {
      return false;
    }
  }

  async listFiles(root: string, token: CancellationToken): Promise<string[]> {
    const files = await walkFiles(toPath(root), { skip: (name) => SKIP.has(name), take: (e) => e.name.endsWith('.md') || e.name.endsWith('.markdown') }, token);
    return files.map(toUri);
  }
}
