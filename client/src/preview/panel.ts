import { randomBytes } from 'crypto';
import * as vscode from 'vscode';
import type { ArticleView } from '../../../server/src/protocol';
import type { KartServer } from '../server';
import { isMarkdown, readSettings } from '../settings';
import { renderer } from './lazyRender';
import type { PreviewOptions } from './render';
import { isExternalLink } from './safeLinks';

export const PREVIEW_VIEW_TYPE = 'knowledgeArticles.preview';

type FromPage =
  | { type: 'ready' }
  | { type: 'revealLine'; line: number }
  | { type: 'revealFact'; line: number; id?: string }
  | { type: 'openLink'; href: string };

/**
 * The one preview panel: shows the article of the active editor (or the one it was opened for), updates while the
 * author types by sending the new content to the page (no reload, scroll kept), and syncs scrolling both ways.
 */
export class ArticlePreview implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private uri: vscode.Uri | undefined;
  private options: PreviewOptions | undefined;
  private html: string | undefined;
  /** The page has loaded the current html and listens for messages. */
  private ready = false;
  /** The html property is older than what the page shows (updates went by message). */
  private htmlBehind = false;
  private timer: NodeJS.Timeout | undefined;
  private generation = 0;
  private ignoreEditorScrollUntil = 0;
  /** The document the page shows now. */
  private shownUri: string | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly server: KartServer,
  ) {
    this.disposables.push(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.panel && this.uri && e.document.uri.toString() === this.uri.toString()) this.schedule(readSettings(this.uri).previewDebounceMs);
      }),
      vscode.languages.onDidChangeDiagnostics((e) => {
        // Problems changed (a workspace rule, a config file): the counts in the header must follow.
        if (this.panel && this.uri && e.uris.some((u) => u.toString() === this.uri!.toString())) this.schedule(200, true);
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => void this.follow(editor)),
      vscode.window.onDidChangeTextEditorVisibleRanges((e) => this.editorScrolled(e)),
      vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, {
        deserializeWebviewPanel: async (panel, state: { uri?: string } | undefined) => {
          const uri = typeof state?.uri === 'string' && state.uri ? vscode.Uri.parse(state.uri) : undefined;
          this.adopt(panel);
          this.uri = uri;
          await this.update();
        },
      }),
    );
  }

  /** Opens (or reveals) the preview for a document. */
  async show(uri: vscode.Uri | undefined, column: vscode.ViewColumn, preserveFocus = false): Promise<void> {
    const target = uri ?? vscode.window.activeTextEditor?.document.uri;
    if (!target) {
      void vscode.window.showInformationMessage('Open a knowledge article to preview it.');
      return;
    }
    let revealed = false;
    if (this.panel) {
      try {
        this.panel.reveal(column, preserveFocus);
        revealed = true;
      } catch {
        // Closed a moment ago and its dispose event not delivered yet: make a new one.
        this.panel = undefined;
      }
    }
    if (!revealed) {
      const panel = vscode.window.createWebviewPanel(PREVIEW_VIEW_TYPE, 'Article Preview', { viewColumn: column, preserveFocus }, this.webviewOptions());
      this.adopt(panel);
    }
    this.uri = target;
    await this.update();
  }

  /** The current page's full HTML, up to date with the last update (the extension's test API). */
  currentHtml(uri?: vscode.Uri | string): string | undefined {
    if (!this.panel || !this.html) return undefined;
    if (uri !== undefined && this.uri?.toString() !== (typeof uri === 'string' ? vscode.Uri.parse(uri).toString() : uri.toString())) return undefined;
    return this.html;
  }

  private webviewOptions(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      enableCommandUris: false,
      enableFindWidget: true,
      localResourceRoots: [vscode.Uri.joinPath(this.context.extensionUri, 'media')],
    };
  }

  private adopt(panel: vscode.WebviewPanel): void {
    this.panel?.dispose();
    this.panel = panel;
    this.ready = false;
    this.html = undefined;
    this.shownUri = undefined;
    panel.webview.options = this.webviewOptions();
    panel.iconPath = vscode.Uri.joinPath(this.context.extensionUri, 'media', 'icon.png');
    const webview = panel.webview;
    this.options = {
      nonce: randomBytes(18).toString('base64'),
      cspSource: webview.cspSource,
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(this.context.extensionUri, 'media', 'preview.css')).toString(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.context.extensionUri, 'media', 'preview.js')).toString(),
    };
    const subscriptions: vscode.Disposable[] = [
      webview.onDidReceiveMessage((m: FromPage) => void this.fromPage(m)),
      panel.onDidChangeViewState(() => {
        // A hidden webview loses its page; it comes back from the html property, which must be current then.
        if (!panel.visible && this.htmlBehind && this.html) this.setHtml(this.html);
      }),
    ];
    panel.onDidDispose(() => {
      subscriptions.forEach((d) => d.dispose());
      if (this.panel === panel) {
        this.panel = undefined;
        this.html = undefined;
        clearTimeout(this.timer);
      }
    });
  }

  private setHtml(html: string): void {
    if (!this.panel) return;
    this.ready = false;
    this.htmlBehind = false;
    this.panel.webview.html = html;
  }

  private schedule(delay: number, fresh = false): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(undefined, fresh), delay);
  }

  private async follow(editor: vscode.TextEditor | undefined): Promise<void> {
    if (!this.panel || !editor || !isMarkdown(editor.document)) return;
    if (editor.document.uri.toString() === this.uri?.toString() || !readSettings(editor.document.uri).previewFollowActiveEditor) return;
    const view = await this.server.view(editor.document).catch(() => undefined);
    // Only articles take the preview over; a README opened beside keeps the article shown.
    if (view?.isArticle && this.panel) {
      this.uri = editor.document.uri;
      await this.update(view);
    }
  }

  private async update(known?: ArticleView, fresh = false): Promise<void> {
    const panel = this.panel;
    const uri = this.uri;
    if (!panel || !uri || !this.options) return;
    const generation = ++this.generation;
    let view = known;
    let problem: string | undefined;
    if (!view) {
      try {
        const document = await vscode.workspace.openTextDocument(uri);
        view = await this.server.view(document, { fresh });
        if (!view) problem = 'The Knowledge Articles server has no view of this document.';
      } catch (e) {
        problem = `The preview could not be made: ${(e as Error).message}`;
      }
    }
    if (generation !== this.generation || panel !== this.panel) return;
    panel.title = `Preview ${uri.path.split('/').pop() ?? ''}`;
    if (!view) {
      this.html = renderer().renderMessageHtml(problem ?? 'Nothing to preview.', this.options);
      this.setHtml(this.html);
      return;
    }
    const previousUri = this.shownUri;
    this.html = renderer().renderPreviewHtml(view, this.options);
    if (this.ready && panel.visible) {
      const line = previousUri === view.uri ? undefined : this.editorTopLine(uri);
      void panel.webview.postMessage({ type: 'update', html: renderer().renderPreviewContent(view), uri: view.uri, version: view.version, bodyStartLine: view.bodyStartLine, line });
      this.htmlBehind = true;
    } else {
      this.setHtml(this.html);
    }
    this.shownUri = view.uri;
  }

  private editorFor(uri: vscode.Uri): vscode.TextEditor | undefined {
    return vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
  }

  private editorTopLine(uri: vscode.Uri): number | undefined {
    return this.editorFor(uri)?.visibleRanges[0]?.start.line;
  }

  private editorScrolled(e: vscode.TextEditorVisibleRangesChangeEvent): void {
    if (!this.panel || !this.ready || !this.uri || e.textEditor.document.uri.toString() !== this.uri.toString()) return;
    if (!readSettings(this.uri).previewScrollSync || Date.now() < this.ignoreEditorScrollUntil) return;
    const line = e.visibleRanges[0]?.start.line;
    if (line !== undefined) void this.panel.webview.postMessage({ type: 'scrollToLine', line });
  }

  private async fromPage(message: FromPage): Promise<void> {
    if (!message || typeof message !== 'object' || !this.uri) return;
    switch (message.type) {
      case 'ready': {
        this.ready = true;
        const line = this.editorTopLine(this.uri);
        if (line !== undefined && readSettings(this.uri).previewScrollSync) void this.panel?.webview.postMessage({ type: 'scrollToLine', line });
        break;
      }
      case 'revealLine': {
        const editor = this.editorFor(this.uri);
        if (!editor || !readSettings(this.uri).previewScrollSync || !Number.isInteger(message.line)) break;
        this.ignoreEditorScrollUntil = Date.now() + 300;
        const line = Math.max(0, Math.min(message.line, editor.document.lineCount - 1));
        editor.revealRange(new vscode.Range(line, 0, line, 0), vscode.TextEditorRevealType.AtTop);
        break;
      }
      case 'revealFact': {
        if (!Number.isInteger(message.line)) break;
        // The click came from the preview: the editor moves to the fact, the preview stays where the reader is.
        this.ignoreEditorScrollUntil = Date.now() + 1000;
        const document = await vscode.workspace.openTextDocument(this.uri);
        const line = Math.max(0, Math.min(message.line, document.lineCount - 1));
        const range = document.lineAt(line).range;
        const column = this.editorFor(this.uri)?.viewColumn ?? vscode.ViewColumn.One;
        const editor = await vscode.window.showTextDocument(document, { viewColumn: column, selection: new vscode.Range(range.start, range.end) });
        editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
        break;
      }
      case 'openLink':
        // The page only asks; what may leave the editor is decided here.
        if (typeof message.href === 'string' && isExternalLink(message.href)) await vscode.env.openExternal(vscode.Uri.parse(message.href, true));
        break;
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.panel?.dispose();
    this.disposables.forEach((d) => d.dispose());
  }
}
