import * as assert from 'assert';
import { readFileSync, renameSync, unlinkSync } from 'fs';
import * as path from 'path';
import { after, before, describe, it } from 'node:test';
import { copyCorpus, find, fullCapabilities, makeWorkspace, REPO, sleep, startServer, type Diagnostic, type TestClient } from './client';

const FIXTURES = path.join(REPO, 'test', 'fixtures', 'protocol');
const small = readFileSync(path.join(FIXTURES, 'ai', 'small-article.md'), 'utf8');
const seed = readFileSync(path.join(FIXTURES, 'ai', 'instruction-tuning.md'), 'utf8');
const readme = readFileSync(path.join(FIXTURES, 'README.md'), 'utf8');

const codes = (ds: Diagnostic[]) => ds.map((d) => d.code).sort();

describe('diagnostics over the protocol (push client)', () => {
  const ws = makeWorkspace({ 'ai/small-article.md': small, 'ai/instruction-tuning.md': seed, 'README.md': readme });
  copyCorpus(ws.root, ['ai/activation-functions.md']);
  let client: TestClient;

  before(async () => {
    client = await startServer({ root: ws.root });
  });
  after(async () => {
    await client.stop();
    ws.dispose();
  });

  it('declares what this client supports and no pull diagnostics', () => {
    const caps = client.initializeResult!.capabilities;
    assert.deepStrictEqual(caps.textDocumentSync, { openClose: true, change: 2 });
    assert.strictEqual(caps.diagnosticProvider, undefined);
    assert.deepStrictEqual(caps.renameProvider, { prepareProvider: true });
  });

  it('indexes the workspace with progress, registers its file watcher and reads the settings', async () => {
    await client.waitFor('indexing progress to end', () => client.progress.find((p) => p.value.kind === 'end'));
    const kinds = client.progress.map((p) => p.value.kind);
    assert.strictEqual(kinds[0], 'begin');
    assert.strictEqual(client.progress[0].value.title, 'Indexing knowledge articles');
    assert.ok(kinds.includes('report'));
    const lastReport = client.progress.filter((p) => p.value.kind === 'report').pop()!;
    assert.deepStrictEqual([lastReport.value.percentage, lastReport.value.message], [100, '4/4 files']);
    assert.ok(client.serverRequests.includes('window/workDoneProgress/create'));
    assert.ok(client.serverRequests.includes('workspace/configuration'));
    assert.deepStrictEqual(
      client.registrations.map((r) => r.method),
      ['workspace/didChangeWatchedFiles', 'workspace/didChangeConfiguration'],
    );
  });

  it('publishes workspace findings for a file that is not open (links to articles that are not there)', async () => {
    const uri = ws.uri('ai/activation-functions.md');
    const text = readFileSync(ws.path('ai/activation-functions.md'), 'utf8');
    const p = await client.diagnosticsFor(uri);
    assert.strictEqual(p.version, undefined);
    assert.deepStrictEqual(
      p.diagnostics.map((d) => [d.code, d.severity, d.range]),
      [
        ['link-broken-article', 2, find(text, '../kolmogorov-arnold-networks.md')],
        ['link-broken-article', 2, find(text, '../ai-for-fraud-detection.md')],
        ['link-broken-article', 2, find(text, '../convolutional-neural-networks-cnn.md')],
      ],
    );
  });

  it('follows a file created on disk: the link it satisfies is no longer reported', async () => {
    const uri = ws.uri('ai/activation-functions.md');
    const since = client.published.length;
    ws.write('ai/kolmogorov-arnold-networks.md', small.replace('id: small-article', 'id: kolmogorov-arnold-networks').replace(/fact-ai-small-/g, 'fact-ai-kan-'));
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uri('ai/kolmogorov-arnold-networks.md'), type: 1 }] });
    const p = await client.waitFor('fewer broken links', () => client.published.slice(since).find((x) => x.uri === uri && x.diagnostics.length === 2));
    assert.deepStrictEqual(codes(p.diagnostics), ['link-broken-article', 'link-broken-article']);
  });

  it('reports an unknown citation at the key, with rule code, link to its documentation and the version', async () => {
    const uri = ws.uri('ai/small-article.md');
    const text = small.replace('[@fact-ai-small-2]', '[@fact-ai-small-9]');
    await client.open(uri, text, 1);
    const p = await client.diagnosticsFor(uri, { version: 1 });
    assert.deepStrictEqual(
      p.diagnostics.map((x) => [x.code, x.severity, x.range]),
      [
        ['fact-uncited', 4, find(text, 'fact-ai-small-2')],
        ['citation-unknown-fact', 1, find(text, 'fact-ai-small-9')],
      ],
    );
    const d = p.diagnostics[1];
    assert.strictEqual(d.code, 'citation-unknown-fact');
    assert.strictEqual(d.severity, 1);
    assert.strictEqual(d.source, 'kart');
    assert.ok(d.codeDescription!.href.endsWith('/docs/rules.md#citation-unknown-fact'), d.codeDescription!.href);
    assert.match(d.message, /fact-ai-small-9/);
  });

  it('diagnoses only the latest of changes arriving faster than the debounce', async () => {
    const uri = ws.uri('ai/small-article.md');
    const since = client.published.length;
    for (let v = 2; v <= 30; v++) await client.replace(uri, v, small.replace('[@fact-ai-small-2]', `[@fact-ai-small-${v}0]`));
    const last = await client.diagnosticsFor(uri, { since, version: 30 });
    await new Promise((r) => setTimeout(r, 300));
    const mine = client.published.slice(since).filter((x) => x.uri === uri);
    assert.deepStrictEqual(mine.map((x) => x.version), [30], 'one publication, for the last version');
    assert.match(last.diagnostics[1].message, /fact-ai-small-300/);
  });

  it('clears the diagnostics when the problem is fixed, and maps related locations in other files', async () => {
    const uri = ws.uri('ai/small-article.md');
    const since = client.published.length;
    // The seed's id in this article too: an id used twice, with the other file as related information.
    const text = small.replace('id: small-article', 'id: instruction-tuning');
    await client.replace(uri, 31, text);
    const p = await client.diagnosticsFor(uri, { since, version: 31 });
    assert.deepStrictEqual(codes(p.diagnostics), ['article-id-duplicate']);
    const d = p.diagnostics[0];
    assert.deepStrictEqual(d.range, find(text, 'instruction-tuning'));
    assert.deepStrictEqual(d.relatedInformation, [{ location: { uri: ws.uri('ai/instruction-tuning.md'), range: find(seed, 'instruction-tuning') }, message: 'also "instruction-tuning"' }]);
    // The other file is not open: it gets the workspace finding too, pointing back.
    const other = await client.waitFor('the duplicate on the closed file', () =>
      client.published.slice(since).find((x) => x.uri === ws.uri('ai/instruction-tuning.md') && x.diagnostics.some((y) => y.code === 'article-id-duplicate')),
    );
    assert.deepStrictEqual(other.diagnostics[0].range, find(seed, 'instruction-tuning'));
    const since2 = client.published.length;
    await client.replace(uri, 32, small);
    const fixed = await client.diagnosticsFor(uri, { since: since2, version: 32 });
    assert.deepStrictEqual(fixed.diagnostics, []);
    await client.waitFor('the closed file cleared', () => client.published.slice(since2).find((x) => x.uri === ws.uri('ai/instruction-tuning.md') && x.diagnostics.length === 0));
  });

  it('gives a README without article frontmatter nothing', async () => {
    const uri = ws.uri('README.md');
    await client.open(uri, readme, 1);
    const p = await client.diagnosticsFor(uri, { version: 1 });
    assert.deepStrictEqual(p.diagnostics, []);
    const symbols = await client.request('textDocument/documentSymbol', { textDocument: { uri } });
    assert.strictEqual(symbols, null);
    await client.close(uri);
  });

  it('a file opened from outside the workspace folders is checked but does not join the workspace', async () => {
    const outside = makeWorkspace({ 'elsewhere/copy.md': seed });
    try {
      const uri = outside.uri('elsewhere/copy.md');
      const since = client.published.length;
      await client.open(uri, seed, 1);
      const p = await client.diagnosticsFor(uri, { since, version: 1 });
      assert.ok(p.diagnostics.some((d) => d.code === 'article-id-duplicate'), 'it is told its id is taken in the workspace');
      await sleep(800);
      assert.deepStrictEqual(
        client.published.slice(since).filter((x) => x.uri === ws.uri('ai/instruction-tuning.md')),
        [],
        'the workspace article is not told about a file outside the workspace',
      );
      await client.close(uri);
    } finally {
      outside.dispose();
    }
  });

  it('on close, goes back to the file on disk and its workspace findings only', async () => {
    const uri = ws.uri('ai/small-article.md');
    await client.replace(uri, 33, small.replace('[@fact-ai-small-2]', '[@nope]'));
    await client.diagnosticsFor(uri, { version: 33 });
    const since = client.published.length;
    await client.close(uri);
    const p = await client.diagnosticsFor(uri, { since });
    assert.deepStrictEqual(p.diagnostics, []);
  });

  it('follows workspace folders added and removed', async () => {
    const second = makeWorkspace({ 'health/copy.md': seed });
    try {
      const copy = second.uri('health/copy.md');
      const since = client.published.length;
      await client.notify('workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: second.uri(''), name: 'second' }], removed: [] } });
      const p = await client.waitFor('the duplicate id in the added folder', () => client.published.slice(since).find((x) => x.uri === copy && x.diagnostics.some((d) => d.code === 'article-id-duplicate')));
      assert.deepStrictEqual(p.diagnostics.find((d) => d.code === 'article-id-duplicate')!.range, find(seed, 'instruction-tuning'));
      await client.waitFor('the duplicate on the first folder\'s copy too', () =>
        client.published.slice(since).find((x) => x.uri === ws.uri('ai/instruction-tuning.md') && x.diagnostics.some((d) => d.code === 'article-id-duplicate')),
      );
      const since2 = client.published.length;
      await client.notify('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [{ uri: second.uri(''), name: 'second' }] } });
      await client.waitFor('the removed folder cleared', () => client.published.slice(since2).find((x) => x.uri === copy && x.diagnostics.length === 0));
      await client.waitFor('the first folder cleared', () => client.published.slice(since2).find((x) => x.uri === ws.uri('ai/instruction-tuning.md') && !x.diagnostics.some((d) => d.code === 'article-id-duplicate')));
    } finally {
      second.dispose();
    }
  });

  it('follows a file renamed and one deleted on disk', async () => {
    const from = 'ai/activation-functions.md';
    const since = client.published.length;
    renameSync(ws.path(from), ws.path('ai/activation.md'));
    await client.notify('workspace/didChangeWatchedFiles', {
      changes: [
        { uri: ws.uri(from), type: 3 },
        { uri: ws.uri('ai/activation.md'), type: 1 },
      ],
    });
    await client.waitFor('the old name cleared', () => client.published.slice(since).find((x) => x.uri === ws.uri(from) && x.diagnostics.length === 0));
    const moved = await client.waitFor('the new name checked', () => client.published.slice(since).find((x) => x.uri === ws.uri('ai/activation.md')));
    assert.deepStrictEqual(codes(moved.diagnostics), ['link-broken-article', 'link-broken-article']);
    const since2 = client.published.length;
    unlinkSync(ws.path('ai/activation.md'));
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uri('ai/activation.md'), type: 3 }] });
    await client.waitFor('the deleted file cleared', () => client.published.slice(since2).find((x) => x.uri === ws.uri('ai/activation.md') && x.diagnostics.length === 0));
  });
});

