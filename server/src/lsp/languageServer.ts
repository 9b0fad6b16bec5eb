/**
 * The language server: the only code that knows the LSP connection. It keeps the open documents, hands each request
 * to a feature module with the request's cancellation token, and converts offsets to positions on the way out.
 */
import { existsSync } from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  ErrorCodes,
  FileChangeType,
  LSPErrorCodes,
  ResponseError,
  TextDocumentSyncKind,
  type CancellationToken,
  type ClientCapabilities,
  type Connection,
  type Diagnostic,
  type FileEvent,
  type InitializeParams,
  type InitializeResult,
  type ServerCapabilities,
  type TextDocumentPositionParams,
  type WorkDoneProgressReporter,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { checkArticle } from '../check';
import { CONFIG_FILE, parseConfig, type ResolvedConfig } from '../config';
import { LineIndex } from '../core/lineIndex';
import { CancelledError, type Finding, type TextDocumentLike } from '../core/types';
import { today as todayOf } from '../core/text';
import { relativeTo, resolveUri } from '../core/uri';
import { buildArticleView } from '../features/articleView';
import { getCodeActions } from '../features/codeActions';
import { getCodeLenses } from '../features/codeLens';
import { getCompletions } from '../features/completion';
import { getDefinition } from '../features/definition';
import { getDocumentLinks } from '../features/documentLinks';
import { getFoldingRanges } from '../features/folding';
import { getHover } from '../features/hover';
import { getReferences } from '../features/references';
import { getRename, prepareRename } from '../features/rename';
import { factSnippet, newArticleFile, sourceSnippet, type SnippetInsert } from '../features/snippets';
import { getSymbols } from '../features/symbols';
import type { FeatureContext, WorkspaceEditResult } from '../features/types';
import type { Article } from '../model/article';
import { parseArticle } from '../model/article';
import { FsWorkspace, toPath } from '../node/fsWorkspace';
import { ARTICLE_VIEW, CHECK_WORKSPACE, FACT_SNIPPET, NEW_ARTICLE, SOURCE_SNIPPET, type CheckWorkspaceResult, type InsertSnippet } from '../protocol';
import { ArticleService, type Workspace } from '../service';
import { summarize, type ArticleSummary } from '../workspaceIndex';
import {
  limitCompletions,
  toCodeAction,
  toCodeLens,
  toCompletionItem,
  toDiagnostic,
  toDocumentLink,
  toDocumentSymbol,
  toFoldingRange,
  toHover,
  toLocation,
  toRange,
  toSymbolInformation,
  toWorkspaceEdit,
  type ConvertOptions,
} from './convert';
import { DocumentStore } from './documents';
import { DEFAULT_DELAY, readInitOptions, readSettings, type InitOptions, type Settings } from './settings';

/** The workspace on disk, with roots that follow the client's workspace folders. */
class FolderWorkspace implements Workspace {
  roots: string[] = [];
  private readonly fs = new FsWorkspace([]);
  readFile(uri: string) {
    return this.fs.readFile(uri);
  }
  listFiles(root: string, token: CancellationToken) {
    return this.fs.listFiles(root, token);
  }
}

const MARKDOWN = /\.(md|markdown)$/i;

/**
 * What a summary says that other files' findings depend on (not where it says it, nor the TL;DR, which the index
 * built from frontmatter alone does not have).
 */
function shapeOf(s: ArticleSummary | undefined): string {
  if (!s) return '';
  return JSON.stringify({ id: s.id, title: s.title, category: s.category, confidence: s.confidence, facts: s.facts.map((f) => [f.id, f.statement]) });
}

const yieldNow = () => new Promise<void>((resolve) => setImmediate(resolve));

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each request type names its own error data
type AnyResponseError = ResponseError<any>;

function cancelled(): AnyResponseError {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled.');
}

function defaultDocsUrl(): string {
  // The bundle lives in dist/; the rule documentation ships beside it.
  return pathToFileURL(path.join(__dirname, '..', 'docs', 'rules.md')).href;
}

