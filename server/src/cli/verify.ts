// `kart verify [paths...]`: checks that the articles' sources exist and are what the articles say they are, keeping
// the results in the report file at the workspace root; prints the findings as `kart check` does.
import { existsSync, promises as fs } from 'fs';
import * as path from 'path';
import { version } from '../../../package.json';
import { checkArticle } from '../check';
import type { Severity } from '../core/types';
import { parseArticle } from '../model/article';
import { FsWorkspace, toUri } from '../node/fsWorkspace';
import { readReportFile, runVerification, writeReportFile, type VerifySettings, type Wanted } from '../node/verifyRun';
import { verifyRules } from '../rules/verifyRules';
import { ArticleService } from '../service';
import { ANCHORFACT_REPORT_FILE, importAnchorFactReport, lookupOf } from '../verify/report';
import { isWellFormedDoi, verifyTargets } from '../verify/targets';
import { findRoot, listMarkdown } from './files';
import { formatGithub, formatJson, formatSarif, formatText, locate, summaryLine, type Located, type Summary } from './format';

export const VERIFY_USAGE = `  kart verify [paths...] [--format text|json|sarif|github] [--output FILE] [--report FILE] [--force] [--offline]
              [--max-age DAYS] [--doi-endpoint URL] [--arxiv-endpoint URL] [--rate N] [--per-host N] [--timeout MS]`;

const HELP = `kart ${version}: verify the sources of knowledge articles

Usage:
${VERIFY_USAGE}
              [--retries N] [--no-anchorfact]

Checks every source url and doi and every fact source_url and source_doi: the page answers (HEAD, then GET when
HEAD is refused; redirects followed), the DOI resolves and its registered title and year are the article's, the
arXiv id resolves and its title is the article's. 404/410 are dead; timeouts, 429 and 5xx are "could not verify".
At most --rate requests a second (5), --per-host at once to one host (2), robots.txt obeyed.

Results are kept with their time in the report (kart-verification.json at the workspace root, or verify.report in
kart.config.json, or --report FILE); a result younger than --max-age days (30) is not asked again, unless --force.
--offline asks nothing and reports from the report alone. AnchorFact's verification-report.json, when present at
the root, is read for what the report lacks (--no-anchorfact: not). Exit 0: no error-level problem; 1: one; 2: bad usage.`;

class UsageError extends Error {}

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  isTTY: boolean;
}

type OptionKind = 'string' | 'number' | 'boolean';
const OPTIONS: Record<string, OptionKind> = {
  format: 'string',
  output: 'string',
  report: 'string',
  force: 'boolean',
  offline: 'boolean',
  'max-age': 'number',
  'doi-endpoint': 'string',
  'arxiv-endpoint': 'string',
  rate: 'number',
  'per-host': 'number',
  timeout: 'number',
  retries: 'number',
  'no-anchorfact': 'boolean',
  today: 'string',
  help: 'boolean',
};

function parse(argv: string[]): { paths: string[]; opts: Map<string, string | number | true> } {
  const opts = new Map<string, string | number | true>();
  const paths: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      paths.push(...argv.slice(i + 1));
      break;
    }
    if (a === '-h') {
      opts.set('help', true);
      continue;
    }
    if (!a.startsWith('--')) {
      paths.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
    const kind = OPTIONS[name];
    if (!kind) throw new UsageError(`unknown option --${name} for kart verify`);
    if (kind === 'boolean') {
      opts.set(name, true);
      continue;
    }
    const value = eq > 0 ? a.slice(eq + 1) : argv[++i];
    if (value === undefined) throw new UsageError(`--${name} needs a value`);
    if (kind === 'number') {
      const n = Number(value);
      if (!Number.isFinite(n) || n < 0 || (name !== 'max-age' && name !== 'rate' && !Number.isInteger(n)) || (n === 0 && name !== 'retries')) throw new UsageError(`--${name} needs a positive number, not "${value}"`);
      opts.set(name, n);
    } else opts.set(name, value);
  }
  return { paths, opts };
}

function rel(p: string, cwd: string): string {
  const r = path.relative(cwd, p);
  return (r === '' ? path.basename(p) : r).split(path.sep).join('/');
}

/** A progress line on a terminal, rewritten in place. */
function progressLine(io: Io): { update: (s: string) => void; clear: () => void } {
  if (!io.isTTY) return { update: () => undefined, clear: () => undefined };
  let last = 0;
  let shown = false;
  const width = Math.max(40, (process.stderr.columns ?? 80) - 1);
  return {
    update(s) {
      const t = Date.now();
      if (t - last < 100) return;
      last = t;
      shown = true;
      io.err(`\r${s.length > width ? s.slice(0, width - 1) + '…' : s.padEnd(width)}`);
    },
    clear() {
      if (shown) io.err(`\r${' '.repeat(width)}\r`);
    },
  };
}

