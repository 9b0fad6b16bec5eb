/**
 * Field names suggested while typing in an article's frontmatter, without Ctrl+Space.
 *
 * VS Code's built-in Markdown extension turns quick suggestions off for all Markdown (`[markdown]`
 * `editor.quickSuggestions` all "off"). Turning them on with `configurationDefaults` would change every Markdown file:
 * word suggestions popping up while writing prose in a README. Instead, in an article only, the first letter of a key
 * (at the start of a frontmatter line, or after `- `) opens the suggestions, as quick suggestions would; the widget then
 * filters as the author types. The body, other Markdown files and users who turned quick suggestions on are untouched.
 */
import * as vscode from 'vscode';
import type { KartServer } from './server';

/** The line up to and including the typed character: indentation, an optional list dash, one letter. */
const KEY_START = /^\s*(?:-\s+)?[A-Za-z_]$/;

function quickSuggestionsOn(document: vscode.TextDocument): boolean {
  const setting = vscode.workspace.getConfiguration('editor', document).get<unknown>('quickSuggestions');
  if (setting === true || setting === 'on') return true;
  if (setting && typeof setting === 'object') {
    const other = (setting as { other?: unknown }).other;
    return other === true || other === 'on';
  }
  return false;
}

export function frontmatterSuggest(server: KartServer): vscode.Disposable {
  return vscode.workspace.onDidChangeTextDocument(async (e) => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document !== e.document || e.contentChanges.length !== 1 || editor.selections.length !== 1) return;
    const change = e.contentChanges[0];
    if (change.rangeLength !== 0 || !/^[A-Za-z_]$/.test(change.text)) return;
    const line = change.range.start.line;
    const typed = e.document.lineAt(line).text.slice(0, change.range.start.character + 1);
    if (line === 0 || !KEY_START.test(typed) || quickSuggestionsOn(e.document)) return;
    // Where the frontmatter ends is the server's to say, for this very version (a line typed above moves the body).
    // The language client sends the change from its own listener of this event: let it go first.
    await new Promise((resolve) => setTimeout(resolve, 0));
    const view = await server.view(e.document).catch(() => undefined);
    if (!view?.isArticle || view.version !== e.document.version || line >= view.bodyStartLine - 1) return;
    if (vscode.window.activeTextEditor !== editor) return;
    void vscode.commands.executeCommand('editor.action.triggerSuggest');
  });
}
