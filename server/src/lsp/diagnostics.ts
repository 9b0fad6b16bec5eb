/**
 * When diagnostics are computed and sent: open documents after a pause in typing, closed files in the background
 * after the index changed, and nothing sent twice.
 */
import type { Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { checkArticle } from '../check';
import type { Finding } from '../core/types';
import { parseArticle, type Article } from '../model/article';
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

  constructor(
    private readonly session: Session,
    private readonly index: IndexSync,
  ) {}

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
    const rules = this.closedRules === 'all' ? service.rules : service.rules.filter((r) => r.workspace);
    if (rules.length === 0) return [];
    return checkArticle(article, { config: service.config, today: service.today, index: service.index, rules });
  }

  publishClosed(article: Article): Finding[] {
    const findings = this.closedFindings(article);
    this.publish(article.uri, this.session.diagnosticsOf(article, findings));
    return findings;
  }

  /** Another file's summary changed: workspace findings elsewhere may have too. */
  indexChanged(_uri: string): void {
    if (this.closedTimer) clearTimeout(this.closedTimer);
    this.closedTimer = setTimeout(() => {
      this.closedTimer = undefined;
      this.diagnosticsChangedEverywhere();
    }, Math.max(300, this.session.settings.diagnosticsDelay * 2));
  }

  /** Re-checks every open document and, in the background, the closed ones. */
  diagnosticsChangedEverywhere(): void {
    const { caps, connection, docs } = this.session;
    if (this.session.pullDiagnostics) {
      if (caps.workspace?.diagnostics?.refreshSupport) connection.languages.diagnostics.refresh();
    } else for (const doc of docs.openDocuments()) this.scheduleDiagnostics(doc, 0);
    void this.refreshClosed().catch((e) => this.session.logError('Checking closed files failed', e));
  }

  /**
   * Publishes the findings of every file that is not open, reading each from disk. A newer pass supersedes a
   * running one; a file gone from disk leaves the index and loses its diagnostics.
   */
  async refreshClosed(files?: readonly string[], progress?: (done: number, total: number) => void): Promise<{ files: number; findings: Finding[] }> {
    const { service, docs, workspace } = this.session;
    const pass = ++this.closedPass;
    if (!this.session.indexed) return { files: 0, findings: [] };
    const rulesToRun = this.closedRules === 'all' ? service.rules : service.rules.filter((r) => r.workspace);
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
      if (uri === this.session.configUri || docs.isOpen(uri)) continue;
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
