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

  it('is written for users first: the developer commands only in its last section, Develop, which points to CONTRIBUTING.md', () => {
    const sections = readme.split(/^(?=## )/m);
    const last = sections[sections.length - 1];
    assert.match(last, /^## Develop\n/);
    assert.ok(last.includes('npm install && npm start') && last.includes('npm test'), 'Develop holds the two commands');
    assert.ok(last.includes('[CONTRIBUTING.md](CONTRIBUTING.md)'));
    const before = sections.slice(0, -1).join('');
    for (const dev of ['npm test', 'npm start', 'On a fresh machine', 'npm run bench', 'server/src/']) assert.ok(!before.includes(dev), `${dev} appears before Develop`);
    const contributing = readFileSync(join(repo, 'CONTRIBUTING.md'), 'utf8');
    for (const topic of ['npm install && npm start', 'npm test', 'test/nvim/', 'test/vscode/', '.cache/code-server/', 'test/needs.ts', 'needs root']) assert.ok(contributing.includes(topic), `CONTRIBUTING.md says nothing of ${topic}`);
  });

  it('installs kart as the package test does (the tarball npm pack makes) and says it is not on the npm registry', () => {
    const tarball = `${manifest.name}-${manifest.version}.tgz`;
    assert.ok(readme.includes(`npm pack `), 'the README shows npm pack');
    assert.match(readme, new RegExp(`npm install --save-dev \\S*${tarball.replace(/\./g, '\\.')}`));
    assert.ok(readme.includes('**not on the npm registry**'));
  });

  it('holds the two commands for a fresh machine', () => {
    assert.ok(readme.includes('npm install && npm start'));
    assert.ok(readme.includes('npm test'));
    assert.strictEqual(manifest.scripts.start, 'node scripts/start.mjs');
  });
});