describe('diagnostics over the protocol (pull client)', () => {
  const ws = makeWorkspace({ 'ai/small-article.md': small, 'ai/instruction-tuning.md': seed });
  let client: TestClient;

  before(async () => {
    client = await startServer({ root: ws.root, capabilities: fullCapabilities({ pull: true }) });
  });
  after(async () => {
    await client.stop();
    ws.dispose();
  });

  it('declares pull diagnostics and answers textDocument/diagnostic with the exact findings', async () => {
    assert.deepStrictEqual(client.initializeResult!.capabilities.diagnosticProvider, { identifier: 'kart', interFileDependencies: true, workspaceDiagnostics: true });
    await client.waitFor('indexing to end', () => client.progress.find((p) => p.value.kind === 'end'));
    const uri = ws.uri('ai/small-article.md');
    const text = small.replace('[@fact-ai-small-1]', '[@fact-ai-small-7]');
    await client.open(uri, text, 1);
    const report = await client.request<{ kind: string; items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri } });
    assert.strictEqual(report.kind, 'full');
    assert.deepStrictEqual(
      report.items.map((d) => [d.code, d.range]),
      [['citation-unknown-fact', find(text, 'fact-ai-small-7')]],
    );
    await new Promise((r) => setTimeout(r, 300));
    assert.deepStrictEqual(
      client.publishedFor(uri).filter((p) => p.diagnostics.length > 0),
      [],
      'an open document is not pushed to a pull client',
    );
  });

  it('asks the client to pull again when another file changes what the workspace rules see', async () => {
    const before = client.serverRequests.filter((r) => r === 'workspace/diagnostic/refresh').length;
    ws.write('ai/copy.md', seed);
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uri('ai/copy.md'), type: 1 }] });
    await client.waitFor('a diagnostic refresh', () => (client.serverRequests.filter((r) => r === 'workspace/diagnostic/refresh').length > before ? true : undefined));
    const report = await client.request<{ items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri: ws.uri('ai/copy.md') } });
    assert.ok(report.items.some((d) => d.code === 'article-id-duplicate'), JSON.stringify(report.items.map((d) => d.code)));
  });
});

