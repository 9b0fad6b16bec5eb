// The bundles esbuild.mjs builds into dist/: shared with scripts/notices.mjs, which lists the packages they contain.
import { existsSync } from 'fs';
import { join } from 'path';

/** The bundles that exist in the checkout at `root`. */
export const entries = (root) => [
  // The banner marks when VS Code starts loading the bundle, so the client can report its own activation time.
  { in: 'client/src/extension.ts', out: 'client', external: ['vscode'], banner: '"use strict";\nglobalThis.__kartClientLoadStart = performance.now();' },
  { in: 'server/src/server.ts', out: 'server', external: [] },
  { in: 'server/src/cli/main.ts', out: 'kart', external: [] },
  // The preview renderer and markdown-it, loaded by the client when a preview first renders.
  { in: 'client/src/preview/render.ts', out: 'preview', external: ['vscode'] },
].filter((e) => existsSync(join(root, e.in)));

/** esbuild options for one entry of the checkout at `root`; `production` minifies and drops source maps. */
export function buildOptions(root, e, { production = false } = {}) {
  return {
    absWorkingDir: root,
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
    // jsonc-parser's main is a UMD build whose require() calls a bundler cannot follow; its ES module build bundles.
    alias: { 'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js' },
    // yaml and ajv read process.env at load; keep Node's own modules external by platform.
  };
}
