/**
 * A real LSP client for the protocol tests: starts the bundled server (`node dist/server.js --stdio`) and talks
 * JSON-RPC to it over the child's stdio with vscode-jsonrpc. It records what the server sends on its own
 * (diagnostics, progress, registrations, log messages) so that tests can wait for and assert on it.
 */
import * as assert from 'assert';
import { spawn, type ChildProcess } from 'child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { createMessageConnection, ResponseError, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

export const REPO = path.resolve(__dirname, '..', '..', '..');
export const SERVER = path.join(REPO, 'dist', 'server.js');
export const CORPUS = path.resolve(REPO, 'test', 'corpus', 'anchorfact');
export const SEED = path.resolve(REPO, 'test', 'corpus', 'seeds', '000_aa1be8cad8dc091c.txt');
export const TODAY = '2026-06-01';

export const uriOf = (p: string) => pathToFileURL(p).href;

export interface Pos {
  line: number;
  character: number;
}
export interface Range {
  start: Pos;
  end: Pos;
}
export interface Diagnostic {
  range: Range;
  severity?: number;
  code?: string | number;
  codeDescription?: { href: string };
  source?: string;
  message: string;
  relatedInformation?: { location: { uri: string; range: Range }; message: string }[];
  tags?: number[];
}
export interface PublishDiagnostics {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
}

/** What a client supporting everything (as VS Code does, with push diagnostics) tells the server. */
export function fullCapabilities(options: { pull?: boolean } = {}): Record<string, unknown> {
  return {
    workspace: {
      configuration: true,
      workspaceFolders: true,
      didChangeWatchedFiles: { dynamicRegistration: true },
      didChangeConfiguration: { dynamicRegistration: true },
      diagnostics: options.pull ? { refreshSupport: true } : undefined,
    },
    window: { workDoneProgress: true },
    textDocument: {
      synchronization: { dynamicRegistration: false },
      publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, tagSupport: { valueSet: [1, 2] } },
      hover: { contentFormat: ['markdown', 'plaintext'] },
      completion: { completionItem: { snippetSupport: true } },
      documentSymbol: { hierarchicalDocumentSymbolSupport: true },
      rename: { prepareSupport: true },
      codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll', 'refactor'] } } },
      diagnostic: options.pull ? { dynamicRegistration: false, relatedDocumentSupport: false } : undefined,
    },
  };
}

export interface StartOptions {
  root: string;
  capabilities?: Record<string, unknown>;
  initializationOptions?: Record<string, unknown>;
  settings?: Record<string, unknown>;
  processId?: number | null;
  /** Extra arguments for the server process (default `--stdio`). */
  args?: string[];
  /** Options for node itself (`--cpu-prof` to see where the server's time goes). */
  nodeArgs?: string[];
  /** Requests from the server this client answers with an error (a client that refuses them). */
  refuse?: string[];
  /** Also parse the server's output independently, for requests written raw (`writeRaw`, `rawAnswer`). */
  raw?: boolean;
  /** Skip `initialize`: for tests that speak to the raw process first. */
  noInitialize?: boolean;
}

export class TestClient {
  readonly published: PublishDiagnostics[] = [];
  readonly logs: { type: number; message: string }[] = [];
  readonly progress: { token: string | number; value: { kind: string; title?: string; message?: string; percentage?: number } }[] = [];
  readonly registrations: { method: string; registerOptions?: unknown }[] = [];
  readonly serverRequests: string[] = [];
  stderr = '';
  /** Every message the server wrote, parsed independently of the JSON-RPC connection (for raw-written requests). */
  readonly rawMessages: { id?: string | number; result?: unknown; error?: { code: number; message: string }; method?: string }[] = [];
  private rawBuffer = Buffer.alloc(0);
  private readonly rawCapture: boolean;
  exitCode: number | null | undefined = undefined;
  readonly exited: Promise<number | null>;
  settings: Record<string, unknown>;
  initializeResult: { capabilities: Record<string, unknown> } | undefined;
  private readonly waiters: (() => void)[] = [];

