/**
 * Keeps the workspace index in step with the files: the whole workspace at start, and one file at a time as the
 * editor opens, edits and closes documents or the disk changes.
 */
import type { TextDocumentLike } from '../core/types';
import type { Article } from '../model/article';
import { detached } from '../model/articleSummary';
import { summarize, type ArticleSummary } from '../workspaceIndex';
import type { Session } from './session';

/**
 * What a summary says that other files' findings depend on (not where it says it, nor the TL;DR, which the index
 * built from frontmatter alone does not have).
 */
function shapeOf(s: ArticleSummary | undefined): string {
  if (!s) return '';
  return JSON.stringify({ id: s.id, title: s.title, category: s.category, confidence: s.confidence, facts: s.facts.map((f) => [f.id, f.statement]) });
}

export class IndexSync {
  /**
   * @param shapeChanged called when what other files' findings depend on changed in a file's summary
   */
  constructor(
    private readonly session: Session,
    private readonly shapeChanged: (uri: string, before: ArticleSummary | undefined, after: ArticleSummary | undefined) => void,
  ) {}

  /**
   * Reads every article of the workspace into the index. The previous entries stay until the new ones are in, so
   * that a re-index never shows a half-empty workspace; files gone since are dropped at the end.
   */
  async indexWorkspace(): Promise<void> {
    const { service, docs, connection } = this.session;
    const before = new Set([...service.index.all()].map((s) => s.uri));
    const progress = await this.session.progress();
    progress.begin('Indexing knowledge articles', 0, 'Listing files', false);
    let last = -1;
    try {
      const { files, problems } = await service.indexWorkspace(undefined, (done, total) => {
        const pct = Math.floor((done * 100) / Math.max(1, total));
        if (pct !== last || done === total) {
          last = pct;
          progress.report(pct, `${done}/${total} files`);
        }
      });
      for (const p of problems) connection.console.warn(`${p.uri}: ${p.message}`);
      const listed = new Set(files);
      for (const uri of before) if (!listed.has(uri) && !docs.isOpen(uri)) service.index.delete(uri);
    } finally {
      progress.done();
    }
    // Open documents override what is on disk.
    for (const doc of docs.openDocuments()) this.indexOpen(docs.like(doc));
    this.session.indexed = true;
  }

  /** The article of an open document, refreshing its entry in the workspace index. */
  indexOpen(doc: TextDocumentLike): Article {
    const article = this.session.service.getArticle(doc);
    // A file opened from outside the workspace folders is checked but does not join the workspace.
    const inWorkspace = this.session.workspace.roots.length === 0 || this.session.underRoot(doc.uri);
    const included = this.session.wants(article) && article.isArticle && inWorkspace;
    this.reindex(doc.uri, included ? article : undefined);
    return article;
  }

  /**
   * Puts a file's summary in the index, or takes the file out (no article, or not one), and schedules the re-check of
   * other files when what their findings depend on changed.
   */
  reindex(uri: string, article: Article | undefined): void {
    const index = this.session.service.index;
    const old = index.get(uri);
    const before = shapeOf(old);
    // Detached: the strings of a model are slices of the document's text, which a closed document must not keep alive.
    if (article?.isArticle) this.setSummary(detached(summarize(article)));
    else index.delete(uri);
    const now = index.get(uri);
    if (shapeOf(now) !== before) this.shapeChanged(uri, old, now);
  }

  /**
   * Puts a summary in the index unless the same is there: every change to the index drops the lookups the rules
   * share, and opening a file changes nothing but its TL;DR (the index read at start has frontmatter only).
   */
  private setSummary(summary: ArticleSummary): void {
    const index = this.session.service.index;
    const current = index.get(summary.uri);
    if (current && JSON.stringify({ ...current, tldr: undefined }) === JSON.stringify({ ...summary, tldr: undefined })) {
      current.tldr = summary.tldr;
      return;
    }
    index.set(summary);
  }
}
