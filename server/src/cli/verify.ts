// `kart verify [paths...]`: checks that the articles' sources exist and are what the articles say they are, keeping
// the results in the report file at the workspace root; prints the findings as `kart check` does.
import { existsSync } from 'fs';
import { configProblemLines } from './configProblems';
import * as path from 'path';
import { version } from '../../../package.json';
import { checkArticle } from '../check';
import type { Severity } from '../core/types';
import { parseArticle } from '../model/article';
import { FsWorkspace, toUri } from '../node/fsWorkspace';
import { readReportFile, runVerification, wantedOf, writeReportFile, type VerifySettings } from '../node/verifyRun';
import { verifyRules } from '../rules/verifyRules';
import { ArticleService } from '../service';
import { ANCHORFACT_REPORT_FILE, importAnchorFactReport, lookupOf } from '../verify/report';
import type { Args } from './args';
import { progressLine } from './progress';
import { findRoot, listMarkdown, rel } from './files';
import { visible } from './escape';
import { sendReport } from './output';
import { RefusedWrite } from '../node/safeWrite';
import { locate, reportPieces, summaryLine, type Located, type Summary } from './format';
import { readText, REPORT_MAX_BYTES } from '../node/safeRead';

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  isTTY: boolean;
}

export async function verifyCommand(args: Args, io: Io, cwd: string, options: { fetch?: typeof fetch } = {}): Promise<number> {
  const paths = args.positional;
  const opts = args.flags;
  const num = (k: string) => (opts.has(k) ? Number(opts.get(k)) : undefined);
  const format = (opts.get('format') as string | undefined) ?? 'text';
  const configFile = opts.get('config') as string | undefined;
  const root = configFile ? path.resolve(cwd) : await findRoot(cwd);
  const today = opts.get('today') as string | undefined;
  const service = new ArticleService({ workspace: new FsWorkspace([root]), today: today ? () => today : undefined, configFile: configFile ? toUri(path.resolve(cwd, configFile)) : undefined });
  await service.loadConfig();
  for (const line of await configProblemLines(service.config.problems, cwd)) io.err(visible(line));
  const vc = service.config.verify;
  const settings: VerifySettings = {
    doiEndpoint: (opts.get('doi-endpoint') as string | undefined) ?? vc.doiEndpoint,
    arxivEndpoint: (opts.get('arxiv-endpoint') as string | undefined) ?? vc.arxivEndpoint,
    maxAgeDays: num('max-age') ?? vc.maxAgeDays,
    rate: num('rate') ?? vc.rate,
    perHost: num('per-host') ?? vc.perHost,
    timeoutMs: num('timeout') ?? vc.timeoutMs,
    retries: num('retries') ?? vc.retries,
    maxRetryAfterMs: vc.maxRetryAfterMs,
  };
  const reportFile = typeof opts.get('report') === 'string' ? path.resolve(cwd, opts.get('report') as string) : path.resolve(root, vc.report);

  const listed = await listMarkdown(paths.length ? paths : ['.'], { cwd, gitignore: !opts.has('no-ignore') });
  for (const p of listed.ignored) io.err(`kart: ${rel(p, cwd)} is left out by .gitignore; not verified (--no-ignore verifies it)`);
  const located: Located[] = [];
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  const add = (l: Located) => {
    located.push(l);
    counts[l.finding.severity]++;
  };
  const unreadable = (file: string, message: string) =>
    add({ finding: { rule: 'file-unreadable', severity: 'error', message, range: { start: 0, end: 0 } }, path: rel(file, cwd), line: 1, column: 1, endLine: 1, endColumn: 1 });
  for (const m of listed.missing) unreadable(m.path, `${m.message}.`);
  const articles = [];
  for (const file of listed.files) {
    const uri = toUri(file);
    if (!listed.explicit.has(file) && !service.isIncluded(uri)) continue;
    // Regular files within the size cap only: a FIFO named x.md must not hold the run up.
    const r = await readText(file, { maxBytes: service.config.maxFileBytes });
    if (!r.ok) {
      unreadable(file, r.message);
      continue;
    }
    const article = parseArticle(uri, r.text);
    if (article.isArticle) articles.push({ file, article });
  }
  const wanted = wantedOf(articles.map((a) => a.article));

  const { report, problem } = await readReportFile(reportFile);
  if (problem) io.err(visible(`kart: ${rel(reportFile, cwd)}: ${problem}`));
  // The report is never written through a link: a repository could commit one named like it.
  const reportBase = typeof opts.get('report') === 'string' ? cwd : root;
  let reportRefused: string | undefined;
  const saveReport = async () => {
    if (reportRefused) return;
    try {
      await writeReportFile(reportFile, report, reportBase);
    } catch (e) {
      reportRefused = e instanceof RefusedWrite ? e.message : `cannot be written (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`;
      io.err(visible(`kart: ${rel(reportFile, cwd)}: not written: ${reportRefused}`));
    }
  };
  const anchorFile = path.join(root, ANCHORFACT_REPORT_FILE);
  const fallback = !opts.has('no-anchorfact') && anchorFile !== reportFile && existsSync(anchorFile) ? importAnchorFactReport(await readText(anchorFile, { maxBytes: REPORT_MAX_BYTES }).then((r) => (r.ok ? r.text : undefined))) : undefined;

  const progress = progressLine(io);
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
      // Saved every few results (a long run stopped half-way keeps what it learnt), never through a link.
      saveTo: saveReport,
    });
  } finally {
    process.removeListener('SIGINT', onSigint);
    progress.clear();
  }
  if (!offline && (summary.checked > 0 || !existsSync(reportFile))) await saveReport();

  const lookup = lookupOf(report, fallback);
  for (const { file, article } of articles) {
    const p = rel(file, cwd);
    for (const f of checkArticle(article, { config: service.config, today: service.today, rules: verifyRules, verification: lookup })) add(locate(article, f, p));
  }
  const s: Summary = { files: articles.length, counts };
  const last = summaryLine(s);
  const pieces = reportPieces(format, located, s, last, { rules: verifyRules, version, srcRoot: toUri(cwd) });
  const unique = new Set(wanted.map((w) => w.key)).size;
  const what = `${unique} source${unique === 1 ? '' : 's'}: ${summary.checked} checked (${summary.requests} request${summary.requests === 1 ? '' : 's'}), ${summary.cached} from ${rel(reportFile, cwd)}${
    summary.missing ? `, ${summary.missing} not verified${offline ? ' (offline)' : summary.cancelled ? ' (cancelled)' : ''}` : ''
  }.`;
  const outFile = opts.get('output');
  if (!(await sendReport(pieces, typeof outFile === 'string' ? outFile : undefined, last, cwd, io))) return 2;
  io.err(visible(what));
  if (summary.cancelled) return 130;
  return counts.error > 0 ? 1 : 0;
}
