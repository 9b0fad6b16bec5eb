/**
 * A second real LSP client: Debian's Neovim (0.7.2 here) starts the bundled server headless, opens an article,
 * and reports the diagnostics it received and a hover it asked for. Neovim is installed with apt when missing.
 */
import * as assert from 'assert';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { describe, it } from 'node:test';
import { FIXTURES, haveNeovim, nvimScript, positionOf, runNvim } from './nvimHarness';

const LUA = nvimScript(
  String.raw`
  result.client = id
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
  end`,
  "result.version = tostring(vim.version().major) .. '.' .. tostring(vim.version().minor) .. '.' .. tostring(vim.version().patch)",
);

describe('Neovim as a second LSP client', () => {
  it('starts the server headless, receives an article\'s diagnostics and a hover', (t) => {
    if (!haveNeovim(t)) return;
    const root = mkdtempSync(path.join(tmpdir(), 'kart-nvim-'));
    try {
      const small = readFileSync(path.join(FIXTURES, 'ai', 'small-article.md'), 'utf8');
      const text = small.replace('[@fact-ai-small-2]', '[@fact-ai-small-9]');
      mkdirSync(path.join(root, 'ai'));
      writeFileSync(path.join(root, 'ai', 'small-article.md'), text);
      writeFileSync(path.join(root, 'ai', 'instruction-tuning.md'), readFileSync(path.join(FIXTURES, 'ai', 'instruction-tuning.md')));
      const cite = text.indexOf('@fact-ai-small-1');
      const hoverAt = positionOf(text, cite + 3);
      const result = runNvim<{
        version: string;
        error?: string;
        got_diagnostics: boolean;
        diagnostics: { code: string; severity: number; message: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }[];
        hover: { contents: { kind: string; value: string } | string; range: unknown }[];
        hover_error?: string;
      }>(root, path.join(root, 'ai', 'small-article.md'), hoverAt, LUA);
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
