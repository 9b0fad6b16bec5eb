/**
 * Follows the editor and the disk: documents opened, changed and closed, watched files, and workspace folders
 * added or removed. Each change reaches the index and the diagnostics of the files it concerns.
 */
import { DidChangeWatchedFilesNotification, FileChangeType, type FileEvent } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { parseArticle } from '../model/article';
import type { BibliographySync } from './bibliographySync';
import type { Configuration } from './configuration';
import type { DiagnosticsScheduler } from './diagnostics';
import type { IndexSync } from './indexSync';
import { MARKDOWN, type Session } from './session';

export class WorkspaceSync {
  constructor(
    private readonly session: Session,
    private readonly index: IndexSync,
    private readonly diagnostics: DiagnosticsScheduler,
    private readonly configuration: Configuration,
    private readonly bibliography: BibliographySync,
  ) {}

  /** Follows the open documents. */
  listenToDocuments(): void {
    const { docs, connection } = this.session;
    const documents = docs.open;
    documents.onDidOpen((e) => {
      docs.opened(e.document);
      // Pulled diagnostics replace what was pushed for the file while it was closed.
      if (this.session.pullDiagnostics && this.session.isMarkdown(e.document)) this.diagnostics.publish(docs.canonical(e.document.uri), []);
    });
    documents.onDidChangeContent((e) => this.diagnostics.scheduleDiagnostics(e.document));
    documents.onDidClose((e) => this.session.guard('Closing a document', () => this.documentClosed(e.document)));
    documents.listen(connection);
  }

  /** Follows the files on disk. */
  listenToFiles(): void {
    this.session.connection.onDidChangeWatchedFiles((p) => this.session.guard('Following file changes', () => this.filesChanged(p.changes)));
  }

  /** After `initialized`: asks the client to watch the files and to report workspace folder changes. */
  register(): void {
    const { caps, connection } = this.session;
    const ws = caps.workspace ?? {};
    // A client that refuses a registration still gets a working server.
    if (ws.didChangeWatchedFiles?.dynamicRegistration) {
      connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{md,markdown}' }, { globPattern: '**/*.json' }, { globPattern: '**/*.{bib,bibtex,csljson}' }] })
        .catch((e) => this.session.logError('Registering the file watcher failed', e));
    }
  }

  followFolders(): void {
    const { caps, connection, workspace } = this.session;
    if (!caps.workspace?.workspaceFolders) return;
    connection.workspace.onDidChangeWorkspaceFolders((e) =>
      this.session.guard('Following workspace folders', async () => {
        const removed = new Set(e.removed.map((f) => this.session.rootOf(f.uri)));
        workspace.roots = [...workspace.roots.filter((r) => !removed.has(r)), ...e.added.map((f) => this.session.rootOf(f.uri))];
        await this.configuration.reloadConfig();
      }),
    );
  }

  private async documentClosed(doc: TextDocument): Promise<void> {
    const { docs, service, workspace } = this.session;
    this.diagnostics.cancelScheduled(doc.uri);
    const uri = docs.canonical(doc.uri);
    if (!this.session.isMarkdown(doc)) {
      // kart.config.json, say: its diagnostics come from the file on disk and stay.
      docs.closed(doc);
      return;
    }
    const lastOpen = service.getArticle(docs.like(doc));
    docs.closed(doc);
    docs.invalidate(uri);
    // The index goes back to what is on disk (unsaved changes were discarded).
    const text = await workspace.readFile(uri);
    if (docs.isOpen(uri)) return;
    if (text !== undefined && service.isIncluded(uri)) {
      // Saved as it was open, its model is the file's; otherwise the file on disk is read anew.
      const article = lastOpen.text === text ? lastOpen : parseArticle(uri, text, 0);
      this.index.reindex(uri, article);
      this.diagnostics.publishClosed(article);
    } else {
      this.index.reindex(uri, undefined);
      service.forget(uri);
      this.diagnostics.publish(uri, [], doc.uri);
    }
  }

  private async filesChanged(changes: FileEvent[]): Promise<void> {
    const { docs, service, workspace } = this.session;
    let config = false;
    let verification = false;
    const reports = service.verificationFiles();
    for (const change of changes) {
      const uri = docs.canonical(change.uri);
      if (this.configuration.isConfigFile(uri)) {
        config = true;
        continue;
      }
      if (uri === reports.report || uri === reports.anchorfact) {
        verification = true;
        continue;
      }
      if (this.bibliography.isBibliography(uri)) {
        await this.bibliography.fileChanged(uri, change.type === FileChangeType.Deleted);
        continue;
      }
      if (!MARKDOWN.test(uri)) continue;
      docs.invalidate(uri);
      if (docs.isOpen(uri)) continue; // the editor's text wins over the disk's
      if (!service.configs.known(uri)) await service.prepareConfigs([uri]);
      const text = change.type === FileChangeType.Deleted ? undefined : await workspace.readFile(uri);
      if (text === undefined || !service.isIncluded(uri)) {
        this.index.reindex(uri, undefined);
        service.forget(uri);
        this.diagnostics.publish(uri, []);
      } else {
        const article = parseArticle(uri, text, 0);
        this.index.reindex(uri, article);
        this.diagnostics.publishClosed(article);
      }
    }
    if (config) await this.configuration.reloadConfig();
    else if (verification) {
      // `kart verify` ran, or a teammate's report was pulled: its findings replace the old ones.
      await service.loadVerification();
      this.diagnostics.diagnosticsChangedEverywhere();
    }
  }
}
