/**
 * The rule of test/needs.ts: outside CI a test that cannot install what it needs says why and skips; in CI it fails.
 * Shown on the helper, then on a real consumer (the Neovim test) run where Neovim is absent and apt-get fails as it
 * does for a user who is not root.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as esbuild from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import { after, before, describe, it } from 'node:test';
import { tmpdir } from 'os';
import { join } from 'path';
import { inCI, Needs } from '../needs';

const ROOT = join(__dirname, '../../..');

function fakeTest() {
  const calls: string[] = [];
  return { calls, t: { skip: (m?: string) => void calls.push(`skip: ${m}`), diagnostic: (m: string) => void calls.push(`diagnostic: ${m}`) } };
}

const missing = () => {
  throw new Error('apt-get update failed (it needs root and the network)');
};

describe('test/needs.ts', () => {
  it('reads CI as CI services set it', () => {
    for (const v of ['true', '1', 'TRUE', 'yes']) assert.strictEqual(inCI({ CI: v }), true, v);
    for (const v of [undefined, '', 'false', '0', ' False ']) assert.strictEqual(inCI({ CI: v }), false, String(v));
  });

  it('outside CI: a failed install is kept as the reason, and the test skips saying it', () => {
    const needs = new Needs({});
    assert.strictEqual(needs.get('Neovim', missing), undefined);
    assert.strictEqual(needs.reason, 'Neovim is needed and could not be installed: apt-get update failed (it needs root and the network)');
    const { calls, t } = fakeTest();
    assert.strictEqual(needs.skip(t), true);
    assert.deepStrictEqual(calls, [`diagnostic: SKIPPED: ${needs.reason}`, `skip: ${needs.reason}`]);
  });

  it('in CI: the same failure is thrown, naming what was needed', () => {
    const needs = new Needs({ CI: 'true' });
    assert.throws(() => needs.get('Neovim', missing), {
      message: 'Neovim is needed and could not be installed: apt-get update failed (it needs root and the network) (in CI this is a failure, not a skip)',
    });
  });

  it('when the install works: its value, no reason, no skip (in CI or not)', () => {
    for (const env of [{}, { CI: 'true' }]) {
      const needs = new Needs(env);
      assert.strictEqual(needs.get('Chromium', () => '/usr/bin/chromium'), '/usr/bin/chromium');
      assert.strictEqual(needs.reason, undefined);
      const { calls, t } = fakeTest();
      assert.strictEqual(needs.skip(t), false);
      assert.deepStrictEqual(calls, []);
    }
  });
});

describe('the Neovim test where Neovim cannot be installed (no nvim on PATH, an apt-get that fails as for a non-root user)', () => {
  let dir: string;
  let compiled: string;
  const run = (ci: boolean) => {
    const env: NodeJS.ProcessEnv = { HOME: process.env.HOME, PATH: join(dir, 'bin') };
    if (ci) env.CI = 'true';
    return spawnSync(process.execPath, ['--test', compiled], { encoding: 'utf8', env, timeout: 120_000 });
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kart-needs-'));
    // A PATH holding only a shell (test/nvim/ensureNeovim.ts asks `sh -c command -v`) and an apt-get that refuses.
    mkdirSync(join(dir, 'bin'));
    symlinkSync('/bin/sh', join(dir, 'bin', 'sh'));
    writeFileSync(join(dir, 'bin', 'apt-get'), '#!/bin/sh\necho "E: Could not open lock file /var/lib/apt/lists/lock - open (13: Permission denied)" >&2\nexit 100\n', { mode: 0o755 });
    compiled = join(dir, 'neovim.test.js');
    await esbuild.build({ entryPoints: [join(ROOT, 'test/nvim/neovim.test.ts')], outfile: compiled, bundle: true, platform: 'node', format: 'cjs', logLevel: 'warning' });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('outside CI: skips, and says why', () => {
    const r = run(false);
    assert.strictEqual(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /# SKIP Neovim is needed and could not be installed: apt-get update failed \(it needs root and the network\): E: Could not open lock file/);
    assert.match(r.stdout, /^# skipped 1$/m);
  });

  it('in CI: fails, and says why', () => {
    const r = run(true);
    assert.notStrictEqual(r.status, 0);
    assert.match(r.stdout, /Neovim is needed and could not be installed: apt-get update failed \(it needs root and the network\): E: Could not open lock file .* \(in CI this is a failure, not a skip\)/);
    assert.match(r.stdout, /^# fail 1$/m);
  });
});
