import { promises as fs } from 'fs';
import * as path from 'path';
import { pathToFileURL, fileURLToPath } from 'url';
import type { CancellationToken } from '../core/types';
import type { Workspace } from '../service';

const SKIP = new Set(['node_modules', '.git']);

export function toUri(p: string): string {
  return pathToFileURL(path.resolve(p)).href;
}

export function toPath(uri: string): string {
  return uri.startsWith('file:') ? fileURLToPath(uri) : uri;
}

/** The workspace on disk, for the CLI and the language server process. */
export class FsWorkspace implements Workspace {
  readonly roots: string[];

  constructor(roots: string[]) {
    this.roots = roots.map((r) => toUri(r).replace(/\/$/, ''));
  }

  async readFile(uri: string): Promise<string | undefined> {
    try {
      const buf = await fs.readFile(toPath(uri));
      return buf.toString('utf8');
    } catch {
      return undefined;
    }
  }

  async listFiles(root: string, token: CancellationToken): Promise<string[]> {
    const out: string[] = [];
    const walk = async (dir: string) => {
      if (token.isCancellationRequested) return;
      let entries;
      try {
        entries = await fs.readdir(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries) {
        if (SKIP.has(e.name)) continue;
        const p = path.join(dir, e.name);
        if (e.isDirectory()) await walk(p);
        else if (e.name.endsWith('.md') || e.name.endsWith('.markdown')) out.push(toUri(p));
      }
    };
    await walk(toPath(root));
    return out;
  }
}
