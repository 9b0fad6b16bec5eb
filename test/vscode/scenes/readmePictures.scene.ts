// The README's pictures, taken from a real VS Code (code-server) by scripts/screenshots.mjs. Each test puts the
// workbench into the state the picture shows, checks that the state is real (the hover, the preview's facts, the
// completion items came from the extension), then asks the driver outside to take the shot.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { SEED, activeApi, checkpoint, openDoc, positionOf, seedCopy, waitFor, workspaceUri } from '../suite/util';

const OUT = process.env.KART_SCREENSHOT_DIR ?? '';

async function shoot(name: string, options: { waitFor?: string; viewport?: { width: number; height: number }; settleMs?: number } = {}): Promise<void> {
  await checkpoint('screenshot', { path: `${OUT}/${name}`, ...options }, 60_000);
}

suite('README pictures', () => {
  suiteSetup(async function () {
    if (!OUT) throw new Error('KART_SCREENSHOT_DIR is not set: run these through `npm run screenshots`');
    await activeApi();
    // A calm window: no side bar clutter beyond the explorer, no panel.
    await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar');
    await vscode.commands.executeCommand('workbench.action.closePanel');
  });

  test('editor-hover.png: squiggles and a citation hover', async () => {
    // The seed article with a citation of a fact it does not have: an error squiggle next to real citations.
    const editor = await seedCopy('ai/instruction-tuning-draft.md', (t) =>
      t
        .replace('and it is distinct from RLHF [@f3].', 'and it is distinct from RLHF [@f3]. Self-Instruct bootstraps its own data [@f4].')
        .replace('- lmsys: Chatbot Arena', '- [Chatbot Arena](undefined)'),
    );
    const doc = editor.document;
    await waitFor(() => vscode.languages.getDiagnostics(doc.uri).some((d) => doc.getText(d.range) === 'f4'), 'the squiggle under [@f4]');
    await waitFor(() => vscode.languages.getDiagnostics(doc.uri).some((d) => doc.getText(d.range).includes('undefined')), 'the squiggle on the (undefined) link');
    const cite = positionOf(doc, '[@f2]', 3);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, cite);
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /Scaling instruction tuning/);
    // Show the body, and the frontmatter's end above it.
    editor.revealRange(new vscode.Range(cite.line - 14, 0, cite.line + 8, 0), vscode.TextEditorRevealType.AtTop);
    editor.selection = new vscode.Selection(cite, cite);
    await new Promise((r) => setTimeout(r, 300));
    await vscode.commands.executeCommand('editor.action.showHover');
    await shoot('editor-hover.png', { waitFor: '.monaco-hover .hover-contents', settleMs: 600 });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('preview-panel.png: the seed article in the preview, facts, sources and citation chips', async () => {
    const api = await activeApi<{ previewHtml(uri?: vscode.Uri): string | undefined }>();
    const uri = workspaceUri(SEED);
    await openDoc(uri);
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await vscode.commands.executeCommand('knowledgeArticles.openPreview', uri);
    await waitFor(() => api.previewHtml(uri)?.includes('kart-chip'), 'the preview with its citation chips', 20_000);
    const seen = await checkpoint<{ text: string; chips: number }>('webviewText', { needle: 'Self-Instruct: Aligning Language Models' });
    assert.ok(seen.chips >= 3, `${seen.chips} chips in the webview`);
    // Tall enough for the header, the body, the facts table and the sources in one picture.
    await shoot('preview-panel.png', { viewport: { width: 1200, height: 1960 }, settleMs: 1500 });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('workbench.action.toggleSidebarVisibility');
  });

  test('completion.png: completing a fact\'s fields', async () => {
    const editor = await seedCopy('ai/instruction-tuning-new-fact.md', (t) => t.replace('completeness: 0.9', '  - id: f4\n    \ncompleteness: 0.9'));
    const doc = editor.document;
    const at = new vscode.Position(positionOf(doc, '  - id: f4').line + 1, 4);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, at);
    assert.ok(list.items.some((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'statement'));
    editor.revealRange(new vscode.Range(at.line - 12, 0, at.line + 10, 0), vscode.TextEditorRevealType.AtTop);
    editor.selection = new vscode.Selection(at, at);
    await vscode.commands.executeCommand('editor.action.triggerSuggest');
    // The details pane shows each field's description from the schema; the widget must be up before it can open.
    await checkpoint('waitForSelector', { selector: '.suggest-widget.visible .monaco-list-row' });
    await vscode.commands.executeCommand('toggleSuggestionDetails');
    await shoot('completion.png', { waitFor: '.suggest-details-container .docs', settleMs: 800 });
  });
});
