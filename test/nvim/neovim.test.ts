/**
 * A second real LSP client: Debian's Neovim (0.7.2 here) starts the bundled server headless, opens an article,
 * and reports the diagnostics it received and a hover it asked for. Neovim is installed with apt when missing.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { ensureNeovim } from './ensureNeovim';
import { Needs } from '../needs';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { describe, it } from 'node:test';

const REPO = path.resolve(__dirname, '..', '..', '..');
const SERVER = path.join(REPO, 'dist', 'server.js');
const FIXTURES = path.join(REPO, 'test', 'fixtures', 'protocol');

/** Offset → LSP position (UTF-16 code units, LF only here). */
function positionOf(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

const LUA = String.raw`
local server, root, file, out = vim.env.KART_SERVER, vim.env.KART_ROOT, vim.env.KART_FILE, vim.env.KART_OUT
local line, character = tonumber(vim.env.KART_LINE), tonumber(vim.env.KART_CHARACTER)
local result = { version = tostring(vim.version().major) .. '.' .. tostring(vim.version().minor) .. '.' .. tostring(vim.version().patch) }
local function finish()
  vim.fn.writefile({ vim.fn.json_encode(result) }, out)
  vim.cmd('qa!')
end
local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local id = vim.lsp.start_client({
    name = 'knowledge-articles',
    cmd = { vim.env.KART_NODE, server, '--stdio' },
    root_dir = root,
    init_options = { today = '2026-06-01', diagnosticsDelay = 20 },
  })
  result.client = id
  vim.lsp.buf_attach_client(0, id)
  result.got_diagnostics = vim.wait(20000, function() return #vim.diagnostic.get(0) > 0 end, 50)
  result.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(0)) do
    local lsp = (d.user_data or {}).lsp or {}
    -- 0.7 keeps the LSP code in user_data and gives the range as lnum/col (byte columns; these lines are ASCII).
    table.insert(result.diagnostics, { code = lsp.code or d.code, severity = d.severity, message = d.message,
      range = { start = { line = d.lnum, character = d.col }, ['end'] = { line = d.end_lnum, character = d.end_col } } })
  end
  local params = { textDocument = { uri = vim.uri_from_bufnr(0) }, position = { line = line, character = character } }
  local responses = vim.lsp.buf_request_sync(0, 'textDocument/hover', params, 20000)
  result.hover = {}
  for _, r in pairs(responses or {}) do
    if r.error then result.hover_error = r.error.message end
    if r.result then table.insert(result.hover, r.result) end
  end
  vim.lsp.stop_client(id)
end)
if not ok then result.error = tostring(err) end
finish()
`;

describe('Neovim as a second LSP client', () => {
  it('starts the server headless, receives an article\'s diagnostics and a hover', (t) => {
    // Outside CI a Neovim that cannot be installed skips this test, saying why; in CI it fails (test/needs.ts).
    const needs = new Needs();
    needs.get('Neovim', ensureNeovim);
    if (needs.skip(t)) return;
    assert.ok(existsSync(SERVER), `${SERVER} is missing: scripts/test.mjs bundles it first`);
    const root = mkdtempSync(path.join(tmpdir(), 'kart-nvim-'));
    try {
      const small = readFileSync(path.join(FIXTURES, 'ai', 'small-article.md'), 'utf8');
      const text = small.replace('[@fact-ai-small-2]', '[@fact-ai-small-9]');
      mkdirSync(path.join(root, 'ai'));
      writeFileSync(path.join(root, 'ai', 'small-article.md'), text);
      writeFileSync(path.join(root, 'ai', 'instruction-tuning.md'), readFileSync(path.join(FIXTURES, 'ai', 'instruction-tuning.md')));
      const lua = path.join(root, 'check.lua');
      const out = path.join(root, 'result.json');
      writeFileSync(lua, LUA);
      const cite = text.indexOf('@fact-ai-small-1');
      const hoverAt = positionOf(text, cite + 3);
      const run = spawnSync('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${lua}`], {
        cwd: root,
        encoding: 'utf8',
        timeout: 90_000,
        env: {
          ...process.env,
          KART_SERVER: SERVER,
          KART_NODE: process.execPath,
          KART_ROOT: root,
          KART_FILE: path.join(root, 'ai', 'small-article.md'),
          KART_OUT: out,
          KART_LINE: String(hoverAt.line),
          KART_CHARACTER: String(hoverAt.character),
        },
      });
      assert.ok(existsSync(out), `nvim wrote no result (status ${run.status}, signal ${run.signal}): ${run.stderr}${run.stdout}`);
      const result = JSON.parse(readFileSync(out, 'utf8')) as {
        version: string;
        error?: string;
        got_diagnostics: boolean;
        diagnostics: { code: string; severity: number; message: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }[];
        hover: { contents: { kind: string; value: string } | string; range: unknown }[];
        hover_error?: string;
      };
      t.diagnostic(`Neovim ${result.version}`);
      assert.strictEqual(result.error, undefined);
      assert.strictEqual(result.got_diagnostics, true);
      const unknown = text.indexOf('fact-ai-small-9');
      const uncited = text.indexOf('fact-ai-small-2');
      assert.deepStrictEqual(
        result.diagnostics.map((d) => [d.code, d.range]).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
        [
          ['citation-unknown-fact', { start: positionOf(text, unknown), end: positionOf(text, unknown + 'fact-ai-small-9'.length) }],
          ['fact-uncited', { start: positionOf(text, uncited), end: positionOf(text, uncited + 'fact-ai-small-2'.length) }],
        ],
      );
      // vim.diagnostic's own severities: 1 error, 4 hint.
      assert.deepStrictEqual(result.diagnostics.map((d) => [d.code, d.severity]).sort(), [
        ['citation-unknown-fact', 1],
        ['fact-uncited', 4],
      ]);
      assert.strictEqual(result.hover_error, undefined);
      assert.strictEqual(result.hover.length, 1);
      const contents = result.hover[0].contents;
      assert.strictEqual(typeof contents === 'string' ? contents : contents.value, '**fact-ai-small-1** · confidence: high\n\nTransformers use self-attention.\n\nSource: [Attention Is All You Need](<https://arxiv.org/abs/1706.03762>)\n\nVerified 12 days ago (2026-05-20)');
      assert.deepStrictEqual(result.hover[0].range, { start: positionOf(text, cite), end: positionOf(text, cite + '@fact-ai-small-1'.length) });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