describe('workspace diagnostics pulled with result ids (LSP 3.17 workspace/diagnostic)', () => {
  const broken = small.replace('## TL;DR', '## TL;DR\n\nSee [the other](../other-article.md).');
  const ws = makeWorkspace({ 'ai/small-article.md': broken, 'ai/instruction-tuning.md': seed, 'ai/twin.md': seed.replace(/fact-/g, 'fact-twin-') });
  let client: TestClient;
  type Report = { kind: string; uri: string; resultId: string; items?: Diagnostic[] };

  before(async () => {
    client = await startServer({ root: ws.root, capabilities: fullCapabilities({ pull: true }) });
  });
  after(async () => {
    await client.stop();
    ws.dispose();
  });

  it('reports every closed file once in full, then as unchanged for the result ids the client holds', async () => {
    await client.waitFor('indexing to end', () => client.progress.find((p) => p.value.kind === 'end'));
    const first = await client.request<{ items: Report[] }>('workspace/diagnostic', { previousResultIds: [] });
    const byUri = new Map(first.items.map((r) => [r.uri, r]));
    assert.deepStrictEqual([...byUri.keys()].sort(), [ws.uri('ai/instruction-tuning.md'), ws.uri('ai/small-article.md'), ws.uri('ai/twin.md')]);
    assert.ok(first.items.every((r) => r.kind === 'full' && typeof r.resultId === 'string'));
    const smallText = readFileSync(ws.path('ai/small-article.md'), 'utf8');
    assert.deepStrictEqual(byUri.get(ws.uri('ai/small-article.md'))!.items!.map((d) => [d.code, d.range]), [['link-broken-article', find(smallText, '../other-article.md')]]);
    // The seed and its twin share the article id: each is told, at its own id.
    for (const f of ['ai/instruction-tuning.md', 'ai/twin.md']) {
      assert.deepStrictEqual(byUri.get(ws.uri(f))!.items!.map((d) => [d.code, d.range]), [['article-id-duplicate', find(seed, 'instruction-tuning')]], f);
    }
    const again = await client.request<{ items: Report[] }>('workspace/diagnostic', { previousResultIds: first.items.map((r) => ({ uri: r.uri, value: r.resultId })) });
    assert.deepStrictEqual(
      again.items.map((r) => [r.uri, r.kind, r.resultId]).sort(),
      first.items.map((r) => [r.uri, 'unchanged', r.resultId]).sort(),
    );
    // What was pushed for closed files before the client first pulled them is taken back: no finding shows twice.
    await sleep(100);
    const lastPushed = new Map(client.published.map((p) => [p.uri, p.diagnostics.length]));
    assert.deepStrictEqual([...lastPushed].filter(([, n]) => n > 0), [], 'nothing left pushed once the client pulls');
  });

  it('after a file changes on disk, only the files it concerns come back in full', async () => {
    const held = await client.request<{ items: Report[] }>('workspace/diagnostic', { previousResultIds: [] });
    ws.write('ai/twin.md', seed.replace('id: instruction-tuning', 'id: twin').replace(/fact-/g, 'fact-twin-'));
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uri('ai/twin.md'), type: 2 }] });
    await sleep(100);
    const next = await client.request<{ items: Report[] }>('workspace/diagnostic', { previousResultIds: held.items.map((r) => ({ uri: r.uri, value: r.resultId })) });
    const kinds = Object.fromEntries(next.items.map((r) => [r.uri.slice(r.uri.lastIndexOf('/') + 1), r.kind]));
    assert.deepStrictEqual(kinds, { 'instruction-tuning.md': 'full', 'small-article.md': 'unchanged', 'twin.md': 'full' });
    assert.ok(next.items.every((r) => r.kind === 'unchanged' || r.items!.length === 0), 'the duplicate is gone from both');
  });
});

