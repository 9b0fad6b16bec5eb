// The same in-host suite on a desktop VS Code, downloaded by @vscode/test-electron (2.x runs on Node 20). Use it where
// VS Code can be downloaded (a developer's machine, public CI); on machines without that download the suite runs in
// code-server instead (test/vscode/codeServer.test.ts, part of `npm test`).
//
//   node esbuild.mjs && node test/vscode/runElectron.mjs [--version stable|1.82.0] [--grep text]
//
// On Linux without a display, wrap it: xvfb-run -a node test/vscode/runElectron.mjs
import { cpSync, mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve, dirname } from 'path';
import { fileURLToPath } from 'url';
import { runTests } from '@vscode/test-electron';
import { bundleSuite } from './harness.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};

const { outFile } = await bundleSuite({
  root,
  suiteDir: join(root, 'test/vscode/suite'),
  outFile: join(root, 'out/vscode-suite/index.js'),
  grep: arg('--grep'),
});
const tmp = mkdtempSync(join(tmpdir(), 'kart-electron-'));
const workspace = join(tmp, 'workspace');
cpSync(join(root, 'test/vscode/workspace'), workspace, { recursive: true });
let code = 1;
try {
  code = await runTests({
    version: arg('--version') ?? 'stable',
    extensionDevelopmentPath: root,
    extensionTestsPath: outFile,
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', join(tmp, 'user'), '--extensions-dir', join(tmp, 'ext')],
  });
} catch (e) {
  console.error(`VS Code tests did not run: ${e?.message ?? e}`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
process.exit(code);