export async function verifyCommand(argv: string[], io: Io, cwd: string, options: { fetch?: typeof fetch } = {}): Promise<number> {
  let parsed;
  try {
    parsed = parse(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`kart: ${e.message}\n\n${HELP}`);
      return 2;
    }
    throw e;
  }
  const { paths, opts } = parsed;
  if (opts.has('help')) {
    io.out(HELP);
    return 0;
  }
  const format = (opts.get('format') as string | undefined) ?? 'text';
  if (!['text', 'json', 'sarif', 'github'].includes(format)) {
    io.err(`kart: unknown format "${format}" (text, json, sarif or github)\n\n${HELP}`);
    return 2;
  }
  const root = await findRoot(cwd);
  const today = opts.get('today') as string | undefined;
  const service = new ArticleService({ workspace: new FsWorkspace([root]), today: today ? () => today : undefined });
  await service.loadConfig();
  for (const p of service.config.problems) io.err(`kart: ${p.message}`);
  const vc = service.config.verify;
  const settings: VerifySettings = {
    doiEndpoint: (opts.get('doi-endpoint') as string | undefined) ?? vc.doiEndpoint,
    arxivEndpoint: (opts.get('arxiv-endpoint') as string | undefined) ?? vc.arxivEndpoint,
    maxAgeDays: (opts.get('max-age') as number | undefined) ?? vc.maxAgeDays,
    rate: (opts.get('rate') as number | undefined) ?? vc.rate,
    perHost: (opts.get('per-host') as number | undefined) ?? vc.perHost,
    timeoutMs: (opts.get('timeout') as number | undefined) ?? vc.timeoutMs,
    retries: (opts.get('retries') as number | undefined) ?? vc.retries,
    maxRetryAfterMs: vc.maxRetryAfterMs,
  };
  const reportFile = typeof opts.get('report') === 'string' ? path.resolve(cwd, opts.get('report') as string) : path.resolve(root, vc.report);

  const listed = await listMarkdown(paths.length ? paths.map((p) => path.resolve(cwd, p)) : [cwd]);
  const located: Located[] = [];
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  const add = (l: Located) => {
    located.push(l);
    counts[l.finding.severity]++;
  };
  const unreadable = (file: string, message: string) =>
    add({ finding: { uri: toUri(file), rule: 'file-unreadable', severity: 'error', message, range: { start: 0, end: 0 } }, path: rel(file, cwd), line: 1, column: 1, endLine: 1, endColumn: 1 });
  for (const m of listed.missing) unreadable(m.path, `${m.message}.`);
  const articles = [];
  for (const file of listed.files) {
    const uri = toUri(file);
    if (!listed.explicit.has(file) && !service.isIncluded(uri)) continue;
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (e) {
      unreadable(file, `The file cannot be read (${(e as NodeJS.ErrnoException).code}).`);
      continue;
    }
    const article = parseArticle(uri, text);
    if (article.isArticle) articles.push({ file, article });
  }
  const wanted: Wanted[] = articles.flatMap(({ article }) => verifyTargets(article).flatMap((t) => (isWellFormedDoi(t) ? [{ kind: t.kind, key: t.key, value: t.value }] : [])));

  const { report, problem } = await readReportFile(reportFile);
  if (problem) io.err(`kart: ${rel(reportFile, cwd)}: ${problem}`);
  const anchorFile = path.join(root, ANCHORFACT_REPORT_FILE);
  const fallback = !opts.has('no-anchorfact') && anchorFile !== reportFile && existsSync(anchorFile) ? importAnchorFactReport(await fs.readFile(anchorFile, 'utf8').catch(() => undefined)) : undefined;

  const progress = progressLine(io);
  let unsaved = 0;
  const offline = opts.has('offline');
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  let summary;
  try {
    summary = await runVerification({
      wanted,
      report,
      fallback,
      settings,
      version,
      force: opts.has('force'),
      offline,
      fetch: options.fetch,
      signal: controller.signal,
      onProgress: (done, total, key) => progress.update(`kart verify [${done}/${total}] ${key}`),
      onResult: async () => {
        // A long run stopped half-way keeps what it learnt.
        if (++unsaved >= 25) {
          unsaved = 0;
          await writeReportFile(reportFile, report);
        }
      },
    });
  } finally {
    process.removeListener('SIGINT', onSigint);
    progress.clear();
  }
  if (!offline && (summary.checked > 0 || !existsSync(reportFile))) await writeReportFile(reportFile, report);

  const lookup = lookupOf(report, fallback);
  for (const { file, article } of articles) {
    const p = rel(file, cwd);
    for (const f of checkArticle(article, { config: service.config, today: service.today, rules: verifyRules, verification: lookup })) add(locate(article, f, p));
  }
  const s: Summary = { files: articles.length, counts };
  let output: string;
  if (format === 'json') output = formatJson(located, s);
  else if (format === 'sarif') output = formatSarif(located, verifyRules, version, toUri(cwd));
  else if (format === 'github') output = [formatGithub(located), summaryLine(s)].filter(Boolean).join('\n');
  else output = [formatText(located), summaryLine(s)].filter(Boolean).join('\n');
  const unique = new Set(wanted.map((w) => w.key)).size;
  const what = `${unique} source${unique === 1 ? '' : 's'}: ${summary.checked} checked (${summary.requests} request${summary.requests === 1 ? '' : 's'}), ${summary.cached} from ${rel(reportFile, cwd)}${
    summary.missing ? `, ${summary.missing} not verified${offline ? ' (offline)' : summary.cancelled ? ' (cancelled)' : ''}` : ''
  }.`;
  const outFile = opts.get('output');
  if (typeof outFile === 'string') {
    await fs.writeFile(path.resolve(cwd, outFile), output + '\n');
    io.err(summaryLine(s));
  } else io.out(output);
  io.err(what);
  if (summary.cancelled) return 130;
  return counts.error > 0 ? 1 : 0;
}
