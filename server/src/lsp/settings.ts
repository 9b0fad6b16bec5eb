import type { SeveritySetting } from '../core/types';

/** The client's settings, section `knowledgeArticles`. */
export interface Settings {
  /** Milliseconds between the last change and the diagnostics pushed for it. */
  diagnosticsDelay: number;
  /** Severity per rule; kart.config.json, shared with CI, wins where both name a rule. */
  rules: Record<string, SeveritySetting>;
  /**
   * Which files get diagnostics: every article (closed files show the findings across files) or the open ones.
   * `workspace` by default: a duplicate id or a link broken by a rename is found in a file nobody has open, and the
   * closed files' findings come from the index's summaries, so the whole base costs no re-read (see bench/report.md).
   */
  diagnosticsScope: DiagnosticsScope;
  /** Inlay hints after citations showing the cited statements (`inlayHints.citedStatements`, off by default). */
  citedStatementHints: boolean;
}

export type DiagnosticsScope = 'workspace' | 'openFiles';

/** What the client may pass in `initializationOptions`. */
export interface InitOptions {
  /** Today as `YYYY-MM-DD` (tests fix it so that date rules agree). */
  today?: string;
  diagnosticsDelay?: number;
  /** Where the rules are documented; the diagnostics link to `${docsUrl}#${rule}`. */
  docsUrl?: string;
  /** False in an untrusted workspace: nothing is loaded from it that changes what the server does (kart.config.json, its extraSchema). */
  trusted?: boolean;
}

export const DEFAULT_DELAY = 150;

const SEVERITIES = new Set(['off', 'hint', 'info', 'warning', 'error']);

function delayOf(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 10_000 ? v : undefined;
}

/** Reads settings leniently: a wrong value is ignored, never an error. */
export function readSettings(raw: unknown, fallbackDelay = DEFAULT_DELAY): Settings {
  const o = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const rules: Record<string, SeveritySetting> = {};
  if (o.rules && typeof o.rules === 'object') {
    for (const [k, v] of Object.entries(o.rules as Record<string, unknown>)) if (typeof v === 'string' && SEVERITIES.has(v)) rules[k] = v as SeveritySetting;
  }
  const diagnostics = o.diagnostics && typeof o.diagnostics === 'object' ? (o.diagnostics as Record<string, unknown>) : {};
  const diagnosticsScope: DiagnosticsScope = diagnostics.scope === 'openFiles' ? 'openFiles' : 'workspace';
  const hints = o.inlayHints && typeof o.inlayHints === 'object' ? (o.inlayHints as Record<string, unknown>) : {};
  return { diagnosticsDelay: delayOf(o.diagnosticsDelay) ?? fallbackDelay, rules, diagnosticsScope, citedStatementHints: hints.citedStatements === true };
}

export function readInitOptions(raw: unknown): InitOptions {
  const o = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const out: InitOptions = {};
  if (typeof o.today === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(o.today)) out.today = o.today;
  const delay = delayOf(o.diagnosticsDelay);
  if (delay !== undefined) out.diagnosticsDelay = delay;
  if (typeof o.docsUrl === 'string' && o.docsUrl) out.docsUrl = o.docsUrl;
  if (typeof o.trusted === 'boolean') out.trusted = o.trusted;
  return out;
}
