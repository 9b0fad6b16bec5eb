import { TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LineIndex } from '../core/lineIndex';
import type { TextDocumentLike } from '../core/types';
import type { Article } from '../model/article';
import { toPath, toUri, type FsWorkspace } from '../node/fsWorkspace';
import type { ArticleService } from '../service';

/**
 * The documents the server answers for: the ones open in the editor (their text wins) and, for requests on files
 * never opened and for locations in other files, the ones on disk. Inside the server every document is known by its
 * canonical URI (as the workspace lists it); the client's own spelling is used only on the way out.
 */
export class DocumentStore {
  readonly open = new TextDocuments(TextDocument);
  private readonly byCanonical = new Map<string, TextDocument>();
  /** Files read from disk, most recently used last; each read text keeps one version so its parse is cached. */
  private readonly disk = new Map<string, { text: string; version: number; lines?: LineIndex }>();
  private nextDiskVersion = -1;
  private static readonly DISK_CACHE = 64;

  constructor(
    private readonly service: ArticleService,
    private readonly workspace: FsWorkspace,
  ) {}

  /** The URI the server uses for a document: file URIs re-encoded the way the workspace lists files. */
  canonical(uri: string): string {
    if (!uri.startsWith('file:')) return uri;
    try {
      return toUri(toPath(uri));
    } catch {
      return uri;
    }
  }

  /** The URI the client knows a document by. */
  clientUri(canonical: string): string {
    return this.byCanonical.get(canonical)?.uri ?? canonical;
  }

  opened(doc: TextDocument): void {
    this.byCanonical.set(this.canonical(doc.uri), doc);
  }

  closed(doc: TextDocument): void {
    const c = this.canonical(doc.uri);
    if (this.byCanonical.get(c)?.uri === doc.uri) this.byCanonical.delete(c);
    this.service.forget(c);
  }

  isOpen(canonical: string): boolean {
    return this.byCanonical.has(canonical);
  }

  openDocuments(): TextDocument[] {
    return [...this.byCanonical.values()];
  }

  /** An open document as the service sees it (canonical URI). */
  like(doc: TextDocument): TextDocumentLike {
    const uri = this.canonical(doc.uri);
    return { uri, version: doc.version, getText: () => doc.getText() };
  }

  openLike(canonical: string): TextDocumentLike | undefined {
    const doc = this.byCanonical.get(canonical);
    return doc ? this.like(doc) : undefined;
  }

  private fromDisk(canonical: string, text: string): TextDocumentLike {
    const cached = this.disk.get(canonical);
    let version: number;
    if (cached && cached.text === text) version = cached.version;
    else {
      if (cached) this.service.forget(canonical);
      version = this.nextDiskVersion--;
    }
    this.disk.delete(canonical);
    this.disk.set(canonical, { text, version, lines: cached?.text === text ? cached.lines : undefined });
    while (this.disk.size > DocumentStore.DISK_CACHE) {
      const oldest = this.disk.keys().next().value as string;
      this.disk.delete(oldest);
      if (!this.isOpen(oldest)) this.service.forget(oldest);
    }
    return { uri: canonical, version, getText: () => text };
  }

  /** The document to answer a request on: the open one, else the file on disk; undefined when neither exists. */
  async get(canonical: string): Promise<TextDocumentLike | undefined> {
    const open = this.openLike(canonical);
    if (open) return open;
    const text = await this.workspace.readFile(canonical);
    return text === undefined ? undefined : this.fromDisk(canonical, text);
  }

  /** The same, synchronously: features ask for other articles while they compute. */
  getSync(canonical: string): TextDocumentLike | undefined {
    const open = this.openLike(canonical);
    if (open) return open;
    if (!canonical.startsWith('file:')) return undefined;
    // Regular files within the size cap only: a link to /dev/zero or a named pipe is no document.
    const text = this.workspace.readFileSync(canonical);
    return text === undefined ? undefined : this.fromDisk(canonical, text);
  }

  articleAt(canonical: string): Article | undefined {
    const doc = this.getSync(canonical);
    return doc ? this.service.getArticle(doc) : undefined;
  }

  /**
   * The line table of a document, for placing a range in it: an open one's from its model; a file on disk's from its
   * text alone (another file's findings point into thousands of files, which need no model to be pointed into).
   */
  linesOf(canonical: string): LineIndex | undefined {
    const open = this.openLike(canonical);
    if (open) return this.service.getArticle(open).lines;
    if (!this.getSync(canonical)) return undefined;
    const entry = this.disk.get(canonical)!;
    return (entry.lines ??= new LineIndex(entry.text));
  }

  /** A file changed or vanished on disk: forget what was read of it. */
  invalidate(canonical: string): void {
    if (this.disk.delete(canonical) && !this.isOpen(canonical)) this.service.forget(canonical);
  }
}
