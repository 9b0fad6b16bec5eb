// "Verify Sources" over the real protocol, against a local web on 127.0.0.1: the server never goes online by itself,
// the request verifies with progress and cancellation into the report file, and the report feeds diagnostics (with
// the moved-page fix), hovers, the preview's badges and the status bar's count; a report written by `kart verify`
// is picked up when the file changes.
import * as assert from 'assert';
import { existsSync, readFileSync, writeFileSync } from 'fs';
import { after, before, describe, it } from 'node:test';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import type { ArticleView, VerifySourcesResult } from '../../server/src/protocol';
import { articleText } from '../articleText';
import { startWebServer, type WebServer } from '../verifyServer';
import { find, makeWorkspace, startServer, textAt, type TestClient } from './client';

interface Hover {
  contents: { kind: string; value: string };
}
interface CodeAction {
  title: string;
  edit: { changes: Record<string, { newText: string }[]> };
}

function article(base: string): string {
  return articleText({
    id: 'verified-article',
    title: 'Verified',
    facts: `
  - id: f1
    statement: The page says so.
    source_title: Fine
    source_url: ${base}/ok
`,
    sources: `  - title: Fine
    type: documentation
    url: ${base}/ok
  - title: Gone
    type: documentation
    url: ${base}/gone
  - title: Moved
    type: documentation
    url: ${base}/moved-301
  - title: Deep Residual Networks for Vision
    type: academic_paper
    year: 2016
    doi: 10.1234/resnet
`,
    body: `## TL;DR
Text [@f1].

## Core Explanation
Text.
`,
  });
}

