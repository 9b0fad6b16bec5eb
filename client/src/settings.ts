import * as vscode from 'vscode';

/** The extension's settings (contributed in package.json under `knowledgeArticles.*`). */
export interface Settings {
  previewDebounceMs: number;
  previewScrollSync: boolean;
  previewFollowActiveEditor: boolean;
  statusBarEnabled: boolean;
}

export const SECTION = 'knowledgeArticles';

export function readSettings(scope?: vscode.ConfigurationScope): Settings {
  const c = vscode.workspace.getConfiguration(SECTION, scope);
  return {
    previewDebounceMs: Math.max(0, c.get<number>('preview.debounceMs', 300)),
    previewScrollSync: c.get<boolean>('preview.scrollSync', true),
    previewFollowActiveEditor: c.get<boolean>('preview.followActiveEditor', true),
    statusBarEnabled: c.get<boolean>('statusBar.enabled', true),
  };
}

/**
 * The server's initializationOptions. `trusted: false` tells it not to load anything from the workspace that could
 * change what it does (kart.config.json, its extraSchema); the rest of its settings it reads from the section
 * `knowledgeArticles` (diagnosticsDelay, rules), which VS Code filters by trust (restrictedConfigurations).
 */
export function serverInitOptions(): { trusted: boolean; diagnosticsDelay?: number } {
  const delay = vscode.workspace.getConfiguration(SECTION).get<number>('diagnosticsDelay');
  return { trusted: vscode.workspace.isTrusted, ...(typeof delay === 'number' ? { diagnosticsDelay: delay } : {}) };
}

export function isMarkdown(document: vscode.TextDocument | undefined): document is vscode.TextDocument {
  return !!document && document.languageId === 'markdown' && (document.uri.scheme === 'file' || document.uri.scheme === 'untitled');
}
