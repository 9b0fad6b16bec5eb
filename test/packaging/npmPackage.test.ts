/**
 * The npm package, as a project using kart in CI gets it: `npm pack` (its prepack script builds dist/kart.js), the
 * tarball installed as a dev dependency of a fresh project, and that project's `kart` run on its articles.
 */
import * as assert from 'assert';
import { spawnSync, type SpawnSyncReturns } from 'child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { after, before, describe, it } from 'node:test';
import { tmpdir } from 'os';
import { join } from 'path';
import { Needs } from '../needs';

const ROOT = join(__dirname, '../../..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

/** The outer `npm test` exports npm_* settings that a nested npm would take for its own: start clean. */
function npmEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
}

function npm(args: string[], cwd: string): SpawnSyncReturns<string> {
  return spawnSync('npm', args, { cwd, encoding: 'utf8', env: npmEnv(), timeout: 5 * 60_000 });
}

/** npm's own codes for a registry it cannot reach. */
const OFFLINE = /\b(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|ERR_SOCKET_TIMEOUT)\b/;

describe('the npm package', () => {
  let dir: string;
  let tarball: string;
  let packed: string[];
  const needs = new Needs();

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'kart-npm-'));
    const r = npm(['pack', '--json', '--pack-destination', dir], ROOT);
    assert.strictEqual(r.status, 0, `npm pack failed:\n${r.stderr}`);
    const [info] = JSON.parse(r.stdout.slice(r.stdout.indexOf('['))) as { filename: string; files: { path: string }[] }[];
    tarball = join(dir, info.filename);
    packed = info.files.map((f) => f.path).sort();
  });

  after(() => {
    rmSync(dir, { recursive: true, force: true });
    // prepack left a production build in dist/: put the development build (with source maps) back.
    spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'inherit' });
  });

  it('holds the command line, its schemas, licence and third-party notices, and nothing else (no tests, no images)', () => {
    assert.deepStrictEqual(packed, [
      'CHANGELOG.md',
      'LICENSE',
      'README.md',
      'THIRD-PARTY-NOTICES.md',
      'bin/kart.js',
      'dist/kart.js',
      'package.json',
      'schemas/article.schema.json',
      'schemas/kart-config.schema.json',
    ]);
    assert.deepStrictEqual(manifest.bin, { kart: './bin/kart.js' });
    assert.match(manifest.engines.node, /^>=\d+$/);
  });

  it('tells an unreachable registry from a failed install (the one a skip outside CI, the other always a failure)', () => {
    const project = join(dir, 'offline');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), '{"name":"offline","version":"1.0.0","private":true}\n');
    // A registry that refuses every connection, and a package that is not in npm's cache.
    const env = { ...npmEnv(), npm_config_registry: 'http://127.0.0.1:9/', npm_config_fetch_retries: '0', npm_config_cache: join(dir, 'empty-cache') };
    const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', 'left-pad@1.3.0'], { cwd: project, encoding: 'utf8', env, timeout: 120_000 });
    assert.notStrictEqual(r.status, 0);
    assert.match(r.stderr, OFFLINE);
    assert.doesNotMatch('npm error code ETARGET\nnpm error notarget No matching version found for left-pad@99.0.0.', OFFLINE);
  });

  it('installed as a dev dependency of another project, runs `kart check` there (node_modules/.bin/kart and npx)', { timeout: 10 * 60_000 }, (t) => {
    const project = join(dir, 'articles');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'my-articles', version: '1.0.0', private: true }, null, 2) + '\n');
    // Its dependencies (if any) come from the registry: unreachable outside CI is a skip, in CI a failure.
    needs.get('the npm registry', () => {
      const r = npm(['install', '--save-dev', '--no-audit', '--no-fund', tarball], project);
      if (r.status !== 0 && OFFLINE.test(r.stderr)) throw new Error(r.stderr.trim().split('\n').slice(-3).join(' '));
      assert.strictEqual(r.status, 0, `npm install of the tarball failed:\n${r.stderr}`);
    });
    if (needs.skip(t)) return;
    const projectManifest = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8'));
    assert.match(projectManifest.devDependencies[manifest.name], /^file:.*\.tgz$/);

    cpSync(join(ROOT, 'test/corpus/anchorfact/arts'), join(project, 'arts'), { recursive: true });
    writeFileSync(join(project, 'arts', 'broken.md'), '---\nid: broken\ntitle: Broken\natomic_facts: []\n---\nText [@nope].\n');
    const bin = join(project, 'node_modules/.bin/kart');
    const installed = spawnSync(bin, ['check', '--no-cache'], { cwd: project, encoding: 'utf8' });
    // The same report as this checkout's own kart gives on the same folder.
    const fromCheckout = spawnSync(process.execPath, [join(ROOT, 'bin/kart.js'), 'check', '--no-cache'], { cwd: project, encoding: 'utf8' });
    assert.strictEqual(installed.status, 1, installed.stderr);
    assert.match(installed.stdout, /^arts\/broken\.md:6:8 error citation-unknown-fact No fact "nope" in this article\.$/m);
    assert.match(installed.stdout, /^\d+ files? checked: /m);
    assert.strictEqual(installed.stdout, fromCheckout.stdout);

    // As the README and docs/ci.md say to run it: npx finds the installed kart (the registry's `kart`, an unrelated
    // package at another version, would fail the version check).
    const version = spawnSync('npx', ['kart', '--version'], { cwd: project, encoding: 'utf8', env: npmEnv() });
    assert.strictEqual(version.status, 0, version.stderr);
    assert.strictEqual(version.stdout.trim(), manifest.version);
    const help = spawnSync('npx', ['kart', '--help'], { cwd: project, encoding: 'utf8', env: npmEnv() });
    assert.strictEqual(help.status, 0, help.stderr);
    assert.match(help.stdout, /kart check/);
  });
});
