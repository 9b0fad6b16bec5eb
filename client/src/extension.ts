/**
 * The Knowledge Articles extension: starts the language server, and owns the preview, the status bar item and the
 * commands. It never reads YAML itself: everything it knows about an article comes from the server.
 */
import type MarkdownIt from 'markdown-it';
import * as vscode from 'vscode';
import { builtinPreviewSupport } from './builtinPreview';
import { insertCitation, insertFact } from './commands/articleCommands';
import { updateLinksOnFileMove } from './commands/fileMoves';
import { insertSourceOrImport } from './commands/importSource';
import { newArticle } from './commands/newArticle';
import { verifySources } from './commands/verifySources';
import { checkWorkspace, showFactReferences } from './commands/workspaceCommands';
import { frontmatterSuggest } from './frontmatterSuggest';
import { ArticlePreview } from './preview/panel';
import { KartServer } from './server';
import { startWhenArticlesAppear } from './serverTrigger';
import { ArticleStatusBar } from './statusBar';

/** What activate() returns: the built-in Markdown preview's hook, and a small API the VS Code tests read. */
export interface KnowledgeArticlesApi {
  extendMarkdownIt(md: MarkdownIt): MarkdownIt;
  /** The preview panel's current HTML (for `uri` only when it shows that document); undefined without a panel. */
  previewHtml(uri?: vscode.Uri | string): string | undefined;
  /** The status bar item as shown now. */
  statusBar(): { visible: boolean; text: string };
  /**
   * How long activation took, in ms, from the moment VS Code began loading the bundle: until activate() returned, and
   * until the client's own part was done. The server is not part of it: it starts on the first article.
   */
  activation: { totalMs: number; beforeServerMs: number };
  /** Whether the language server was started, and how long it took from being asked to being ready (ms). */
  server(): { started: boolean; readyMs?: number };
}

function asUri(value: unknown): vscode.Uri | undefined {
  if (value instanceof vscode.Uri) return value;
  if (typeof value === 'string' && value) return vscode.Uri.parse(value);
  return undefined;
}

let running: KartServer | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<KnowledgeArticlesApi> {
  const loadStart = (globalThis as { __kartClientLoadStart?: number }).__kartClientLoadStart ?? performance.now();
  const server = new KartServer(context);
  running = server;
  const preview = new ArticlePreview(context, server);
  const statusBar = new ArticleStatusBar(server);
  const builtin = builtinPreviewSupport(server);
  const command = (id: string, run: (...args: unknown[]) => unknown) =>
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        return await run(...args);
      } catch (e) {
        void vscode.window.showErrorMessage(`Knowledge Articles: ${(e as Error).message}`);
        return undefined;
      }
    });
  context.subscriptions.push(
    server,
    preview,
    statusBar,
    builtin.disposable,
    frontmatterSuggest(server),
    // Asked for by the user: the server starts if no article had started it (a file not yet recognised as one).
    command('knowledgeArticles.openPreview', async (uri) => (await server.ensureStarted(), preview.show(asUri(uri), vscode.ViewColumn.Active))),
    command('knowledgeArticles.openPreviewToSide', async (uri) => (await server.ensureStarted(), preview.show(asUri(uri), vscode.ViewColumn.Beside, true))),
    command('knowledgeArticles.newArticle', (folder, title, confirm) => newArticle(server, folder, title, confirm)),
    command('knowledgeArticles.insertFact', () => insertFact(server)),
    command('knowledgeArticles.insertCitation', (id) => insertCitation(server, typeof id === 'string' ? id : undefined)),
    command('knowledgeArticles.insertSource', (list, what) => insertSourceOrImport(server, list, what)),
    command('knowledgeArticles.checkWorkspace', () => checkWorkspace(server)),
    command('knowledgeArticles.verifySources', (scope) => verifySources(server, scope)),
    command('knowledgeArticles.showFactReferences', (uri, position) => showFactReferences(server, uri, position)),
    updateLinksOnFileMove(server),
    // Trust granted later: restart so the server may now read the workspace's configuration and extra schema.
    vscode.workspace.onDidGrantWorkspaceTrust(() => void server.restart().then(() => statusBar.refresh(0, true))),
  );
  const beforeServerMs = performance.now() - loadStart;
  const startServer = () =>
    void server.ensureStarted().then(
      () => statusBar.refresh(0, true),
      (e) => void vscode.window.showErrorMessage(`Knowledge Articles: the language server did not start (${(e as Error).message}).`),
    );
  context.subscriptions.push(startWhenArticlesAppear(startServer));
  return {
    extendMarkdownIt: builtin.extendMarkdownIt,
    previewHtml: (uri) => preview.currentHtml(uri),
    statusBar: () => statusBar.state,
    activation: { totalMs: performance.now() - loadStart, beforeServerMs },
    server: () => ({ started: server.started, readyMs: server.startTiming?.readyMs }),
  };
}

/** VS Code waits for this: the server process is told to shut down and exit before the host goes. */
export async function deactivate(): Promise<void> {
  await running?.stop();
  running = undefined;
}
