/**
 * scripts/test.mjs fails a run that leaves files in the work tree: what it compares, shown on a scratch git
 * repository (a new file, a rewritten tracked file, a file rewritten that was already modified, an ignored file).
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { after, before, describe, it } from 'node:test';
import { tmpdir } from 'os';
import { join } from 'path';
import { pathToFileURL } from 'url';

type TreeState = typeof import('../../scripts/treeState.mjs');

describe('the work-tree check of scripts/test.mjs', () => {
  let t: TreeState;
  let dir: string;
  const git = (...args: string[]) => assert.strictEqual(spawnSync('git', args, { cwd: dir, encoding: 'utf8' }).status, 0, args.join(' '));

  before(async () => {
    t = await import(pathToFileURL(join(__dirname, '../../..', 'scripts/treeState.mjs')).href);
    dir = mkdtempSync(join(tmpdir(), 'kart-tree-'));
    git('init', '-q');
    writeFileSync(join(dir, '.gitignore'), 'dist/\n');
    writeFileSync(join(dir, 'a.md'), 'a\n');
    writeFileSync(join(dir, 'b.md'), 'b\n');
    git('add', '.');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.org', 'commit', '-qm', 'init');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('sees nothing when the run changed nothing, even with edits made before it', () => {
    writeFileSync(join(dir, 'b.md'), 'edited before the run\n');
    const before = t.treeState(dir)!;
    assert.deepStrictEqual(t.leftovers(before, t.treeState(dir)!), []);
  });

  it('names a new file, a changed tracked file and a rewrite of an already edited one, not an ignored file', () => {
    const before = t.treeState(dir)!;
    writeFileSync(join(dir, 'new.txt'), 'left by a test\n');
    writeFileSync(join(dir, 'a.md'), 'rewritten by a test\n');
    writeFileSync(join(dir, 'b.md'), 'rewritten again by a test\n');
    mkdirSync(join(dir, 'dist'), { recursive: true });
    writeFileSync(join(dir, 'dist', 'bundle.js'), '');
    assert.deepStrictEqual(t.leftovers(before, t.treeState(dir)!).sort(), [' M a.md', ' M b.md', '?? new.txt']);
  });

  it('says nothing outside a git work tree', () => {
    const plain = mkdtempSync(join(tmpdir(), 'kart-notree-'));
    try {
      assert.strictEqual(t.treeState(plain), undefined);
    } finally {
      rmSync(plain, { recursive: true, force: true });
    }
  });
});
