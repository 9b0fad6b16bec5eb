import * as assert from 'assert';
import { fork, spawn } from 'child_process';
import { readFileSync, unlinkSync } from 'fs';
import * as path from 'path';
import { after, before, describe, it } from 'node:test';
import { createMessageConnection, IPCMessageReader, IPCMessageWriter } from 'vscode-jsonrpc/node';
import { find, fullCapabilities, makeWorkspace, REPO, SERVER, sleep, startServer, TODAY, uriOf, type Diagnostic, type PublishDiagnostics, type TestClient } from './client';

const FIXTURES = path.join(REPO, 'test', 'fixtures', 'protocol');
const small = readFileSync(path.join(FIXTURES, 'ai', 'small-article.md'), 'utf8');
const seed = readFileSync(path.join(FIXTURES, 'ai', 'instruction-tuning.md'), 'utf8');
const uncitedSecond = small.replace('[@fact-ai-small-2]', '');


async function stillServes(client: TestClient, uri: string, text: string): Promise<void> {
  const h = await client.request<{ range: unknown } | null>('textDocument/hover', { textDocument: { uri }, position: find(text, '@fact-ai-small-1').end });
  assert.ok(h, 'the server still answers a hover');
}

describe('the server under faults', () => {
  const ws = makeWorkspace({ 'ai/small-article.md': small, 'ai/instruction-tuning.md': seed, 'ai/on-disk.md': small.replace('id: small-article', 'id: on-disk').replace(/fact-ai-small-/g, 'fact-ai-disk-') });
  const uri = ws.uri('ai/small-article.md');
  let client: TestClient;

  before(async () => {
    client = await startServer({ root: ws.root, raw: true });
    await client.waitFor('indexing to end', () => client.progress.find((p) => p.value.kind === 'end'));
    await client.open(uri, small, 1);
  });
  after(async () => {
    const code = await client.stop();
    assert.strictEqual(code, 0, 'shutdown then exit ends the process with 0');
    assert.doesNotMatch(client.stderr, /Error|rejection/i);
    assert.deepStrictEqual(client.logs.filter((l) => /Unhandled|Uncaught/.test(l.message)), []);
    ws.dispose();
  });

  it('a message that is not JSON: answered with a parse error or dropped; the server keeps serving', async () => {
    await client.writeRaw('{"jsonrpc":"2.0","id":99,"method":"textDocument/hover",');
    await stillServes(client, uri, small);
    // A header block with no Content-Length: the guard in front of stdin drops it; the very next message is served.
    await new Promise((resolve) => client.child.stdin!.write('X-Nonsense: 1\r\n\r\n', resolve));
    const hover = (id: string) => ({ jsonrpc: '2.0', id, method: 'textDocument/hover', params: { textDocument: { uri }, position: find(small, '@fact-ai-small-1').end } });
    await client.writeRaw(hover('after-garbage-1'));
    await sleep(200);
    await client.writeRaw(hover('after-garbage-2'));
    for (const id of ['after-garbage-1', 'after-garbage-2']) assert.match(JSON.stringify((await client.rawAnswer(id)).result), /fact-ai-small-1/);
    await stillServes(client, uri, small);
  });

  it('a JSON message that is not a request: ignored; the server keeps serving', async () => {
    await client.writeRaw('{"jsonrpc":"2.0","id":7}', '[1,2,3]', '{"jsonrpc":"2.0","method":42,"params":null}', 'null', '"text"');
    await client.writeRaw({ jsonrpc: '2.0', id: 'bad-params', method: 'textDocument/hover', params: { textDocument: {} } });
    const answer = await client.rawAnswer('bad-params');
    assert.ok(answer.error || answer.result === null, JSON.stringify(answer));
    await stillServes(client, uri, small);
  });

  it('requests with params of the wrong shape get an error or null, never a crash', async () => {
    for (const [method, params] of [
      ['textDocument/hover', { textDocument: { uri }, position: { line: -5, character: 1e9 } }],
      ['textDocument/completion', { textDocument: { uri }, position: { line: 1e6, character: 0 } }],
      ['textDocument/references', { textDocument: { uri }, position: { line: 14, character: 9 } }],
      ['textDocument/documentSymbol', { textDocument: { uri: 'not a uri' } }],
      ['kart/articleView', {}],
      ['kart/newArticle', { title: 5 }],
    ] as const) {
      await client.request(method, params).then(
        () => undefined,
        (e: { code: number }) => assert.ok([-32602, -32603, -32803].includes(e.code), `${method}: ${JSON.stringify(e)}`),
      );
    }
    await stillServes(client, uri, small);
  });

  it('an unknown method: MethodNotFound; an unknown notification: ignored', async () => {
    await assert.rejects(client.request('kart/noSuchThing', {}), (e: { code: number }) => e.code === -32601);
    await client.notify('kart/noSuchNotification', { x: 1 });
    await client.notify('$/noSuchProtocolNotification', {});
    await stillServes(client, uri, small);
  });

  it('a request on a document never opened is answered from the file on disk; a missing file gets null', async () => {
    const diskUri = ws.uri('ai/on-disk.md');
    const text = readFileSync(ws.path('ai/on-disk.md'), 'utf8');
    const h = await client.request<{ contents: { value: string }; range: unknown }>('textDocument/hover', { textDocument: { uri: diskUri }, position: find(text, '@fact-ai-disk-1').end });
    assert.match(h.contents.value, /^\*\*fact-ai-disk-1\*\*/);
    const symbols = await client.request<unknown[]>('textDocument/documentSymbol', { textDocument: { uri: diskUri } });
    assert.ok(symbols.length > 3);
    for (const method of ['textDocument/hover', 'textDocument/definition', 'textDocument/completion']) {
      assert.strictEqual(await client.request(method, { textDocument: { uri: ws.uri('ai/never-existed.md') }, position: { line: 1, character: 1 } }), null, method);
    }
    assert.strictEqual(await client.request('textDocument/codeLens', { textDocument: { uri: 'untitled:Untitled-9' } }), null);
  });

  it('a cancelled request is answered with RequestCancelled', async () => {
    // The request and its cancellation in one chunk, as they arrive when an editor cancels while the server is busy.
    const ids = ['c1', 'c2', 'c3'];
    await client.writeRaw(
      ...ids.flatMap((id, i) => [
        { jsonrpc: '2.0', id, method: ['textDocument/documentSymbol', 'textDocument/hover', 'kart/checkWorkspace'][i], params: i === 2 ? {} : { textDocument: { uri }, position: { line: 40, character: 52 } } },
        { jsonrpc: '2.0', method: '$/cancelRequest', params: { id } },
      ]),
    );
    for (const id of ids) {
      const answer = await client.rawAnswer(id);
      assert.strictEqual(answer.error?.code, -32800, `${id}: ${JSON.stringify(answer)}`);
    }
    // Not cancelled: answered.
    await client.writeRaw({ jsonrpc: '2.0', id: 'c4', method: 'textDocument/documentSymbol', params: { textDocument: { uri } } });
    const answered = await client.rawAnswer('c4');
    assert.ok(Array.isArray(answered.result) && answered.result.length > 0);
  });

  it('a burst of incremental edits: only the last version is diagnosed, and on the text the edits add up to', async () => {
    const since = client.published.length;
    // Delete the citation of the second fact one character at a time, from its end.
    const cite = find(small, '[@fact-ai-small-2]');
    let version = 1;
    for (let c = cite.end.character; c > cite.start.character; c--) {
      await client.edit(uri, ++version, { start: { line: cite.start.line, character: c - 1 }, end: { line: cite.start.line, character: c } }, '');
    }
    const last = await client.diagnosticsFor(uri, { since, version });
    await sleep(300);
    assert.deepStrictEqual(
      client.published.slice(since).filter((p) => p.uri === uri).map((p) => p.version),
      [version],
    );
    assert.deepStrictEqual(
      last.diagnostics.map((d) => [d.code, d.range]),
      [['fact-uncited', find(uncitedSecond, 'fact-ai-small-2')]],
    );
    await client.replace(uri, ++version, small);
    await client.diagnosticsFor(uri, { version });
  });

  it('a file deleted on disk with no notice: requests on it answer null, the workspace check drops it', async () => {
    ws.write('ai/ephemeral.md', seed.replace('id: instruction-tuning', 'id: ephemeral'));
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uri('ai/ephemeral.md'), type: 1 }] });
    await sleep(100);
    unlinkSync(ws.path('ai/ephemeral.md'));
    assert.strictEqual(await client.request('textDocument/hover', { textDocument: { uri: ws.uri('ai/ephemeral.md') }, position: { line: 1, character: 1 } }), null);
    const result = await client.request<{ files: number }>('kart/checkWorkspace', {});
    assert.strictEqual(result.files, 3);
    await stillServes(client, uri, small);
  });
});

