/**
 * THIRD-PARTY-NOTICES.md names every npm package esbuild bundles into dist/ (read from its metafile) with its licence,
 * and is up to date with the bundles. That it ships in the .vsix and the npm package: test/packaging/.
 */
import * as assert from 'assert';
import { readFileSync } from 'fs';
import { before, describe, it } from 'node:test';
import { join } from 'path';
import { pathToFileURL } from 'url';

type Notices = typeof import('../../scripts/notices.mjs');

const ROOT = join(__dirname, '../../..');

describe('THIRD-PARTY-NOTICES.md', () => {
  let n: Notices;
  let packages: Awaited<ReturnType<Notices['bundledPackages']>>;
  let file: string;

  before(async () => {
    n = await import(pathToFileURL(join(ROOT, 'scripts/notices.mjs')).href);
    packages = await n.bundledPackages(ROOT);
    file = readFileSync(join(ROOT, n.NOTICES_FILE), 'utf8');
  });

  it('finds the bundled packages in esbuild\'s metafile, each with the bundles that hold it', () => {
    const byName = new Map(packages.map((p) => [p.name, p]));
    // A few that each bundle certainly holds, so that an empty or partial scan cannot pass.
    assert.deepStrictEqual(byName.get('vscode-languageclient')?.bundles, ['client.js']);
    assert.deepStrictEqual(byName.get('vscode-languageserver')?.bundles, ['server.js']);
    assert.deepStrictEqual(byName.get('yaml')?.bundles, ['kart.js', 'server.js']);
    assert.deepStrictEqual(byName.get('markdown-it')?.bundles, ['kart.js', 'preview.js', 'server.js']);
    // Nothing of the project itself, and no build tool (esbuild, typescript) is in a bundle.
    for (const name of ['knowledge-articles', 'esbuild', 'typescript', '@vscode/vsce']) assert.ok(!byName.has(name), name);
  });

  it('names every bundled package with its version and licence, and holds the licence text it ships', () => {
    for (const p of packages) {
      assert.ok(file.includes(`| ${p.name} | ${p.version} | ${p.license} |`), `${p.name} ${p.version} is not in the table`);
      assert.ok(file.includes(`\n## ${p.name} ${p.version}\n`), `${p.name} ${p.version} has no section`);
      if (p.licenseText) {
        const firstLine = p.licenseText.replace(/\r/g, '').split('\n').map((l) => l.trim()).find((l) => l.length > 0)!;
        assert.ok(file.includes(firstLine), `${p.name}: its ${p.licenseFile} is not quoted`);
      }
    }
  });

  it('is what `npm run notices` writes from the current bundles (run it when this fails)', () => {
    assert.strictEqual(file, n.renderNotices(packages));
  });

  it('maps an esbuild input path to its package folder, nested and scoped ones too', () => {
    assert.strictEqual(n.packageDirOf('node_modules/yaml/dist/index.js'), 'node_modules/yaml');
    assert.strictEqual(n.packageDirOf('node_modules/@citation-js/core/lib/index.js'), 'node_modules/@citation-js/core');
    assert.strictEqual(n.packageDirOf('node_modules/vscode-languageclient/node_modules/minimatch/dist/a.js'), 'node_modules/vscode-languageclient/node_modules/minimatch');
    assert.strictEqual(n.packageDirOf('node_modules/a/node_modules/@s/b/x.js'), 'node_modules/a/node_modules/@s/b');
    assert.strictEqual(n.packageDirOf('server/src/cli/main.ts'), undefined);
  });
});
