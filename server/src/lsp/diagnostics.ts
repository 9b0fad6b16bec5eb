/**
 * When diagnostics are computed and sent: open documents after a pause in typing, closed files in the background
 * after the index changed, and nothing sent twice.
 */
import type { Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { checkArticle } from '../check';
import type { Finding } from '../core/types';
import { parseArticle, type Article } from '../model/article';
import type { ArticleSummary } from '../workspaceIndex';
import { ClosedDiagnostics } from './closedDiagnostics';
import type { IndexSync } from './indexSync';
import { yieldNow, type Session } from './session';

export class DiagnosticsScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** The diagnostics last sent per client URI, so that unchanged ones are not sent again. */
  private readonly published = new Map<string, string>();
  /** Closed files get workspace findings; after a CHECK_WORKSPACE request, every finding. */
  closedRules: 'workspace' | 'all' = 'workspace';
  private closedPass = 0;
  private closedTimer: NodeJS.Timeout | undefined;
  /** The closed files' workspace findings, kept per file and updated for the files a change can affect. */
  readonly closed: ClosedDiagnostics;
  /** Set once the client pulled workspace diagnostics: closed files' findings are then its to ask for, not pushed. */
  workspacePulled = false;

  constructor(
    private readonly session: Session,
    private readonly index: IndexSync,
  ) {
    this.closed = new ClosedDiagnostics(session, (uri, diagnostics) => this.publish(uri, diagnostics));
  }

  /** Whether closed files' findings are pushed: the scope is the workspace and the client does not pull them itself. */
  private pushesClosed(): boolean {
    return this.session.settings.diagnosticsScope === 'workspace' && !this.workspacePulled;
  }

  /** Closed files' diagnostics are no longer pushed (the scope became open files, or the client pulls them). */
  clearClosed(): void {
    for (const clientUri of [...this.published.keys()]) {
      const uri = this.session.docs.canonical(clientUri);
      if (!this.session.docs.isOpen(uri) && !this.session.configUris.has(uri)) this.publish(uri, [], clientUri);
    }
  }

  /** Stops every pending check (the server is shutting down). */
  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    if (this.closedTimer) clearTimeout(this.closedTimer);
    this.closedPass++;
  }

  scheduleDiagnostics(doc: TextDocument, delay = this.session.settings.diagnosticsDelay): void {
    if (!this.session.isMarkdown(doc)) return;
    const uri = doc.uri;
    clearTimeout(this.timers.get(uri));
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        this.session.guard('Checking a document', () => this.diagnoseOpen(uri));
      }, delay),
    );
  }

  /** Drops a pending check of a document (it was closed). */
  cancelScheduled(clientUri: string): void {
    clearTimeout(this.timers.get(clientUri));
    this.timers.delete(clientUri);
  }

  /** Checks the current version of an open document: whatever changed before the timer fired is already in it. */
  private diagnoseOpen(clientUri: string): void {
    const { docs, connection } = this.session;
    const doc = docs.open.get(clientUri);
    if (!doc) return;
    const like = docs.like(doc);
    const article = this.index.indexOpen(like);
    if (this.session.pullDiagnostics) return;
    const diagnostics = this.session.diagnosticsOf(article, this.session.findingsOf(article));
    this.published.set(clientUri, JSON.stringify(diagnostics));
    void connection.sendDiagnostics({ uri: clientUri, version: doc.version, diagnostics });
  }

  /** Sends diagnostics for a file unless the same were sent last. */
  publish(canonical: string, diagnostics: Diagnostic[], clientUri = this.session.docs.clientUri(canonical)): void {
    const json = JSON.stringify(diagnostics);
    if ((this.published.get(clientUri) ?? '[]') === json) return;
    if (diagnostics.length) this.published.set(clientUri, json);
    else this.published.delete(clientUri);
    void this.session.connection.sendDiagnostics({ uri: clientUri, diagnostics });
  }

  /** What a file that is not open shows: nothing outside the workspace folders (a folder removed, say). */
  private closedFindings(article: Article): Finding[] {
    const { service } = this.session;
    if (!this.session.wants(article) || !this.session.indexed || !this.session.underRoot(article.uri)) return [];
    if (this.closedRules === 'workspace' && !this.pushesClosed()) return [];
    const rules = this.closedRules === 'all' ? service.rules : service.rules.filter((r) => r.workspace || r.verification);
    if (rules.length === 0) return [];
    return checkArticle(article, { config: service.configFor(article.uri), today: service.today, index: service.index, rules, verification: service.verification });
  }

  publishClosed(article: Article): Finding[] {
    this.closed.mark([article.uri]);
    const findings = this.closedFindings(article);
    this.publish(article.uri, this.session.diagnosticsOf(article, findings));
    return findings;
  }

  /**
   * A file's summary changed in what other files' findings depend on: the files sharing its id, a fact id or a link
   * target with it (before or after the change) are re-checked, and the open documents; never the whole workspace.
   */
  indexChanged(_uri: string, before: ArticleSummary | undefined, after: ArticleSummary | undefined): void {
    this.closed.mark(this.session.service.index.affectedBy(before, after));
    if (this.closedTimer) clearTimeout(this.closedTimer);
    this.closedTimer = setTimeout(() => {
      this.closedTimer = undefined;
      this.openChanged();
      if (this.closedRules === 'all') void this.refreshClosed().catch((e) => this.session.logError('Checking closed files failed', e));
      else this.runClosed();
    }, Math.max(300, this.session.settings.diagnosticsDelay * 2));
  }

  /** Re-checks every open document (pull clients are asked to pull again). */
  private openChanged(): void {
    const { caps, connection, docs } = this.session;
    if (this.session.pullDiagnostics) {
      if (caps.workspace?.diagnostics?.refreshSupport) connection.languages.diagnostics.refresh();
    } else for (const doc of docs.openDocuments()) this.scheduleDiagnostics(doc, 0);
  }

  /** Sends the closed files' changed findings in the background, or takes them back when they are not to be pushed. */
  private runClosed(): void {
    if (this.pushesClosed()) void this.closed.update(undefined, () => this.pushesClosed()).catch((e) => this.session.logError('Checking closed files failed', e));
    else if (!this.workspacePulled) this.clearClosed();
  }

  /** Re-checks every open document and, in the background, the closed ones. */
  diagnosticsChangedEverywhere(): void {
    this.openChanged();
    if (this.closedRules === 'all') {
      void this.refreshClosed().catch((e) => this.session.logError('Checking closed files failed', e));
      return;
    }
    this.closed.markAll();
    this.runClosed();
  }

  /**
   * Publishes the findings of every file that is not open, reading each from disk. A newer pass supersedes a
   * running one; a file gone from disk leaves the index and loses its diagnostics.
   */
  async refreshClosed(files?: readonly string[], progress?: (done: number, total: number) => void): Promise<{ files: number; findings: Finding[] }> {
    // A background pass (after an index change) waits for a requested one (Check Workspace), whose count it would cut short.
    if (files === undefined && this.requestedPass) {
      this.backgroundWaiting = true;
      return { files: 0, findings: [] };
    }
    if (files === undefined) return this.closedPassOver(undefined, progress);
    this.requestedPass = true;
    try {
      return await this.closedPassOver(files, progress);
    } finally {
      this.requestedPass = false;
      if (this.backgroundWaiting) {
        this.backgroundWaiting = false;
        void this.refreshClosed().catch((e) => this.session.logError('Checking closed files failed', e));
      }
    }
  }

  private requestedPass = false;
  private backgroundWaiting = false;

  private async closedPassOver(files: readonly string[] | undefined, progress?: (done: number, total: number) => void): Promise<{ files: number; findings: Finding[] }> {
    const { service, docs, workspace } = this.session;
    const pass = ++this.closedPass;
    if (!this.session.indexed) return { files: 0, findings: [] };
    const rulesToRun = this.closedRules === 'all' ? service.rules : service.rules.filter((r) => r.workspace || r.verification);
    const uris = new Set<string>(files);
    for (const s of service.index.all()) uris.add(s.uri);
    for (const u of this.published.keys()) uris.add(docs.canonical(u));
    const all: Finding[] = [];
    let checked = 0;
    let done = 0;
    const sorted = [...uris].sort();
    for (const uri of sorted) {
      if (pass !== this.closedPass) break;
      progress?.(++done, sorted.length);
      if (this.session.configUris.has(uri) || docs.isOpen(uri)) continue;
      if (rulesToRun.length === 0) {
        this.publish(uri, []);
        continue;
      }
      if (done % 20 === 0) await yieldNow();
      const text = await workspace.readFile(uri);
      if (pass !== this.closedPass) break;
      if (docs.isOpen(uri)) continue;
      if (text === undefined) {
        if (service.index.has(uri)) service.removeFromIndex(uri);
        this.publish(uri, []);
        continue;
      }
      const article = parseArticle(uri, text, 0);
      if (this.session.wants(article)) checked++;
      all.push(...this.publishClosed(article));
    }
    return { files: checked, findings: all };
  }
}
