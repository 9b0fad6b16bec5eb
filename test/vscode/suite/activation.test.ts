import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { SEED, extension, openDoc, waitFor, workspaceUri, diagnosticsOf, codesOf, sleep } from './util';

suite('activation', () => {
  let activeAfterReadme = false;

  test('the extension under test is the one the driver meant (the checkout, or the installed .vsix)', function () {
    const expected = process.env.KART_EXPECT_EXTENSION_PATH;
    if (!expected) this.skip(); // set by test/vscode/*.test.ts; test-electron runs only the checkout
    const actual = extension().extensionUri.fsPath;
    assert.ok(actual === expected || actual.startsWith(expected + '/'), `loaded from ${actual}, expected under ${expected}`);
  });

  test('a plain README gets nothing from the extension', async () => {
    const readme = await openDoc(workspaceUri('README.md'));
    // Give a wrongly eager server time to publish before judging.
    await sleep(1500);
    // VS Code activates on `onLanguage:markdown` for any Markdown file (activation events cannot look at content), so
    // what matters is that nothing shows: no diagnostics, no status bar item, no hover on its `[@f1]`.
    activeAfterReadme = extension().isActive;
    console.log(`    (extension active after opening only the README: ${activeAfterReadme})`);
    assert.deepStrictEqual(diagnosticsOf(readme.document.uri), []);
    if (activeAfterReadme) {
      const api = extension().exports;
      // The workspace has no kart.config.json and only the README is open: the language server is not started.
      assert.deepStrictEqual(api.server(), { started: false, readyMs: undefined }, 'a README alone starts no language server');
      console.log(`    (activation with only the README open: ${api.activation.totalMs.toFixed(1)} ms, no server)`);
      assert.strictEqual(api.statusBar().visible, false, `status bar shown for a README: ${api.statusBar().text}`);
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', readme.document.uri, readme.document.positionAt(readme.document.getText().indexOf('[@f1]') + 3));
      const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      assert.ok(!/FLAN|statement/i.test(text), `a hover in the README: ${text}`);
    }
  });

  test('an article activates it and gets checked', async () => {
    const started = Date.now();
    const editor = await openDoc(workspaceUri(SEED));
    await waitFor(() => extension().isActive, 'the extension to activate on an article', 20_000);
    console.log(`    (active ${Date.now() - started} ms after opening the article)`);
    // The client's own measure of its activation, for `npm run bench` (bench/run.mjs reads out/vscode/activation.json).
    const activation = extension().exports.activation;
    assert.ok(activation.totalMs > 0 && activation.beforeServerMs > 0 && activation.beforeServerMs <= activation.totalMs, JSON.stringify(activation));
    console.log(`    (activation: ${activation.totalMs.toFixed(1)} ms, ${activation.beforeServerMs.toFixed(1)} ms before the server start)`);
    // The article starts the server.
    const ready = await waitFor(() => extension().exports.server().readyMs, 'the language server to start for the article', 20_000);
    console.log(`    (language server ready ${ready.toFixed(0)} ms after the first article was seen)`);
    const out = path.join(extension().extensionUri.fsPath, 'out', 'vscode');
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, 'activation.json'), JSON.stringify({ samples: [activation.totalMs], beforeServerMs: [activation.beforeServerMs], at: new Date().toISOString() }) + '\n');
    await waitFor(() => extension().exports?.statusBar().visible, 'the status bar item for the article', 20_000);
    assert.match(extension().exports.statusBar().text, /3 facts?/);
    // Checked: the server answers for it (its code lenses count citations of each fact).
    const lenses = await waitFor(
      async () => {
        const l = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri, 10);
        return l.length > 0 ? l : undefined;
      },
      'code lenses on the seed article',
    );
    assert.ok(lenses.length >= 3, `${lenses.length} code lenses`);
  });

  test('the README still gets no diagnostics once the server runs', async () => {
    await vscode.commands.executeCommand('knowledgeArticles.checkWorkspace');
    await sleep(500);
    assert.deepStrictEqual(codesOf(workspaceUri('README.md')), []);
  });
});
