import { WorkspaceBibliography } from './model/workspaceBibliography';
import { checkArticle, isCheckable } from './check';
import { parseConfig, type ResolvedConfig } from './config';
import { ConfigLookup } from './configLookup';
import { today as todayOf } from './core/text';
import { neverCancelled, throwIfCancelled, type CancellationToken, type Finding, type TextDocumentLike } from './core/types';
import { dirnameUri, relativeTo, resolveUri } from './core/uri';
import { parseArticle, type Article } from './model/article';
import { fixToFixedPoint } from './fixLoop';
import { allRules } from './rules';
import { globMatcher } from './safePatterns';
import { detached } from './model/articleSummary';
import { ANCHORFACT_REPORT_FILE, importAnchorFactReport, lookupOf, parseReport, type VerificationLookup } from './verify/report';
import { summarize, WorkspaceIndex } from './workspaceIndex';

/** How long indexing runs before it lets other work in. */
const INDEX_SLICE_MS = 4;

/** Lets the event loop run what is waiting (messages, timers) before the next slice of background work. */
export const yieldTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface ReadFileOptions {
  /** Only a file inside a root, symbolic links resolved: for a file the configuration names (an extra schema). */
  confined?: boolean;
}

/** What the service needs from its host: the files of the workspace. The CLI, the server and the tests each give one. */
export interface Workspace {
  /** The workspace's root folders, as URIs (or paths) without a trailing slash. */
  readonly roots: readonly string[];
  /** A file's text, or undefined when it cannot be read (the host reads only regular files of at most maxFileBytes). */
  readFile(uri: string, options?: ReadFileOptions): Promise<string | undefined>;
  /** Why the last read of a file gave undefined, in a sentence, when the host knows. */
  whyUnreadable?(uri: string): { message: string } | undefined;
  /** The cap on the size of a file read, from the configuration. */
  maxBytes?: number;
  /** Every Markdown file under a root; the service applies include and exclude. */
  listFiles(root: string, token: CancellationToken): Promise<string[]>;
  /** Whether a file or folder exists: the .git folder ends the search for a file's kart.config.json. */
  exists?(uri: string): Promise<boolean>;
}

export interface ServiceOptions {
  workspace: Workspace;
  /** Today as `YYYY-MM-DD`; tests fix it. */
  today?: () => string;
  /** One configuration file for every file (`kart check --config FILE`), instead of each file's nearest. */
  configFile?: string;
}

export interface FileProblem {
  uri: string;
  message: string;
}

/**
 * The knowledge-article language service: parses each document version once and answers for it. It knows no editor,
 * no protocol and no file system: everything comes through the injected workspace.
 */
export class ArticleService {
  readonly index = new WorkspaceIndex();
  /** The workspace's bibliography files, as the LSP layer reads them. */
  readonly bibliography = new WorkspaceBibliography();
  config: ResolvedConfig = parseConfig(undefined);
  /** The verification report's results, read by loadVerification; the service never goes online. */
  verification: VerificationLookup | undefined;
  private readonly workspace: Workspace;
  private readonly todayFn: () => string;
  private readonly articles = new Map<string, Article>();
  private matchers = new WeakMap<ResolvedConfig, { include: (p: string) => boolean; exclude: (p: string) => boolean }>();
  private readonly configFile: string | undefined;
  /** Each file's configuration: its nearest kart.config.json, or the --config file. */
  configs: ConfigLookup;
  /** Severities from the editor's settings, under those of the configuration files. */
  private ruleOverlay: Record<string, ResolvedConfig['rules'][string]> = {};
  private overlaid = new WeakMap<ResolvedConfig, ResolvedConfig>();

  constructor(options: ServiceOptions) {
    this.workspace = options.workspace;
    this.todayFn = options.today ?? (() => todayOf());
    this.configFile = options.configFile;
    this.configs = this.newLookup();
  }

  /** True in an untrusted workspace: no configuration file is read, the defaults apply (set before loadConfig). */
  configFilesIgnored = false;

