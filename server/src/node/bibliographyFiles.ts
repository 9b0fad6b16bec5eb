import type { CancellationToken } from '../core/types';
import { isBibliographyFile } from '../model/workspaceBibliography';
import { toPath, toUri, walkFiles } from './fsWorkspace';

const SKIP = new Set(['node_modules', '.git', 'out', 'dist']);
const MAX_FILES = 200;

/**
 * The bibliography files under a root: regular files only (links, devices and pipes are passed over), not in
 * node_modules, build output or dot folders, at most MAX_FILES.
 */
export async function findBibliographyFiles(root: string, token: CancellationToken): Promise<string[]> {
  if (!root.startsWith('file:')) return [];
  const skip = (name: string) => SKIP.has(name) || name.startsWith('.');
  const files = await walkFiles(toPath(root), { skip, take: (e) => e.isFile() && isBibliographyFile(e.name), max: MAX_FILES }, token);
  return files.map(toUri);
}
