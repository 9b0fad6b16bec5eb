/**
 * What every part of the language server shares: the connection, the service, the documents, the client's
 * capabilities and settings, and the helpers that turn a handler into a safe one (cancellation, errors, logging).
 */
import * as path from 'path';
import { pathToFileURL } from 'url';
import {
  ErrorCodes,
  LSPErrorCodes,
  ResponseError,
  type CancellationToken,
  type ClientCapabilities,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type TextDocumentPositionParams,
  type WorkDoneProgressReporter,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { checkArticle } from '../check';
import { CancelledError, type Finding, type TextDocumentLike } from '../core/types';
import { today as todayOf } from '../core/text';
import { relativeTo } from '../core/uri';
import type { FeatureContext } from '../features/types';
import type { Article } from '../model/article';
import { FsWorkspace } from '../node/fsWorkspace';
import { ArticleService } from '../service';
import { toDiagnostic, type ConvertOptions } from './convert';
import { DocumentStore } from './documents';
import { DEFAULT_DELAY, readInitOptions, readSettings, type InitOptions, type Settings } from './settings';

export const MARKDOWN = /\.(md|markdown)$/i;

export const yieldNow = () => new Promise<void>((resolve) => setImmediate(resolve));

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each request type names its own error data
export type AnyResponseError = ResponseError<any>;

function cancelled(): AnyResponseError {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled.');
}

function defaultDocsUrl(): string {
  // The bundle lives in dist/; the rule documentation ships beside it.
  return pathToFileURL(path.join(__dirname, '..', 'docs', 'rules.md')).href;
}

export class Session {
  /** The workspace on disk, with roots that follow the client's workspace folders. */
  readonly workspace = new FsWorkspace([]);
  init: InitOptions = {};
  readonly service = new ArticleService({ workspace: this.workspace, today: () => this.init.today ?? todayOf() });
  readonly docs = new DocumentStore(this.service, this.workspace);
  caps: ClientCapabilities = {};
  settings: Settings = readSettings(undefined);
  pullDiagnostics = false;
  /** Whether the workspace has been read once: until then the rules across files would see a partial workspace. */
  indexed = false;
  /** Settled once the workspace is configured and indexed after `initialized`. */
  ready: Promise<void> = Promise.resolve();
  /** The configuration files with problems: their diagnostics come from the configuration, not the rules. */
  readonly configUris = new Set<string>();
  readonly convert: ConvertOptions;

  constructor(readonly connection: Connection) {
    const docs = this.docs;
    this.convert = {
      relatedInformation: false,
      unnecessaryTag: false,
      snippets: false,
      markdown: false,
      docsBase: undefined,
      linesOf: (uri) => docs.linesOf(uri),
      clientUri: (uri) => docs.clientUri(uri),
    };
  }

  /** Takes in what the client said at `initialize`: capabilities, options, workspace folders. */
  initialize(params: InitializeParams): void {
    this.caps = params.capabilities;
    this.init = readInitOptions(params.initializationOptions);
    this.settings = readSettings(undefined, this.init.diagnosticsDelay ?? DEFAULT_DELAY);
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : params.rootPath ? [pathToFileURL(params.rootPath).href] : []);
    this.workspace.roots = folders.map((u) => this.rootOf(u));
    const td = this.caps.textDocument ?? {};
    this.convert.relatedInformation = td.publishDiagnostics?.relatedInformation === true;
    this.convert.unnecessaryTag = td.publishDiagnostics?.tagSupport?.valueSet?.includes(1) === true;
    this.convert.snippets = td.completion?.completionItem?.snippetSupport === true;
    this.convert.markdown = td.hover?.contentFormat?.includes('markdown') ?? false;
    this.convert.docsBase = td.publishDiagnostics?.codeDescriptionSupport === true ? this.init.docsUrl ?? defaultDocsUrl() : undefined;
    this.pullDiagnostics = td.diagnostic !== undefined;
  }

  /** A workspace folder's URI as a root: canonical, without the trailing slash. */
  rootOf(folderUri: string): string {
    return this.docs.canonical(folderUri).replace(/\/$/, '');
  }

  logError(what: string, e: unknown): void {
    const err = e as Error;
    this.connection.console.error(`${what}: ${err?.stack ?? String(e)}`);
  }

  /** Runs a notification handler; a failure is logged, never thrown into the connection. */
  guard(what: string, fn: () => unknown): void {
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
  request<P, R>(what: string, fn: (params: P, token: CancellationToken) => R | Promise<R>) {
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

  /** A request at a position: its article and offset, or null for a document the engine does not speak about. */
  requestAt<P extends TextDocumentPositionParams, R>(what: string, fn: (at: { article: Article; offset: number }, params: P, token: CancellationToken) => R | Promise<R>) {
    return this.request(what, async (params: P, token: CancellationToken) => {
      const a = await this.at(params);
      return a ? fn(a, params, token) : null;
    });
  }

  /** A progress reporter, or one that reports nothing when the client refuses to create one. */
  async progress(): Promise<Pick<WorkDoneProgressReporter, 'begin' | 'report' | 'done'>> {
    try {
      return await this.connection.window.createWorkDoneProgress();
    } catch (e) {
      this.logError('Creating a progress report failed', e);
      return { begin: () => undefined, report: () => undefined, done: () => undefined };
    }
  }

  ctx(): FeatureContext {
    return {
      config: this.service.config,
      schema: this.service.config.schema,
      index: this.service.index,
      today: this.service.today,
      verification: this.service.verification,
      bibliography: this.service.bibliography.entries(),
      articleAt: (uri) => this.docs.articleAt(uri),
    };
  }

  /** The article a request is about, when the engine speaks about it (a README without frontmatter gets nothing). */
  async articleFor(uri: string): Promise<Article | undefined> {
    const doc = await this.docs.get(this.docs.canonical(uri));
    if (!doc) return undefined;
    const article = this.service.getArticle(doc);
    return this.wants(article) ? article : undefined;
  }

  async at(p: TextDocumentPositionParams): Promise<{ article: Article; offset: number } | undefined> {
    const article = await this.articleFor(p.textDocument.uri);
    return article ? { article, offset: article.lines.offsetAt(p.position) } : undefined;
  }

  isMarkdown(doc: TextDocument | TextDocumentLike): boolean {
    return ('languageId' in doc && doc.languageId === 'markdown') || MARKDOWN.test(doc.uri);
  }

  underRoot(uri: string): boolean {
    return this.workspace.roots.some((r) => relativeTo(r, uri) !== undefined);
  }

  /** Whether the engine speaks about a document: an article (or a broken frontmatter), not excluded by the globs. */
  wants(article: Article): boolean {
    if (!MARKDOWN.test(article.uri) && !article.uri.startsWith('untitled:')) {
      if (!article.isArticle) return false;
    }
    if (this.underRoot(article.uri) && !this.service.isIncluded(article.uri)) return false;
    return this.service.isCheckable(article);
  }

  /** Every finding of an open document; before the workspace is indexed, only those of the file alone. */
  findingsOf(article: Article, token?: CancellationToken): Finding[] {
    if (!this.wants(article)) return [];
    if (this.indexed) return this.service.check(article, token);
    return checkArticle(article, { config: this.service.configFor(article.uri), today: this.service.today, verification: this.service.verification }, token);
  }

  diagnosticsOf(article: Article, findings: Finding[]): Diagnostic[] {
    return findings.map((f) => toDiagnostic(article.lines, f, this.convert));
  }
}
