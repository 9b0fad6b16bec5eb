/**
 * Insert Source with an import: an empty entry (the snippet, as before), or a complete one from a pasted BibTeX
 * entry, CSL JSON item or DOI (the clipboard's when it holds one), or from an item of the workspace's .bib and CSL
 * JSON files. The server parses, looks the DOI up and writes the entry in the article's style; this only asks and
 * applies the one edit it returns. Arguments let tests skip the pickers: (list, input) or (list, item).
 */
import * as vscode from 'vscode';
import { BIBLIOGRAPHY, IMPORT_SOURCE, type BibliographyEntry, type ImportedSource } from '../../../server/src/protocol';
import type { KartServer } from '../server';
import { isMarkdown } from '../settings';
import { insertSource } from './articleCommands';

type SourceList = 'primary_sources' | 'secondary_sources';

const asList = (v: unknown): SourceList | undefined => (v === 'primary_sources' || v === 'secondary_sources' ? v : undefined);

/** Looks like something to import: the server decides what it is. */
const importable = (s: string) => /^\s*(@|\{|\[|(doi:|https?:\/\/(dx\.)?doi\.org\/)?10\.\d{4,9}\/)/i.test(s);

async function pickList(): Promise<SourceList | undefined> {
  const pick = await vscode.window.showQuickPick(
    [
      { label: 'Primary source', description: 'primary_sources', list: 'primary_sources' as const },
      { label: 'Secondary source', description: 'secondary_sources', list: 'secondary_sources' as const },
    ],
    { title: 'Import Source', placeHolder: 'Into which list?' },
  );
  return pick?.list;
}

async function applyImported(editor: vscode.TextEditor, r: ImportedSource): Promise<boolean> {
  const range = new vscode.Range(r.range.start.line, r.range.start.character, r.range.end.line, r.range.end.character);
  const ok = await editor.edit((e) => e.replace(range, r.newText), { undoStopBefore: true, undoStopAfter: true });
  if (!ok) return false;
  const at = new vscode.Position(r.entryStart.line, r.entryStart.character);
  editor.selection = new vscode.Selection(at, at);
  editor.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return true;
}

/** Imports into the active article; the server's error message (bad input, unknown DOI) is the command's error. */
export async function importSource(server: KartServer, list: SourceList, what: { input: string } | { item: Record<string, unknown> }): Promise<boolean> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !isMarkdown(editor.document)) {
    void vscode.window.showInformationMessage('Open a knowledge article (a Markdown file) first.');
    return false;
  }
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Importing the source…' }, (_p, token) =>
    server.request<ImportedSource | null>(IMPORT_SOURCE, { uri: editor.document.uri.toString(), list, ...what }, token),
  );
  return result ? applyImported(editor, result) : false;
}

export async function insertSourceOrImport(server: KartServer, listArg?: unknown, what?: unknown): Promise<boolean> {
  const list = asList(listArg);
  if (typeof what === 'string') return importSource(server, list ?? 'primary_sources', { input: what });
  if (what && typeof what === 'object') return importSource(server, list ?? 'primary_sources', { item: what as Record<string, unknown> });
  // A list given (a menu, a test) keeps Insert Source's empty entry.
  if (list) return insertSource(server, list);
  // In a browser (code-server, vscode.dev) reading the clipboard waits on a permission prompt that may never come:
  // the question is asked without it after a short wait.
  const clipboard = await Promise.race([
    vscode.env.clipboard.readText().then(
      (t) => t,
      () => '',
    ),
    new Promise<string>((resolve) => setTimeout(() => resolve(''), 300)),
  ]);
  const how = await vscode.window.showQuickPick(
    [
      { label: 'Empty entry', detail: 'A source to fill in, field by field', how: 'empty' as const },
      { label: 'Import BibTeX, CSL JSON or a DOI…', detail: importable(clipboard) ? 'The clipboard holds one: it is filled in' : 'Paste it in the next step', how: 'paste' as const },
      { label: 'From the workspace bibliography…', detail: 'An entry of a .bib or CSL JSON file in this workspace', how: 'library' as const },
    ],
    { title: 'Insert Source', placeHolder: 'How?' },
  );
  if (!how) return false;
  if (how.how === 'empty') return insertSource(server);
  if (how.how === 'paste') {
    const input = await vscode.window.showInputBox({
      title: 'Import Source',
      prompt: 'A BibTeX entry (@article{…}), a CSL JSON item ({"title": …}) or a DOI (10.xxxx/…); a DOI is looked up at the verify.doiEndpoint of kart.config.json',
      value: importable(clipboard) ? clipboard : '',
      ignoreFocusOut: true,
    });
    if (!input) return false;
    const chosen = await pickList();
    return chosen ? importSource(server, chosen, { input }) : false;
  }
  const entries = await server.request<BibliographyEntry[]>(BIBLIOGRAPHY, {});
  if (entries.length === 0) {
    void vscode.window.showInformationMessage('No .bib or CSL JSON file with entries in this workspace.');
    return false;
  }
  const pick = await vscode.window.showQuickPick(
    entries.map((e) => ({ label: e.title, description: e.detail, detail: e.file, entry: e })),
    { title: 'Insert Source from the bibliography', placeHolder: 'Which entry? (type to filter)', matchOnDescription: true },
  );
  if (!pick) return false;
  const chosen = await pickList();
  return chosen ? importSource(server, chosen, { item: pick.entry.item }) : false;
}
