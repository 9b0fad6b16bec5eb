/**
 * The diagnostics of files that are not open: the workspace rules' findings, computed from each file's summary in the
 * index (no re-read, no re-parse), kept per file with a result id, and brought up to date only for the files an index
 * change can affect. Push clients are sent them in the background, a slice at a time; pull clients ask with
 * `workspace/diagnostic` and get "unchanged" for every file whose result id they already hold.
 */
import type { Diagnostic } from 'vscode-languageserver';
import { checkSummary } from '../check';
import { LineIndex } from '../core/lineIndex';
import type { CancellationToken } from '../core/types';
import { toDiagnostic } from './convert';
import { yieldNow, type Session } from './session';

/** How long one slice of background checking runs before open documents and requests get their turn. */
const SLICE_MS = 4;

export interface ClosedResult {
  resultId: string;
  diagnostics: Diagnostic[];
  json: string;
}

export class ClosedDiagnostics {
  private readonly dirty = new Set<string>();
  readonly results = new Map<string, ClosedResult>();
  private nextResultId = 1;
  private running: Promise<void> | undefined;

  /**
   * @param publish sends a closed file's diagnostics to a push client (nothing when they did not change)
   */
  constructor(
    private readonly session: Session,
    private readonly publish: (uri: string, diagnostics: Diagnostic[]) => void,
  ) {}

  /** Every file of the index needs checking (settings, configuration or the whole index changed). */
  markAll(): void {
    for (const s of this.session.service.index.all()) this.dirty.add(s.uri);
    for (const uri of this.results.keys()) this.dirty.add(uri);
  }

  mark(uris: Iterable<string>): void {
    for (const u of uris) this.dirty.add(u);
  }

  get pending(): number {
    return this.dirty.size;
  }

  /**
   * Brings every marked file up to date, a slice at a time; resolves when none is left. One run at a time: a second
   * caller waits for the running one, which also takes the files marked meanwhile.
   * @param push asked per file, whether to send its diagnostics once computed
   */
  update(token?: CancellationToken, push: () => boolean = () => false): Promise<void> {
    if (!this.running) {
      this.running = this.run(token, push).finally(() => (this.running = undefined));
      return this.running;
    }
    return this.running.then(() => (this.dirty.size ? this.update(token, push) : undefined));
  }

  private async run(token: CancellationToken | undefined, push: () => boolean): Promise<void> {
    let slice = performance.now();
    while (this.dirty.size) {
      if (token?.isCancellationRequested) return;
      const uri = this.dirty.values().next().value as string;
      this.dirty.delete(uri);
      const result = await this.compute(uri);
      // Asked each time: the client may start pulling, or the scope change, while a run goes on.
      if (result && push()) this.publish(uri, result.diagnostics);
      if (performance.now() - slice > SLICE_MS) {
        await yieldNow();
        slice = performance.now();
      }
    }
  }

  /** The file's findings from its summary; the file is read only to place findings it has (most have none). */
  private async compute(uri: string): Promise<ClosedResult | undefined> {
    const { service, docs } = this.session;
    const summary = service.index.get(uri);
    if (docs.isOpen(uri) || this.session.configUris.has(uri)) {
      this.results.delete(uri);
      return undefined;
    }
    const wanted = summary !== undefined && this.session.indexed && this.session.underRoot(uri) && service.isIncluded(uri);
    const findings = wanted ? checkSummary(summary, { config: service.configFor(uri), index: service.index, rules: service.rules }) : [];
    let diagnostics: Diagnostic[] = [];
    if (findings.length) {
      const text = await this.session.workspace.readFile(uri);
      if (docs.isOpen(uri)) return undefined;
      if (text !== undefined) {
        const lines = new LineIndex(text);
        diagnostics = findings.map((f) => toDiagnostic(lines, f, this.session.convert));
      }
    }
    const json = JSON.stringify(diagnostics);
    const previous = this.results.get(uri);
    if (previous && previous.json === json) return previous;
    const result = { resultId: String(this.nextResultId++), diagnostics, json };
    if (summary || diagnostics.length) this.results.set(uri, result);
    else this.results.delete(uri);
    return result;
  }

  /** A file left the index or was opened: its result goes (an open file's diagnostics are the document's). */
  forget(uri: string): void {
    this.results.delete(uri);
    this.dirty.delete(uri);
  }
}
