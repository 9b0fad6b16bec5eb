// Runs an extension test suite inside a real VS Code: code-server (VS Code's web workbench, Node extension host),
// driven by Debian's Chromium through playwright-core. Shared by test/vscode/*.test.ts and scripts/screenshots.mjs.
// See ../shared/notes/REAL-EDITORS.md for why each flag is here.
import { spawn, spawnSync } from 'child_process';
import { createServer } from 'net';
import { mkdirSync, mkdtempSync, writeFileSync, renameSync, readdirSync, statSync, rmSync, createWriteStream } from 'fs';
import { tmpdir } from 'os';
import { join, relative, resolve, dirname } from 'path';
import { format } from 'util';
import * as esbuild from 'esbuild';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];

const say = (line) => process.stderr.write(`${line}\n`);

/** Workbench messages that say nothing about the extension (no internet here, no GitHub, web-only lifecycle). */
const NOISE = [
  /ENOTFOUND (open-vsx\.org|[a-z.]*(telemetry|visualstudio|microsoft)[a-z.]*)/,
  /Timed out waiting for authentication provider/,
  /^(Creating a socket|Resolving connection token|Resolved connection token)/,
  /^\[(AccountPolicyGate|reconnection-grace-time|Service Worker|AgentHost[^\]]*)\]/,
  /^Creation of workbench contribution/,
  /^Updating additional builtin extensions cache/,
  /Long running operations during shutdown are unsupported in the web/,
];
export const isNoise = (text) => NOISE.some((re) => re.test(text));

