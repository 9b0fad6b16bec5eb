/**
 * The .vsix holds only what runs (.vscodeignore is an allow-list), and everything the manifest points at is in it.
 * Uses vsce's own file listing, the same one `npm run package` packs.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { readFileSync } from 'fs';
import { join } from 'path';
import { describe, it } from 'node:test';

const ROOT = join(__dirname, '../../..');

function vsceFiles(): string[] {
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/@vscode/vsce/vsce'), 'ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  assert.strictEqual(r.status, 0, r.stderr);
  return r.stdout.split('\n').map((l) => l.trim()).filter(Boolean).sort();
}

describe('the .vsix contents', () => {
  const files = vsceFiles();

  it('are exactly the bundles, schemas, snippets, media, rule docs, walkthrough, README, CHANGELOG, LICENSE, third-party notices and package.json', () => {
    assert.deepStrictEqual(files, [
      'CHANGELOG.md',
      'LICENSE',
      'README.md',
      'THIRD-PARTY-NOTICES.md',
      'dist/client.js',
      'dist/preview.js',
      'dist/server.js',
      'docs/rules.md',
      'media/icon.png',
      'media/markdown-preview.css',
      'media/preview.css',
      'media/preview.js',
      'package.json',
      'schemas/article.schema.json',
      'schemas/kart-config.schema.json',
      'snippets/knowledge-articles.code-snippets',
      'walkthrough/cite-fact.md',
      'walkthrough/insert-fact.md',
      'walkthrough/new-article.md',
      'walkthrough/preview.md',
      'walkthrough/quick-fix.md',
    ]);
  });

  it('hold every file the manifest refers to', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    const c = pkg.contributes;
    const referenced = [
      pkg.main,
      pkg.icon,
      ...c.snippets.map((s: { path: string }) => s.path),
      ...c.jsonValidation.map((j: { url: string }) => j.url),
      ...c['markdown.previewStyles'],
      ...(c.walkthroughs ?? []).flatMap((w: { steps: { media?: Record<string, string> }[] }) =>
        w.steps.flatMap((step) => Object.entries(step.media ?? {}).filter(([k, v]) => typeof v === 'string' && (k === 'markdown' || k === 'image' || k === 'svg')).map(([, v]) => v)),
      ),
      // Loaded by the preview panel (client/src/preview/panel.ts).
      'media/preview.css',
      'media/preview.js',
    ].map((p: string) => p.replace(/^\.\//, ''));
    for (const p of referenced) assert.ok(files.includes(p), `${p} is referenced but not packed`);
    assert.strictEqual(pkg.engines.vscode, '^1.82.0', 'vscode-languageclient 9 needs VS Code 1.82');
  });
});
