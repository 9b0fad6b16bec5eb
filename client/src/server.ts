import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type Middleware, type ServerOptions } from 'vscode-languageclient/node';
import { ARTICLE_VIEW, type ArticleView } from '../../server/src/protocol';
import { builtinMarkdownMiddleware } from './builtinMarkdownOverlap';
import { SECTION, serverInitOptions } from './settings';

/**
 * The language server process and what the client asks it. The client is restarted when the user grants the
 * workspace trust (the server then may read the workspace's kart.config.json), so others hold this object, not the
 * LanguageClient itself.
 */
export class KartServer implements vscode.Disposable {
  private current: LanguageClient | undefined;
  private starting: Promise<void> | undefined;
  /** When the server was asked to start, and how long until it was ready (ms); undefined until it is asked. */
  startTiming: { askedAt: number; readyMs?: number } | undefined;
  private readonly views = new Map<string, ArticleView>();
  private readonly pending = new Map<string, Promise<ArticleView | undefined>>();
  private readonly changed = new vscode.EventEmitter<ArticleView>();
  /** Fires whenever a fresh view of a document arrives (status bar, built-in preview). */
  readonly onDidChangeView = this.changed.event;
  readonly output = vscode.window.createOutputChannel('Knowledge Articles');
  /** Hooks into the language client's own handling (file moves, say), kept across restarts. */
  readonly middleware: Middleware = { ...builtinMarkdownMiddleware };

  constructor(private readonly context: vscode.ExtensionContext) {}

  get client(): LanguageClient {
    if (!this.current) throw new Error('The Knowledge Articles server is not running.');
    return this.current;
  }

  /** Whether the server was asked to start (a README alone never asks it). */
  get started(): boolean {
    return this.starting !== undefined;
  }

  /** Starts the server once, when the first article or kart.config.json is seen, or a command needs it. */
  ensureStarted(): Promise<void> {
    if (!this.starting) {
      const askedAt = performance.now();
      this.startTiming = { askedAt };
      this.starting = this.start().then(() => {
        if (this.startTiming?.askedAt === askedAt) this.startTiming.readyMs = performance.now() - askedAt;
      });
      this.starting.catch(() => (this.starting = undefined));
    }
    return this.starting;
  }

  private async start(): Promise<void> {
    const module = this.context.asAbsolutePath('dist/server.js');
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
    };
    const clientOptions: LanguageClientOptions = {
      // The server decides which Markdown files are articles; a plain README gets nothing from it.
      documentSelector: [
        { language: 'markdown', scheme: 'file' },
        { language: 'markdown', scheme: 'untitled' },
      ],
      initializationOptions: serverInitOptions(),
      synchronize: {
        configurationSection: SECTION,
        fileEvents: [vscode.workspace.createFileSystemWatcher('**/kart.config.json'), vscode.workspace.createFileSystemWatcher('**/*.md')],
      },
      outputChannel: this.output,
      middleware: this.middleware,
    };
    this.current = new LanguageClient('knowledgeArticles', 'Knowledge Articles', serverOptions, clientOptions);
    await this.current.start();
  }

  /** A restart of a server never started is nothing to do: it starts with the new trust when it is needed. */
  async restart(): Promise<void> {
    if (!this.started) return;
    const old = this.current;
    this.current = undefined;
    this.views.clear();
    if (old) await old.stop().catch(() => undefined);
    this.starting = this.start();
    await this.starting;
  }

  async request<R>(method: string, params: unknown, token?: vscode.CancellationToken): Promise<R> {
    await this.ensureStarted();
    // vscode-jsonrpc takes a trailing `undefined` for a second parameter, not for a missing token: the server would
    // get ([params, null]) and no token.
    return token ? this.client.sendRequest<R>(method, params, token) : this.client.sendRequest<R>(method, params);
  }

  /** The article view of a document at its current version; undefined when the server has none for it. */
  async view(document: vscode.TextDocument, options: { fresh?: boolean; token?: vscode.CancellationToken } = {}): Promise<ArticleView | undefined> {
    // Nothing the server knows of yet: no article was seen (the status bar asks for a README too).
    if (!this.started) return undefined;
    const key = document.uri.toString();
    const cached = this.views.get(key);
    if (!options.fresh && cached && cached.version === document.version) return cached;
    // The status bar and the preview ask for the same version on each keystroke: one request serves both.
    const pendingKey = `${key}#${document.version}#${options.fresh ? 'fresh' : ''}`;
    let pending = this.pending.get(pendingKey);
    if (!pending) {
      pending = this.fetchView(key, options.token).finally(() => this.pending.delete(pendingKey));
      this.pending.set(pendingKey, pending);
    }
    return pending;
  }

  private async fetchView(key: string, token?: vscode.CancellationToken): Promise<ArticleView | undefined> {
    const view = await this.request<ArticleView | null>(ARTICLE_VIEW, { uri: key }, token);
    if (!view) {
      this.views.delete(key);
      return undefined;
    }
    const latest = this.views.get(key);
    // An answer for an older version than one already held must not replace it.
    if (!latest || latest.version <= view.version) {
      this.views.set(key, view);
      this.changed.fire(view);
    }
    return view;
  }

  /** The last view seen of a document, without asking the server (the built-in preview renders synchronously). */
  peek(uri: string): ArticleView | undefined {
    return this.views.get(uri);
  }

  forget(uri: string): void {
    this.views.delete(uri);
  }

  async stop(): Promise<void> {
    const client = this.current;
    this.current = undefined;
    this.starting = undefined;
    if (client) await client.stop().catch(() => undefined);
  }

  dispose(): void {
    this.changed.dispose();
    void this.stop();
    this.output.dispose();
  }
}
