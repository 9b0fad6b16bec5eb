// The language server over stdio with a real client (vscode-jsonrpc), next to yaml-language-server doing the same
// work on each article's frontmatter as a YAML document with the shipped schema. Both run as separate processes
// started the way an editor starts them; every request is timed from send to answer.
import { spawn, type ChildProcess } from 'child_process';
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { splitFrontmatter } from '../server/src/model/frontmatter';
import { CORPUS, readCorpus, reps, stat, TODAY, writeResult, type Figure } from './common';
import { generateArticle } from './generate';

const ROOT = join(__dirname, '..', '..');
const SERVER = process.env.KART_BENCH_SERVER ?? join(ROOT, 'out', 'bench', 'dist', 'server.js');
const YLS = join(ROOT, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server');
const SCHEMA = join(ROOT, 'schemas', 'article.schema.json');
const YLS_DELAY = 200;
const G = 'Server over stdio';
const P = 'yaml-language-server (the peer)';

interface Pos {
  line: number;
  character: number;
}

function positionAt(text: string, offset: number): Pos {
  let line = 0;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, character: offset - start };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A minimal editor: starts a server, answers what servers ask of clients, and waits for diagnostics. */
class Client {
  readonly conn: MessageConnection;
  private readonly waiters = new Map<string, { version?: number; resolve: (d: unknown[]) => void }[]>();
  diagnosticsSeen = 0;
  lastDiagnosticsAt = 0;
  readonly progressEnded: string[] = [];
  private progressTitles = new Map<string | number, string>();
  private progressWaiters: { title: string; resolve: () => void }[] = [];

  private constructor(readonly proc: ChildProcess, configuration: (section: string) => unknown) {
    this.conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    this.conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number; diagnostics: unknown[] }) => {
      this.diagnosticsSeen++;
      this.lastDiagnosticsAt = performance.now();
      const list = this.waiters.get(p.uri);
      if (!list) return;
      const i = list.findIndex((w) => w.version === undefined || p.version === undefined || p.version >= w.version);
      if (i >= 0) list.splice(i, 1)[0].resolve(p.diagnostics);
      if (!list.length) this.waiters.delete(p.uri);
    });
    this.conn.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) => p.items.map((i) => configuration(i.section ?? '')));
    this.conn.onRequest('window/workDoneProgress/create', () => null);
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onRequest('client/unregisterCapability', () => null);
    this.conn.onRequest('workspace/diagnostic/refresh', () => null);
    this.conn.onNotification('$/progress', (p: { token: string | number; value: { kind: string; title?: string } }) => {
      if (p.value.kind === 'begin') this.progressTitles.set(p.token, p.value.title ?? '');
      if (p.value.kind === 'end') {
        const title = this.progressTitles.get(p.token) ?? '';
        this.progressEnded.push(title);
        for (const w of this.progressWaiters.filter((x) => x.title === title)) w.resolve();
        this.progressWaiters = this.progressWaiters.filter((x) => x.title !== title);
      }
    });
    this.conn.onNotification('window/logMessage', () => undefined);
    this.conn.onNotification('telemetry/event', () => undefined);
    this.conn.listen();
  }

  static async start(command: string[], rootUri: string, initializationOptions: unknown, configuration: (section: string) => unknown): Promise<Client> {
    const proc = spawn(process.execPath, command, { stdio: ['pipe', 'pipe', 'ignore'] });
    const c = new Client(proc, configuration);
    await c.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'corpus' }],
      initializationOptions,
      capabilities: {
        window: { workDoneProgress: true },
        workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: true } },
        textDocument: {
          synchronization: { didSave: true },
          publishDiagnostics: { relatedInformation: true, versionSupport: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          completion: { completionItem: { snippetSupport: true } },
          rename: { prepareSupport: true },
        },
      },
    });
    return c;
  }

  initialized(): void {
    void this.conn.sendNotification('initialized', {});
  }

  waitProgressEnd(title: string): Promise<void> {
    if (this.progressEnded.includes(title)) return Promise.resolve();
    return new Promise((resolve) => this.progressWaiters.push({ title, resolve }));
  }

  /** The next diagnostics for a uri (at least `version` when the server sends versions). Register before sending. */
  nextDiagnostics(uri: string, version?: number): Promise<unknown[]> {
    return new Promise((resolve) => {
      const list = this.waiters.get(uri) ?? [];
      list.push({ version, resolve });
      this.waiters.set(uri, list);
    });
  }

  open(uri: string, languageId: string, text: string, version = 1): void {
    void this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, version: number, at: Pos, end: Pos, text: string): void {
    void this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: at, end }, text }] });
  }

  close(uri: string): void {
    void this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  request<T>(method: string, params: unknown): Promise<T> {
    return this.conn.sendRequest(method, params) as Promise<T>;
  }

  /** Resident memory of the server process, from /proc. */
  rssMB(): number | undefined {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${this.proc.pid}/status`, 'utf8'));
      return m ? Number(m[1]) / 1024 : undefined;
    } catch {
      return undefined;
    }
  }

  /** Waits until no diagnostics have arrived for `quietMs`. */
  async settle(quietMs: number, maxMs = 120_000): Promise<void> {
    const t0 = performance.now();
    this.lastDiagnosticsAt = Math.max(this.lastDiagnosticsAt, performance.now());
    while (performance.now() - this.lastDiagnosticsAt < quietMs && performance.now() - t0 < maxMs) await sleep(50);
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), sleep(2000)]);
      void this.conn.sendNotification('exit');
    } catch {
      // Already gone.
    }
    await sleep(100);
    this.proc.kill();
    this.conn.dispose();
  }
}

async function timed<T>(n: number, fn: () => Promise<T>): Promise<number[]> {
  await fn();
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}

interface Subject {
  name: string;
  uri: string;
  text: string;
  /** Offsets in `text` for each request. */
  citation: number;
  factIdValue: number;
  confidenceValue: number;
}

/** Positions for the requests: the last citation, the last fact's id and its confidence value. */
function subject(name: string, uri: string, text: string): Subject {
  const citation = text.lastIndexOf('[@') + 3;
  const idAt = text.lastIndexOf('  - id: ');
  const conf = text.indexOf('confidence: ', idAt);
  return { name, uri, text, citation, factIdValue: idAt + '  - id: '.length + 1, confidenceValue: conf + 'confidence: '.length };
}

/** A typical corpus article (the median size among those with facts), with one citation added: no corpus article cites yet. */
function typicalArticle(corpus: { uri: string; text: string }[]): { uri: string; text: string } {
  const withFacts = corpus.filter((d) => /\natomic_facts:\n\s+- id: /.test(d.text)).sort((a, b) => a.text.length - b.text.length);
  const d = withFacts[Math.floor(withFacts.length / 2)];
  const firstId = /\natomic_facts:\n\s+- id: ["']?([^"'\s]+)/.exec(d.text)![1];
  return { uri: d.uri, text: d.text.replace(/\n## TL;DR\n+([^\n]+)/, (m) => `${m} As measured [@${firstId}].`) };
}

const pos = (s: Subject, offset: number) => ({ textDocument: { uri: s.uri }, position: positionAt(s.text, offset) });

async function ours(figures: Figure[], notes: string[], corpus: { uri: string; text: string }[]): Promise<void> {
  if (!existsSync(SERVER)) {
    figures.push({ id: 'server', group: G, label: 'Language server', unit: 'ms', notMeasured: `${SERVER} does not exist (server/src/server.ts not built)` });
    return;
  }
  const rootUri = 'file://' + CORPUS;
  const t0 = performance.now();
  const c = await Client.start([SERVER, '--stdio'], rootUri, { today: TODAY, diagnosticsDelay: 0 }, () => ({ diagnosticsDelay: 0 }));
  c.initialized();
  await c.waitProgressEnd('Indexing knowledge articles');
  const indexed = performance.now() - t0;
  await c.settle(1500);
  const settled = performance.now() - t0;
  figures.push(
    { id: 'server.index', group: G, label: `Corpus indexed as a workspace (initialize → end of indexing progress, ${corpus.length} files)`, unit: 'ms', stat: stat([indexed]), target: { max: 1000, text: '≤ 1 s' } },
    { id: 'server.indexSettled', group: G, label: 'Until the diagnostics of every closed file have been pushed (workspace rules over the corpus)', unit: 'ms', stat: stat([settled]) },
  );
  const rssIndexed = c.rssMB();
  if (rssIndexed !== undefined) figures.push({ id: 'server.rssIndexed', group: G, label: 'Resident memory after indexing (VmRSS)', unit: 'MB', value: rssIndexed, target: { max: 150, text: '≤ 150 MB' } });

  const typical = typicalArticle(corpus);
  const big = generateArticle(5000);
  const subjects = [subject(`typical article (${(typical.text.length / 1024).toFixed(1)} KB)`, typical.uri, typical.text), subject('5,000-fact article (1.6 MB)', rootUri + '/ai/generated-5000-facts.md', big)];
  notes.push(`Typical article: ${typical.uri.slice(rootUri.length + 1)} (the median size among corpus articles with facts), opened with one citation added to its TL;DR, since no corpus article cites with [@id] yet.`);
  notes.push('Our server runs with diagnosticsDelay 0, so the figures are the work itself; in the editor the default debounce of 150 ms comes on top (the target says "plus the debounce").');
  for (const s of subjects) {
    const big5000 = s.name.startsWith('5,000');
    const n = reps(big5000 ? 20 : 50);
    const key = big5000 ? 'big' : 'typical';
    // Each open under a uri of its own: closing a document makes the server re-check every closed file, and that
    // pass (shown above) would otherwise be timed with the next open.
    const opens: number[] = [];
    const variants: string[] = [];
    for (let i = 0; i < Math.max(3, Math.ceil(n / 5)); i++) {
      const uri = s.uri.replace(/\.md$/, `-open-${i}.md`);
      variants.push(uri);
      await c.settle(300);
      const d = c.nextDiagnostics(uri, 1);
      const t = performance.now();
      c.open(uri, 'markdown', s.text, 1);
      await d;
      opens.push(performance.now() - t);
    }
    for (const uri of variants) c.close(uri);
    await c.settle(1000);
    c.open(s.uri, 'markdown', s.text, 1);
    await c.nextDiagnostics(s.uri, 1);
    figures.push({ id: `server.${key}.open`, group: G, label: `${s.name}: didOpen → diagnostics`, unit: 'ms', stat: stat(opens), target: big5000 ? { max: 100, text: '≤ 100 ms (full diagnostics)' } : undefined });
    // One character typed and deleted in the body, alternately: the text stays the same size.
    let version = 1;
    const at = positionAt(s.text, s.text.length - 1);
    const changes: number[] = [];
    for (let i = 0; i < n; i++) {
      version++;
      const insert = i % 2 === 0;
      const d = c.nextDiagnostics(s.uri, version);
      const t = performance.now();
      c.change(s.uri, version, at, insert ? at : { line: at.line, character: at.character + 1 }, insert ? 'x' : '');
      await d;
      changes.push(performance.now() - t);
    }
    if (version % 2 === 0) {
      version++;
      const d = c.nextDiagnostics(s.uri, version);
      c.change(s.uri, version, at, { line: at.line, character: at.character + 1 }, '');
      await d;
    }
    figures.push({ id: `server.${key}.change`, group: G, label: `${s.name}: one-character didChange → diagnostics`, unit: 'ms', stat: stat(changes), target: big5000 ? { max: 50, text: '≤ 50 ms plus the debounce' } : undefined });
    const req = async (label: string, id: string, method: string, params: unknown, target?: Figure['target']) => {
      try {
        const samples = await timed(n, () => c.request(method, params));
        figures.push({ id: `server.${key}.${id}`, group: G, label: `${s.name}: ${label}`, unit: 'ms', stat: stat(samples), target });
      } catch (e) {
        figures.push({ id: `server.${key}.${id}`, group: G, label: `${s.name}: ${label}`, unit: 'ms', notMeasured: `the request failed: ${(e as Error).message}`, target });
      }
    };
    await req('completion of a citation key after [@', 'completeCitation', 'textDocument/completion', pos(s, s.citation - 1), big5000 ? { max: 10, on: 'p95', text: 'p95 ≤ 10 ms' } : undefined);
    await req('completion of a fact confidence value', 'completeValue', 'textDocument/completion', pos(s, s.confidenceValue));
    await req('hover on a citation key', 'hover', 'textDocument/hover', pos(s, s.citation), big5000 ? { max: 5, on: 'p95', text: 'p95 ≤ 5 ms' } : undefined);
    await req('hover on a fact confidence key', 'hoverKey', 'textDocument/hover', pos(s, s.confidenceValue - 4));
    await req('definition of a citation key', 'definition', 'textDocument/definition', pos(s, s.citation));
    await req('references of a fact id', 'references', 'textDocument/references', { ...pos(s, s.factIdValue), context: { includeDeclaration: true } });
    await req('rename of a fact id', 'rename', 'textDocument/rename', { ...pos(s, s.factIdValue), newName: 'fact-renamed-1' });
    c.close(s.uri);
    await c.settle(1000);
  }

  // 10,000 edits to one article: memory sampled every 1,000 (a growing trend is a leak).
  const s = subjects[0];
  c.open(s.uri, 'markdown', s.text, 1);
  await c.nextDiagnostics(s.uri, 1);
  const at = positionAt(s.text, s.text.length - 1);
  const rss: number[] = [c.rssMB() ?? 0];
  let version = 1;
  const edits = process.env.KART_BENCH_QUICK ? 2000 : 10_000;
  for (let i = 1; i <= edits; i++) {
    version++;
    const insert = i % 2 === 1;
    // Every tenth edit waits for its diagnostics, so that the edits are checked and not only queued.
    const d = i % 10 === 0 ? c.nextDiagnostics(s.uri, version) : undefined;
    c.change(s.uri, version, at, insert ? at : { line: at.line, character: at.character + 1 }, insert ? 'x' : '');
    if (d) await d;
    if (i % 1000 === 0) rss.push(c.rssMB() ?? 0);
  }
  figures.push(
    { id: 'server.rssEdits', group: G, label: `Resident memory after ${edits.toLocaleString('en')} edits`, unit: 'MB', value: rss[rss.length - 1], target: { max: 150, text: '≤ 150 MB and flat' } },
    {
      id: 'server.rssTrend',
      group: G,
      label: `Memory growth over the second half of the ${edits.toLocaleString('en')} edits`,
      unit: 'MB',
      value: rss[rss.length - 1] - rss[Math.floor(rss.length / 2)],
      note: `VmRSS every 1,000 edits: ${rss.map((x) => x.toFixed(0)).join(', ')} MB`,
    },
  );
  c.close(s.uri);
  await c.settle(1000);

  // The whole corpus opened at once: from the first didOpen to the last diagnostics (the peer does the same below).
  const t1 = performance.now();
  const all = corpus.map((d) => c.nextDiagnostics(d.uri, 1));
  for (const d of corpus) c.open(d.uri, 'markdown', d.text, 1);
  await Promise.all(all);
  const openAll = performance.now() - t1;
  figures.push({ id: 'server.openAll', group: G, label: `Every corpus article opened: first didOpen → last diagnostics (${corpus.length} files)`, unit: 'ms', stat: stat([openAll]) });
  const rssOpen = c.rssMB();
  if (rssOpen !== undefined) figures.push({ id: 'server.rssOpenAll', group: G, label: 'Resident memory with every corpus article open', unit: 'MB', value: rssOpen });
  for (const d of corpus) c.close(d.uri);
  await c.settle(1000);

  await c.stop();
}

async function peer(figures: Figure[], notes: string[], corpus: { uri: string; text: string }[], ylsDelay: boolean): Promise<void> {
  if (!existsSync(YLS)) {
    figures.push({ id: 'peer', group: P, label: 'yaml-language-server', unit: 'ms', notMeasured: 'node_modules/yaml-language-server is not installed' });
    return;
  }
  const rootUri = 'file:///bench-yls';
  const settings = {
    validate: true,
    hover: true,
    completion: true,
    schemas: { ['file://' + SCHEMA]: ['*.yaml', '**/*.yaml'] },
    schemaStore: { enable: false },
    format: { enable: false },
  };
  let configured = false;
  const c = await Client.start([YLS, '--stdio'], rootUri, {}, (section) => {
    configured = true;
    return section === 'yaml' ? settings : {};
  });
  c.initialized();
  while (!configured) await sleep(20);
  await sleep(500);
  const yamlOf = (text: string) => {
    const fm = splitFrontmatter(text).frontmatter;
    return fm ? text.slice(fm.content.start, fm.content.end) : '';
  };
  const uriOf = (u: string) => rootUri + u.slice(('file://' + CORPUS).length).replace(/\.md$/, '.yaml');
  // Warm up: the schema is fetched and compiled on first use.
  const warm = uriOf(corpus[0].uri);
  const w = c.nextDiagnostics(warm);
  c.open(warm, 'yaml', yamlOf(corpus[0].text));
  await w;
  c.close(warm);
  await sleep(300);
  const minus = (xs: number[]) => xs.map((x) => x - YLS_DELAY);

  const typical = typicalArticle(corpus);
  const subjects = [
    { name: 'typical article', s: subject('typical', uriOf(typical.uri), yamlOf(typical.text)), key: 'typical' },
    { name: '5,000-fact article', s: subject('5,000', rootUri + '/ai/generated-5000-facts.yaml', yamlOf(generateArticle(5000))), key: 'big' },
  ];
  for (const { name, s, key } of subjects) {
    const big5000 = key === 'big';
    const n = reps(big5000 ? 20 : 50);
    const opens: number[] = [];
    for (let i = 0; i < Math.max(3, Math.ceil(n / 5)); i++) {
      const d = c.nextDiagnostics(s.uri);
      const t = performance.now();
      c.open(s.uri, 'yaml', s.text, 1);
      await d;
      opens.push(performance.now() - t);
      c.close(s.uri);
      await c.nextDiagnostics(s.uri);
    }
    c.open(s.uri, 'yaml', s.text, 1);
    await c.nextDiagnostics(s.uri);
    figures.push(
      { id: `peer.${key}.open`, group: P, label: `${name}: didOpen → diagnostics (with its fixed ${YLS_DELAY} ms delay)`, unit: 'ms', stat: stat(opens) },
      { id: `peer.${key}.openNoDelay`, group: P, label: `${name}: didOpen → diagnostics, less the ${YLS_DELAY} ms delay`, unit: 'ms', stat: stat(minus(opens)) },
    );
    let version = 1;
    const at = positionAt(s.text, s.text.length - 1);
    const changes: number[] = [];
    for (let i = 0; i < Math.ceil(n / 2); i++) {
      version++;
      const insert = i % 2 === 0;
      const d = c.nextDiagnostics(s.uri);
      const t = performance.now();
      c.change(s.uri, version, at, insert ? at : { line: at.line, character: at.character + 1 }, insert ? 'x' : '');
      await d;
      changes.push(performance.now() - t);
    }
    figures.push(
      { id: `peer.${key}.change`, group: P, label: `${name}: one-character didChange → diagnostics (with the delay)`, unit: 'ms', stat: stat(changes) },
      { id: `peer.${key}.changeNoDelay`, group: P, label: `${name}: one-character didChange → diagnostics, less the delay`, unit: 'ms', stat: stat(minus(changes)) },
    );
    if (version % 2 === 0) {
      version++;
      const d = c.nextDiagnostics(s.uri);
      c.change(s.uri, version, at, { line: at.line, character: at.character + 1 }, '');
      await d;
    }
    const req = async (label: string, id: string, method: string, params: unknown) => {
      try {
        const samples = await timed(n, () => c.request(method, params));
        figures.push({ id: `peer.${key}.${id}`, group: P, label: `${name}: ${label}`, unit: 'ms', stat: stat(samples) });
      } catch (e) {
        figures.push({ id: `peer.${key}.${id}`, group: P, label: `${name}: ${label}`, unit: 'ms', notMeasured: (e as Error).message });
      }
    };
    await req('completion of a fact confidence value', 'completeValue', 'textDocument/completion', pos(s, s.confidenceValue));
    await req('hover on a fact confidence key', 'hoverKey', 'textDocument/hover', pos(s, s.confidenceValue - 4));
    c.close(s.uri);
    await c.nextDiagnostics(s.uri);
  }
  if (ylsDelay) {
    const t1 = performance.now();
    const all = corpus.map((d) => c.nextDiagnostics(uriOf(d.uri)));
    for (const d of corpus) c.open(uriOf(d.uri), 'yaml', yamlOf(d.text), 1);
    await Promise.all(all);
    const openAll = performance.now() - t1;
    figures.push(
      { id: 'peer.openAll', group: P, label: `Every corpus frontmatter opened: first didOpen → last diagnostics (${corpus.length} files)`, unit: 'ms', stat: stat([openAll]) },
      { id: 'peer.openAllNoDelay', group: P, label: 'The same, less one 200 ms delay (the delays overlap)', unit: 'ms', stat: stat([openAll - YLS_DELAY]) },
    );
    const rss = c.rssMB();
    if (rss !== undefined) figures.push({ id: 'peer.rssOpenAll', group: P, label: 'Resident memory with every corpus frontmatter open', unit: 'MB', value: rss });
  }
  notes.push(`yaml-language-server 1.15.0 over stdio: settings yaml.schemas {schemas/article.schema.json: ["*.yaml"]}, yaml.schemaStore.enable false, validate, hover and completion on; each article's frontmatter opened as its own YAML document. It waits a fixed ${YLS_DELAY} ms (validationDelayMs) before validating; "less the delay" subtracts it. It has no definition, references or rename for these documents.`);
  await c.stop();
}

/** Ratios of figures measured in this run, side by side. */
function ratios(figures: Figure[]): Figure[] {
  const by = (id: string) => figures.find((f) => f.id === id && f.stat);
  const out: Figure[] = [];
  const pairs: [string, string, string][] = [
    ['server.typical.open', 'peer.typical.openNoDelay', 'typical article: didOpen → diagnostics, ours / peer less its delay'],
    ['server.big.open', 'peer.big.openNoDelay', '5,000-fact article: didOpen → diagnostics, ours / peer less its delay'],
    ['server.big.open', 'peer.big.open', '5,000-fact article: didOpen → diagnostics, ours / peer with its delay'],
    ['server.big.change', 'peer.big.changeNoDelay', '5,000-fact article: keystroke → diagnostics, ours / peer less its delay'],
    ['server.typical.completeValue', 'peer.typical.completeValue', 'typical article: completion, ours / peer'],
    ['server.big.completeValue', 'peer.big.completeValue', '5,000-fact article: completion, ours / peer'],
    ['server.typical.hoverKey', 'peer.typical.hoverKey', 'typical article: hover, ours / peer'],
    ['server.big.hoverKey', 'peer.big.hoverKey', '5,000-fact article: hover, ours / peer'],
    ['server.openAll', 'peer.openAll', 'corpus opened → last diagnostics, ours / peer with its delay'],
    ['server.openAll', 'peer.openAllNoDelay', 'corpus opened → last diagnostics, ours / peer less its delay'],
  ];
  for (const [a, b, label] of pairs) {
    const fa = by(a);
    const fb = by(b);
    if (fa?.stat && fb?.stat) out.push({ id: `ratio.${a}.${b}`, group: 'Ours / yaml-language-server (same run)', label, unit: '×', value: fa.stat.median / fb.stat.median });
  }
  const ra = figures.find((f) => f.id === 'server.rssOpenAll');
  const rb = figures.find((f) => f.id === 'peer.rssOpenAll');
  if (ra?.value && rb?.value) out.push({ id: 'ratio.rss', group: 'Ours / yaml-language-server (same run)', label: 'resident memory with the corpus open, ours / peer', unit: '×', value: ra.value / rb.value });
  return out;
}

async function main(): Promise<void> {
  const corpus = readCorpus();
  const figures: Figure[] = [];
  const notes: string[] = [];
  const which = process.env.KART_BENCH_LSP ?? 'ours,peer';
  if (which.includes('ours')) await ours(figures, notes, corpus);
  if (which.includes('peer')) await peer(figures, notes, corpus, true);
  figures.push(...ratios(figures));
  writeResult({ section: 'lsp', figures, notes });
  process.exit(0);
}

void main();
