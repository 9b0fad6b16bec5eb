import * as vscode from 'vscode';
import { CHECK_WORKSPACE, type CheckWorkspaceResult } from '../../../server/src/protocol';
import type { KartServer } from '../server';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * Check Workspace: the server checks every article and publishes their diagnostics to the Problems panel. The server
 * reports file-by-file progress itself (window/workDoneProgress); this notification can cancel the request.
 */
export async function checkWorkspace(server: KartServer): Promise<CheckWorkspaceResult | undefined> {
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Checking knowledge articles…', cancellable: true },
    async (_progress, token) => {
      try {
        return await server.request<CheckWorkspaceResult>(CHECK_WORKSPACE, {}, token);
      } catch (e) {
        if (token.isCancellationRequested) return undefined;
        throw e;
      }
    },
  );
  if (!result) return undefined;
  const p = result.problems;
  const total = p.errors + p.warnings + p.infos + p.hints;
  const summary = `Checked ${plural(result.files, 'article')}: ${plural(p.errors, 'error')}, ${plural(p.warnings, 'warning')}, ${plural(p.infos + p.hints, 'note')}.`;
  if (total > 0) {
    void vscode.commands.executeCommand('workbench.actions.view.problems');
    void vscode.window.showWarningMessage(summary);
  } else void vscode.window.showInformationMessage(summary);
  return result;
}

function asUri(value: unknown): vscode.Uri | undefined {
  if (value instanceof vscode.Uri) return value;
  if (typeof value === 'string' && value) return vscode.Uri.parse(value);
  if (value && typeof value === 'object' && 'scheme' in value && 'path' in value) return vscode.Uri.from(value as vscode.Uri);
  return undefined;
}

function asPosition(value: unknown): vscode.Position | undefined {
  if (value instanceof vscode.Position) return value;
  const p = value as { line?: unknown; character?: unknown } | undefined;
  if (p && typeof p.line === 'number' && typeof p.character === 'number') return new vscode.Position(p.line, p.character);
  return undefined;
}

/** Shows where a fact is cited (code lenses call this with the fact's uri and position). */
export async function showFactReferences(server: KartServer, uriArg?: unknown, positionArg?: unknown): Promise<vscode.Location[]> {
  const editor = vscode.window.activeTextEditor;
  const uri = asUri(uriArg) ?? editor?.document.uri;
  const position = asPosition(positionArg) ?? editor?.selection.active;
  if (!uri || !position) return [];
  await server.ensureStarted();
  const client = server.client;
  const result = await client.sendRequest<unknown>('textDocument/references', {
    textDocument: { uri: uri.toString() },
    position: { line: position.line, character: position.character },
    context: { includeDeclaration: false },
  });
  const locations = (await client.protocol2CodeConverter.asReferences(result as never)) ?? [];
  await vscode.commands.executeCommand('editor.action.showReferences', uri, position, locations);
  return locations;
}
