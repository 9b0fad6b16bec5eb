import * as vscode from 'vscode';
import type { ArticleView } from '../../server/src/protocol';
import type { KartServer } from './server';
import { isMarkdown, readSettings } from './settings';

export const IS_ARTICLE_CONTEXT = 'knowledgeArticles.isArticle';
export const CUSTOM_MARKDOWN_PREVIEW_CONTEXT = 'hasCustomMarkdownPreview';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The status bar text of an article: facts, problems, days since last_verified. */
export function statusText(view: ArticleView): { text: string; tooltip: string } {
  const p = view.problems;
  const parts = [`$(note) ${plural(view.facts.length, 'fact')}`];
  if (p.errors || p.warnings) parts.push(`$(error) ${p.errors} $(warning) ${p.warnings}`);
  else parts.push('$(check) no problems');
  if (view.daysSinceVerified !== undefined) parts.push(`$(calendar) ${view.daysSinceVerified}d${view.stale ? ' stale' : ''}`);
  if (view.unverifiedSources) parts.push(`$(unverified) ${view.unverifiedSources} unverified`);
  const tooltip = [
    view.title ?? '(no title)',
    `${plural(view.facts.length, 'fact')}, ${plural(view.sources.length, 'source')}`,
    `${plural(p.errors, 'error')}, ${plural(p.warnings, 'warning')}`,
    view.lastVerified
      ? `Last verified ${view.lastVerified}${view.daysSinceVerified !== undefined ? `, ${plural(view.daysSinceVerified, 'day')} ago` : ''}${view.stale ? ' (stale)' : ''}`
      : 'No last_verified date',
    ...(view.unverifiedSources !== undefined ? [`${view.unverifiedSources} of ${plural(view.sources.length, 'source')} not verified (Verify Sources checks them)`] : []),
    'Click to open the preview',
  ].join('\n');
  return { text: parts.join('  '), tooltip };
}

/** One status bar item for the active editor's article; hidden for anything that is not an article. */
export class ArticleStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('knowledgeArticles.status', vscode.StatusBarAlignment.Left, 100);
  private readonly disposables: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  private generation = 0;
  private shown = false;

  constructor(private readonly server: KartServer) {
    this.item.name = 'Knowledge Articles';
    this.disposables.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.refresh(0)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === vscode.window.activeTextEditor?.document) this.refresh(400);
      }),
      vscode.languages.onDidChangeDiagnostics((e) => {
        const active = vscode.window.activeTextEditor?.document.uri.toString();
        if (active && e.uris.some((u) => u.toString() === active)) this.refresh(150, true);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('knowledgeArticles')) this.refresh(0, true);
      }),
    );
    this.refresh(0);
  }

  refresh(delay: number, fresh = false): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(fresh), delay);
  }

  private async update(fresh: boolean): Promise<void> {
    const generation = ++this.generation;
    const document = vscode.window.activeTextEditor?.document;
    let view: ArticleView | undefined;
    // The view is needed even with the item turned off: the editor's title buttons depend on it.
    if (isMarkdown(document)) {
      try {
        view = await this.server.view(document, { fresh });
      } catch {
        view = undefined;
      }
    }
    if (generation !== this.generation) return;
    const isArticle = !!view?.isArticle;
    void vscode.commands.executeCommand('setContext', IS_ARTICLE_CONTEXT, isArticle);
    // The built-in Markdown extension hides its own preview buttons while this is set (its menus say
    // `!hasCustomMarkdownPreview`): an article shows one preview button, the extension's; other Markdown files keep theirs.
    void vscode.commands.executeCommand('setContext', CUSTOM_MARKDOWN_PREVIEW_CONTEXT, isArticle);
    if (!view || !isArticle || !document || !readSettings(document.uri).statusBarEnabled) {
      this.item.hide();
      this.shown = false;
      return;
    }
    const { text, tooltip } = statusText(view);
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.backgroundColor = view.problems.errors ? new vscode.ThemeColor('statusBarItem.errorBackground') : view.stale ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.command = { command: 'knowledgeArticles.openPreviewToSide', title: 'Open Article Preview to the Side', arguments: [document.uri] };
    this.item.show();
    this.shown = true;
  }

  /** What the item shows now (for the extension's test API: StatusBarItem has no visibility getter). */
  get state(): { visible: boolean; text: string } {
    return { visible: this.shown, text: this.shown ? this.item.text : '' };
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.disposables.forEach((d) => d.dispose());
  }
}
