// Runs the in-host suite (test/vscode/suite/) inside a real VS Code: code-server, installed on first use by
// scripts/ensure-code-server.sh, driven by Chromium. The suite's own output is forwarded here; the exit code the
// workbench reports through codeAutomationExit decides.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, rmSync } from 'fs';
import { dirname, join, resolve } from 'path';
import { pathToFileURL } from 'url';
import type { Browser } from 'playwright-core';
import { Needs } from '../needs';

type Harness = typeof import('./harness.mjs');

const ROOT = resolve(__dirname, '../../..');
const RESULTS = join(ROOT, 'test-results');

/** VS Code's own logs (extension host, the extension's output channel) for a failed run, before the temp dir goes. */
function keepLogs(userData: string, to: string): void {
  const logs = join(userData, 'logs');
  if (!existsSync(logs)) return;
  rmSync(to, { recursive: true, force: true });
  cpSync(logs, to, { recursive: true });
  process.stderr.write(`VS Code's logs are in ${to}\n`);
}

describe('the extension in a real VS Code (code-server)', () => {
  let h: Harness;
  let browser: Browser | undefined;
  let server: Awaited<ReturnType<Harness['startCodeServer']>> | undefined;
  let tmp: { dir: string; remove(): void } | undefined;
  let suitePath = '';
  let folder = '';
  const needs = new Needs();

  before(async () => {
    h = await import(pathToFileURL(join(ROOT, 'test/vscode/harness.mjs')).href);
    // Outside CI a code-server that cannot be installed skips these tests, saying why; in CI it fails (test/needs.ts).
    const install = needs.get('code-server (scripts/ensure-code-server.sh)', () => h.ensureCodeServer(ROOT));
    if (!install) return;
    const bundled = await h.bundleSuite({
      root: ROOT,
      suiteDir: join(ROOT, 'test/vscode/suite'),
      // Per process: another checkout's run (or a parallel one) must not swap the suite under this one.
      outFile: join(ROOT, `out/vscode-suite-${process.pid}/index.js`),
      // While iterating: KART_VSCODE_GREP=preview node scripts/test.mjs --no-typecheck test/vscode
      grep: process.env.KART_VSCODE_GREP,
    });
    suitePath = bundled.outFile;
    tmp = h.scratch('kart-vscode-');
    folder = join(tmp.dir, 'workspace');
    cpSync(join(ROOT, 'test/vscode/workspace'), folder, { recursive: true });
    mkdirSync(RESULTS, { recursive: true });
    server = await h.startCodeServer({
      install,
      dataDir: join(tmp.dir, 'data'),
      folder,
      logFile: join(RESULTS, 'code-server.log'),
      // Where the suite may leave screenshots of what went wrong.
      env: { KART_TEST_RESULTS: RESULTS, KART_EXPECT_EXTENSION_PATH: ROOT },
      // The language client's trace lands in VS Code's logs, kept in test-results/vscode-logs when the suite fails.
      settings: { 'knowledgeArticles.trace.server': 'messages' },
    });
    browser = await h.launchChromium(install);
  });

  after(async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    tmp?.remove();
    if (suitePath) rmSync(dirname(suitePath), { recursive: true, force: true });
  });

  it('passes the in-host suite (activation, diagnostics, completion, hover, quick fix, preview, commands, snippets, walkthrough)', { timeout: 15 * 60_000 }, async (t) => {
    if (needs.skip(t)) return;
    const run = await h.runSuiteInWorkbench({
      browser: browser!,
      server: server!,
      folder,
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: suitePath,
      timeoutMs: 10 * 60_000,
      screenshotOnTimeout: join(RESULTS, 'vscode-suite-timeout.png'),
      onLog: (line) => process.stderr.write(`  [vscode] ${line}\n`),
      checkpoints: { webviewText: h.webviewText, notifications: h.notifications, screenshot: h.screenshot, pageText: h.pageText },
    });
    process.stderr.write(`in-host suite: exit ${run.code} after ${run.seconds.toFixed(1)} s\n`);
    if (run.code !== 0) keepLogs(server!.userData, join(RESULTS, 'vscode-logs'));
    assert.equal(run.timedOut, false, `the suite did not finish in time; see test-results/vscode-suite-timeout.png`);
    assert.equal(run.code, 0, `the in-host suite failed (exit ${run.code}); its output is above`);
  });
});
