// Bundles the extension client, the language server and the kart CLI into dist/.
import * as esbuild from 'esbuild';
import { existsSync } from 'fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const entries = [
  // The banner marks when VS Code starts loading the bundle, so the client can report its own activation time.
  { in: 'client/src/extension.ts', out: 'client', external: ['vscode'], banner: '"use strict";\nglobalThis.__kartClientLoadStart = performance.now();' },
  { in: 'server/src/server.ts', out: 'server', external: [] },
  { in: 'server/src/cli/main.ts', out: 'kart', external: [] },
  // The preview renderer and markdown-it, loaded by the client when a preview first renders.
  { in: 'client/src/preview/render.ts', out: 'preview', external: ['vscode'] },
].filter((e) => existsSync(e.in));

const contexts = await Promise.all(
  entries.map((e) =>
    esbuild.context({
      entryPoints: { [e.out]: e.in },
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node18',
      outdir: 'dist',
      external: e.external,
      sourcemap: !production,
      minify: production,
      metafile: true,
      banner: e.banner ? { js: e.banner } : undefined,
      logLevel: 'warning',
      // yaml and ajv read process.env at load; keep Node's own modules external by platform.
    }),
  ),
);

if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  for (const c of contexts) {
    await c.rebuild();
    await c.dispose();
  }
}
