// Bundles the extension client, the language server and the kart CLI into dist/ (the entries: scripts/bundles.mjs).
import * as esbuild from 'esbuild';
import { dirname } from 'path';
import { fileURLToPath } from 'url';
import { buildOptions, entries } from './scripts/bundles.mjs';

const root = dirname(fileURLToPath(import.meta.url));

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const contexts = await Promise.all(entries(root).map((e) => esbuild.context(buildOptions(root, e, { production }))));

if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  for (const c of contexts) {
    await c.rebuild();
    await c.dispose();
  }
}
