import * as assert from 'assert';
import * as vscode from 'vscode';
import { SEED, activeApi, checkpoint, hasDriver, openDoc, waitFor, workspaceUri } from './util';

interface Api {
  previewHtml(uri?: vscode.Uri | string): string | undefined;
}

suite('preview', () => {
  let api: Api;
  suiteSetup(async () => {
    api = await activeApi<Api>();
  });

  test('Open Preview shows the article: header, citation chips, facts table, sources', async () => {
    const uri = workspaceUri(SEED);
    await openDoc(uri);
    await vscode.commands.executeCommand('knowledgeArticles.openPreview', uri);
    const html = await waitFor(() => {
      const h = api.previewHtml(uri);
      return h && h.includes('FLAN (Wei et al. 2022') ? h : undefined;
    }, 'the preview HTML with the facts', 20_000);
    assert.match(html, /Instruction Tuning: Teaching LLMs to Follow Directions/);
    for (const id of ['f1', 'f2', 'f3']) assert.ok(html.includes(id), `fact ${id} missing`);
    assert.match(html, /Scaling instruction tuning \(Chung et al\. 2022/);
    assert.match(html, /Self-Instruct: Aligning Language Models with Self-Generated Instructions/, 'a primary source missing');
    assert.match(html, /Training a Helpful and Harmless Assistant/, 'a secondary source missing');
    assert.match(html, /Content-Security-Policy/);
  });

  test('the webview page itself shows the facts and the citation chips (seen by the browser outside)', async function () {
    if (!hasDriver) this.skip(); // only code-server's driver can look into the webview's iframe
    const seen = await checkpoint<{ frames: number; text: string; chips: number }>('webviewText', { needle: 'FLAN (Wei et al. 2022' }, 30_000);
    assert.ok(seen.text.includes('FLAN (Wei et al. 2022'), `the webview shows: ${seen.text.slice(0, 300)}`);
    assert.ok(seen.text.includes('Self-Instruct: Aligning Language Models'), 'sources are not visible in the webview');
    assert.ok(seen.chips >= 3, `${seen.chips} citation chips in the webview`);
  });

  test('Open Preview to the Side opens beside the editor and follows edits', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const uri = workspaceUri(SEED);
    const editor = await openDoc(uri);
    await vscode.commands.executeCommand('knowledgeArticles.openPreviewToSide', uri);
    await waitFor(() => api.previewHtml(uri)?.includes('FLAN (Wei et al. 2022'), 'the side preview');
    // The preview's tab sits in another group than the article's editor.
    const groups = await waitFor(() => {
      const withPreview = vscode.window.tabGroups.all.find((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputWebview));
      const withEditor = vscode.window.tabGroups.all.find((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri.toString()));
      return withPreview && withEditor && withPreview !== withEditor ? { withPreview, withEditor } : undefined;
    }, 'the preview in a group beside the editor', 10_000);
    assert.ok(groups.withPreview.viewColumn > groups.withEditor.viewColumn);
    const ok = await editor.edit((e) => e.insert(new vscode.Position(editor.document.lineCount, 0), '\nA sentence typed while the preview is open.\n'));
    assert.ok(ok);
    await waitFor(() => api.previewHtml(uri)?.includes('A sentence typed while the preview is open.'), 'the preview to follow the edit', 10_000);
    await vscode.commands.executeCommand('undo');
  });
});
