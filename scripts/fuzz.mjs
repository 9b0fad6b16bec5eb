// `npm run fuzz`: the engine's properties (test/engineProperties.ts) over 100,000 generated documents.
//   node scripts/fuzz.mjs [--runs N] [--seed S] [--path P]
// Prints the seed first; on a failure, fast-check's report (seed, path, the shrunk counterexample) and the
// document that failed, written to out/fuzz/failure-<seed>.md. Rerun it with the same --seed and --path.
import { mkdirSync, writeFileSync } from 'fs';
import { createRequire } from 'module';
import { resolve } from 'path';
import * as esbuild from 'esbuild';

const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const runs = Number(flag('runs') ?? 100000);
const seed = flag('seed') !== undefined ? Number(flag('seed')) : (Date.now() ^ Math.floor(Math.random() * 2 ** 32)) | 0;
const path = flag('path');
const corpusRoot = resolve(flag('corpus') ?? 'test/corpus/anchorfact');

mkdirSync('out/fuzz', { recursive: true });
await esbuild.build({
  entryPoints: ['test/engineProperties.ts'],
  outfile: 'out/fuzz/engineProperties.js',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  sourcemap: 'inline',
  logLevel: 'warning',
});
process.setSourceMapsEnabled(true);
const { runFuzz } = createRequire(import.meta.url)(resolve('out/fuzz/engineProperties.js'));

console.log(`fuzz: ${runs} cases, seed ${seed}${path ? `, path ${path}` : ''}, corpus ${corpusRoot}`);
const started = Date.now();
const { details, report } = runFuzz({
  corpusRoot,
  numRuns: runs,
  seed,
  path,
  every: 5000,
  progress: (n) => console.log(`  ${n} cases, ${Math.round((Date.now() - started) / 1000)} s`),
});
const seconds = Math.round((Date.now() - started) / 1000);
if (details.failed) {
  // fast-check's report names the seed and the path; the counterexample itself goes to a file (it is long).
  console.log(report.split('\nCounterexample:')[0]);
  console.log(`\nWhat failed: ${details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance)}`);
  const file = `out/fuzz/failure-${seed}.md`;
  const example = details.counterexample?.[0];
  if (example) {
    writeFileSync(file, example.text);
    console.log(`\nThe failing document (${example.origin}) is in ${file}.`);
  }
  console.log(`Rerun: node scripts/fuzz.mjs --seed ${seed} --path "${details.counterexamplePath}" --runs ${runs}`);
  process.exit(1);
}
console.log(`fuzz: ${details.numRuns} cases passed in ${seconds} s (seed ${seed}).`);
