import picomatch from 'picomatch';
import { checkArticle, isCheckable } from './check';
import { CONFIG_FILE, parseConfig, type ResolvedConfig } from './config';
import { applyEdits, nonOverlapping } from './core/edits';
import { today as todayOf } from './core/text';
import { neverCancelled, throwIfCancelled, type CancellationToken, type Finding, type TextDocumentLike } from './core/types';
import { relativeTo, resolveUri } from './core/uri';
import { parseArticle, type Article } from './model/article';
import { allRules } from './rules';
import { summarize, WorkspaceIndex } from './workspaceIndex';

/** What the service needs from its host: the files of the workspace. The CLI, the server and the tests each give one. */
export interface Workspace {
  /** The workspace's root folders, as URIs (or paths) without a trailing slash. */
  readonly roots: readonly string[];
  /** A file's text, or undefined when it cannot be read. */
  readFile(uri: string): Promise<string | undefined>;
  /** Every Markdown file under a root; the service applies include and exclude. */
  listFiles(root: string, token: CancellationToken): Promise<string[]>;
}

export interface ServiceOptions {
  workspace: Workspace;
  /** Today as `YYYY-MM-DD`; tests fix it. */
  today?: () => string;
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
  config: ResolvedConfig = parseConfig(undefined);
  private readonly workspace: Workspace;
  private readonly todayFn: () => string;
  private readonly articles = new Map<string, Article>();
  private matchers: { include: (p: string) => boolean; exclude: (p: string) => boolean } | undefined;

  constructor(options: ServiceOptions) {
    this.workspace = options.workspace;
    this.todayFn = options.today ?? (() => todayOf());
  }

  get today(): string {
    return this.todayFn();
  }

  get roots(): readonly string[] {
    return this.workspace.roots;
  }

  /** Reads `kart.config.json` (and the extra schema it names) from the first root. */
  async loadConfig(): Promise<ResolvedConfig> {
    const root = this.workspace.roots[0];
    const text = root !== undefined ? await this.workspace.readFile(`${root}/${CONFIG_FILE}`) : undefined;
    let config = parseConfig(text);
    if (config.extraSchema && root !== undefined) {
      const extra = await this.workspace.readFile(resolveUri(`${root}/`, config.extraSchema));
      if (extra === undefined) config.problems.push({ message: `${CONFIG_FILE}: the extra schema ${config.extraSchema} cannot be read` });
      else config = parseConfig(text, extra);
    }
    this.setConfig(config);
    return config;
  }

  setConfig(config: ResolvedConfig): void {
    this.config = config;
    this.matchers = undefined;
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
    return isCheckable(article, this.config);
  }

  /** The findings for one document, workspace rules included when the workspace is indexed. */
  check(doc: TextDocumentLike | Article, token: CancellationToken = neverCancelled): Finding[] {
    const article = 'getText' in doc ? this.getArticle(doc) : doc;
    if (!this.isCheckable(article)) return [];
    return checkArticle(article, { config: this.config, today: this.today, index: this.index.size ? this.index : undefined }, token);
  }

  /** Whether a file belongs to the workspace's articles by the include and exclude globs. */
  isIncluded(uri: string): boolean {
    this.matchers ??= {
      include: picomatch(this.config.include, { dot: false }),
      exclude: picomatch(this.config.exclude, { dot: true }),
    };
    for (const root of this.workspace.roots) {
      const rel = relativeTo(root, uri);
      if (rel === undefined) continue;
      return this.matchers.include(rel) && !this.matchers.exclude(rel);
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
      for (const f of await this.workspace.listFiles(root, token)) if (this.isIncluded(f)) files.push(f);
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
    for (let at = 0; at < files.length; at += BATCH) {
      throwIfCancelled(token);
      const texts = await next;
      if (at + BATCH < files.length) next = read(at + BATCH);
      for (let i = 0; i < texts.length; i++) {
        const uri = files[at + i];
        const text = texts[i];
        if (text === undefined) problems.push({ uri, message: 'The file cannot be read.' });
        else {
          // The body too: its links tell which articles link to which (moves, references); it is a tenth of the parse.
          const article = parseArticle(uri, text, 0);
          if (article.isArticle) this.index.set(summarize(article));
        }
        progress?.(++done, files.length);
      }
    }
    return { files, problems };
  }

  /** Applies the safe fixes (all fixes with `unsafe`) until none is left; returns the new text. */
  fixText(uri: string, text: string, options: { unsafe?: boolean } = {}): { text: string; applied: number } {
    let current = text;
    let applied = 0;
    for (let pass = 0; pass < 5; pass++) {
      const article = parseArticle(uri, current, -1 - pass);
      if (!this.isCheckable(article)) break;
      const findings = checkArticle(article, { config: this.config, today: this.today, index: this.index.size ? this.index : undefined });
      const edits = nonOverlapping(
        findings.flatMap((f) => {
          const fix = f.fixes?.find((x) => x.safe || options.unsafe);
          return fix ? fix.edits : [];
        }),
      );
      if (edits.length === 0) break;
      const next = applyEdits(current, edits);
      if (next === current) break;
      applied += edits.length;
      current = next;
    }
    return { text: current, applied };
  }

  get rules() {
    return allRules;
  }
}
