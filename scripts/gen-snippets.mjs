// Writes snippets/knowledge-articles.code-snippets from server/src/model/template.ts: `npm run snippets`.
// test/unit/snippets.test.ts fails when the file is stale.
import * as esbuild from 'esbuild';
import { writeFileSync } from 'fs';
import { dirname, join } from 'path';
import { fileURLToPath } from 'url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const result = await esbuild.build({
  entryPoints: [join(root, 'server/src/model/template.ts')],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  write: false,
  logLevel: 'warning',
});
const module = { exports: {} };
new Function('module', 'exports', result.outputFiles[0].text)(module, module.exports);
writeFileSync(join(root, 'snippets/knowledge-articles.code-snippets'), JSON.stringify(module.exports.staticSnippets(), null, 2) + '\n');
process.stderr.write('snippets/knowledge-articles.code-snippets written\n');
