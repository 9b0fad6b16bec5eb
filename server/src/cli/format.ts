import type { Finding, Severity, TextRange } from '../core/types';
import type { Article } from '../model/article';
import type * as Sarif from 'sarif';
import type { Rule } from '../rules/rule';
import { contributes } from '../../../package.json';
import { visible, visibleText } from './escape';

/**
 * What a report says of a finding: no fix's edits and no related location, which no format prints (a base's run
 * holds a hundred thousand findings until it prints them).
 */
export interface Reported {
  rule: string;
  severity: Severity;
  message: string;
  range: TextRange;
  /** A safe fix exists (`kart fix` applies it). */
  fixable?: true;
}

export function reported(f: Finding): Reported {
  return { rule: f.rule, severity: f.severity, message: f.message, range: f.range, ...(f.fixes?.some((x) => x.safe) ? { fixable: true as const } : {}) };
}

export interface Located {
  finding: Reported;
  path: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** 1-based line and column (UTF-16 code units, as editors count) of a finding's range. */
export function locate(article: Article, finding: Finding, path: string): Located {
  const s = article.lines.positionAt(finding.range.start);
  const e = article.lines.positionAt(finding.range.end);
  return { finding: reported(finding), path, line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
}

export interface Summary {
  files: number;
  counts: Record<Severity, number>;
}

const SEVERITY_ORDER: readonly Severity[] = ['error', 'warning', 'info', 'hint'];

/** Whether a severity is `min` or graver. */
export function atLeast(severity: Severity, min: Severity): boolean {
  return SEVERITY_ORDER.indexOf(severity) <= SEVERITY_ORDER.indexOf(min);
}

/** The summary counts every problem found; those below `min` (not printed) are named as such. */
export function summaryLine(s: Summary, min: Severity = 'hint'): string {
  const total = s.counts.error + s.counts.warning + s.counts.info + s.counts.hint;
  if (total === 0) return `${s.files} file${s.files === 1 ? '' : 's'} checked: no problems.`;
  const parts = SEVERITY_ORDER.filter((k) => s.counts[k]).map((k) => `${s.counts[k]} ${k}${s.counts[k] === 1 ? '' : 's'}`);
  const hidden = SEVERITY_ORDER.filter((k) => !atLeast(k, min)).reduce((n, k) => n + s.counts[k], 0);
  const below = hidden ? ` ${hidden} below ${min} not shown (--min-severity).` : '';
  return `${s.files} file${s.files === 1 ? '' : 's'} checked: ${total} problem${total === 1 ? '' : 's'} (${parts.join(', ')}).${below}`;
}

/** The `$kart` problem matcher the extension contributes: what a task or a CI log takes for a finding. */
const MATCHER = new RegExp(contributes.problemMatchers[0].pattern.regexp);

/**
 * A finding as one line the `$kart` matcher reads back as that very finding. Control characters in the path and the
 * message are escaped (a line feed in a key cannot start a line of its own); a path that holds what looks like a
 * location (`x.md:1:1 error rule`) has its colons written \u003a, so the matcher cannot stop inside it.
 */
export function textLine(i: Located): string {
  const rest = `:${i.line}:${i.column} ${i.finding.severity} ${i.finding.rule} ${visible(i.finding.message)}`;
  const p = visible(i.path);
  const line = p + rest;
  return MATCHER.exec(line)?.[1] === p ? line : p.replace(/:/g, '\\u003a') + rest;
}

/** Findings written at a time by lineReport. */
const LINE_SLICE = 2000;

/** A line format's report as pieces to be joined with line feeds: the findings a slice at a time, then `last`. */
export function* lineReport(items: readonly Located[], line: (i: Located) => string, last: string): Generator<string> {
  for (let i = 0; i < items.length; i += LINE_SLICE) yield items.slice(i, i + LINE_SLICE).map(line).join('\n');
  yield last;
}

/** What the JSON report says of a finding. */
const jsonProblem = (i: Located) => ({
  path: i.path,
  line: i.line,
  column: i.column,
  endLine: i.endLine,
  endColumn: i.endColumn,
  severity: i.finding.severity,
  rule: i.finding.rule,
  message: i.finding.message,
  fixable: i.finding.fixable === true,
});

/** The JSON report, as lines a slice at a time (see jsonLines). */
export function jsonReport(items: readonly Located[], summary: Summary): Iterable<string> {
  return jsonLines({ summary, problems: [ITEMS] }, items, jsonProblem);
}

export function formatJson(items: Located[], summary: Summary): string {
  return [...jsonReport(items, summary)].join('\n');
}

/** Stands where jsonLines puts the items: a string no report holds. */
const ITEMS = '\u0000kart items\u0000';

/** Items written at a time by jsonLines. */
const JSON_SLICE = 1000;

/**
 * `JSON.stringify(value, null, 2)` with `items` (each as `toJson` makes it) where `value` holds an array of ITEMS
 * alone, as lines to be joined with line feeds: a slice of items at a time, so that the report of a large base is
 * never one string in memory.
 */
export function* jsonLines<T>(value: unknown, items: readonly T[], toJson: (item: T) => unknown): Generator<string> {
  const text = JSON.stringify(value, null, 2);
  const marker = JSON.stringify(ITEMS);
  const at = text.indexOf(marker);
  if (items.length === 0) {
    // `[ITEMS]` as `[]`, exactly as an empty array is written.
    const open = text.lastIndexOf('[', at);
    const close = text.indexOf(']', at + marker.length);
    yield text.slice(0, open) + '[]' + text.slice(close + 1);
    return;
  }
  const lineStart = text.lastIndexOf('\n', at) + 1;
  const indent = text.slice(lineStart, at);
  yield text.slice(0, lineStart - 1);
  for (let i = 0; i < items.length; i += JSON_SLICE) {
    const end = Math.min(items.length, i + JSON_SLICE);
    const lines: string[] = [];
    for (let j = i; j < end; j++) lines.push(indent + JSON.stringify(toJson(items[j]), null, 2).replace(/\n/g, `\n${indent}`) + (j < items.length - 1 ? ',' : ''));
    yield lines.join('\n');
  }
  yield text.slice(at + marker.length + 1);
}

// GitHub's workflow-command escaping (%, LF; in properties also : and ,), after every other control character (CR
// too) is made visible: an escape sequence in a message would otherwise colour or hide the log.
const escapeData = (s: string) => visibleText(s).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

const githubCommand = (s: Severity) => (s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'notice');

/** A GitHub Actions workflow command: the finding as an annotation on its file and line. */
export function githubLine(i: Located): string {
  return `::${githubCommand(i.finding.severity)} file=${escapeProperty(i.path)},line=${i.line},col=${i.column},endLine=${i.endLine},endColumn=${i.endColumn},title=${escapeProperty(
    `kart ${i.finding.rule}`,
  )}::${escapeData(i.finding.message)}`;
}

/** GitHub Actions workflow commands: each finding an annotation on its file and line. */
const level = (s: Severity | 'off'): Sarif.Result.level => (s === 'error' ? 'error' : s === 'warning' ? 'warning' : s === 'off' ? 'none' : 'note');

/**
 * A relative path as a relative URI reference: each segment percent-encoded, so that `#`, `?`, `%` and spaces stay
 * part of the name (encodeURI leaves `#` and `?`, which a reader takes as the start of a fragment or a query).
 */
export function relativeUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/** SARIF 2.1.0, for code scanning. Paths are relative to the folder kart ran in (%SRCROOT%). */
export function sarifReport(items: readonly Located[], rules: readonly Rule[], version: string, srcRoot: string): Iterable<string> {
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const extraRules = [...new Set(items.map((i) => i.finding.rule).filter((id) => !ruleIndex.has(id)))];
  const sarif: Sarif.Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'kart',
            fullName: 'Knowledge Articles checker',
            version,
            semanticVersion: version,
            informationUri: 'https://github.com/knowledge-articles/knowledge-articles',
            rules: [
              ...rules.map((r) => ({
                id: r.id,
                name: r.id.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()),
                shortDescription: { text: r.description },
                fullDescription: { text: r.docs.why ? `${r.description} ${r.docs.why}` : r.description },
                helpUri: `https://github.com/knowledge-articles/knowledge-articles/blob/main/docs/rules.md#${r.id}`,
                defaultConfiguration: { level: level(r.severity) },
                properties: { category: r.category },
              })),
              ...extraRules.map((id) => ({ id, shortDescription: { text: id } })),
            ],
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: srcRoot.endsWith('/') ? srcRoot : srcRoot + '/' } },
        columnKind: 'utf16CodeUnits',
        results: [ITEMS] as unknown as Sarif.Result[],
      },
    ],
  };
  const result = (i: Located): Sarif.Result => ({
    ruleId: i.finding.rule,
    ruleIndex: ruleIndex.get(i.finding.rule) ?? rules.length + extraRules.indexOf(i.finding.rule),
    level: level(i.finding.severity),
    message: { text: i.finding.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: relativeUri(i.path), uriBaseId: '%SRCROOT%' },
          region: { startLine: i.line, startColumn: i.column, endLine: i.endLine, endColumn: i.endColumn },
        },
      },
    ],
  });
  return jsonLines(sarif, items, result);
}

/** SARIF 2.1.0 as one string. */
export function formatSarif(items: Located[], rules: readonly Rule[], version: string, srcRoot: string): string {
  return [...sarifReport(items, rules, version, srcRoot)].join('\n');
}

/**
 * The report of `items` in `format` (text, github, json or sarif), as pieces to be written one after another, each
 * followed by a line feed: a large base's report is never one string in memory. `last` ends the line formats.
 */
export function reportPieces(format: string, items: readonly Located[], summary: Summary, last: string, sarif: { rules: readonly Rule[]; version: string; srcRoot: string }): Iterable<string> {
  if (format === 'json') return jsonReport(items, summary);
  if (format === 'sarif') return sarifReport(items, sarif.rules, sarif.version, sarif.srcRoot);
  return lineReport(items, format === 'github' ? githubLine : textLine, last);
}
