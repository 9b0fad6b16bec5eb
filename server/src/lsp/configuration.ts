/**
 * The server's configuration: the client's settings (section `knowledgeArticles`) under kart.config.json, which CI
 * reads too. A broken configuration file becomes diagnostics on it.
 */
import { DidChangeConfigurationNotification, type Diagnostic } from 'vscode-languageserver';
import { CONFIG_FILE, parseConfig, type ResolvedConfig } from '../config';
import { LineIndex } from '../core/lineIndex';
import { resolveUri } from '../core/uri';
import type { DiagnosticsScheduler } from './diagnostics';
import type { IndexSync } from './indexSync';
import type { Session } from './session';
import { DEFAULT_DELAY, readSettings } from './settings';

export class Configuration {
  private fileConfig: ResolvedConfig;
  private configProblemUri: string | undefined;
  private extraSchemaUri: string | undefined;

  constructor(
    private readonly session: Session,
    private readonly index: IndexSync,
    private readonly diagnostics: DiagnosticsScheduler,
  ) {
    this.fileConfig = session.service.config;
  }

  /** Follows settings changes (asks the client to send them when it lets the server register). */
  listen(): void {
    this.session.connection.onDidChangeConfiguration((p) => this.session.guard('Reading the settings', () => this.settingsChanged(p.settings)));
  }

  register(): void {
    if (this.session.caps.workspace?.didChangeConfiguration?.dynamicRegistration) {
      this.session.connection.client.register(DidChangeConfigurationNotification.type, { section: 'knowledgeArticles' }).catch((e) => this.session.logError('Registering for settings changes failed', e));
    }
  }

  /** Whether a file is part of the configuration: kart.config.json or the extra schema it names. */
  isConfigFile(uri: string): boolean {
    return uri === this.session.configUri || (this.extraSchemaUri !== undefined && uri === this.extraSchemaUri);
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
    this.applyConfig();
    this.diagnostics.diagnosticsChangedEverywhere();
    // The inlay hints setting may have changed: editors that can be told ask again.
    if (this.session.caps.workspace?.inlayHint?.refreshSupport) void this.session.connection.languages.inlayHint.refresh().catch(() => undefined);
  }

  /** kart.config.json merged over the settings: the file is what CI reads too. */
  private applyConfig(): void {
    const file = this.fileConfig;
    this.session.service.setConfig({ ...file, rules: { ...this.session.settings.rules, ...file.rules } });
  }

  /** Reads the configuration file (a broken one becomes a diagnostic on it), then indexes the workspace anew. */
  async reloadConfig(): Promise<void> {
    // An untrusted workspace's configuration could change what runs (an extra schema): the defaults stand.
    this.fileConfig = this.session.init.trusted === false ? parseConfig(undefined) : await this.session.service.loadConfig();
    this.applyConfig();
    await this.session.service.loadVerification();
    await this.publishConfigProblems();
    await this.index.indexWorkspace();
    this.diagnostics.diagnosticsChangedEverywhere();
  }

  private async publishConfigProblems(): Promise<void> {
    const root = this.session.workspace.roots[0];
    const uri = root === undefined ? undefined : `${root}/${CONFIG_FILE}`;
    this.session.configUri = uri;
    const extra = this.fileConfig.extraSchema && root !== undefined ? resolveUri(`${root}/`, this.fileConfig.extraSchema) : undefined;
    this.extraSchemaUri = extra;
    if (this.configProblemUri && this.configProblemUri !== uri) this.diagnostics.publish(this.configProblemUri, []);
    if (!uri) return;
    const problems = this.fileConfig.problems;
    const text = problems.length ? (await this.session.workspace.readFile(uri)) ?? '' : '';
    const lines = new LineIndex(text);
    const diagnostics: Diagnostic[] = problems.map((p) => {
      const at = lines.positionAt(p.offset ?? 0);
      const end = p.offset !== undefined ? lines.positionAt(Math.min(text.length, p.offset + 1)) : lines.positionAt(lines.lineEnd(0));
      return { range: { start: at, end }, severity: /not valid JSON/.test(p.message) ? 1 : 2, code: 'config-invalid', source: 'kart', message: p.message };
    });
    this.configProblemUri = uri;
    this.diagnostics.publish(uri, diagnostics);
  }
}
