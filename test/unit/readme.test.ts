import * as assert from 'assert';
import { readFileSync } from 'fs';
import { describe, it } from 'node:test';
import { join } from 'path';
import { allRules } from '../../server/src/rules';
import { renderReadme } from '../../scripts/readmeTables';

const repo = join(__dirname, '../../..');

describe('README.md', () => {
  const readme = readFileSync(join(repo, 'README.md'), 'utf8');
  const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));

  it('has settings and rules tables matching the manifest and the rule modules (run `npm run readme` when this fails)', () => {
    assert.strictEqual(readme, renderReadme(readme, manifest));
  });

  it('lists every rule and every contributed setting', () => {
    for (const r of allRules) assert.ok(readme.includes(`[\`${r.id}\`](docs/rules.md#${r.id})`), r.id);
    const conf = manifest.contributes?.configuration;
    for (const section of Array.isArray(conf) ? conf : conf ? [conf] : []) {
      for (const key of Object.keys(section.properties ?? {})) assert.ok(readme.includes(`\`${key}\``), key);
    }
  });

  it('holds the two commands for a fresh machine', () => {
    assert.ok(readme.includes('npm install && npm start'));
    assert.ok(readme.includes('npm test'));
    assert.strictEqual(manifest.scripts.start, 'node scripts/start.mjs');
  });
});
