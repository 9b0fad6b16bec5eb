/**
 * When the language server starts: not for any Markdown file (VS Code activates the extension on
 * `onLanguage:markdown`, a README alone), but when the first article is open (articleSniff's line check) or the
 * workspace has a kart.config.json. The commands start it too, through KartServer.request.
 */
import * as vscode from 'vscode';
import { looksLikeArticle } from './articleSniff';

const CONFIG_GLOB = '**/kart.config.json';

function isArticleDocument(document: vscode.TextDocument): boolean {
  return document.languageId === 'markdown' && (document.uri.scheme === 'file' || document.uri.scheme === 'untitled') && looksLikeArticle(document.getText());
}

/** Calls `start` once, on the first sign of articles; the listeners go away then. */
export function startWhenArticlesAppear(start: () => void): vscode.Disposable {
  const subscriptions: vscode.Disposable[] = [];
  let done = false;
  const fire = () => {
    if (done) return;
    done = true;
    start();
    for (const d of subscriptions.splice(0)) d.dispose();
  };
  if (vscode.workspace.textDocuments.some(isArticleDocument)) {
    fire();
    return new vscode.Disposable(() => undefined);
  }
  const watcher = vscode.workspace.createFileSystemWatcher(CONFIG_GLOB, false, true, true);
  subscriptions.push(
    vscode.workspace.onDidOpenTextDocument((d) => isArticleDocument(d) && fire()),
    // A new file typed into an article (its frontmatter written by hand).
    vscode.workspace.onDidChangeTextDocument((e) => e.contentChanges.length > 0 && isArticleDocument(e.document) && fire()),
    watcher,
    watcher.onDidCreate(fire),
    vscode.workspace.onDidChangeWorkspaceFolders(() => void hasConfig().then((yes) => yes && fire())),
  );
  void hasConfig().then((yes) => yes && fire());
  return new vscode.Disposable(() => {
    done = true;
    for (const d of subscriptions.splice(0)) d.dispose();
  });
}

async function hasConfig(): Promise<boolean> {
  if (!vscode.workspace.workspaceFolders?.length) return false;
  const found = await vscode.workspace.findFiles(CONFIG_GLOB, '**/node_modules/**', 1).then(
    (files) => files,
    () => [],
  );
  return found.length > 0;
}