describe('the configuration file and the settings', () => {
  const ws = makeWorkspace({ 'ai/small-article.md': uncitedSecond, 'ai/instruction-tuning.md': seed, 'kart.config.json': '{ "rules": { "fact-uncited": "off", } }' });
  const uri = ws.uri('ai/small-article.md');
  const configUri = ws.uri('kart.config.json');
  let client: TestClient;

  before(async () => {
    client = await startServer({ root: ws.root, settings: { rules: { 'fact-uncited': 'error' } } });
  });
  after(async () => {
    await client.stop();
    ws.dispose();
  });

  it('a kart.config.json that is not JSON: a diagnostic on it, and the defaults (with the settings) stand', async () => {
    const p = await client.diagnosticsFor(configUri);
    assert.strictEqual(p.diagnostics.length, 1);
    const d = p.diagnostics[0];
    assert.strictEqual(d.severity, 1);
    assert.strictEqual(d.code, 'config-invalid');
    assert.match(d.message, /^not valid JSON: /);
    assert.deepStrictEqual(d.range.start, find('{ "rules": { "fact-uncited": "off", } }', '}').start);
    // Opening and closing the file in the editor leaves its diagnostic standing.
    const since = client.published.length;
    await client.open(configUri, readFileSync(ws.path('kart.config.json'), 'utf8'), 1, 'json');
    await client.close(configUri);
    await client.open(uri, uncitedSecond, 1);
    const doc = await client.diagnosticsFor(uri, { version: 1 });
    assert.deepStrictEqual(client.published.slice(since).filter((x) => x.uri === configUri), []);
    // The settings ask for an error; the broken file cannot say otherwise.
    assert.deepStrictEqual(
      doc.diagnostics.map((x) => [x.code, x.severity]),
      [['fact-uncited', 1]],
    );
  });

  it('the file mended: its diagnostic goes, its rules apply over the settings', async () => {
    const since = client.published.length;
    ws.write('kart.config.json', '{ "rules": { "fact-uncited": "off" } }');
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri, type: 2 }] });
    const cleared = await client.diagnosticsFor(configUri, { since });
    assert.deepStrictEqual(cleared.diagnostics, []);
    await client.waitFor('re-diagnosed without the rule turned off', () => client.published.slice(since).find((p: PublishDiagnostics) => p.uri === uri && p.diagnostics.length === 0));
  });

  it('changed settings are read again from the client', async () => {
    const since = client.published.length;
    ws.write('kart.config.json', '{}');
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri, type: 2 }] });
    const shape = (p: PublishDiagnostics) => JSON.stringify(p.diagnostics.map((d: Diagnostic) => [d.code, d.severity]));
    // The settings' severity again, now that the file names no rule.
    await client.waitFor('the settings\' severity', () => client.published.slice(since).find((p) => p.uri === uri && shape(p) === '[["fact-uncited",1]]'));
    const since2 = client.published.length;
    client.settings = { rules: { 'fact-uncited': 'info' } };
    await client.notify('workspace/didChangeConfiguration', { settings: null });
    await client.waitFor('the new severity', () => client.published.slice(since2).find((p) => p.uri === uri && shape(p) === '[["fact-uncited",3]]'));
    await sleep(300);
    const last = client.publishedFor(uri).pop()!;
    assert.strictEqual(shape(last), '[["fact-uncited",3]]');
  });

  it('a client that fails the configuration request: logged, and the server keeps serving', async () => {
    client.connection.onRequest('workspace/configuration', () => {
      throw new Error('the client cannot read its settings');
    });
    await client.notify('workspace/didChangeConfiguration', { settings: null });
    await client.waitFor('the failure logged', () => client.logs.find((l) => /Reading the settings/.test(l.message)));
    const symbols = await client.request<unknown[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.ok(symbols.length > 0);
  });
});

