/**
 * Commands that add to an article: Insert Fact, Insert Citation, Insert Source. Each acts on the active editor and
 * changes it only through one undoable edit. Arguments let tests skip the pickers.
 */
import * as vscode from 'vscode';
import { FACT_SNIPPET, SOURCE_SNIPPET, type InsertSnippet } from '../../../server/src/protocol';
import type { KartServer } from '../server';
import { isMarkdown } from '../settings';

function activeArticleEditor(): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !isMarkdown(editor.document)) {
    void vscode.window.showInformationMessage('Open a knowledge article (a Markdown file) first.');
    return undefined;
  }
  return editor;
}

/**
 * Inserts a snippet the server made with its indentation already right. VS Code would add the indentation of the line
 * at the insertion point to every new line; inserting at the start of the next line instead (and asking to keep the
 * whitespace, where VS Code knows that option) leaves the server's indentation as it is.
 */
async function insertServerSnippet(editor: vscode.TextEditor, snippet: InsertSnippet | null, what: string): Promise<boolean> {
  if (!snippet) {
    void vscode.window.showWarningMessage(`Cannot insert a ${what} here: this document is not a knowledge article, or its frontmatter cannot be read.`);
    return false;
  }
  const document = editor.document;
  const at = (p: { line: number; character: number }) => new vscode.Position(p.line, p.character);
  let text = snippet.snippet;
  let where: vscode.Position | vscode.Range;
  if (snippet.replace) {
    // `replace` turns an empty `[]` list into a block list: the snippet takes the place of the brackets.
    where = new vscode.Range(at(snippet.replace.start), at(snippet.replace.end));
  } else {
    where = at(snippet.position);
    const eol = text.startsWith('\r\n') ? '\r\n' : text.startsWith('\n') ? '\n' : undefined;
    const line = snippet.position.line;
    if (eol && line + 1 < document.lineCount && snippet.position.character >= document.lineAt(line).text.length) {
      where = new vscode.Position(line + 1, 0);
      text = text.slice(eol.length) + eol;
    }
  }
  const options = { undoStopBefore: true, undoStopAfter: true, keepWhitespace: true };
  return editor.insertSnippet(new vscode.SnippetString(text), where, options);
}

export async function insertFact(server: KartServer): Promise<boolean> {
  const editor = activeArticleEditor();
  if (!editor) return false;
  const snippet = await server.request<InsertSnippet | null>(FACT_SNIPPET, { uri: editor.document.uri.toString() });
  return insertServerSnippet(editor, snippet, 'fact');
}

type SourceList = 'primary_sources' | 'secondary_sources';

export async function insertSource(server: KartServer, list?: SourceList): Promise<boolean> {
  const editor = activeArticleEditor();
  if (!editor) return false;
  let chosen = list === 'primary_sources' || list === 'secondary_sources' ? list : undefined;
  if (!chosen) {
    const pick = await vscode.window.showQuickPick(
      [
        { label: 'Primary source', description: 'primary_sources', detail: 'Evidence the facts rest on: papers, standards, official documentation', list: 'primary_sources' as const },
        { label: 'Secondary source', description: 'secondary_sources', detail: 'Background and further reading', list: 'secondary_sources' as const },
      ],
      { title: 'Insert Source', placeHolder: 'Which list?' },
    );
    if (!pick) return false;
    chosen = pick.list;
  }
  const snippet = await server.request<InsertSnippet | null>(SOURCE_SNIPPET, { uri: editor.document.uri.toString(), list: chosen });
  return insertServerSnippet(editor, snippet, 'source');
}

function shorten(s: string, max: number): string {
  const flat = s.split(/\s+/).join(' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Inserts `[@id]` at every cursor, after a space when the cursor follows a word. */
export async function insertCitation(server: KartServer, factId?: string): Promise<boolean> {
  const editor = activeArticleEditor();
  if (!editor) return false;
  const view = await server.view(editor.document);
  if (!view?.isArticle) {
    void vscode.window.showWarningMessage('Cannot insert a citation: this document is not a knowledge article.');
    return false;
  }
  let id = typeof factId === 'string' ? factId : undefined;
  if (id === undefined) {
    if (view.facts.length === 0) {
      void vscode.window.showInformationMessage('This article has no atomic facts to cite yet: run Insert Fact first.');
      return false;
    }
    const pick = await vscode.window.showQuickPick(
      view.facts.map((f) => ({
        label: shorten(f.statement || '(no statement)', 110),
        description: f.id,
        detail: [f.sourceTitle, f.cited ? `cited ${f.cited}×` : 'not cited yet'].filter(Boolean).join(' · '),
        id: f.id,
      })),
      { title: 'Insert Citation', placeHolder: 'Cite which fact? (type to filter by statement or id)', matchOnDescription: true, matchOnDetail: true },
    );
    if (!pick) return false;
    id = pick.id;
  }
  const document = editor.document;
  return editor.edit((edit) => {
    for (const selection of editor.selections) {
      const before = selection.start.character > 0 ? document.getText(new vscode.Range(selection.start.translate(0, -1), selection.start)) : '';
      const space = before && !/[\s([]/.test(before) ? ' ' : '';
      edit.replace(selection, `${space}[@${id}]`);
    }
  });
}