describe('Verify Sources over the protocol', () => {
  let web: WebServer;
  let client: TestClient;
  let ws: ReturnType<typeof makeWorkspace>;
  let text: string;
  let uri: string;

  before(async () => {
    web = await startWebServer({ slowMs: 20_000 });
    text = article(web.base);
    ws = makeWorkspace({
      'ai/verified.md': text,
      'ai/slow.md': article(web.base).replace('id: verified-article', 'id: slow-article').replace(`${web.base}/gone`, `${web.base}/hang`),
      'kart.config.json': JSON.stringify({ verify: { doiEndpoint: `${web.base}/doi`, arxivEndpoint: `${web.base}/arxiv`, rate: 50 } }),
    });
    uri = ws.uri('ai/verified.md');
    client = await startServer({ root: ws.root });
    await client.waitFor('indexing to end', () => client.progress.find((p) => p.value.kind === 'end'));
    await client.open(uri, text);
    await client.diagnosticsFor(uri);
  });
  after(async () => {
    await client.stop();
    await web.close();
    ws.dispose();
  });

  it('never goes online by itself: opening, checking and hovering ask nothing', async () => {
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: find(text, `${web.base}/gone`).start });
    assert.match(hover.contents.value, /Link not verified yet/);
    const view = await client.request<ArticleView>('kart/articleView', { uri });
    assert.deepStrictEqual(
      view.sources.map((s) => s.verification?.badge),
      ['unknown', 'unknown', 'unknown', 'unknown'],
    );
    assert.strictEqual(view.unverifiedSources, 4);
    assert.strictEqual(web.seen.length, 0);
  });

  it('verifies an article with progress on the client token, writes the report, and the findings become diagnostics', async () => {
    const since = client.published.length;
    const result = await client.request<VerifySourcesResult>('kart/verifySources', { uri, workDoneToken: 'verify-1' });
    assert.deepStrictEqual({ ...result, report: undefined }, { sources: 4, checked: 4, cached: 0, missing: 0, dead: 1, unknown: 0, cancelled: false, report: undefined });
    assert.strictEqual(result.report, ws.uri('kart-verification.json'));
    const progress = client.progress.filter((p) => p.token === 'verify-1').map((p) => p.value.kind);
    assert.strictEqual(progress[0], 'begin');
    assert.strictEqual(progress[progress.length - 1], 'end');
    assert.ok(progress.filter((k) => k === 'report').length >= 4);
    const report = JSON.parse(readFileSync(ws.path('kart-verification.json'), 'utf8'));
    assert.deepStrictEqual(Object.keys(report.results).sort(), [`url:${web.base}/gone`, `url:${web.base}/moved-301`, `url:${web.base}/ok`, 'doi:10.1234/resnet'].sort());

    const published = await client.waitFor('the verification findings', () =>
      client.published.slice(since).find((p) => p.uri === uri && p.diagnostics.some((d) => d.code === 'source-unreachable')),
    );
    const mine = published.diagnostics.filter((d) => ['source-unreachable', 'source-moved', 'source-title-mismatch'].includes(String(d.code)));
    assert.deepStrictEqual(
      mine.map((d) => [d.code, textAt(text, d.range)]),
      [
        ['source-unreachable', `${web.base}/gone`],
        ['source-moved', `${web.base}/moved-301`],
        ['source-title-mismatch', 'Deep Residual Networks for Vision'],
      ],
    );
    const moved = mine[1];
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: moved.range, context: { diagnostics: [moved], only: ['quickfix'] } });
    const fix = actions.find((a) => a.title.startsWith('Change to'));
    assert.strictEqual(fix?.edit.changes[uri][0].newText, `${web.base}/new-home`);
  });

  it('hovers say when each source was last verified and what was found; the view carries badges and the count', async () => {
    const gone = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: find(text, `${web.base}/gone`).start });
    assert.match(gone.contents.value, /✗ \*\*Link last verified \d{4}-\d\d-\d\d \d\d:\d\d UTC:\*\* dead: 410 Gone/);
    const factUrl = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: find(text, `${web.base}/ok`, 0).start });
    assert.match(factUrl.contents.value, /✓ \*\*Link last verified .*reachable \(200\)/);
    const title = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: find(text, 'Deep Residual Networks').start });
    assert.match(title.contents.value, /DOI last verified .*registered, but its registered title "Deep Residual Learning for Image Recognition" differs/);
    const view = await client.request<ArticleView>('kart/articleView', { uri });
    assert.deepStrictEqual(
      view.sources.map((s) => [s.verification?.badge, s.verification?.label]),
      [
        ['verified', 'verified'],
        ['dead', 'dead'],
        ['verified', 'verified'],
        ['dead', 'title differs'],
      ],
    );
    assert.strictEqual(view.unverifiedSources, 2);
  });

  it('a second verification asks nothing: the report answers', async () => {
    web.reset();
    const result = await client.request<VerifySourcesResult>('kart/verifySources', { uri });
    assert.strictEqual(result.checked, 0);
    assert.strictEqual(result.cached, 4);
    assert.strictEqual(web.seen.length, 0);
  });

  it('a workspace verification is cancelled with its request and keeps what it learnt', async () => {
    web.reset();
    const source = new CancellationTokenSource();
    const pending = client.connection.sendRequest('kart/verifySources', { force: true, workDoneToken: 'verify-2' }, source.token);
    await client.waitFor('the hanging page to be asked', () => web.seen.find((s) => s.path === '/hang'));
    source.cancel();
    await assert.rejects(pending as Promise<unknown>, /cancel/i);
    await client.waitFor('progress to end', () => client.progress.find((p) => p.token === 'verify-2' && p.value.kind === 'end'));
    const report = JSON.parse(readFileSync(ws.path('kart-verification.json'), 'utf8'));
    assert.ok(!(`url:${web.base}/hang` in report.results), 'the cancelled check left no result');
    assert.strictEqual(report.results[`url:${web.base}/ok`].status, 'ok');
    // The server goes on serving.
    const view = await client.request<ArticleView>('kart/articleView', { uri });
    assert.strictEqual(view.isArticle, true);
  });

  it('a report written by kart verify is read when the file changes: its findings replace the old ones', async () => {
    const file = ws.path('kart-verification.json');
    const report = JSON.parse(readFileSync(file, 'utf8'));
    report.results[`url:${web.base}/gone`] = { kind: 'url', target: `${web.base}/gone`, checkedAt: new Date().toISOString(), status: 'ok', httpStatus: 200 };
    writeFileSync(file, JSON.stringify(report));
    const since = client.published.length;
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uri('kart-verification.json'), type: 2 }] });
    const published = await client.waitFor('diagnostics without the dead link', () =>
      client.published.slice(since).find((p) => p.uri === uri && p.diagnostics.some((d) => d.code === 'source-moved') && !p.diagnostics.some((d) => d.code === 'source-unreachable')),
    );
    assert.ok(published);
    assert.ok(existsSync(file));
  });
});
