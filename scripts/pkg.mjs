// Edits package.json safely while several people work: run it as `flock /tmp/pkg.lock node scripts/pkg.mjs ...`.
//   node scripts/pkg.mjs set <dotted.path> '<json value>'
//   node scripts/pkg.mjs delete <dotted.path>
import { readFileSync, writeFileSync, renameSync } from 'fs';

const [op, dotted, json] = process.argv.slice(2);
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const keys = dotted.split('.');
let obj = pkg;
for (const k of keys.slice(0, -1)) obj = obj[k] ??= {};
const last = keys[keys.length - 1];
if (op === 'set') obj[last] = JSON.parse(json);
else if (op === 'delete') delete obj[last];
else throw new Error(`unknown op ${op}`);
writeFileSync('package.json.tmp', JSON.stringify(pkg, null, 2) + '\n');
renameSync('package.json.tmp', 'package.json');
