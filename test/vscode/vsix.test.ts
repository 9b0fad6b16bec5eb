// The packaged extension, as a user gets it: `npm run package` builds the .vsix, code-server installs it into a
// fresh extensions folder (`--install-extension`), and the activation and diagnostics suites run against that
// installed copy, with no development path pointing back at the checkout.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'fs';
import { dirname, join, resolve } from 'path';
import { pathToFileURL } from 'url';
import type { Browser } from 'playwright-core';
import { Needs } from '../needs';

type Harness = typeof import('./harness.mjs');

const ROOT = resolve(__dirname, '../../..');
const RESULTS = join(ROOT, 'test-results');

/** The .vsix `npm run package` made: the path vsce prints, else the newest .vsix at the root. */
function packagedVsix(output: string, startedAt: number): string | undefined {
  const printed = /Packaged: (.+?\.vsix)/.exec(output)?.[1];
  if (printed) return resolve(ROOT, printed.trim());
  const made = readdirSync(ROOT)
    .filter((f) => f.endsWith('.vsix'))
    .map((f) => join(ROOT, f))
    .filter((f) => statSync(f).mtimeMs >= startedAt - 1000)
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  return made[0];
}

describe('the packaged .vsix installed into code-server', () => {
  let h: Harness;
  let install: ReturnType<Harness['ensureCodeServer']> | undefined;
  const needs = new Needs();
  let browser: Browser | undefined;
  let server: Awaited<ReturnType<Harness['startCodeServer']>> | undefined;
  let tmp: { dir: string; remove(): void } | undefined;
  let suitePath = '';

  before(async () => {
    h = await import(pathToFileURL(join(ROOT, 'test/vscode/harness.mjs')).href);
    // Outside CI a code-server that cannot be installed skips this test, saying why; in CI it fails (test/needs.ts).
    install = needs.get('code-server (scripts/ensure-code-server.sh)', () => h.ensureCodeServer(ROOT));
    tmp = h.scratch('kart-vsix-');
    mkdirSync(RESULTS, { recursive: true });
  });

  after(async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    tmp?.remove();
    if (suitePath) rmSync(dirname(suitePath), { recursive: true, force: true });
    // `npm run package` left a production build in dist/: put the development build (with source maps) back.
    spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'inherit' });
  });

  it('npm run package builds it, code-server installs it, and it activates and diagnoses an article', { timeout: 10 * 60_000 }, async (t) => {
    if (needs.skip(t)) return;
    assert.ok(install, 'code-server is installed (needs.get threw or skipped otherwise)');
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    assert.ok(pkg.scripts?.package, 'package.json has no "package" script: `npm run package` cannot build the .vsix');
    const startedAt = Date.now();
    const built = spawnSync('npm', ['run', 'package'], { cwd: ROOT, encoding: 'utf8', timeout: 5 * 60_000 });
    const output = `${built.stdout}\n${built.stderr}`;
    assert.equal(built.status, 0, `npm run package failed:\n${output}`);
    const vsix = packagedVsix(output, startedAt);
    assert.ok(vsix && existsSync(vsix), `no .vsix found after npm run package:\n${output}`);
    process.stderr.write(`packaged ${vsix} (${(statSync(vsix!).size / 1024).toFixed(0)} KiB) in ${((Date.now() - startedAt) / 1000).toFixed(1)} s\n`);

    const extensionsDir = join(tmp!.dir, 'extensions');
    const userData = join(tmp!.dir, 'data', 'user');
    const installed = h.codeServerCli(install, ['--install-extension', vsix!, '--extensions-dir', extensionsDir, '--user-data-dir', userData, '--force']);
    assert.equal(installed.status, 0, `--install-extension failed:\n${installed.stdout}\n${installed.stderr}`);
    const listed = h.codeServerCli(install, ['--list-extensions', '--show-versions', '--extensions-dir', extensionsDir, '--user-data-dir', userData]);
    assert.match(listed.stdout, new RegExp(`^knowledge-articles\\.knowledge-articles@${pkg.version.replace(/\./g, '\\.')}$`, 'm'), listed.stdout);
    const folderName = readdirSync(extensionsDir).find((f) => f.startsWith('knowledge-articles.knowledge-articles-'));
    assert.ok(folderName, `nothing installed in ${extensionsDir}: ${readdirSync(extensionsDir).join(', ')}`);
    const installedPath = join(extensionsDir, folderName!);

    suitePath = (
      await h.bundleSuite({
        root: ROOT,
        suiteDir: join(ROOT, 'test/vscode/suite'),
        outFile: join(ROOT, `out/vscode-suite-vsix-${process.pid}/index.js`),
        grep: '^(activation|diagnostics) ',
      })
    ).outFile;
    // The workbench needs a development extension to take a test payload at all: an empty one stands in, so the
    // extension under test is the installed copy, not the checkout.
    const stand = join(tmp!.dir, 'stand-in-extension');
    mkdirSync(stand, { recursive: true });
    writeFileSync(join(stand, 'package.json'), JSON.stringify({ name: 'kart-test-stand-in', publisher: 'kart-tests', version: '0.0.0', engines: { vscode: '*' } }));
    const folder = join(tmp!.dir, 'workspace');
    cpSync(join(ROOT, 'test/vscode/workspace'), folder, { recursive: true });
    server = await h.startCodeServer({
      install,
      dataDir: join(tmp!.dir, 'data'),
      folder,
      extensionsDir,
      logFile: join(RESULTS, 'code-server-vsix.log'),
      env: { KART_TEST_RESULTS: RESULTS, KART_EXPECT_EXTENSION_PATH: installedPath },
    });
    browser = await h.launchChromium(install);
    const run = await h.runSuiteInWorkbench({
      browser,
      server,
      folder,
      extensionDevelopmentPath: stand,
      extensionTestsPath: suitePath,
      timeoutMs: 5 * 60_000,
      screenshotOnTimeout: join(RESULTS, 'vscode-vsix-timeout.png'),
      onLog: (line) => process.stderr.write(`  [vscode] ${line}\n`),
      checkpoints: { notifications: h.notifications, screenshot: h.screenshot },
    });
    process.stderr.write(`suite against the installed .vsix: exit ${run.code} after ${run.seconds.toFixed(1)} s\n`);
    assert.equal(run.timedOut, false, 'the suite did not finish in time; see test-results/vscode-vsix-timeout.png');
    assert.equal(run.code, 0, `the suite failed against the installed .vsix (exit ${run.code}); its output is above`);
  });
});