  private newLookup(): ConfigLookup {
    const ws = this.workspace;
    const readFile = this.configFilesIgnored ? async () => undefined : (u: string) => ws.readFile(u);
    // The repository names the extra schema: only a file of its own (no `../..`, no absolute path, no link out of it),
    // or one beside the --config file the user named; a message never quotes what such a file holds.
    const allowed = [...ws.roots, ...(this.configFile ? [dirnameUri(this.configFile)] : [])];
    const readExtraSchema = async (uri: string): Promise<{ text: string } | { why: string }> => {
      if (this.configFilesIgnored) return { why: 'not read in an untrusted workspace' };
      if (!allowed.some((r) => relativeTo(r, uri) !== undefined)) return { why: 'the file is outside the workspace: not read' };
      const text = await ws.readFile(uri, { confined: true });
      if (text !== undefined) return { text };
      const why = ws.whyUnreadable?.(uri)?.message.replace(/^The file /, '').replace(/\.$/, '');
      return { why: `the file cannot be read${why ? ` (${why})` : ''}` };
    };
    return new ConfigLookup({ readFile, readExtraSchema, roots: ws.roots, exists: ws.exists ? (u) => ws.exists!(u) : undefined }, this.configFilesIgnored ? undefined : this.configFile);
  }

  get today(): string {
    return this.todayFn();
  }

  get roots(): readonly string[] {
    return this.workspace.roots;
  }

  /**
   * Forgets the configurations read so far and reads the one of the first root (its nearest kart.config.json, or
   * the --config file): `config`, what settings of the whole workspace (verification, features) use.
   */
  async loadConfig(): Promise<ResolvedConfig> {
    this.configs = this.newLookup();
    const root = this.workspace.roots[0];
    const config = root !== undefined || this.configFile ? await this.configs.forFolder(root ?? '') : parseConfig(undefined);
    this.setConfig(config);
    return config;
  }

  /** Looks up the configurations of these files, so that checking them (synchronous) finds each its own. */
  async prepareConfigs(uris: Iterable<string>): Promise<void> {
    const dirs = new Set<string>();
    for (const u of uris) dirs.add(dirnameUri(u));
    await Promise.all([...dirs].map((d) => this.configs.forFolder(d)));
  }

  /** The configuration of a file: its own once looked up (prepareConfigs), else the first root's. */
  configFor(uri: string): ResolvedConfig {
    const file = this.configs.known(uri) ?? this.config;
    if (Object.keys(this.ruleOverlay).length === 0) return file;
    let merged = this.overlaid.get(file);
    if (!merged) {
      merged = { ...file, rules: { ...this.ruleOverlay, ...file.rules } };
      this.overlaid.set(file, merged);
    }
    return merged;
  }

  /** Severities of the editor's settings: they apply where no configuration file names the rule. */
  setRuleOverlay(rules: Record<string, ResolvedConfig['rules'][string]>): void {
    this.ruleOverlay = rules;
    this.overlaid = new WeakMap();
    this.articles.clear();
  }

  /** The report file (verify.report) and AnchorFact's report, of the first root. */
  verificationFiles(): { report?: string; anchorfact?: string } {
    const root = this.workspace.roots[0];
    if (root === undefined) return {};
    return { report: resolveUri(`${root}/`, this.config.verify.report), anchorfact: `${root}/${ANCHORFACT_REPORT_FILE}` };
  }

  /** Reads the verification report through the workspace; its findings then join every check. */
  async loadVerification(): Promise<void> {
    const files = this.verificationFiles();
    if (!files.report) {
      this.verification = undefined;
      return;
    }
    const [text, anchor] = await Promise.all([this.workspace.readFile(files.report), files.anchorfact && files.anchorfact !== files.report ? this.workspace.readFile(files.anchorfact) : undefined]);
    const fallback = importAnchorFactReport(anchor);
    const { report } = parseReport(text);
    this.verification = Object.keys(report.results).length || Object.keys(fallback).length ? lookupOf(report, fallback) : undefined;
  }

  setConfig(config: ResolvedConfig): void {
    this.config = config;
    if ('maxBytes' in this.workspace) this.workspace.maxBytes = config.maxFileBytes;
    this.articles.clear();
  }

  /** The article model of a document version, parsed once however many features ask. */
  getArticle(doc: TextDocumentLike): Article {
    const cached = this.articles.get(doc.uri);
    if (cached && cached.version === doc.version) return cached;
    // A keystroke in the body leaves the frontmatter model as it was: the previous version lends it.
    const article = parseArticle(doc.uri, doc.getText(), doc.version, { previous: cached });
    this.articles.set(doc.uri, article);
    return article;
  }

  /** Forgets a closed document's model; its summary stays in the index. */
  forget(uri: string): void {
    this.articles.delete(uri);
  }