  constructor(
    readonly child: ChildProcess,
    readonly connection: MessageConnection,
    readonly root: string,
    settings: Record<string, unknown>,
    raw = false,
    refuse: string[] = [],
  ) {
    this.settings = settings;
    this.rawCapture = raw;
    const refused = (method: string) => {
      if (refuse.includes(method)) throw new ResponseError(-32603, `this client refuses ${method}`);
    };
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve((this.exitCode = code))));
    child.stderr!.on('data', (d: Buffer) => (this.stderr += d.toString()));
    if (raw) child.stdout!.on('data', (d: Buffer) => this.readRaw(d));
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnostics) => {
      this.published.push(p);
      this.poke();
    });
    connection.onNotification('window/logMessage', (p: { type: number; message: string }) => {
      this.logs.push(p);
      this.poke();
    });
    connection.onNotification('$/progress', (p: TestClient['progress'][number]) => {
      this.progress.push(p);
      this.poke();
    });
    connection.onRequest('window/workDoneProgress/create', () => {
      this.serverRequests.push('window/workDoneProgress/create');
      refused('window/workDoneProgress/create');
      return null;
    });
    connection.onRequest('client/registerCapability', (p: { registrations: { method: string; registerOptions?: unknown }[] }) => {
      this.serverRequests.push('client/registerCapability');
      refused('client/registerCapability');
      this.registrations.push(...p.registrations);
      this.poke();
      return null;
    });
    connection.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) => {
      this.serverRequests.push('workspace/configuration');
      refused('workspace/configuration');
      return p.items.map((i) => (i.section === 'knowledgeArticles' ? this.settings : null));
    });
    connection.onRequest('workspace/diagnostic/refresh', () => {
      this.serverRequests.push('workspace/diagnostic/refresh');
      this.poke();
      return null;
    });
  }

  private readRaw(chunk: Buffer): void {
    this.rawBuffer = Buffer.concat([this.rawBuffer, chunk]);
    for (;;) {
      const headerEnd = this.rawBuffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.rawBuffer.subarray(0, headerEnd).toString('ascii'))?.[1]);
      if (this.rawBuffer.length < headerEnd + 4 + length) return;
      this.rawMessages.push(JSON.parse(this.rawBuffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8')));
      this.rawBuffer = this.rawBuffer.subarray(headerEnd + 4 + length);
      this.poke();
    }
  }

  /** Writes messages straight onto the server's stdin in one chunk, bypassing the JSON-RPC writer. */
  writeRaw(...messages: unknown[]): Promise<void> {
    const text = messages.map((m) => (typeof m === 'string' ? m : JSON.stringify(m))).map((body) => `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`).join('');
    return new Promise((resolve, reject) => this.child.stdin!.write(text, (e) => (e ? reject(e) : resolve())));
  }

  /** The server's answer to a raw-written request. */
  rawAnswer(id: string): Promise<TestClient['rawMessages'][number]> {
    assert.ok(this.rawCapture, 'start the server with { raw: true } to read raw answers');
    return this.waitFor(`the answer to ${id}`, () => this.rawMessages.find((m) => m.id === id && m.method === undefined));
  }

  private poke(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  /** Waits until `check` returns a value (re-evaluated on every message from the server). */
  async waitFor<T>(what: string, check: () => T | undefined, timeoutMs = 10_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = check();
      if (v !== undefined) return v;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}; server stderr: ${this.stderr.slice(-2000)}; logs: ${JSON.stringify(this.logs.slice(-5))}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** The diagnostics published for a uri after `since` messages (optionally for a version), waiting for them. */
  diagnosticsFor(uri: string, options: { since?: number; version?: number; timeoutMs?: number } = {}): Promise<PublishDiagnostics> {
    return this.waitFor(`diagnostics for ${uri}`, () => this.published.slice(options.since ?? 0).find((p) => p.uri === uri && (options.version === undefined || p.version === options.version)), options.timeoutMs);
  }

  publishedFor(uri: string): PublishDiagnostics[] {
    return this.published.filter((p) => p.uri === uri);
  }

  request<R = unknown>(method: string, params?: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  notify(method: string, params?: unknown): Promise<void> {
    return this.connection.sendNotification(method, params);
  }

  open(uri: string, text: string, version = 1, languageId = 'markdown'): Promise<void> {
    return this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  /** Replaces the whole text (the server asks for incremental sync; a change without a range is the whole text). */
  replace(uri: string, version: number, text: string): Promise<void> {
    return this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  edit(uri: string, version: number, range: Range, text: string): Promise<void> {
    return this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] });
  }

  close(uri: string): Promise<void> {
    return this.notify('textDocument/didClose', { textDocument: { uri } });
  }

  /** shutdown, exit, and the process's exit code. */
  async stop(): Promise<number | null> {
    if (this.exitCode === undefined) {
      try {
        await Promise.race([this.request('shutdown'), new Promise((r) => setTimeout(r, 3000))]);
        await this.notify('exit');
      } catch {
        // The process is already gone.
      }
    }
    const code = await Promise.race([this.exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 5000))]);
    if (code === 'timeout') {
      this.child.kill('SIGKILL');
      return this.exited;
    }
    this.connection.dispose();
    return code;
  }
}

