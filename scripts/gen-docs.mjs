// Writes docs/rules.md from the rule modules: `npm run docs`. test/unit/docs.test.ts fails when the file is stale.
import * as esbuild from 'esbuild';
import { mkdirSync, writeFileSync } from 'fs';
import { createRequire } from 'module';
import { dirname, join } from 'path';
import { fileURLToPath } from 'url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const result = await esbuild.build({
  entryPoints: [join(root, 'scripts/rulesDoc.ts')],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  write: false,
  logLevel: 'warning',
});
const module = { exports: {} };
const require = createRequire(join(root, 'scripts/rulesDoc.js'));
new Function('module', 'exports', 'require', '__filename', '__dirname', result.outputFiles[0].text)(module, module.exports, require, join(root, 'scripts/rulesDoc.js'), join(root, 'scripts'));
const text = module.exports.rulesDoc(root);
mkdirSync(join(root, 'docs'), { recursive: true });
writeFileSync(join(root, 'docs/rules.md'), text);
process.stderr.write('docs/rules.md written\n');