  isCheckable(article: Article): boolean {
    return isCheckable(article, this.configFor(article.uri));
  }

  /** The findings for one document, workspace rules included when the workspace is indexed. */
  check(doc: TextDocumentLike | Article, token: CancellationToken = neverCancelled): Finding[] {
    const article = 'getText' in doc ? this.getArticle(doc) : doc;
    if (!this.isCheckable(article)) return [];
    return checkArticle(article, { config: this.configFor(article.uri), today: this.today, index: this.index.size ? this.index : undefined, verification: this.verification }, token);
  }

  /**
   * Whether a file belongs to the articles by the include and exclude globs of its configuration, relative to that
   * configuration file's folder (to the workspace root for the defaults and for --config).
   */
  isIncluded(uri: string): boolean {
    const config = this.configFor(uri);
    let m = this.matchers.get(config);
    if (!m) {
      m = { include: globMatcher(config.include, { dot: false }), exclude: globMatcher(config.exclude, { dot: true }) };
      this.matchers.set(config, m);
    }
    const bases = config.uri && !this.configFile ? [dirnameUri(config.uri), ...this.workspace.roots] : this.workspace.roots;
    for (const base of bases) {
      const rel = relativeTo(base, uri);
      if (rel === undefined) continue;
      return m.include(rel) && !m.exclude(rel);
    }
    return uri.endsWith('.md');
  }

  removeFromIndex(uri: string): void {
    this.index.delete(uri);
    this.articles.delete(uri);
  }

  /** Reads and indexes every included file of the workspace. Files that cannot be read are returned as problems. */
  async indexWorkspace(token: CancellationToken = neverCancelled, progress?: (done: number, total: number) => void): Promise<{ files: string[]; problems: FileProblem[] }> {
    const files: string[] = [];
    for (const root of this.workspace.roots) {
      const listed = await this.workspace.listFiles(root, token);
      await this.prepareConfigs(listed);
      for (const f of listed) if (this.isIncluded(f)) files.push(f);
    }
    files.sort();
    const problems: FileProblem[] = [];
    let done = 0;
    // Reads overlap (a batch at a time) while parsing stays in file order: one await per file cost more than the parse.
    const BATCH = 32;
    const read = (from: number) => {
      const batch = Promise.all(files.slice(from, from + BATCH).map((uri) => this.workspace.readFile(uri)));
      // A batch left behind by a cancellation must not become an unhandled rejection.
      batch.catch(() => undefined);
      return batch;
    };
    let next = read(0);
    let slice = performance.now();
    for (let at = 0; at < files.length; at += BATCH) {
      throwIfCancelled(token);
      const texts = await next;
      if (at + BATCH < files.length) next = read(at + BATCH);
      for (let i = 0; i < texts.length; i++) {
        const uri = files[at + i];
        const text = texts[i];
        if (text === undefined) problems.push({ uri, message: this.workspace.whyUnreadable?.(uri)?.message ?? 'The file cannot be read.' });
        else {
          // The whole file: the summary keeps the article's links (workspace rules, moves, references), so that they need no model later.
          const article = parseArticle(uri, text, 0);
          if (article.isArticle) this.index.set(detached(summarize(article)));
        }
        progress?.(++done, files.length);
        // A few milliseconds at a time: the host's requests and the open documents' diagnostics go first.
        if (performance.now() - slice > INDEX_SLICE_MS) {
          await yieldTurn();
          throwIfCancelled(token);
          slice = performance.now();
        }
      }
    }
    return { files, problems };
  }

  /** The findings of a text that is not (or not yet) a document: a fix's result, checked again. */
  checkText(uri: string, text: string, version = -1): Finding[] {
    const article = parseArticle(uri, text, version);
    if (!this.isCheckable(article)) return [];
    return checkArticle(article, { config: this.configFor(uri), today: this.today, index: this.index.size ? this.index : undefined });
  }

  /** Applies the safe fixes (all fixes with `unsafe`) until none is left (at most 10 passes); returns the new text. */
  fixText(uri: string, text: string, options: { unsafe?: boolean } = {}): { text: string; applied: number } {
    const result = fixToFixedPoint(text, (t, pass) => this.checkText(uri, t, -1 - pass), (f) => f.fixes?.find((x) => x.safe || options.unsafe));
    return { text: result.text, applied: result.applied };
  }

  get rules() {
    return allRules;
  }
}