describe('a client that refuses what the server asks of it', () => {
  const ws = makeWorkspace({ 'ai/small-article.md': small, 'ai/instruction-tuning.md': seed, 'ai/copy.md': seed });
  let client: TestClient;

  before(async () => {
    client = await startServer({ root: ws.root, refuse: ['client/registerCapability', 'workspace/configuration', 'window/workDoneProgress/create'] });
  });
  after(async () => {
    await client.stop();
    ws.dispose();
  });

  it('still indexes the workspace and serves, and says what failed in the log', async () => {
    const uri = ws.uri('ai/small-article.md');
    const text = small.replace('[@fact-ai-small-2]', '[@fact-ai-small-9]');
    await client.open(uri, text, 1);
    const p = await client.diagnosticsFor(uri, { version: 1 });
    assert.deepStrictEqual(p.diagnostics.map((d) => d.code), ['fact-uncited', 'citation-unknown-fact']);
    // The workspace was indexed: the closed copy of an article gets the duplicate id, a finding across files.
    const dup = await client.waitFor('a workspace finding', () => client.published.find((x) => x.uri === ws.uri('ai/copy.md') && x.diagnostics.length > 0));
    assert.deepStrictEqual(dup.diagnostics.map((d) => d.code), ['article-id-duplicate']);
    await client.waitFor('the refusals logged', () => (client.logs.filter((l) => /failed/.test(l.message)).length >= 2 ? true : undefined));
  });
});