export class LanguageServer {
  private readonly workspace = new FolderWorkspace();
  private init: InitOptions = {};
  private readonly service = new ArticleService({ workspace: this.workspace, today: () => this.init.today ?? todayOf() });
  private readonly docs = new DocumentStore(this.service, this.workspace);
  private caps: ClientCapabilities = {};
  private settings: Settings = readSettings(undefined);
  private fileConfig: ResolvedConfig = this.service.config;
  private pullDiagnostics = false;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** The diagnostics last sent per client URI, so that unchanged ones are not sent again. */
  private readonly published = new Map<string, string>();
  /** Closed files get workspace findings; after a CHECK_WORKSPACE request, every finding. */
  private closedRules: 'workspace' | 'all' = 'workspace';
  private closedPass = 0;
  private closedTimer: NodeJS.Timeout | undefined;
  private configUri: string | undefined;
  private configProblemUri: string | undefined;
  private ready: Promise<void> = Promise.resolve();
  private readonly convert: ConvertOptions;

  constructor(private readonly connection: Connection) {
    const self = this;
    this.convert = {
      relatedInformation: false,
      unnecessaryTag: false,
      snippets: false,
      markdown: false,
      docsBase: undefined,
      linesOf: (uri) => self.docs.linesOf(uri),
      clientUri: (uri) => self.docs.clientUri(uri),
    };
    connection.onInitialize((params) => this.initialize(params));
    connection.onInitialized(() => {
      this.ready = this.start().catch((e) => this.logError('Starting the workspace failed', e));
    });
    this.wireDocuments();
    this.wireFeatures();
    this.wireCustomRequests();
    connection.onDidChangeWatchedFiles((p) => this.guard('Following file changes', () => this.filesChanged(p.changes)));
    connection.onDidChangeConfiguration((p) => this.guard('Reading the settings', () => this.settingsChanged(p.settings)));
    connection.onShutdown(() => {
      for (const t of this.timers.values()) clearTimeout(t);
      if (this.closedTimer) clearTimeout(this.closedTimer);
      this.closedPass++;
    });
  }

  // ---- lifecycle --------------------------------------------------------------------------------------------

  private initialize(params: InitializeParams): InitializeResult {
    this.caps = params.capabilities;
    this.init = readInitOptions(params.initializationOptions);
    this.settings = readSettings(undefined, this.init.diagnosticsDelay ?? DEFAULT_DELAY);
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : params.rootPath ? [pathToFileURL(params.rootPath).href] : []);
    this.workspace.roots = folders.map((u) => this.docs.canonical(u).replace(/\/$/, ''));
    const td = this.caps.textDocument ?? {};
    this.convert.relatedInformation = td.publishDiagnostics?.relatedInformation === true;
    this.convert.unnecessaryTag = td.publishDiagnostics?.tagSupport?.valueSet?.includes(1) === true;
    this.convert.snippets = td.completion?.completionItem?.snippetSupport === true;
    this.convert.markdown = td.hover?.contentFormat?.includes('markdown') ?? false;
    this.convert.docsBase = td.publishDiagnostics?.codeDescriptionSupport === true ? this.init.docsUrl ?? defaultDocsUrl() : undefined;
    this.pullDiagnostics = td.diagnostic !== undefined;

