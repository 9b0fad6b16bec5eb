/** Pulled diagnostics (`textDocument/diagnostic`), for clients that ask instead of being sent them. */
import { DocumentDiagnosticReportKind } from 'vscode-languageserver';
import type { HandlerGroup } from './group';

export const diagnosticRequests: HandlerGroup = {
  capabilities: (session) => (session.pullDiagnostics ? { diagnosticProvider: { identifier: 'kart', interFileDependencies: true, workspaceDiagnostics: false } } : {}),
  register({ session, index }) {
    session.connection.languages.diagnostics.on(
      session.request('Diagnostics', async (p, token) => {
        const article = await session.articleFor(p.textDocument.uri);
        if (!article) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
        const open = session.docs.openLike(article.uri);
        if (open) index.indexOpen(open);
        return { kind: DocumentDiagnosticReportKind.Full, items: session.diagnosticsOf(article, session.findingsOf(article, token)) };
      }),
    );
  },
};