describe('an untrusted workspace', () => {
  const ws = makeWorkspace({ 'ai/small-article.md': uncitedSecond, 'ai/instruction-tuning.md': seed, 'kart.config.json': '{ "rules": { "fact-uncited": "off" }, "extraSchema": "x.json" ' });
  let client: TestClient;

  before(async () => {
    client = await startServer({ root: ws.root, initializationOptions: { trusted: false } });
  });
  after(async () => {
    await client.stop();
    ws.dispose();
  });

  it('loads nothing from it: kart.config.json is neither read nor reported, the defaults stand', async () => {
    const uri = ws.uri('ai/small-article.md');
    await client.open(uri, uncitedSecond, 1);
    await client.waitFor('indexing to end', () => client.progress.find((p) => p.value.kind === 'end'));
    await client.replace(uri, 2, uncitedSecond);
    const p = await client.diagnosticsFor(uri, { version: 2 });
    assert.deepStrictEqual(p.diagnostics.map((d) => [d.code, d.severity]), [['fact-uncited', 4]]);
    assert.deepStrictEqual(client.publishedFor(ws.uri('kart.config.json')), []);
  });
});

describe('a frame with a bad Content-Length before initialize', () => {
  const ws = makeWorkspace({ 'ai/small-article.md': small });
  after(() => ws.dispose());
  const initialize = (id: string) =>
    JSON.stringify({
      jsonrpc: '2.0',
      id,
      method: 'initialize',
      params: { processId: process.pid, rootUri: uriOf(ws.root), workspaceFolders: null, capabilities: fullCapabilities(), initializationOptions: { today: TODAY } },
    });
  const lost = JSON.stringify({ jsonrpc: '2.0', id: 'lost', method: 'initialize', params: {} });

  for (const [what, bad] of [
    ['negative', `Content-Length: -5\r\n\r\n${lost}`],
    ['non-numeric', `Content-Length: twelve\r\n\r\n${lost}`],
    ['too small', `Content-Length: 10\r\n\r\n${lost}`],
    ['missing', `Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n${lost}`],
  ] as const) {
    it(`${what}: the frame is dropped, logged on stderr, and the initialize written next is answered`, async () => {
      const client = await startServer({ root: ws.root, raw: true, noInitialize: true });
      try {
        const good = initialize(`init-after-${what}`);
        // One write, as a client's buffered stream would send it: the bad frame and the good one in a single chunk.
        await new Promise((resolve) => client.child.stdin!.write(`${bad}Content-Length: ${Buffer.byteLength(good)}\r\n\r\n${good}`, resolve));
        const answer = await client.rawAnswer(`init-after-${what}`);
        assert.strictEqual((answer.result as { capabilities: { hoverProvider?: boolean } }).capabilities.hoverProvider, true);
        assert.strictEqual(client.rawMessages.find((m) => m.id === 'lost'), undefined, 'the bad frame was not served');
        if (what !== 'too small') assert.match(client.stderr, /not a well-framed LSP message \(.+\) is dropped up to the next Content-Length header/);
        assert.match(client.stderr, /\d+ bytes dropped; reading on from the well-formed header that follows/);
        // And it goes on serving: a hover over the article, after initialized.
        await client.notify('initialized', {});
        const hover = await client.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri: ws.uri('ai/small-article.md') }, position: find(small, '@fact-ai-small-1').end });
        assert.match(hover?.contents.value ?? '', /fact-ai-small-1/);
      } finally {
        assert.strictEqual(await client.stop(), 0);
      }
    });
  }

  it('a bad frame with nothing after it: the server still exits when its input ends, saying what it dropped', async () => {
    const client = await startServer({ root: ws.root, noInitialize: true });
    client.child.stdin!.end('Content-Length: -1\r\n\r\n{}');
    const code = await Promise.race([client.exited, sleep(10_000).then(() => 'still running')]);
    assert.strictEqual(code, 1, 'no shutdown was asked for');
    assert.match(client.stderr, /Content-Length "-1" is not a number of bytes[\s\S]*bytes dropped; the input ended/);
  });
});

