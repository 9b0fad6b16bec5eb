// Builds the bundles, type-checks, compiles every test with esbuild and runs them with node's test runner.
//   node scripts/test.mjs                 everything (what `npm test` and CI run)
//   node scripts/test.mjs --unit          only test/unit (in process, no editors or browsers)
//   node scripts/test.mjs test/unit/rules only test files whose path contains one of the given strings
//   --no-typecheck                        skip tsc (handy while iterating)
import { spawnSync } from 'child_process';
import { readdirSync, statSync, rmSync } from 'fs';
import { join, relative } from 'path';
import * as esbuild from 'esbuild';
import { leftovers, treeState } from './treeState.mjs';

const args = process.argv.slice(2);
const unitOnly = args.includes('--unit');
const typecheck = !args.includes('--no-typecheck');
const filters = args.filter((a) => !a.startsWith('--'));
const run = (cmd, cmdArgs, opts = {}) => {
  const r = spawnSync(cmd, cmdArgs, { stdio: 'inherit', ...opts });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

// Taken before the build, so that nothing the run does to the tree goes unseen (renames move only ignored files).
const treeBefore = treeState('.');
run(process.execPath, ['esbuild.mjs']);
if (typecheck) run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', '.', '--noEmit']);

const sources = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      // Suites that run inside another host (VS Code's extension host) are built by their own runner.
      if (name !== 'suite') walk(p);
    } else if (name.endsWith('.test.ts')) sources.push(p);
  }
};
walk('test');
const selected = sources
  .filter((f) => !unitOnly || f.startsWith(join('test', 'unit')))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();
if (selected.length === 0) {
  console.error('no test files selected');
  process.exit(2);
}
// Each run compiles into its own folder (same depth as out/), so that runs side by side do not clobber each other.
const outDir = `out-${process.pid}`;
rmSync(outDir, { recursive: true, force: true });
process.on('exit', () => rmSync(outDir, { recursive: true, force: true }));
await esbuild.build({
  entryPoints: selected,
  outdir: outDir,
  outbase: '.',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  sourcemap: 'inline',
  logLevel: 'warning',
});
const compiled = selected.map((f) => join(outDir, relative('.', f)).replace(/\.ts$/, '.js'));
const tests = spawnSync(process.execPath, ['--enable-source-maps', '--test', '--test-concurrency=1', ...compiled], { stdio: 'inherit' });
// A test run leaves the work tree as it found it: tests write to os.tmpdir(), or to test-results/ (git-ignored).
const left = treeBefore ? leftovers(treeBefore, treeState('.')) : [];
if (left.length > 0) {
  console.error(`\nThe test run left ${left.length} change(s) in the work tree (tests write to os.tmpdir() or test-results/):\n${left.map((l) => `  ${l}`).join('\n')}`);
  process.exit(1);
}
process.exit(tests.status ?? 1);
