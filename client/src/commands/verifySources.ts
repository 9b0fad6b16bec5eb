import * as vscode from 'vscode';
import { WorkDoneProgress } from 'vscode-languageclient/node';
import { VERIFY_SOURCES, type VerifySourcesParams, type VerifySourcesResult } from '../../../server/src/protocol';
import type { KartServer } from '../server';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

let runs = 0;

/** What to verify: a uri or 'workspace' given by a caller; else the active article or the workspace, asked when both fit. */
async function scopeOf(arg: unknown): Promise<{ uri?: vscode.Uri } | undefined> {
  if (arg === 'workspace') return {};
  if (arg instanceof vscode.Uri) return { uri: arg };
  if (typeof arg === 'string' && arg) return { uri: vscode.Uri.parse(arg) };
  const document = vscode.window.activeTextEditor?.document;
  if (!document || document.languageId !== 'markdown') return {};
  const picked = await vscode.window.showQuickPick(
    [
      { label: 'This article', description: vscode.workspace.asRelativePath(document.uri), scope: { uri: document.uri } },
      { label: 'Every article of the workspace', scope: {} },
    ],
    { title: 'Verify Sources', placeHolder: 'Check the sources online: links, DOIs and arXiv ids' },
  );
  return picked?.scope;
}

/**
 * Verify Sources: the server checks the sources online (the only time it goes online) into the report file, with
 * its progress shown in this notification, which can cancel it. The findings then show as diagnostics.
 */
export async function verifySources(server: KartServer, arg?: unknown): Promise<VerifySourcesResult | undefined> {
  const scope = await scopeOf(arg);
  if (!scope) return undefined;
  await server.ensureStarted();
  const title = scope.uri ? `Verifying the sources of ${vscode.workspace.asRelativePath(scope.uri)}` : 'Verifying the sources of the workspace';
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
    const workDoneToken = `kart-verify-${process.pid}-${++runs}`;
    let shown = 0;
    const listening = server.client.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
      if (value.kind === 'end') return;
      const pct = value.percentage ?? shown;
      progress.report({ message: value.message, increment: Math.max(0, pct - shown) });
      shown = Math.max(shown, pct);
    });
    const params: VerifySourcesParams = { uri: scope.uri?.toString(), workDoneToken };
    try {
      return await server.request<VerifySourcesResult>(VERIFY_SOURCES, params, token);
    } catch (e) {
      if (token.isCancellationRequested) {
        void vscode.window.showInformationMessage('Verify Sources cancelled; what was checked is kept in the report.');
        return undefined;
      }
      throw e;
    } finally {
      listening.dispose();
    }
  });
  if (!result) return undefined;
  const found = [result.dead && `${result.dead} dead or wrong`, result.unknown && `${result.unknown} could not be verified`].filter(Boolean);
  const summary = `${plural(result.sources, 'source')}: ${result.checked} checked, ${result.cached} from the report${found.length ? `; ${found.join(', ')}` : '; all verified'}.`;
  if (result.dead) void vscode.window.showWarningMessage(summary);
  else void vscode.window.showInformationMessage(summary);
  return result;
}
