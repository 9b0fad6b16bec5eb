import * as path from 'path';

type RenderModule = typeof import('./render');

let loaded: RenderModule | undefined;

/**
 * The page renderer and markdown-it, bundled apart (dist/preview.js) and loaded when the first preview renders:
 * activation does not pay for them.
 */
export function renderer(): RenderModule {
  // A computed path keeps esbuild from inlining the module into dist/client.js.
  loaded ??= require(path.join(__dirname, 'preview.js')) as RenderModule;
  return loaded;
}