    const capabilities: ServerCapabilities = {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      hoverProvider: true,
      // A space opens the values after `key: ` (the feature answers nothing for a space anywhere else).
      completionProvider: { triggerCharacters: ['@', ':', '(', ' '], resolveProvider: false },
      definitionProvider: true,
      referencesProvider: true,
      renameProvider: td.rename?.prepareSupport ? { prepareProvider: true } : true,
      documentSymbolProvider: true,
      foldingRangeProvider: true,
      codeLensProvider: { resolveProvider: false },
      documentLinkProvider: { resolveProvider: false },
      codeActionProvider: td.codeAction?.codeActionLiteralSupport ? { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll, CodeActionKind.Refactor] } : true,
    };
    if (this.pullDiagnostics) capabilities.diagnosticProvider = { identifier: 'kart', interFileDependencies: true, workspaceDiagnostics: false };
    if (this.caps.workspace?.workspaceFolders) capabilities.workspace = { workspaceFolders: { supported: true, changeNotifications: true } };
    return { capabilities, serverInfo: { name: 'knowledge-articles', version: '0.1.0' } };
  }

  /** After `initialized`: settings, configuration, the workspace index, then diagnostics for everything. */
  private async start(): Promise<void> {
    const ws = this.caps.workspace ?? {};
    // A client that refuses a registration or the settings still gets a working server.
    if (ws.didChangeWatchedFiles?.dynamicRegistration) {
      this.connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{md,markdown}' }, { globPattern: '**/*.json' }] })
        .catch((e) => this.logError('Registering the file watcher failed', e));
    }
    if (ws.didChangeConfiguration?.dynamicRegistration) {
      this.connection.client.register(DidChangeConfigurationNotification.type, { section: 'knowledgeArticles' }).catch((e) => this.logError('Registering for settings changes failed', e));
    }
    if (this.caps.workspace?.workspaceFolders) {
      this.connection.workspace.onDidChangeWorkspaceFolders((e) =>
        this.guard('Following workspace folders', async () => {
          const removed = new Set(e.removed.map((f) => this.docs.canonical(f.uri).replace(/\/$/, '')));
          this.workspace.roots = [...this.workspace.roots.filter((r) => !removed.has(r)), ...e.added.map((f) => this.docs.canonical(f.uri).replace(/\/$/, ''))];
          await this.reloadConfig();
        }),
      );
    }
    await this.fetchSettings().catch((e) => this.logError('Reading the settings failed; using the defaults', e));
    await this.reloadConfig();
  }

  private async fetchSettings(): Promise<void> {
    if (!this.caps.workspace?.configuration) return;
    const raw: unknown = await this.connection.workspace.getConfiguration({ section: 'knowledgeArticles' });
    this.settings = readSettings(raw, this.init.diagnosticsDelay ?? DEFAULT_DELAY);
  }

  private async settingsChanged(pushed: unknown): Promise<void> {
    if (this.caps.workspace?.configuration) await this.fetchSettings();
    else {
      const section = pushed && typeof pushed === 'object' ? (pushed as Record<string, unknown>).knowledgeArticles : undefined;
      this.settings = readSettings(section, this.init.diagnosticsDelay ?? DEFAULT_DELAY);
    }
    this.applyConfig();
    this.diagnosticsChangedEverywhere();
  }

  /** kart.config.json merged over the settings: the file is what CI reads too. */
  private applyConfig(): void {
    const file = this.fileConfig;
    this.service.setConfig({ ...file, rules: { ...this.settings.rules, ...file.rules } });
  }

  /** Reads the configuration file (a broken one becomes a diagnostic on it), then indexes the workspace anew. */
  private async reloadConfig(): Promise<void> {
    // An untrusted workspace's configuration could change what runs (an extra schema): the defaults stand.
    this.fileConfig = this.init.trusted === false ? parseConfig(undefined) : await this.service.loadConfig();
    this.applyConfig();
    await this.publishConfigProblems();
    await this.indexWorkspace();
    this.diagnosticsChangedEverywhere();
  }

  private async publishConfigProblems(): Promise<void> {
    const root = this.workspace.roots[0];
    const uri = root === undefined ? undefined : `${root}/${CONFIG_FILE}`;
    this.configUri = uri;
    const extra = this.fileConfig.extraSchema && root !== undefined ? resolveUri(`${root}/`, this.fileConfig.extraSchema) : undefined;
    this.extraSchemaUri = extra;
    if (this.configProblemUri && this.configProblemUri !== uri) this.publish(this.configProblemUri, []);
    if (!uri) return;
    const problems = this.fileConfig.problems;
    const text = problems.length ? (await this.workspace.readFile(uri)) ?? '' : '';
    const lines = new LineIndex(text);
    const diagnostics: Diagnostic[] = problems.map((p) => {
      const at = lines.positionAt(p.offset ?? 0);
      const end = p.offset !== undefined ? lines.positionAt(Math.min(text.length, p.offset + 1)) : lines.positionAt(lines.lineEnd(0));
      return { range: { start: at, end }, severity: /not valid JSON/.test(p.message) ? 1 : 2, code: 'config-invalid', source: 'kart', message: p.message };
    });
    this.configProblemUri = uri;
    this.publish(uri, diagnostics);
  }

  private extraSchemaUri: string | undefined;

  /** A progress reporter, or one that reports nothing when the client refuses to create one. */
  private async progress(): Promise<Pick<WorkDoneProgressReporter, 'begin' | 'report' | 'done'>> {
    try {
      return await this.connection.window.createWorkDoneProgress();
    } catch (e) {
      this.logError('Creating a progress report failed', e);
      return { begin: () => undefined, report: () => undefined, done: () => undefined };
    }
  }

  /**
   * Reads every article of the workspace into the index. The previous entries stay until the new ones are in, so
   * that a re-index never shows a half-empty workspace; files gone since are dropped at the end.
   */
  private async indexWorkspace(): Promise<void> {
    const before = new Set([...this.service.index.all()].map((s) => s.uri));
    const progress = await this.progress();
    progress.begin('Indexing knowledge articles', 0, 'Listing files', false);
    let last = -1;
    try {
      const { files, problems } = await this.service.indexWorkspace(undefined, (done, total) => {
        const pct = Math.floor((done * 100) / Math.max(1, total));
        if (pct !== last || done === total) {
          last = pct;
          progress.report(pct, `${done}/${total} files`);
        }
      });
      for (const p of problems) this.connection.console.warn(`${p.uri}: ${p.message}`);
      const listed = new Set(files);
      for (const uri of before) if (!listed.has(uri) && !this.docs.isOpen(uri)) this.service.index.delete(uri);
    } finally {
      progress.done();
    }
    // Open documents override what is on disk.
    for (const doc of this.docs.openDocuments()) this.indexOpen(this.docs.like(doc));
    this.indexed = true;
  }

  /** Whether the workspace has been read once: until then the rules across files would see a partial workspace. */
  private indexed = false;

  // ---- documents and diagnostics ------------------------------------------------------------------------------

  private wireDocuments(): void {
    const documents = this.docs.open;
    documents.onDidOpen((e) => {
      this.docs.opened(e.document);
      // Pulled diagnostics replace what was pushed for the file while it was closed.
      if (this.pullDiagnostics && this.isMarkdown(e.document)) this.publish(this.docs.canonical(e.document.uri), []);
    });
    documents.onDidChangeContent((e) => this.scheduleDiagnostics(e.document));
    documents.onDidClose((e) => this.guard('Closing a document', () => this.documentClosed(e.document)));
    documents.listen(this.connection);
  }

  private isMarkdown(doc: TextDocument | TextDocumentLike): boolean {
    return ('languageId' in doc && doc.languageId === 'markdown') || MARKDOWN.test(doc.uri);
  }

  /** Whether the engine speaks about a document: an article (or a broken frontmatter), not excluded by the globs. */
  private wants(article: Article): boolean {
    if (!MARKDOWN.test(article.uri) && !article.uri.startsWith('untitled:')) {
      if (!article.isArticle) return false;
    }
    if (this.underRoot(article.uri) && !this.service.isIncluded(article.uri)) return false;
    return this.service.isCheckable(article);
  }

  /** The article of an open document, refreshing its entry in the workspace index. */
  private indexOpen(doc: TextDocumentLike): Article {
    const article = this.service.getArticle(doc);
    // A file opened from outside the workspace folders is checked but does not join the workspace.
    const inWorkspace = this.workspace.roots.length === 0 || this.underRoot(doc.uri);
    const included = this.wants(article) && article.isArticle && inWorkspace;
    this.reindex(doc.uri, included ? article : undefined);
    return article;
  }

  /**
   * Puts a file's summary in the index, or takes the file out (no article, or not one), and schedules the re-check of
   * other files when what their findings depend on changed.
   */
  private reindex(uri: string, article: Article | undefined): void {
    const before = shapeOf(this.service.index.get(uri));
    if (article?.isArticle) this.setSummary(summarize(article));
    else this.service.index.delete(uri);
    if (shapeOf(this.service.index.get(uri)) !== before) this.indexChanged(uri);
  }

  /**
   * Puts a summary in the index unless the same is there: every change to the index drops the lookups the rules
   * share, and opening a file changes nothing but its TL;DR (the index read at start has frontmatter only).
   */
  private setSummary(summary: ArticleSummary): void {
    const current = this.service.index.get(summary.uri);
    if (current && JSON.stringify({ ...current, tldr: undefined }) === JSON.stringify({ ...summary, tldr: undefined })) {
      current.tldr = summary.tldr;
      return;
    }
    this.service.index.set(summary);
  }

  private findingsOf(article: Article, token?: CancellationToken): Finding[] {
    if (!this.wants(article)) return [];
    if (this.indexed) return this.service.check(article, token);
    return checkArticle(article, { config: this.service.config, today: this.service.today }, token);
  }

  private diagnosticsOf(article: Article, findings: Finding[]): Diagnostic[] {
    return findings.map((f) => toDiagnostic(article.lines, f, this.convert));
  }

  private scheduleDiagnostics(doc: TextDocument, delay = this.settings.diagnosticsDelay): void {
    if (!this.isMarkdown(doc)) return;
    const uri = doc.uri;
    clearTimeout(this.timers.get(uri));
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        this.guard('Checking a document', () => this.diagnoseOpen(uri));
      }, delay),
    );
  }

  /** Checks the current version of an open document: whatever changed before the timer fired is already in it. */
  private diagnoseOpen(clientUri: string): void {
    const doc = this.docs.open.get(clientUri);
    if (!doc) return;
    const like = this.docs.like(doc);
    const article = this.indexOpen(like);
    if (this.pullDiagnostics) return;
    const diagnostics = this.diagnosticsOf(article, this.findingsOf(article));
    this.published.set(clientUri, JSON.stringify(diagnostics));
    void this.connection.sendDiagnostics({ uri: clientUri, version: doc.version, diagnostics });
  }

  private async documentClosed(doc: TextDocument): Promise<void> {
    clearTimeout(this.timers.get(doc.uri));
    this.timers.delete(doc.uri);
    const uri = this.docs.canonical(doc.uri);
    if (!this.isMarkdown(doc)) {
      // kart.config.json, say: its diagnostics come from the file on disk and stay.
      this.docs.closed(doc);
      return;
    }
    const lastOpen = this.service.getArticle(this.docs.like(doc));
    this.docs.closed(doc);
    this.docs.invalidate(uri);
    // The index goes back to what is on disk (unsaved changes were discarded).
    const text = await this.workspace.readFile(uri);
    if (this.docs.isOpen(uri)) return;
    if (text !== undefined && this.service.isIncluded(uri)) {
      // Saved as it was open, its model is the file's; otherwise the file on disk is read anew.
      const article = lastOpen.text === text ? lastOpen : parseArticle(uri, text, 0);
      this.reindex(uri, article);
      this.publishClosed(article);
    } else {
      this.reindex(uri, undefined);
      this.service.forget(uri);
      this.publish(uri, [], doc.uri);
    }
  }

  /** Sends diagnostics for a file unless the same were sent last. */
  private publish(canonical: string, diagnostics: Diagnostic[], clientUri = this.docs.clientUri(canonical)): void {
    const json = JSON.stringify(diagnostics);
    if ((this.published.get(clientUri) ?? '[]') === json) return;
    if (diagnostics.length) this.published.set(clientUri, json);
    else this.published.delete(clientUri);
    void this.connection.sendDiagnostics({ uri: clientUri, diagnostics });
  }

  private underRoot(uri: string): boolean {
    return this.workspace.roots.some((r) => relativeTo(r, uri) !== undefined);
  }

  /** What a file that is not open shows: nothing outside the workspace folders (a folder removed, say). */
  private closedFindings(article: Article): Finding[] {
    if (!this.wants(article) || !this.indexed || !this.underRoot(article.uri)) return [];
    const rules = this.closedRules === 'all' ? this.service.rules : this.service.rules.filter((r) => r.workspace);
    if (rules.length === 0) return [];
    return checkArticle(article, { config: this.service.config, today: this.service.today, index: this.service.index, rules });
  }

  private publishClosed(article: Article): Finding[] {
    const findings = this.closedFindings(article);
    this.publish(article.uri, this.diagnosticsOf(article, findings));
    return findings;
  }

  /** Another file's summary changed: workspace findings elsewhere may have too. */
  private indexChanged(_uri: string): void {
    if (this.closedTimer) clearTimeout(this.closedTimer);
    this.closedTimer = setTimeout(() => {
      this.closedTimer = undefined;
      this.diagnosticsChangedEverywhere();
    }, Math.max(300, this.settings.diagnosticsDelay * 2));
  }

  /** Re-checks every open document and, in the background, the closed ones. */
  private diagnosticsChangedEverywhere(): void {
    if (this.pullDiagnostics) {
      if (this.caps.workspace?.diagnostics?.refreshSupport) this.connection.languages.diagnostics.refresh();
    } else for (const doc of this.docs.openDocuments()) this.scheduleDiagnostics(doc, 0);
    void this.refreshClosed().catch((e) => this.logError('Checking closed files failed', e));
  }

  /**
   * Publishes the findings of every file that is not open, reading each from disk. A newer pass supersedes a
   * running one; a file gone from disk leaves the index and loses its diagnostics.
   */
  private async refreshClosed(files?: readonly string[], progress?: (done: number, total: number) => void): Promise<{ files: number; findings: Finding[] }> {
    const pass = ++this.closedPass;
    if (!this.indexed) return { files: 0, findings: [] };
    const rulesToRun = this.closedRules === 'all' ? this.service.rules : this.service.rules.filter((r) => r.workspace);
    const uris = new Set<string>(files);
    for (const s of this.service.index.all()) uris.add(s.uri);
    for (const u of this.published.keys()) uris.add(this.docs.canonical(u));
    const all: Finding[] = [];
    let checked = 0;
    let done = 0;
    const sorted = [...uris].sort();
    for (const uri of sorted) {
      if (pass !== this.closedPass) break;
      progress?.(++done, sorted.length);
      if (uri === this.configUri || this.docs.isOpen(uri)) continue;
      if (rulesToRun.length === 0) {
        this.publish(uri, []);
        continue;
      }
      if (done % 20 === 0) await yieldNow();
      const text = await this.workspace.readFile(uri);
      if (pass !== this.closedPass) break;
      if (this.docs.isOpen(uri)) continue;
      if (text === undefined) {
        if (this.service.index.has(uri)) this.service.removeFromIndex(uri);
        this.publish(uri, []);
        continue;
      }
      const article = parseArticle(uri, text, 0);
      if (this.wants(article)) checked++;
      all.push(...this.publishClosed(article));
    }
    return { files: checked, findings: all };
  }

  private async filesChanged(changes: FileEvent[]): Promise<void> {
    let config = false;
    for (const change of changes) {
      const uri = this.docs.canonical(change.uri);
      if (uri === this.configUri || (this.extraSchemaUri !== undefined && uri === this.extraSchemaUri)) {
        config = true;
        continue;
      }
      if (!MARKDOWN.test(uri)) continue;
      this.docs.invalidate(uri);
      if (this.docs.isOpen(uri)) continue; // the editor's text wins over the disk's
      const text = change.type === FileChangeType.Deleted ? undefined : await this.workspace.readFile(uri);
      if (text === undefined || !this.service.isIncluded(uri)) {
        this.reindex(uri, undefined);
        this.service.forget(uri);
        this.publish(uri, []);
      } else {
        const article = parseArticle(uri, text, 0);
        this.reindex(uri, article);
        this.publishClosed(article);
      }
    }
    if (config) await this.reloadConfig();
  }

  // ---- requests --------------------------------------------------------------------------------------------

  private logError(what: string, e: unknown): void {
    const err = e as Error;
    this.connection.console.error(`${what}: ${err?.stack ?? String(e)}`);
  }

  /** Runs a notification handler; a failure is logged, never thrown into the connection. */
  private guard(what: string, fn: () => unknown): void {
    try {
      const r = fn();
      if (r instanceof Promise) r.catch((e) => this.logError(what, e));
    } catch (e) {
      this.logError(what, e);
    }
  }

  /**
   * Wraps a request handler: lets a pending cancellation arrive first, maps a cancelled token to RequestCancelled
   * and a failure to an error response that names the request. The server keeps serving either way.
   */
  private request<P, R>(what: string, fn: (params: P, token: CancellationToken) => R | Promise<R>) {
    return async (params: P, token: CancellationToken): Promise<R | AnyResponseError> => {
      // Two turns of the event loop: the connection reads a `$/cancelRequest` sent right after the request first.
      await yieldNow();
      await yieldNow();
      if (token.isCancellationRequested) return cancelled();
      try {
        const result = await fn(params, token);
        if (token.isCancellationRequested) return cancelled();
        return result;
      } catch (e) {
        if (e instanceof CancelledError || token.isCancellationRequested) return cancelled();
        if (e instanceof ResponseError) return e;
        this.logError(`${what} failed`, e);
        return new ResponseError(ErrorCodes.InternalError, `${what} failed: ${(e as Error)?.message ?? String(e)}`);
      }
    };
  }

  private ctx(): FeatureContext {
    return {
      config: this.service.config,
      schema: this.service.config.schema,
      index: this.service.index,
      today: this.service.today,
      articleAt: (uri) => this.docs.articleAt(uri),
    };
  }

  /** The article a request is about, when the engine speaks about it (a README without frontmatter gets nothing). */
  private async articleFor(uri: string): Promise<Article | undefined> {
    const doc = await this.docs.get(this.docs.canonical(uri));
    if (!doc) return undefined;
    const article = this.service.getArticle(doc);
    return this.wants(article) ? article : undefined;
  }

  private async at(p: TextDocumentPositionParams): Promise<{ article: Article; offset: number } | undefined> {
    const article = await this.articleFor(p.textDocument.uri);
    return article ? { article, offset: article.lines.offsetAt(p.position) } : undefined;
  }

  private wireFeatures(): void {
    const c = this.connection;
    c.languages.diagnostics.on(
      this.request('Diagnostics', async (p, token) => {
        const article = await this.articleFor(p.textDocument.uri);
        if (!article) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
        const open = this.docs.openLike(article.uri);
        if (open) this.indexOpen(open);
        return { kind: DocumentDiagnosticReportKind.Full, items: this.diagnosticsOf(article, this.findingsOf(article, token)) };
      }),
    );
    c.onHover(
      this.request('Hover', async (p, token) => {
        const a = await this.at(p);
        if (!a) return null;
        const h = getHover(this.ctx(), a.article, a.offset, token);
        return h ? toHover(a.article.lines, h, this.convert) : null;
      }),
    );
    c.onCompletion(
      this.request('Completion', async (p, token) => {
        const a = await this.at(p);
        if (!a) return null;
        const { entries, incomplete } = limitCompletions(getCompletions(this.ctx(), a.article, a.offset, token, p.context?.triggerKind === 2 ? p.context.triggerCharacter : undefined), a.article.text, a.offset);
        return { isIncomplete: incomplete, items: entries.map((e) => toCompletionItem(a.article.lines, e, this.convert)) };
      }),
    );
    c.onDefinition(
      this.request('Go to definition', async (p, token) => {
        const a = await this.at(p);
        if (!a) return null;
        return getDefinition(this.ctx(), a.article, a.offset, token).flatMap((l) => toLocation(l, this.convert) ?? []);
      }),
    );
    c.onReferences(
      this.request('Find references', async (p, token) => {
        const a = await this.at(p);
        if (!a) return null;
        return getReferences(this.ctx(), a.article, a.offset, p.context.includeDeclaration, token).flatMap((l) => toLocation(l, this.convert) ?? []);
      }),
    );
    c.onPrepareRename(
      this.request('Prepare rename', async (p) => {
        const a = await this.at(p);
        if (!a) return null;
        const r = prepareRename(this.ctx(), a.article, a.offset);
        if ('error' in r) throw new ResponseError(LSPErrorCodes.RequestFailed, r.error);
        return { range: toRange(a.article.lines, r.range), placeholder: r.placeholder };
      }),
    );
    c.onRenameRequest(
      this.request('Rename', async (p, token) => {
        const a = await this.at(p);
        if (!a) return null;
        const r = getRename(this.ctx(), a.article, a.offset, p.newName, token);
        if (typeof r.error === 'string') throw new ResponseError(LSPErrorCodes.RequestFailed, r.error);
        return toWorkspaceEdit(r as WorkspaceEditResult, this.convert) ?? null;
      }),
    );
    c.onDocumentSymbol(
      this.request('Document symbols', async (p, token) => {
        const article = await this.articleFor(p.textDocument.uri);
        if (!article) return null;
        const symbols = getSymbols(article, token);
        if (this.caps.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport) return symbols.map((s) => toDocumentSymbol(article.lines, s));
        return toSymbolInformation(p.textDocument.uri, article.lines, symbols);
      }),
    );
    c.onFoldingRanges(
      this.request('Folding ranges', async (p, token) => {
        const article = await this.articleFor(p.textDocument.uri);
        if (!article) return null;
        return getFoldingRanges(article, token).map(toFoldingRange);
      }),
    );
    c.onDocumentLinks(
      this.request('Document links', async (p, token) => {
        const article = await this.articleFor(p.textDocument.uri);
        if (!article) return null;
        return getDocumentLinks(this.ctx(), article, token).map((l) => toDocumentLink(article.lines, l, this.convert));
      }),
    );
    c.onCodeAction(
      this.request('Code actions', async (p, token) => {
        const article = await this.articleFor(p.textDocument.uri);
        if (!article) return null;
        const findings = this.findingsOf(article, token);
        const range = { start: article.lines.offsetAt(p.range.start), end: article.lines.offsetAt(p.range.end) };
        const diagnosticOf = (rule: string, r: { start: number; end: number }) => {
          const f = findings.find((x) => x.rule === rule && x.range.start === r.start && x.range.end === r.end);
          return f ? toDiagnostic(article.lines, f, this.convert) : undefined;
        };
        const recheck = (text: string) => this.findingsOf(parseArticle(article.uri, text, -1), token);
        const actions = getCodeActions(article, findings, range, p.context.only, token, recheck);
        return actions.flatMap((a) => toCodeAction(a, this.convert, diagnosticOf) ?? []);
      }),
    );
    c.onCodeLens(
      this.request('Code lens', async (p, token) => {
        const article = await this.articleFor(p.textDocument.uri);
        if (!article) return null;
        return getCodeLenses(article, token).map((l) => toCodeLens(article.lines, l, this.convert));
      }),
    );
  }

  // ---- custom requests ----------------------------------------------------------------------------------------

  private snippetAnswer(article: Article, s: SnippetInsert | undefined): InsertSnippet | null {
    if (!s) return null;
    const position = article.lines.positionAt(s.offset);
    const answer: InsertSnippet = { position, snippet: s.snippet };
    if (s.replaceEnd !== undefined) answer.replace = { start: position, end: article.lines.positionAt(s.replaceEnd) };
    return answer;
  }

  private wireCustomRequests(): void {
    const c = this.connection;
    c.onRequest(
      ARTICLE_VIEW,
      this.request('Article view', async (p: { uri: string }, token) => {
        const doc = typeof p?.uri === 'string' ? await this.docs.get(this.docs.canonical(p.uri)) : undefined;
        if (!doc) return null;
        const article = this.service.getArticle(doc);
        const findings = this.findingsOf(article, token);
        const view = buildArticleView(article, findings, this.service.config, this.service.today);
        view.uri = p.uri;
        return view;
      }),
    );
    c.onRequest(
      NEW_ARTICLE,
      this.request('New article', (p: { title: string; folderUri: string }) => {
        if (typeof p?.title !== 'string' || typeof p.folderUri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'kart/newArticle needs {title, folderUri}.');
        const folder = this.docs.canonical(p.folderUri);
        const made = newArticleFile(p.title, folder, this.workspace.roots, this.service.today, (u) => this.docs.isOpen(u) || (u.startsWith('file:') && existsSync(toPath(u))));
        const lines = new LineIndex(made.text);
        const select = made.firstPlaceholder && { start: lines.positionAt(made.firstPlaceholder.start), end: lines.positionAt(made.firstPlaceholder.end) };
        return { uri: made.uri, text: made.text, titleTaken: made.titleTaken, select };
      }),
    );
    c.onRequest(
      FACT_SNIPPET,
      this.request('Fact snippet', async (p: { uri: string }) => {
        const article = typeof p?.uri === 'string' ? await this.articleFor(p.uri) : undefined;
        return article ? this.snippetAnswer(article, factSnippet(article)) : null;
      }),
    );
    c.onRequest(
      SOURCE_SNIPPET,
      this.request('Source snippet', async (p: { uri: string; list?: string }) => {
        const article = typeof p?.uri === 'string' ? await this.articleFor(p.uri) : undefined;
        const list = p?.list === 'secondary_sources' ? 'secondary_sources' : 'primary_sources';
        return article ? this.snippetAnswer(article, sourceSnippet(article, list, this.service.today)) : null;
      }),
    );
    c.onRequest(
      CHECK_WORKSPACE,
      this.request('Check workspace', async (_p: unknown, token): Promise<CheckWorkspaceResult> => {
        await this.ready;
        this.closedRules = 'all';
        const progress = await this.progress();
        progress.begin('Checking knowledge articles', 0, undefined, false);
        let result: { files: number; findings: Finding[] };
        try {
          let last = -1;
          const listed: string[] = [];
          for (const root of this.workspace.roots) for (const f of await this.workspace.listFiles(root, token)) if (this.service.isIncluded(f)) listed.push(f);
          result = await this.refreshClosed(listed, (done, total) => {
            const pct = Math.floor((done * 100) / Math.max(1, total));
            if (pct !== last) progress.report(pct, `${done}/${total} files`);
            last = pct;
          });
        } finally {
          progress.done();
        }
        const problems = { errors: 0, warnings: 0, infos: 0, hints: 0 };
        let files = result.files;
        const findings = [...result.findings];
        for (const doc of this.docs.openDocuments()) {
          const article = this.indexOpen(this.docs.like(doc));
          if (!this.wants(article)) continue;
          files++;
          findings.push(...this.findingsOf(article));
          if (!this.pullDiagnostics) this.scheduleDiagnostics(doc, 0);
        }
        for (const f of findings) problems[f.severity === 'error' ? 'errors' : f.severity === 'warning' ? 'warnings' : f.severity === 'info' ? 'infos' : 'hints']++;
        return { files, problems };
      }),
    );
  }
}

export function startLanguageServer(connection: Connection): LanguageServer {
  return new LanguageServer(connection);
}
