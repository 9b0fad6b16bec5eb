/**
 * Across the knowledge base in Neovim (Debian's 0.7.2, a client without workspace-symbol resolve): Go to Symbol in
 * Workspace and Find References on an article's title, both plain LSP.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { describe, it } from 'node:test';
import { ensureNeovim } from './ensureNeovim';
import { Needs } from '../needs';

const REPO = path.resolve(__dirname, '..', '..', '..');
const SERVER = path.join(REPO, 'dist', 'server.js');
const FIXTURES = path.join(REPO, 'test', 'fixtures', 'protocol');

function positionOf(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

const LUA = String.raw`
local server, root, file, out = vim.env.KART_SERVER, vim.env.KART_ROOT, vim.env.KART_FILE, vim.env.KART_OUT
local line, character = tonumber(vim.env.KART_LINE), tonumber(vim.env.KART_CHARACTER)
local result = {}
local function finish()
  vim.fn.writefile({ vim.fn.json_encode(result) }, out)
  vim.cmd('qa!')
end
local function ask(method, params)
  local responses = vim.lsp.buf_request_sync(0, method, params, 20000)
  for _, r in pairs(responses or {}) do
    if r.error then return nil, r.error.message end
    return r.result
  end
end
local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local id = vim.lsp.start_client({
    name = 'knowledge-articles',
    cmd = { vim.env.KART_NODE, server, '--stdio' },
    root_dir = root,
    init_options = { today = '2026-06-01', diagnosticsDelay = 20 },
  })
  vim.lsp.buf_attach_client(0, id)
  -- The first answer waits for the workspace index.
  vim.wait(20000, function() return #vim.lsp.buf_get_clients(0) > 0 and vim.lsp.buf_get_clients(0)[1].initialized end, 50)
  result.symbols, result.symbols_error = ask('workspace/symbol', { query = 'instr tun' })
  local params = { textDocument = { uri = vim.uri_from_bufnr(0) }, position = { line = line, character = character }, context = { includeDeclaration = false } }
  result.references, result.references_error = ask('textDocument/references', params)
  vim.lsp.stop_client(id)
end)
if not ok then result.error = tostring(err) end
finish()
`;

describe('Neovim: across the knowledge base', () => {
  it('finds an article with workspace/symbol and the links to an article with references on its title', (t) => {
    // Outside CI a Neovim that cannot be installed skips this test, saying why; in CI it fails (test/needs.ts).
    const needs = new Needs();
    needs.get('Neovim', ensureNeovim);
    if (needs.skip(t)) return;
    assert.ok(existsSync(SERVER), `${SERVER} is missing: scripts/test.mjs bundles it first`);
    const root = mkdtempSync(path.join(tmpdir(), 'kart-nvim-nav-'));
    try {
      const small = readFileSync(path.join(FIXTURES, 'ai', 'small-article.md'), 'utf8');
      const seed = readFileSync(path.join(FIXTURES, 'ai', 'instruction-tuning.md'), 'utf8').replace('## TL;DR\n', '## TL;DR\nSee [the small one](../small-article.md).\n');
      mkdirSync(path.join(root, 'ai'));
      writeFileSync(path.join(root, 'ai', 'small-article.md'), small);
      writeFileSync(path.join(root, 'ai', 'instruction-tuning.md'), seed);
      const lua = path.join(root, 'check.lua');
      const out = path.join(root, 'result.json');
      writeFileSync(lua, LUA);
      const title = positionOf(small, small.indexOf('A Small Article') + 2);
      const run = spawnSync('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${lua}`], {
        cwd: root,
        encoding: 'utf8',
        timeout: 90_000,
        env: { ...process.env, KART_SERVER: SERVER, KART_NODE: process.execPath, KART_ROOT: root, KART_FILE: path.join(root, 'ai', 'small-article.md'), KART_OUT: out, KART_LINE: String(title.line), KART_CHARACTER: String(title.character) },
      });
      assert.ok(existsSync(out), `nvim wrote no result (status ${run.status}, signal ${run.signal}): ${run.stderr}${run.stdout}`);
      const result = JSON.parse(readFileSync(out, 'utf8')) as {
        error?: string;
        symbols?: { name: string; kind: number; location: { uri: string; range: { start: { line: number; character: number } } } }[];
        symbols_error?: string;
        references?: { uri: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }[];
        references_error?: string;
      };
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
