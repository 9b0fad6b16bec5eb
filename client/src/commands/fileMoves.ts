/**
 * Link updates when articles move in the explorer. The language client sends `workspace/willRenameFiles` itself;
 * the server answers with the edits (links in other articles, the moved article's own links and category). VS Code
 * then does what it does with any extension's edits for a file move: it asks once, offering OK, Show Preview (its
 * refactor preview) or Skip Changes, and remembers "Do not ask me again". The setting
 * `knowledgeArticles.updateLinksOnFileMove.enabled` decides: `prompt` (that), `preview` (always the refactor
 * preview, each change to be ticked) or `never`.
 */
import * as vscode from 'vscode';
import type { KartServer } from '../server';
import { SECTION } from '../settings';

export type UpdateLinksSetting = 'prompt' | 'preview' | 'never';

function settingFor(uri: vscode.Uri | undefined): UpdateLinksSetting {
  const v = vscode.workspace.getConfiguration(SECTION, uri).get<string>('updateLinksOnFileMove.enabled', 'prompt');
  return v === 'preview' || v === 'never' ? v : 'prompt';
}

/** The same text edits, each marked as needing confirmation: VS Code opens its refactor preview for them. */
function needingConfirmation(edit: vscode.WorkspaceEdit): vscode.WorkspaceEdit {
  const marked = new vscode.WorkspaceEdit();
  const metadata: vscode.WorkspaceEditEntryMetadata = { needsConfirmation: true, label: 'Update links to moved articles' };
  for (const [uri, edits] of edit.entries()) for (const e of edits) marked.replace(uri, e.range, e.newText, metadata);
  return marked;
}

export function updateLinksOnFileMove(server: KartServer): vscode.Disposable {
  const workspace = (server.middleware.workspace ??= {});
  workspace.willRenameFiles = async (event, next) => {
    const setting = settingFor(event.files[0]?.newUri);
    if (setting === 'never') return undefined;
    const edit = await next(event);
    if (!edit || edit.size === 0) return undefined;
    return setting === 'preview' ? needingConfirmation(edit) : edit;
  };
  return new vscode.Disposable(() => {
    delete workspace.willRenameFiles;
  });
}