/** Installs code-server, Node 24 and Chromium when missing (scripts/ensure-code-server.sh) and says where they are. */
export function ensureCodeServer(root) {
  const started = Date.now();
  const r = spawnSync('bash', [join(root, 'scripts/ensure-code-server.sh')], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`scripts/ensure-code-server.sh exited with ${r.status ?? r.signal}`);
  const paths = Object.fromEntries(
    r.stdout
      .split('\n')
      .filter((l) => /^[A-Z_]+=/.test(l))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
  for (const key of ['NODE', 'CODE_SERVER', 'CHROMIUM']) {
    if (!paths[key]) throw new Error(`scripts/ensure-code-server.sh did not report ${key}`);
  }
  say(`code-server ready (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return { node: paths.NODE, entry: paths.CODE_SERVER, chromium: paths.CHROMIUM };
}

const listSuiteFiles = (dir, suffix) => {
  const files = [];
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith(suffix)) files.push(p);
    }
  };
  walk(dir);
  return files;
};

/**
 * Bundles a folder of mocha test files (`suite`/`test`, TDD) into one CommonJS module exporting `run(): Promise<void>`,
 * the shape VS Code's `extensionTestsPath` expects. Each file is `require`d only inside run(), after mocha has put
 * its globals in place; `vscode` and `mocha` stay external (the host provides the one, node_modules the other).
 */
export async function bundleSuite({ root, suiteDir, outFile, grep, index = './index.ts', suffix = '.test.ts' }) {
  const files = listSuiteFiles(suiteDir, suffix);
  if (files.length === 0) throw new Error(`no *${suffix} files in ${suiteDir}`);
  const loaders = files.map((f) => `() => require(${JSON.stringify('./' + relative(suiteDir, f).split('\\').join('/'))})`);
  await esbuild.build({
    stdin: {
      contents: `module.exports = require(${JSON.stringify(index)}).mochaRunner([${loaders.join(', ')}], ${JSON.stringify(grep ?? null)});`,
      resolveDir: suiteDir,
      sourcefile: 'suite-entry.js',
      loader: 'js',
    },
    outfile: outFile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha', 'playwright-core'],
    sourcemap: 'inline',
    logLevel: 'warning',
    absWorkingDir: root,
  });
  return { outFile, files };
}

export async function freePort() {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolvePort(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A folder of VS Code user data with settings that keep the workbench quiet and deterministic. */
function prepareUserData(dir, settings) {
  mkdirSync(join(dir, 'User'), { recursive: true });
  writeFileSync(
    join(dir, 'User', 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'workbench.enableExperiments': false,
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'extensions.autoUpdate': false,
        'extensions.autoCheckUpdates': false,
        'extensions.ignoreRecommendations': true,
        'security.workspace.trust.enabled': false,
        'git.enabled': false,
        'chat.disableAIFeatures': true,
        'editor.accessibilitySupport': 'off',
        ...settings,
      },
      null,
      2,
    ),
  );
}

/**
 * Starts code-server on a free loopback port and waits for /healthz. `extensionsDir` defaults to an empty folder of
 * its own, so nothing installed on the machine leaks in. Returns {url, port, stop()}.
 */
export async function startCodeServer({ install, dataDir, folder, extensionsDir, settings = {}, logFile, env = {}, timeoutMs = 60_000 }) {
  const port = await freePort();
  const userData = join(dataDir, 'user');
  const extDir = extensionsDir ?? join(dataDir, 'extensions');
  prepareUserData(userData, settings);
  mkdirSync(extDir, { recursive: true });
  const args = [
    install.entry,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--vscode-option', 'enable-smoke-test-driver',
    // Its own config file: code-server would otherwise write one into the user's home.
    '--config', join(dataDir, 'config.yaml'),
    '--user-data-dir', userData,
    '--extensions-dir', extDir,
    folder,
  ];
  const started = Date.now();
  writeFileSync(join(dataDir, 'config.yaml'), 'auth: none\n');
  const child = spawn(install.node, args, {
    cwd: folder,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PATH: `${dirname(install.node)}:${process.env.PATH}`, KART_TEST_DRIVER: 'code-server', ...env },
  });
  const log = logFile ? createWriteStream(logFile) : undefined;
  let output = '';
  const keep = (chunk) => {
    log?.write(chunk);
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = null;
  child.on('exit', (code, signal) => {
    exited = code ?? signal;
  });

  const stop = async () => {
    if (exited === null) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {}
      for (let i = 0; i < 50 && exited === null; i++) await sleep(100);
      if (exited === null) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {}
        for (let i = 0; i < 20 && exited === null; i++) await sleep(100);
      }
    }
    log?.end();
  };

  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (exited !== null) throw new Error(`code-server exited (${exited}) before it was healthy:\n${output}`);
    if (Date.now() - started > timeoutMs) {
      await stop();
      throw new Error(`code-server did not answer /healthz within ${timeoutMs} ms:\n${output}`);
    }
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {}
    await sleep(200);
  }
  say(`code-server listening on ${url} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return { url, port, userData, extensionsDir: extDir, stop, output: () => output };
}

/** Runs code-server's own CLI (e.g. --install-extension) against the given folders; resolves with its output. */
export function codeServerCli(install, args) {
  const r = spawnSync(install.node, [install.entry, ...args], {
    encoding: 'utf8',
    env: { ...process.env, PATH: `${dirname(install.node)}:${process.env.PATH}` },
    timeout: 180_000,
  });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

export async function launchChromium(install) {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: install.chromium, args: CHROMIUM_ARGS, headless: true });
}

export const remoteUri = (absPath) => `vscode-remote://remote${resolve(absPath)}`;

/**
 * A checkpoint lets a test inside the extension host ask the driver for something only the outer browser can do (look
 * into a webview's iframe, take a screenshot): the test logs `[kart-checkpoint] {"name", "reply", "data"}` and waits
 * for the file `reply`; the driver runs `checkpoints[name](page, data)` and writes its result there as JSON.
 */
async function answerCheckpoint(page, checkpoints, json) {
  let request;
  try {
    request = JSON.parse(json);
  } catch {
    return;
  }
  let answer;
  try {
    const handler = checkpoints[request.name];
    answer = handler ? { result: await handler(page, request.data) } : { error: `the driver has no checkpoint "${request.name}"` };
  } catch (e) {
    answer = { error: String(e?.stack ?? e) };
  }
  writeFileSync(`${request.reply}.partial`, JSON.stringify(answer));
  renameSync(`${request.reply}.partial`, request.reply);
}

/**
 * Opens the workbench on `folder` with a test payload and waits for the suite to end (window.codeAutomationExit).
 * Lines the extension host writes come through codeAutomationLog and go to `onLog`. When the time runs out, a
 * screenshot lands in `screenshotOnTimeout` and the result says so. `onPage(page)` runs once the page exists,
 * before the workbench loads (the screenshots script uses it to watch for the suite's requests).
 * Returns {code, timedOut, seconds, logs}.
 */
export async function runSuiteInWorkbench({
  browser,
  server,
  folder,
  extensionDevelopmentPath,
  extensionTestsPath,
  timeoutMs = 300_000,
  screenshotOnTimeout,
  onLog = say,
  onPage,
  checkpoints = {},
  viewport = { width: 1400, height: 900 },
}) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const logs = [];
  let finish;
  const exited = new Promise((r) => (finish = r));
  await page.exposeFunction('codeAutomationExit', (code) => {
    finish(typeof code === 'number' ? code : Number(code));
  });
  await page.exposeFunction('codeAutomationLog', async (type, args) => {
    const list = Array.isArray(args) ? args : [args];
    // The host forwards console calls with their format string (mocha's reporter writes `%s%s`).
    const text = typeof list[0] === 'string' ? format(...list) : list.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
    const checkpoint = /^\[kart-checkpoint\] (.*)$/s.exec(text.trim());
    if (checkpoint) {
      await answerCheckpoint(page, checkpoints, checkpoint[1]);
      return;
    }
    logs.push(text);
    if (!isNoise(text)) onLog(text, type);
  });
  page.on('pageerror', (e) => logs.push(`[pageerror] ${e.message}`));
  if (onPage) await onPage(page);
  const payload = [['extensionTestsPath', remoteUri(extensionTestsPath)]];
  if (extensionDevelopmentPath) payload.unshift(['extensionDevelopmentPath', remoteUri(extensionDevelopmentPath)]);
  const target = `${server.url}/?folder=${encodeURIComponent(resolve(folder))}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  const started = Date.now();
  await page.goto(target);
  let timer;
  const timedOut = new Promise((r) => (timer = setTimeout(() => r('timeout'), timeoutMs)));
  const result = await Promise.race([exited, timedOut]);
  clearTimeout(timer);
  const seconds = (Date.now() - started) / 1000;
  if (result === 'timeout') {
    if (screenshotOnTimeout) {
      mkdirSync(dirname(screenshotOnTimeout), { recursive: true });
      await page.screenshot({ path: screenshotOnTimeout }).catch(() => undefined);
    }
    await context.close().catch(() => undefined);
    return { code: null, timedOut: true, seconds, logs };
  }
  await context.close().catch(() => undefined);
  return { code: result, timedOut: false, seconds, logs };
}

/**
 * Checkpoint handler: finds the webview frame whose page shows `needle` (webviews are nested iframes of the
 * workbench) and returns its visible text and how many citation chips it has.
 */
export async function webviewText(page, { needle, timeoutMs = 20_000 }) {
  const until = Date.now() + timeoutMs;
  let frames = 0;
  while (Date.now() < until) {
    const all = page.frames();
    frames = all.length;
    for (const frame of all) {
      if (frame === page.mainFrame()) continue;
      const seen = await frame
        .evaluate(() => ({ text: document.body?.innerText ?? '', chips: document.querySelectorAll('.kart-chip').length }))
        .catch(() => undefined);
      if (seen && seen.text.includes(needle)) return { frames, ...seen };
    }
    await sleep(250);
  }
  return { frames, text: '', chips: 0 };
}

/**
 * Checkpoint handler: a PNG of the workbench page at `path`. `waitFor`: a selector to be visible first (a hover, the
 * suggest widget); `viewport`: a size for this shot only (tall, to show a whole preview); `settleMs`: time for the
 * workbench to lay out and paint after a change.
 */
export async function screenshot(page, { path, waitFor, viewport, settleMs = 400 }) {
  mkdirSync(dirname(path), { recursive: true });
  const before = page.viewportSize();
  try {
    if (viewport) await page.setViewportSize(viewport);
    if (waitFor) await page.locator(waitFor).first().waitFor({ state: 'visible', timeout: 15_000 });
    await sleep(settleMs);
    await page.screenshot({ path });
  } finally {
    if (viewport && before) await page.setViewportSize(before);
  }
  return path;
}

/** Checkpoint handler: the workbench's visible text once it contains `needle` (or what it shows when time runs out). */
export async function pageText(page, { needle, timeoutMs = 15_000 }) {
  const until = Date.now() + timeoutMs;
  let text = '';
  while (Date.now() < until) {
    text = await page.locator('body').innerText().catch(() => '');
    if (text.includes(needle)) break;
    await sleep(250);
  }
  return text;
}

/** Checkpoint handler: waits until `selector` is visible on the workbench page. */
export async function waitForSelector(page, { selector, timeoutMs = 15_000 }) {
  await page.locator(selector).first().waitFor({ state: 'visible', timeout: timeoutMs });
  return true;
}

/** Checkpoint handler: the messages of the notifications the workbench shows now (errors a command reported). */
export async function notifications(page) {
  return page
    .locator('.notification-toast .notification-list-item-message, .notifications-center .notification-list-item-message')
    .allInnerTexts()
    .catch(() => []);
}

/** A scratch folder under the OS temp dir, removed by the returned function. */
export function scratch(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
