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
  return vscode.workspace.onDidChangeTextDocument((e) => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document !== e.document || e.contentChanges.length !== 1 || editor.selections.length !== 1) return;
    const change = e.contentChanges[0];
    if (change.rangeLength !== 0 || !/^[A-Za-z_]$/.test(change.text)) return;
    // The last view the server sent: where the body starts (the line after the closing `---`).
    const view = server.peek(e.document.uri.toString());
    if (!view?.isArticle) return;
    const line = change.range.start.line;
    if (line === 0 || line >= view.bodyStartLine - 1) return;
    const typed = e.document.lineAt(line).text.slice(0, change.range.start.character + 1);
    if (!KEY_START.test(typed) || quickSuggestionsOn(e.document)) return;
    void vscode.commands.executeCommand('editor.action.triggerSuggest');
  });
}
