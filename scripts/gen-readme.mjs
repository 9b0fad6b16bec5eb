// Regenerates the settings and rules tables of README.md from package.json and the rule modules.
import * as esbuild from 'esbuild';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { createRequire } from 'module';

const dir = mkdtempSync(join(tmpdir(), 'readme-'));
try {
  const out = join(dir, 'readmeTables.cjs');
  await esbuild.build({ entryPoints: ['scripts/readmeTables.ts'], bundle: true, platform: 'node', format: 'cjs', outfile: out, logLevel: 'warning' });
  const { renderReadme } = createRequire(import.meta.url)(out);
  const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
  const before = readFileSync('README.md', 'utf8');
  const after = renderReadme(before, manifest);
  if (after !== before) writeFileSync('README.md', after);
  console.log(after === before ? 'README.md is up to date' : 'README.md tables regenerated');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
