/**
 * Pulled diagnostics, for clients that ask instead of being sent them: `textDocument/diagnostic` for a document, and
 * LSP 3.17 `workspace/diagnostic` for the files that are not open, with result ids so that a file whose findings did
 * not change is reported as unchanged rather than sent again.
 */
import { DocumentDiagnosticReportKind, type WorkspaceDocumentDiagnosticReport } from 'vscode-languageserver';
import type { HandlerGroup } from './group';

export const diagnosticRequests: HandlerGroup = {
  capabilities: (session) => (session.pullDiagnostics ? { diagnosticProvider: { identifier: 'kart', interFileDependencies: true, workspaceDiagnostics: true } } : {}),
  register({ session, index, diagnostics }) {
    session.connection.languages.diagnostics.on(
      session.request('Diagnostics', async (p, token) => {
        const article = await session.articleFor(p.textDocument.uri);
        if (!article) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
        const open = session.docs.openLike(article.uri);
        if (open) index.indexOpen(open);
        return { kind: DocumentDiagnosticReportKind.Full, items: session.diagnosticsOf(article, session.findingsOf(article, token)) };
      }),
    );
    session.connection.languages.diagnostics.onWorkspace(
      session.request('Workspace diagnostics', async (p, token) => {
        if (!diagnostics.workspacePulled) {
          // From now on the client asks for the closed files' findings: what was pushed for them goes.
          diagnostics.workspacePulled = true;
          diagnostics.clearClosed();
        }
        await session.ready;
        if (session.settings.diagnosticsScope === 'openFiles' || diagnostics.closedRules === 'all') {
          // Open files only (or every rule after a full check, which the document pulls and the check's pushes carry).
          return { items: [] };
        }
        await diagnostics.closed.update(token);
        const previous = new Map(p.previousResultIds.map((r) => [session.docs.canonical(r.uri), r.value]));
        const items: WorkspaceDocumentDiagnosticReport[] = [];
        for (const [uri, r] of diagnostics.closed.results) {
          if (session.docs.isOpen(uri)) continue;
          const clientUri = session.docs.clientUri(uri);
          if (previous.get(uri) === r.resultId) items.push({ kind: DocumentDiagnosticReportKind.Unchanged, uri: clientUri, version: null, resultId: r.resultId });
          else items.push({ kind: DocumentDiagnosticReportKind.Full, uri: clientUri, version: null, resultId: r.resultId, items: r.diagnostics });
        }
        return { items };
      }),
    );
  },
};
