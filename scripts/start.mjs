// `npm start`: builds, then checks the bundled examples and prints the report.
import { spawnSync } from 'child_process';

const build = spawnSync(process.execPath, ['esbuild.mjs'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const check = spawnSync(process.execPath, ['dist/kart.js', 'check', 'examples'], { stdio: 'inherit' });
if (check.status === 1) {
  console.log('\nkart exited with 1: examples/ holds articles with mistakes on purpose (see examples/README.md).');
  console.log('Try `node bin/kart.js fix examples` on a copy, or open the folder in VS Code with the extension.');
  process.exit(0);
}
process.exit(check.status ?? 1);
