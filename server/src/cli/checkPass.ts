// One thread's part of `kart check`: read and parse the files the cache does not know, run the single-file rules,
// keep what the report and the workspace rules need; then the workspace rules over the one index.
import { createHash } from 'crypto';
import { statSync } from 'fs';
import * as path from 'path';
import { checkArticle, checkSummary } from '../check';
import { LineIndex } from '../core/lineIndex';
import type { ResolvedConfig } from '../config';
import type { Finding } from '../core/types';
import { parseArticle, type Article } from '../model/article';
import { detached, workspaceSubject } from '../model/articleSummary';
import { allRules } from '../rules';
import type { ArticleService } from '../service';
import { summarize, WorkspaceIndex, type ArticleSummary } from '../workspaceIndex';
import { toUri } from '../node/fsWorkspace';
import { readTextSync, type ReadFailure } from '../node/safeRead';
import { hashOf, type CacheEntry, type PlacedFinding } from './checkCache';
import { reported } from './format';

const localRules = allRules.filter((r) => !r.workspace);
const workspaceRules = allRules.filter((r) => r.workspace);

function place(article: { lines: LineIndex }, f: Finding): PlacedFinding {
  const s = article.lines.positionAt(f.range.start);
  const e = article.lines.positionAt(f.range.end);
  // Neither the uri (the file's own) nor the fixes' edits: the cache and the run need not hold them thousands of times.
  return { finding: reported(f), line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
}

/** checkArticle's order: by range, then rule; stable, so one rule's findings keep their order. */
export function sortPlaced(items: PlacedFinding[]): PlacedFinding[] {
  return items.sort((a, b) => a.finding.range.start - b.finding.range.start || a.finding.range.end - b.finding.range.end || a.finding.rule.localeCompare(b.finding.rule));
}

export interface Env {
  /** The configuration of a file (its nearest kart.config.json, or --config). */
  configFor: (file: string) => ResolvedConfig;
  /** Every configuration the files use: they make the cache key. */
  configs: readonly ResolvedConfig[];
  today: string;
  isCheckable: (a: Article) => boolean;
}

/** The run's view of the service: its configurations, looked up for the files beforehand. */
export function envOf(service: ArticleService): Env {
  // A file's configuration is its folder's: looked up once a folder, not three times a file.
  const byFolder = new Map<string, ResolvedConfig>();
  const configFor = (file: string) => {
    const dir = path.dirname(file);
    let c = byFolder.get(dir);
    if (!c) byFolder.set(dir, (c = service.configFor(toUri(file))));
    return c;
  };
  return { configFor, configs: service.configs.all().sort((a, b) => (a.uri ?? '').localeCompare(b.uri ?? '')), today: service.today, isCheckable: (a) => service.isCheckable(a) };
}

/** The first pass over some files: read, parse when the cache does not know the content, single-file rules. */
export class Pass {
  readonly entries = new Map<string, CacheEntry>();
  readonly unreadable = new Map<string, ReadFailure>();
  changed = false;

  constructor(
    private readonly env: Env,
    private readonly cached: Record<string, CacheEntry>,
    /** A worker's entries are copied when posted, which detaches them from the text; the main thread's must be. */
    private readonly detach = true,
    /** Without a cache no hash is ever compared, and none is made. */
    private readonly hashing = true,
  ) {}

  /** Stat results taken earlier in this run, so that each file is stat'ed once. */
  readonly stats = new Map<string, { size: number; mtimeMs: number }>();

  /** The file's text: a regular file within the size cap, UTF-16 decoded; otherwise why not, noted. */
  private read(file: string): string | undefined {
    const r = readTextSync(file, { maxBytes: this.env.configFor(file).maxFileBytes });
    if (r.ok) return r.text;
    this.unreadable.set(file, { kind: r.kind, message: r.message });
    return undefined;
  }

  first(file: string): void {
    let size: number;
    let mtimeMs: number;
    try {
      const st = this.stats.get(file) ?? statSync(file);
      size = st.size;
      mtimeMs = st.mtimeMs;
      const old = this.cached[file];
      // The same size and modification time as when hashed: the content hash stands without reading the file.
      if (old && old.size === size && old.mtimeMs === mtimeMs) {
        this.entries.set(file, old);
        return;
      }
    } catch (e) {
      this.unreadable.set(file, { kind: 'error', message: `The file cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).` });
      return;
    }
    const text = this.read(file);
    if (text === undefined) return;
    this.changed = true;
    const hash = this.hashing ? hashOf(text) : '';
    const old = this.cached[file];
    if (old && old.hash === hash) {
      this.entries.set(file, { ...old, size, mtimeMs });
      return;
    }
    const article = parseArticle(toUri(file), text);
    const checkable = this.env.isCheckable(article);
    const local = checkable ? checkArticle(article, { config: this.env.configFor(file), today: this.env.today, rules: localRules }).map((f) => place(article, f)) : [];
    // The model goes now: the workspace rules read the summary, so a run holds summaries, never every model.
    // Detached from the file's text, which the messages and ids would otherwise keep alive for the whole run.
    const fresh = { summary: article.isArticle || checkable ? workspaceSubject(summarize(article)) : undefined, local };
    const kept = this.detach ? detached(fresh) : fresh;
    this.entries.set(file, { hash, size, mtimeMs, checkable, ...(article.isArticle ? { summary: kept.summary } : { subject: kept.summary }), local: kept.local });
  }

  /** Workspace rules for one file, unless the cache holds them for this very index. */
  second(file: string, index: WorkspaceIndex | undefined, fp: string): void {
    const entry = this.entries.get(file);
    if (!entry || !entry.checkable || workspaceRules.length === 0) return;
    if (!index) {
      if (entry.ws?.length || entry.fp !== fp) this.entries.set(file, { ...entry, ws: [], fp });
      return;
    }
    if (entry.fp === fp && entry.ws) return;
    this.changed = true;
    let subject = entry.summary ?? entry.subject;
    let lines: LineIndex | undefined;
    const read = (): string | undefined => {
      const text = this.read(file);
      if (text === undefined) this.entries.delete(file);
      return text;
    };
    if (!subject) {
      // An entry cached without what the workspace rules read: parse the file once more.
      const text = read();
      if (text === undefined) return;
      const article = parseArticle(toUri(file), text);
      subject = workspaceSubject(summarize(article));
      lines = article.lines;
    }
    const found = checkSummary(subject, { config: this.env.configFor(file), index, rules: workspaceRules });
    let ws: PlacedFinding[] = [];
    if (found.length) {
      // Only files with workspace findings are read again, for the line table that places them.
      if (!lines) {
        const text = read();
        if (text === undefined) return;
        lines = new LineIndex(text);
      }
      ws = found.map((f) => place({ lines: lines! }, f));
    }
    this.entries.set(file, { ...entry, ws, fp });
  }
}

/**
 * The index of the summaries, and its fingerprint when results are cached (what the workspace rules can see of other
 * files); with no cache there is nothing to compare it with, and it costs a JSON of every summary.
 */
export function indexOf(summaries: (ArticleSummary | undefined)[], fingerprint: boolean): { index: WorkspaceIndex | undefined; fp: string } {
  const index = new WorkspaceIndex();
  for (const s of summaries) if (s) index.set(s);
  if (!fingerprint) return { index: index.size ? index : undefined, fp: '' };
  // Hashed a summary at a time: one JSON of every summary would be the largest string of the run.
  const h = createHash('sha1');
  h.update('[');
  let first = true;
  for (const s of summaries) {
    if (!s) continue;
    h.update(first ? JSON.stringify(s) : ',' + JSON.stringify(s));
    first = false;
  }
  const fp = h.update(']').digest('hex');
  return { index: index.size ? index : undefined, fp };
}
