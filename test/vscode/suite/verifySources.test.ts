// Verify Sources in a real VS Code: a local web in the extension host (127.0.0.1 only), the command run on one
// article, the findings as diagnostics on the source lines, the hover, the preview badge and the status bar count.
import * as assert from 'assert';
import { createServer, type Server } from 'http';
import type { AddressInfo } from 'net';
import * as vscode from 'vscode';
import { articleText, PLAIN_BODY } from '../../articleText';
import { activeApi, diagnosticsOf, openDoc, runCommand, waitFor, workspaceUri, writeFile } from './util';

interface Api {
  previewHtml(uri?: vscode.Uri | string): string | undefined;
  statusBar(): { visible: boolean; text: string };
}

suite('verify sources', () => {
  let web: Server;
  let base = '';
  const asked: string[] = [];

  suiteSetup(async () => {
    web = createServer((req, res) => {
      asked.push(`${req.method} ${req.url}`);
      const status = req.url === '/ok' ? 200 : req.url === '/gone' ? 410 : 404;
      res.writeHead(status, { 'Content-Type': 'text/plain' });
      res.end(String(status));
    });
    await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(web.address() as AddressInfo).port}`;
  });

  suiteTeardown(async () => {
    web.close();
    // The other suites' articles must not see this report.
    await vscode.workspace.fs.delete(workspaceUri('kart-verification.json')).then(undefined, () => undefined);
    await vscode.workspace.fs.delete(workspaceUri('ai/verify-sources.md')).then(undefined, () => undefined);
  });

  test('Verify Sources checks the article online, and the report shows in diagnostics, hover, preview and status bar', async () => {
    const api = await activeApi<Api>();
    const text = articleText({
      id: 'verify-sources',
      title: 'Verify Sources',
      facts: ' []\n',
      sources: `  - title: Fine
    type: documentation
    url: ${base}/ok
  - title: Gone
    type: documentation
    url: ${base}/gone
`,
      body: PLAIN_BODY,
    });
    const uri = await writeFile('ai/verify-sources.md', text);
    const editor = await openDoc(uri);
    await waitFor(() => api.statusBar().visible && /2 unverified/.test(api.statusBar().text), `the status bar to count 2 unverified sources (${api.statusBar().text})`, 20_000);
    assert.strictEqual(asked.length, 0, 'nothing is asked before the command');

    const result = await runCommand<{ checked: number; dead: number }>('knowledgeArticles.verifySources', uri);
    assert.strictEqual(result?.checked, 2);
    assert.strictEqual(result?.dead, 1);
    assert.ok(asked.includes('HEAD /ok') && asked.includes('GET /robots.txt'), asked.join(', '));

    const goneLine = text.split('\n').findIndex((l) => l.endsWith('/gone'));
    const dead = await waitFor(() => diagnosticsOf(uri).find((d) => d.code === 'source-unreachable'), 'the dead source as a diagnostic', 20_000);
    assert.strictEqual(dead.line, goneLine);
    assert.match(dead.message, /410 Gone/);

    const at = new vscode.Position(goneLine, editor.document.lineAt(goneLine).text.indexOf('http') + 3);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, at);
    const hover = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(hover, /Link last verified .*dead: 410 Gone/);

    await waitFor(() => /1 unverified/.test(api.statusBar().text), `the status bar to count 1 unverified source (${api.statusBar().text})`, 20_000);
    await vscode.commands.executeCommand('knowledgeArticles.openPreviewToSide', uri);
    const html = await waitFor(() => api.previewHtml(uri)?.includes('kart-verify-dead') && api.previewHtml(uri), 'the preview badges', 20_000);
    assert.match(html as string, /kart-verify-verified/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
