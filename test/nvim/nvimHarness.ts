/**
 * Neovim as a real LSP client, for the test files here: headless Neovim runs a Lua script that starts the bundled
 * server on a file of a temporary workspace, asks what the test wants and writes a JSON result, which the test reads.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { existsSync, readFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import type { TestContext } from 'node:test';
import { ensureNeovim } from './ensureNeovim';
import { Needs } from '../needs';

const REPO = path.resolve(__dirname, '..', '..', '..');
const SERVER = path.join(REPO, 'dist', 'server.js');
export const FIXTURES = path.join(REPO, 'test', 'fixtures', 'protocol');

export interface Position {
  line: number;
  character: number;
}

/** Offset → LSP position (UTF-16 code units, LF only here). */
export function positionOf(text: string, offset: number): Position {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

/** Whether the test can go on: outside CI a Neovim that cannot be installed skips it, saying why; in CI it fails (test/needs.ts). */
export function haveNeovim(t: TestContext): boolean {
  const needs = new Needs();
  needs.get('Neovim', ensureNeovim);
  if (needs.skip(t)) return false;
  assert.ok(existsSync(SERVER), `${SERVER} is missing: scripts/test.mjs bundles it first`);
  return true;
}

/**
 * A Lua script that opens KART_FILE, starts the server on it (`id`: the client) and runs `body`, then writes `result`
 * to KART_OUT (with `result.error` when the body failed) and quits. `helpers` are Lua lines defined before.
 */
export function nvimScript(body: string, helpers = ''): string {
  return String.raw`
local server, root, file, out = vim.env.KART_SERVER, vim.env.KART_ROOT, vim.env.KART_FILE, vim.env.KART_OUT
local line, character = tonumber(vim.env.KART_LINE), tonumber(vim.env.KART_CHARACTER)
local result = {}
local function finish()
  vim.fn.writefile({ vim.fn.json_encode(result) }, out)
  vim.cmd('qa!')
end
${helpers}
local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local id = vim.lsp.start_client({
    name = 'knowledge-articles',
    cmd = { vim.env.KART_NODE, server, '--stdio' },
    root_dir = root,
    init_options = { today = '2026-06-01', diagnosticsDelay = 20 },
  })
  vim.lsp.buf_attach_client(0, id)
${body}
  vim.lsp.stop_client(id)
end)
if not ok then result.error = tostring(err) end
finish()
`;
}

/** Runs headless Neovim in `root` on `file` with the script (KART_LINE/KART_CHARACTER: `at`) and returns its result. */
export function runNvim<T>(root: string, file: string, at: Position, script: string): T {
  const lua = path.join(root, 'check.lua');
  const out = path.join(root, 'result.json');
  writeFileSync(lua, script);
  const run = spawnSync('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${lua}`], {
    cwd: root,
    encoding: 'utf8',
    timeout: 90_000,
    env: {
      ...process.env,
      KART_SERVER: SERVER,
      KART_NODE: process.execPath,
      KART_ROOT: root,
      KART_FILE: file,
      KART_OUT: out,
      KART_LINE: String(at.line),
      KART_CHARACTER: String(at.character),
    },
  });
  assert.ok(existsSync(out), `nvim wrote no result (status ${run.status}, signal ${run.signal}): ${run.stderr}${run.stdout}`);
  return JSON.parse(readFileSync(out, 'utf8')) as T;
}