/** Starts the bundled server and initializes it with one workspace folder. */
export async function startServer(options: StartOptions): Promise<TestClient> {
  assert.ok(readFileSync(SERVER).length > 0, `${SERVER} is missing: scripts/test.mjs bundles it first`);
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), SERVER, ...(options.args ?? ['--stdio'])], { stdio: ['pipe', 'pipe', 'pipe'] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  // A test that kills the server on purpose must not see write errors as failures.
  connection.onError(() => undefined);
  child.stdin!.on('error', () => undefined);
  const client = new TestClient(child, connection, options.root, options.settings ?? {}, options.raw, options.refuse);
  connection.listen();
  if (!options.noInitialize) {
    client.initializeResult = await client.request('initialize', {
      processId: options.processId === undefined ? process.pid : options.processId,
      rootUri: uriOf(options.root),
      workspaceFolders: [{ uri: uriOf(options.root), name: path.basename(options.root) }],
      capabilities: options.capabilities ?? fullCapabilities(),
      initializationOptions: { today: TODAY, diagnosticsDelay: 50, ...options.initializationOptions },
    });
    await client.notify('initialized', {});
  }
  return client;
}

/** A temporary workspace folder with the given files (relative path → text); removed by `dispose`. */
export function makeWorkspace(files: Record<string, string>): { root: string; path(rel: string): string; uri(rel: string): string; write(rel: string, text: string): void; dispose(): void } {
  const root = mkdtempSync(path.join(tmpdir(), 'kart-lsp-'));
  const write = (rel: string, text: string) => {
    const p = path.join(root, rel);
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, text);
  };
  for (const [rel, text] of Object.entries(files)) write(rel, text);
  return {
    root,
    path: (rel) => path.join(root, rel),
    uri: (rel) => uriOf(path.join(root, rel)),
    write,
    dispose: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** Copies corpus articles into a workspace (the corpus itself is never touched). */
export function copyCorpus(root: string, rels: string[]): void {
  for (const rel of rels) {
    const to = path.join(root, rel);
    mkdirSync(path.dirname(to), { recursive: true });
    cpSync(path.join(CORPUS, rel), to);
  }
}

/** Offset ↔ position in UTF-16 code units, as LSP counts them; written independently of the server's LineIndex. */
export function positionOf(text: string, offset: number): Pos {
  let line = 0;
  let start = 0;
  for (let i = 0; i < offset; i++) {
    if (text[i] === '\r' && text[i + 1] === '\n') continue;
    if (text[i] === '\n' || text[i] === '\r') {
      line++;
      start = i + 1;
    }
  }
  return { line, character: offset - start };
}

export function rangeOf(text: string, start: number, end: number): Range {
  return { start: positionOf(text, start), end: positionOf(text, end) };
}

/** The range of the n-th (0-based) occurrence of `needle` in `text`. */
export function find(text: string, needle: string, nth = 0): Range {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    assert.ok(at >= 0, `"${needle}" (#${nth}) not in the text`);
  }
  return rangeOf(text, at, at + needle.length);
}

/** The text a range covers. */
export function textAt(text: string, r: Range): string {
  const offsetOf = (p: Pos) => {
    let line = 0;
    let i = 0;
    while (line < p.line && i < text.length) {
      if (text[i] === '\r' && text[i + 1] === '\n') i++;
      if (text[i] === '\n' || text[i] === '\r') line++;
      i++;
    }
    return i + p.character;
  };
  return text.slice(offsetOf(r.start), offsetOf(r.end));
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
