// Regenerates the README's pictures (docs/images/*.png) from a real VS Code: code-server with the extension from
// this checkout, driven by Chromium. The states are set up by test/vscode/scenes/ inside VS Code, which asks this
// driver for each shot once it has checked that what the picture claims is on screen.
//
//   npm run screenshots            (installs code-server on first use: scripts/ensure-code-server.sh)
import { spawnSync } from 'child_process';
import { cpSync, mkdirSync, rmSync, statSync } from 'fs';
import { dirname, join, resolve } from 'path';
import { fileURLToPath } from 'url';
import * as h from '../test/vscode/harness.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'docs/images');
const pictures = ['editor-hover.png', 'preview-panel.png', 'completion.png'];

const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const install = h.ensureCodeServer(root);
const { outFile } = await h.bundleSuite({
  root,
  suiteDir: join(root, 'test/vscode/scenes'),
  index: '../suite/index.ts',
  // Not *.test.ts: scripts/test.mjs must not pick the scenes up as Node tests.
  suffix: '.scene.ts',
  outFile: join(root, `out/vscode-scenes-${process.pid}/index.js`),
});
const tmp = h.scratch('kart-screenshots-');
const folder = join(tmp.dir, 'workspace');
cpSync(join(root, 'test/vscode/workspace'), folder, { recursive: true });
mkdirSync(outDir, { recursive: true });
const started = Date.now();
let server;
let browser;
let code = 1;
try {
  server = await h.startCodeServer({
    install,
    dataDir: join(tmp.dir, 'data'),
    folder,
    env: { KART_SCREENSHOT_DIR: outDir },
    settings: {
      'workbench.colorTheme': 'Default Light Modern',
      'editor.minimap.enabled': false,
      'editor.fontSize': 14,
      'window.commandCenter': false,
      'workbench.layoutControl.enabled': false,
      'editor.hover.delay': 0,
      'editor.stickyScroll.enabled': false,
      'workbench.editor.enablePreview': false,
    },
  });
  browser = await h.launchChromium(install);
  const run = await h.runSuiteInWorkbench({
    browser,
    server,
    folder,
    extensionDevelopmentPath: root,
    extensionTestsPath: outFile,
    timeoutMs: 5 * 60_000,
    screenshotOnTimeout: join(root, 'test-results/screenshots-timeout.png'),
    checkpoints: { screenshot: h.screenshot, webviewText: h.webviewText, notifications: h.notifications, waitForSelector: h.waitForSelector },
    viewport: { width: 1200, height: 760 },
  });
  code = run.timedOut ? 1 : run.code;
  for (const name of pictures) {
    const p = join(outDir, name);
    const fresh = (() => {
      try {
        return statSync(p).mtimeMs >= started;
      } catch {
        return false;
      }
    })();
    console.error(`${fresh ? 'wrote' : 'NOT written:'} ${p}`);
    if (!fresh) code = 1;
  }
} finally {
  await browser?.close().catch(() => undefined);
  await server?.stop();
  tmp.remove();
  rmSync(dirname(outFile), { recursive: true, force: true });
}
process.exit(code ?? 1);