describe('diagnostics scope open files (push client)', () => {
  const ws = makeWorkspace({ 'ai/small-article.md': small, 'ai/instruction-tuning.md': seed, 'ai/twin.md': seed.replace(/fact-/g, 'fact-twin-') });
  let client: TestClient;

  before(async () => {
    client = await startServer({ root: ws.root, settings: { diagnostics: { scope: 'openFiles' } } });
  });
  after(async () => {
    await client.stop();
    ws.dispose();
  });

  it('sends closed files nothing, and an open file its findings across files', async () => {
    await client.waitFor('indexing to end', () => client.progress.find((p) => p.value.kind === 'end'));
    const uri = ws.uri('ai/twin.md');
    const text = seed.replace(/fact-/g, 'fact-twin-');
    await client.open(uri, text, 1);
    const p = await client.diagnosticsFor(uri, { version: 1 });
    assert.ok(p.diagnostics.some((d) => d.code === 'article-id-duplicate'));
    await sleep(400);
    assert.deepStrictEqual(client.published.filter((x) => x.uri !== uri && x.diagnostics.length > 0).map((x) => x.uri), []);
  });
});

describe('a client that supports little (no dynamic registration, progress, settings, pull, markdown or hierarchy)', () => {
  const ws = makeWorkspace({ 'ai/small-article.md': small, 'ai/instruction-tuning.md': seed });
  let client: TestClient;

  before(async () => {
    client = await startServer({ root: ws.root, capabilities: {} });
  });
  after(async () => {
    await client.stop();
    ws.dispose();
  });

  it('is asked for nothing it cannot do, and answers in the shapes it understands', async () => {
    const caps = client.initializeResult!.capabilities;
    assert.strictEqual(caps.renameProvider, true);
    assert.strictEqual(caps.codeActionProvider, true);
    assert.strictEqual(caps.diagnosticProvider, undefined);
    assert.strictEqual((caps as { workspace?: unknown }).workspace, undefined);
    const uri = ws.uri('ai/small-article.md');
    const text = small.replace('[@fact-ai-small-2]', '[@fact-ai-small-9]');
    await client.open(uri, text, 1);
    const p = await client.diagnosticsFor(uri, { version: 1 });
    // Without codeDescription, relatedInformation or tag support, the diagnostics carry none.
    assert.deepStrictEqual(Object.keys(p.diagnostics[1]).sort(), ['code', 'message', 'range', 'severity', 'source']);
    const symbols = await client.request<{ name: string; containerName?: string; location: { uri: string } }[]>('textDocument/documentSymbol', { textDocument: { uri } });
    const fact = symbols.find((s) => s.name === 'fact-ai-small-1')!;
    assert.deepStrictEqual([fact.containerName, fact.location.uri], ['Facts', uri]);
    const hover = await client.request<{ contents: { kind: string } }>('textDocument/hover', { textDocument: { uri }, position: find(text, '@fact-ai-small-1').end });
    assert.strictEqual(hover.contents.kind, 'plaintext');
    assert.deepStrictEqual(client.serverRequests, []);
    assert.deepStrictEqual(client.progress, []);
  });
});
