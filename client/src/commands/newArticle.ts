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
interface NewArticleReply {
  uri: string;
  text: string;
  /** An article is already named after this title: `uri` is a numbered name beside it. */
  titleTaken?: boolean;
  select?: { start: { line: number; character: number }; end: { line: number; character: number } };
}

/**
 * Another article already has the file this title names: say so and let the author choose, instead of silently
 * writing `…-2.md`. `confirmArg` ('reuse' or 'cancel') answers for tests and scripts.
 */
async function confirmTakenTitle(title: string, uri: vscode.Uri, confirmArg: unknown): Promise<boolean> {
  if (confirmArg === 'reuse') return true;
  if (confirmArg === 'cancel') return false;
  const reuse = `Create ${uri.path.split('/').pop()}`;
  const answer = await vscode.window.showWarningMessage(
    `An article for "${title}" already exists in this folder.`,
    { modal: true, detail: `A second one would be ${vscode.workspace.asRelativePath(uri)}, with the same title. Create it anyway?` },
    reuse,
  );
  return answer === reuse;
}

export async function newArticle(server: KartServer, folderArg?: unknown, titleArg?: unknown, confirmArg?: unknown): Promise<vscode.Uri | undefined> {
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
  const result = await server.request<NewArticleReply>(NEW_ARTICLE, { title, folderUri: folder.toString() });
  const uri = vscode.Uri.parse(result.uri);
  if (result.titleTaken && !(await confirmTakenTitle(title, uri, confirmArg))) return undefined;
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
  if (result.select) {
    const at = (p: { line: number; character: number }) => new vscode.Position(p.line, p.character);
    editor.selection = new vscode.Selection(at(result.select.start), at(result.select.end));
    editor.revealRange(editor.selection);
  }
  return uri;
}
