/**
 * The server's configuration: the client's settings (section `knowledgeArticles`) under each article's nearest
 * kart.config.json, which CI reads too. A broken configuration file becomes diagnostics on it, and a message.
 */
import { DidChangeConfigurationNotification, MessageType, type Diagnostic } from 'vscode-languageserver';
import { CONFIG_FILE, type ConfigProblem } from '../config';
import { LineIndex } from '../core/lineIndex';
import { basenameUri } from '../core/uri';
import type { DiagnosticsScheduler } from './diagnostics';
import type { IndexSync } from './indexSync';
import type { Session } from './session';
import { DEFAULT_DELAY, readSettings } from './settings';

export class Configuration {
  /** Every file a configuration was read from (the files, what they extend, extra schemas). */
  private configFiles = new Set<string>();
  /** What the last message about broken configuration files said: said again only when it changes. */
  private lastMessage = '';

  constructor(
    private readonly session: Session,
    private readonly index: IndexSync,
    private readonly diagnostics: DiagnosticsScheduler,
  ) {}

  /** Follows settings changes (asks the client to send them when it lets the server register). */
  listen(): void {
    this.session.connection.onDidChangeConfiguration((p) => this.session.guard('Reading the settings', () => this.settingsChanged(p.settings)));
  }

  register(): void {
    if (this.session.caps.workspace?.didChangeConfiguration?.dynamicRegistration) {
      this.session.connection.client.register(DidChangeConfigurationNotification.type, { section: 'knowledgeArticles' }).catch((e) => this.session.logError('Registering for settings changes failed', e));
    }
  }

  /** Whether a file is part of the configuration: any kart.config.json (a new one may apply), or a file one reads. */
  isConfigFile(uri: string): boolean {
    return basenameUri(uri) === CONFIG_FILE || this.configFiles.has(uri);
  }

  async fetchSettings(): Promise<void> {
    const { caps, connection, init } = this.session;
    if (!caps.workspace?.configuration) return;
    const raw: unknown = await connection.workspace.getConfiguration({ section: 'knowledgeArticles' });
    this.session.settings = readSettings(raw, init.diagnosticsDelay ?? DEFAULT_DELAY);
  }

  private async settingsChanged(pushed: unknown): Promise<void> {
    if (this.session.caps.workspace?.configuration) await this.fetchSettings();
    else {
      const section = pushed && typeof pushed === 'object' ? (pushed as Record<string, unknown>).knowledgeArticles : undefined;
      this.session.settings = readSettings(section, this.session.init.diagnosticsDelay ?? DEFAULT_DELAY);
    }
    this.session.service.setRuleOverlay(this.session.settings.rules);
    this.diagnostics.diagnosticsChangedEverywhere();
    // The inlay hints setting may have changed: editors that can be told ask again.
    if (this.session.caps.workspace?.inlayHint?.refreshSupport) void this.session.connection.languages.inlayHint.refresh().catch(() => undefined);
  }

  /** Reads the configuration files anew (a broken one becomes diagnostics on it), then indexes the workspace anew. */
  async reloadConfig(): Promise<void> {
    const { service } = this.session;
    // An untrusted workspace's configuration could change what runs (an extra schema): the defaults stand.
    service.configFilesIgnored = this.session.init.trusted === false;
    await service.loadConfig();
    service.setRuleOverlay(this.session.settings.rules);
    await service.loadVerification();
    // Indexing looks up each article's nearest configuration; open documents outside the index too.
    await service.prepareConfigs(this.session.docs.openDocuments().map((d) => this.session.docs.canonical(d.uri)));
    await this.index.indexWorkspace();
    await this.publishConfigProblems();
    this.diagnostics.diagnosticsChangedEverywhere();
  }

  private async publishConfigProblems(): Promise<void> {
    const configs = this.session.service.configs.all();
    this.configFiles = new Set(configs.flatMap((c) => c.files));
    const byFile = new Map<string, ConfigProblem[]>();
    const seen = new Set<string>();
    for (const c of configs) {
      for (const p of c.problems) {
        const uri = p.uri ?? c.uri;
        const key = `${uri}\n${p.offset}\n${p.message}`;
        if (uri === undefined || seen.has(key)) continue;
        seen.add(key);
        byFile.set(uri, [...(byFile.get(uri) ?? []), p]);
      }
    }
    for (const uri of this.session.configUris) if (!byFile.has(uri)) this.diagnostics.publish(uri, []);
    this.session.configUris.clear();
    for (const [uri, problems] of byFile) {
      this.session.configUris.add(uri);
      const text = (await this.session.workspace.readFile(uri)) ?? '';
      const lines = new LineIndex(text);
      const diagnostics: Diagnostic[] = problems.map((p) => {
        const start = Math.min(text.length, p.offset ?? 0);
        const end = p.offset !== undefined ? Math.min(text.length, start + Math.max(1, p.length ?? 1)) : lines.lineEnd(0);
        return { range: { start: lines.positionAt(start), end: lines.positionAt(end) }, severity: 1, code: 'config-invalid', source: 'kart', message: p.message };
      });
      this.diagnostics.publish(uri, diagnostics);
    }
    // The Problems panel may be closed: a broken configuration is said once, plainly, until it changes.
    const count = [...byFile.values()].reduce((n, ps) => n + ps.length, 0);
    const message = count
      ? `${[...byFile.keys()].map(basenameUri).join(', ')}: ${count === 1 ? 'a problem' : `${count} problems`} (see the Problems panel); its settings may not apply as written, and kart check stops with exit code 2.`
      : '';
    if (message && message !== this.lastMessage) void this.session.connection.sendNotification('window/showMessage', { type: MessageType.Warning, message });
    this.lastMessage = message;
  }
}
