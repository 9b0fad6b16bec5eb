import * as vscode from 'vscode';
import { NEW_ARTICLE } from '../../../server/src/protocol';
import type { KartServer } from '../server';

async function folderFor(arg: unknown): Promise<vscode.Uri | undefined> {
  if (arg instanceof vscode.Uri) {
    const stat = await vscode.workspace.fs.stat(arg).then(
      (s) => s,
      () => undefined,
    );
    return stat && stat.type & vscode.FileType.File ? vscode.Uri.joinPath(arg, '..') : arg;
  }
  if (typeof arg === 'string' && arg) return vscode.Uri.parse(arg);
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active?.scheme === 'file') return vscode.Uri.joinPath(active, '..');
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 1) return folders[0].uri;
  if (folders.length > 1) return (await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Where should the new article go?' }))?.uri;
  return undefined;
}

/**
 * New Article: asks the title; the server derives the slug id, the category (from the folder) and today's dates. The
 * file is created through a workspace edit and never overwrites an existing one.
 */
export async function newArticle(server: KartServer, folderArg?: unknown, titleArg?: unknown): Promise<vscode.Uri | undefined> {
  const folder = await folderFor(folderArg);
  if (!folder) {
    void vscode.window.showWarningMessage('Open a folder first: new articles are created in a workspace folder.');
    return undefined;
  }
  const title =
    typeof titleArg === 'string' && titleArg.trim()
      ? titleArg.trim()
      : (
          await vscode.window.showInputBox({
            title: 'New Article',
            prompt: `Title of the new article (in ${vscode.workspace.asRelativePath(folder)})`,
            placeHolder: 'Instruction Tuning: Teaching LLMs to Follow Directions',
            validateInput: (v) => (v.trim() ? undefined : 'The title cannot be empty'),
          })
        )?.trim();
  if (!title) return undefined;
  const result = await server.request<{ uri: string; text: string }>(NEW_ARTICLE, { title, folderUri: folder.toString() });
  const uri = vscode.Uri.parse(result.uri);
  const exists = await vscode.workspace.fs.stat(uri).then(
    () => true,
    () => false,
  );
  if (exists) {
    void vscode.window.showWarningMessage(`${vscode.workspace.asRelativePath(uri)} already exists; it was opened, not replaced.`);
    await vscode.window.showTextDocument(uri);
    return uri;
  }
  const edit = new vscode.WorkspaceEdit();
  edit.createFile(uri, { ignoreIfExists: false, overwrite: false });
  edit.insert(uri, new vscode.Position(0, 0), result.text);
  if (!(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showErrorMessage(`Could not create ${vscode.workspace.asRelativePath(uri)}.`);
    return undefined;
  }
  const document = await vscode.workspace.openTextDocument(uri);
  await document.save();
  const editor = await vscode.window.showTextDocument(document);
  // Put the cursor on the first thing the author has to write.
  const todo = document.getText().indexOf('TODO');
  if (todo >= 0) {
    const start = document.positionAt(todo);
    editor.selection = new vscode.Selection(start, document.lineAt(start.line).range.end);
    editor.revealRange(editor.selection);
  }
  return uri;
}
