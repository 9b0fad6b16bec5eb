// What a test run may not do: leave files in the work tree. scripts/test.mjs takes git's view of the tree before and
// after the run and fails on what the run added or changed (ignored folders such as dist/ and test-results/ excepted).
import { spawnSync } from 'child_process';
import { createHash } from 'crypto';
import { existsSync, readFileSync, statSync } from 'fs';
import { join } from 'path';

/**
 * The tree's changes as git sees them, each with a hash of the file's content (so that a test rewriting a file that
 * was already modified is seen too); undefined outside a git work tree or without git.
 */
export function treeState(root) {
  const r = spawnSync('git', ['status', '--porcelain=v1', '-z', '--untracked-files=all'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) return undefined;
  const state = new Map();
  for (const entry of r.stdout.split('\0').filter(Boolean)) {
    const path = entry.slice(3);
    const file = join(root, path);
    const hash = existsSync(file) && statSync(file).isFile() ? createHash('sha1').update(readFileSync(file)).digest('hex') : '-';
    state.set(path, `${entry.slice(0, 2)} ${hash}`);
  }
  return state;
}

/** The paths whose state after the run differs from before it, as `XY path` lines of git status. */
export function leftovers(before, after) {
  return [...after].filter(([path, s]) => before.get(path) !== s).map(([path, s]) => `${s.slice(0, 2)} ${path}`);
}