describe('the server process', () => {
  const ws = makeWorkspace({ 'ai/small-article.md': small, 'ai/instruction-tuning.md': seed });

  after(() => ws.dispose());

  it('exits when the client process dies (processId from initialize)', async () => {
    const parent = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    const client = await startServer({ root: ws.root, processId: parent.pid! });
    await client.request('textDocument/documentSymbol', { textDocument: { uri: ws.uri('ai/small-article.md') } });
    const started = Date.now();
    parent.kill('SIGKILL');
    const code = await Promise.race([client.exited, sleep(10_000).then(() => 'still running')]);
    assert.notStrictEqual(code, 'still running');
    assert.ok(Date.now() - started < 10_000);
    await client.stop();
  });

  it('exits when its input ends', async () => {
    const client = await startServer({ root: ws.root });
    client.child.stdin!.end();
    const code = await Promise.race([client.exited, sleep(5000).then(() => 'still running')]);
    assert.strictEqual(code, 1, 'no shutdown was asked for');
  });

  it('serves over node IPC too (--node-ipc)', async () => {
    const child = fork(SERVER, ['--node-ipc'], { stdio: ['pipe', 'pipe', 'pipe', 'ipc'] });
    const connection = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    const diagnostics: PublishDiagnostics[] = [];
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnostics) => diagnostics.push(p));
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
    connection.listen();
    const exited = new Promise((r) => child.on('exit', r));
    try {
      const init = await connection.sendRequest<{ capabilities: { hoverProvider?: boolean } }>('initialize', {
        processId: process.pid,
        rootUri: uriOf(ws.root),
        workspaceFolders: [{ uri: uriOf(ws.root), name: 'ws' }],
        capabilities: fullCapabilities(),
        initializationOptions: { today: TODAY, diagnosticsDelay: 10 },
      });
      assert.strictEqual(init.capabilities.hoverProvider, true);
      await connection.sendNotification('initialized', {});
      const uri = ws.uri('ai/small-article.md');
      const text = small.replace('[@fact-ai-small-2]', '[@nope]');
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
      const deadline = Date.now() + 10_000;
      while (!diagnostics.some((d) => d.uri === uri && d.version === 1) && Date.now() < deadline) await sleep(20);
      const mine = diagnostics.find((d) => d.uri === uri && d.version === 1)!;
      assert.deepStrictEqual(
        mine.diagnostics.map((d) => [d.code, d.range]),
        [
          ['fact-uncited', find(text, 'fact-ai-small-2')],
          ['citation-unknown-fact', find(text, 'nope')],
        ],
      );
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
      assert.strictEqual(await Promise.race([exited, sleep(5000).then(() => 'still running')]), 0);
    } finally {
      connection.dispose();
      child.kill();
    }
  });
});
