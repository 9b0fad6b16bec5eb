/**
 * The language server: the only code that knows the LSP connection. It puts the parts together — the shared session,
 * the index synchronisation, the diagnostics scheduling, the configuration, the workspace and bibliography
 * synchronisation — and
 * registers the request handlers of ./handlers, each of which hands a request to a feature module with its
 * cancellation token and converts offsets to positions on the way out.
 */
import { TextDocumentSyncKind, type Connection, type InitializeParams, type InitializeResult, type ServerCapabilities } from 'vscode-languageserver';
import { BibliographySync } from './bibliographySync';
import { Configuration } from './configuration';
import { DiagnosticsScheduler } from './diagnostics';
import { HANDLER_GROUPS, type HandlerGroup, type ServerParts } from './handlers';
import { IndexSync } from './indexSync';
import { Session } from './session';
import { WorkspaceSync } from './workspaceSync';

export class LanguageServer {
  private readonly session: Session;
  private readonly index: IndexSync;
  private readonly diagnostics: DiagnosticsScheduler;
  private readonly configuration: Configuration;
  private readonly sync: WorkspaceSync;
  private readonly bibliography: BibliographySync;

  constructor(
    private readonly connection: Connection,
    private readonly groups: readonly HandlerGroup[] = HANDLER_GROUPS,
  ) {
    const session = (this.session = new Session(connection));
    this.index = new IndexSync(session, (uri, before, after) => this.diagnostics.indexChanged(uri, before, after));
    this.diagnostics = new DiagnosticsScheduler(session, this.index);
    this.configuration = new Configuration(session, this.index, this.diagnostics);
    this.bibliography = new BibliographySync(session);
    this.sync = new WorkspaceSync(session, this.index, this.diagnostics, this.configuration, this.bibliography);

    connection.onInitialize((params) => this.initialize(params));
    connection.onInitialized(() => {
      session.ready = this.start().catch((e) => session.logError('Starting the workspace failed', e));
    });
    this.sync.listenToDocuments();
    const parts: ServerParts = { session, index: this.index, diagnostics: this.diagnostics };
    for (const group of groups) group.register(parts);
    this.sync.listenToFiles();
    this.configuration.listen();
    connection.onShutdown(() => this.diagnostics.dispose());
  }

  private initialize(params: InitializeParams): InitializeResult {
    this.session.initialize(params);
    const capabilities: ServerCapabilities = { textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental } };
    for (const group of this.groups) Object.assign(capabilities, group.capabilities?.(this.session));
    if (this.session.caps.workspace?.workspaceFolders) capabilities.workspace = { ...capabilities.workspace, workspaceFolders: { supported: true, changeNotifications: true } };
    return { capabilities, serverInfo: { name: 'knowledge-articles', version: '0.1.0' } };
  }

  /** After `initialized`: settings, configuration, the workspace index, then diagnostics for everything. */
  private async start(): Promise<void> {
    this.sync.register();
    this.configuration.register();
    this.sync.followFolders();
    await this.configuration.fetchSettings().catch((e) => this.session.logError('Reading the settings failed; using the defaults', e));
    await this.configuration.reloadConfig();
    await this.bibliography.loadAll().catch((e) => this.session.logError('Reading the bibliography files failed', e));
  }
}

export function startLanguageServer(connection: Connection): LanguageServer {
  return new LanguageServer(connection);
}
