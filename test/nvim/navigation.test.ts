/**
 * Across the knowledge base in Neovim (Debian's 0.7.2, a client without workspace-symbol resolve): Go to Symbol in
 * Workspace and Find References on an article's title, both plain LSP.
 */
import * as assert from 'assert';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { describe, it } from 'node:test';
import { FIXTURES, haveNeovim, nvimScript, positionOf, runNvim } from './nvimHarness';

const LUA = nvimScript(
  String.raw`
  -- The first answer waits for the workspace index.
  vim.wait(20000, function() return #vim.lsp.buf_get_clients(0) > 0 and vim.lsp.buf_get_clients(0)[1].initialized end, 50)
  result.symbols, result.symbols_error = ask('workspace/symbol', { query = 'instr tun' })
  local params = { textDocument = { uri = vim.uri_from_bufnr(0) }, position = { line = line, character = character }, context = { includeDeclaration = false } }
  result.references, result.references_error = ask('textDocument/references', params)`,
  String.raw`
local function ask(method, params)
  local responses = vim.lsp.buf_request_sync(0, method, params, 20000)
  for _, r in pairs(responses or {}) do
    if r.error then return nil, r.error.message end
    return r.result
  end
end`,
);

describe('Neovim: across the knowledge base', () => {
  it('finds an article with workspace/symbol and the links to an article with references on its title', (t) => {
    if (!haveNeovim(t)) return;
    const root = mkdtempSync(path.join(tmpdir(), 'kart-nvim-nav-'));
    try {
      const small = readFileSync(path.join(FIXTURES, 'ai', 'small-article.md'), 'utf8');
      const seed = readFileSync(path.join(FIXTURES, 'ai', 'instruction-tuning.md'), 'utf8').replace('## TL;DR\n', '## TL;DR\nSee [the small one](../small-article.md).\n');
      mkdirSync(path.join(root, 'ai'));
      writeFileSync(path.join(root, 'ai', 'small-article.md'), small);
      writeFileSync(path.join(root, 'ai', 'instruction-tuning.md'), seed);
      const title = positionOf(small, small.indexOf('A Small Article') + 2);
      const result = runNvim<{
        error?: string;
        symbols?: { name: string; kind: number; location: { uri: string; range: { start: { line: number; character: number } } } }[];
        symbols_error?: string;
        references?: { uri: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }[];
        references_error?: string;
      }>(root, path.join(root, 'ai', 'small-article.md'), title, LUA);
      assert.strictEqual(result.error, undefined);
      assert.strictEqual(result.symbols_error, undefined);
      const seedUri = pathToFileURL(path.join(root, 'ai', 'instruction-tuning.md')).href;
      const first = result.symbols?.[0];
      assert.ok(first, JSON.stringify(result));
      assert.strictEqual(first.name, 'Instruction Tuning: Teaching LLMs to Follow Directions (instruction-tuning)');
      assert.strictEqual(first.kind, 1);
      assert.strictEqual(first.location.uri, seedUri);
      assert.deepStrictEqual(first.location.range.start, positionOf(seed, seed.indexOf('"Instruction Tuning:')));
      assert.strictEqual(result.references_error, undefined);
      const link = seed.indexOf('[the small one]');
      assert.deepStrictEqual(result.references, [{ uri: seedUri, range: { start: positionOf(seed, link), end: positionOf(seed, link + '[the small one](../small-article.md)'.length) } }]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
