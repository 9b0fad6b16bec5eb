import { promises as fs } from 'fs';
import * as path from 'path';
import { version } from '../../../package.json';
import type { Finding, Severity } from '../core/types';
import { parseArticle, type Article } from '../model/article';
import { newArticleText, slugify } from '../model/template';
import { FsWorkspace, toPath, toUri } from '../node/fsWorkspace';
import { encodeText, readText, type TextEncoding } from '../node/safeRead';
import { ArticleService } from '../service';
import { summarize } from '../workspaceIndex';
import { createTwoFilesPatch } from 'diff';
import { availableParallelism } from 'os';
import { engineVersion, userCacheDir } from './checkCache';
import { runCheck } from './checkRun';
import { mergeSarifFiles } from './mergeSarif';
import { inShard, parseShard } from './shard';
import { findRoot, listMarkdown, rel } from './files';
import { visible, visibleText } from './escape';
import { sendReport, writeOutput } from './output';
import { RefusedWrite } from '../node/safeWrite';
import { CONFIG_FILE } from '../config';
import { replaceFiles, writableTree } from '../node/safeReplace';
import { configProblemLines, configProblems } from './configProblems';
import { init } from './init';
import { move } from './move';
import { checkStdin, indexAround, readStdinText } from './stdin';
import { progressLine } from './progress';
import { verifyCommand } from './verify';
import { atLeast, reportPieces, summaryLine, type Located, type Summary } from './format';

import { COMMANDS, commandHelp, generalHelp, parseCommandLine, UsageError, type Args } from './args';

export interface MainOptions {
  /** The CLI's own script, run again as a worker thread to check many files on two cores; no workers without it. */
  workerScript?: string;
}


export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  /** Whether stderr is a terminal (progress is shown there). */
  isTTY: boolean;
  /** Standard input, whole (`--stdin`). */
  readStdin?: () => Promise<string>;
  /** Text to stdout as it is, no newline added (`kart fix --stdin`). */
  write?: (s: string) => void;
}

/** The service for a run: each file's nearest kart.config.json, or `configFile` (--config) for every file. */
export async function makeService(cwd: string, today: string | undefined, configFile?: string, notes?: string[]): Promise<{ service: ArticleService; root: string }> {
  const root = configFile ? path.resolve(cwd) : await findRoot(cwd, notes);
  const service = new ArticleService({ workspace: new FsWorkspace([root]), today: today ? () => today : undefined, configFile: configFile ? toUri(path.resolve(cwd, configFile)) : undefined });
  await service.loadConfig();
  return { service, root };
}

/** Reads the configuration of every listed file; its problems printed with their places. False when there are any. */
async function configsUsable(service: ArticleService, files: string[], io: Io, cwd: string): Promise<boolean> {
  await service.prepareConfigs(files.map(toUri));
  const problems = configProblems(service.configs.all());
  for (const line of await configProblemLines(problems, cwd)) io.err(visible(line));
  if (problems.length) io.err(`kart: the configuration has ${problems.length === 1 ? 'a problem' : `${problems.length} problems`}; nothing checked`);
  return problems.length === 0;
}

/** A file or folder kart could not read, reported at its first line: an error, or a warning for one skipped on purpose. */
function unreadable(file: string, message: string, cwd: string, severity: Severity = 'error'): Located {
  return { finding: { rule: 'file-unreadable', severity, message, range: { start: 0, end: 0 } }, path: rel(file, cwd), line: 1, column: 1, endLine: 1, endColumn: 1 };
}

/** The Markdown files under the paths named on the command line (resolved against cwd), or under cwd. */
const NOTHING_LISTED = { files: [], explicit: new Set<string>(), missing: [], ignored: [] };

export async function listArgs(args: Args, io: Io, cwd: string) {
  const listed = await listMarkdown(args.positional.length ? args.positional : ['.'], { cwd, gitignore: !args.flags.has('no-ignore') });
  for (const p of listed.ignored) io.err(`kart: ${rel(p, cwd)} is left out by .gitignore; not checked (--no-ignore checks it)`);
  return listed;
}

async function check(args: Args, io: Io, cwd: string, options: MainOptions = {}): Promise<number> {
  const format = (args.flags.get('format') as string | undefined) ?? 'text';
  const notes: string[] = [];
  const { service, root } = await makeService(cwd, args.flags.get('today') as string | undefined, args.flags.get('config') as string | undefined, notes);
  for (const n of notes) io.err(visible(`kart: ${n}`));
  const stdin = await readStdinText(args, io, cwd);
  const listed = stdin ? NOTHING_LISTED : await listArgs(args, io, cwd);
  // A configuration that does not apply as written must not pass CI: nothing is checked, exit 2.
  if (!(await configsUsable(service, stdin ? [toPath(stdin.uri)] : listed.files, io, cwd))) return 2;
  const located: Located[] = [];
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  const add = (l: Located) => {
    located.push(l);
    counts[l.finding.severity]++;
  };
  for (const m of listed.missing) add(unreadable(m.path, `${m.message}.`, cwd));
  const files = listed.files.filter((file) => listed.explicit.has(file) || service.isIncluded(toUri(file)));
  const shardFlag = args.flags.get('shard');
  const shard = typeof shardFlag === 'string' ? parseShard(shardFlag) : undefined;
  if (shard && 'error' in shard) throw new UsageError(shard.error, 'check');
  const noCache = args.flags.has('no-cache');
  const cacheFlag = args.flags.get('cache');
  const jobsFlag = Number(args.flags.get('jobs') ?? availableParallelism());
  const stats = { workers: 0 };
  const progress = progressLine(io);
  const outcomes = await runCheck({
    service,
    cwd,
    today: args.flags.get('today') as string | undefined,
    files,
    cacheDir: noCache ? undefined : typeof cacheFlag === 'string' ? path.resolve(cwd, cacheFlag) : userCacheDir(root),
    engine: engineVersion(version),
    workerScript: options.workerScript,
    configFile: args.flags.get('config') as string | undefined,
    jobs: Number.isFinite(jobsFlag) && jobsFlag > 0 ? jobsFlag : 1,
    checks: shard ? inShard(shard, cwd) : undefined,
    stats,
    onProgress: (done, total) => progress.update(`kart check: ${done}/${total} files`),
  });
  progress.clear();
  // For tests and the curious: how many worker threads --jobs started.
  if (process.env.KART_DEBUG_WORKERS) io.err(`kart: ${stats.workers} worker thread${stats.workers === 1 ? '' : 's'}`);
  for (const o of outcomes) {
    // A FIFO, socket or device is skipped (a warning); a file over the size cap, or one that fails, is not checked (an error).
    if (o.unreadable !== undefined) add(unreadable(o.file, o.unreadable.message, cwd, o.unreadable.kind === 'special' ? 'warning' : 'error'));
  }
  let checked = 0;
  if (stdin) {
    const r = await checkStdin(service, stdin, root);
    r.located.forEach(add);
    checked = r.checked;
  }
  for (const o of outcomes) {
    if (o.unreadable !== undefined) continue;
    if (o.checkable) checked++;
    const p = rel(o.file, cwd);
    for (const f of o.findings) add({ ...f, path: p });
  }
  const summary: Summary = { files: checked, counts };
  const min = minSeverity(args, format);
  const shown = located.filter((l) => atLeast(l.finding.severity, min));
  const outFile = args.flags.get('output');
  const last = summaryLine(summary, min);
  const pieces = reportPieces(format, shown, summary, last, { rules: service.rules, version, srcRoot: toUri(cwd) });
  if (!(await sendReport(pieces, typeof outFile === 'string' ? outFile : undefined, last, cwd, io))) return 2;
  return exitCode(args, io, counts);
}

/** 1 when errors were found or more warnings than --max-warnings allows (which is then said), else 0. */
function exitCode(args: Args, io: Io, counts: Record<Severity, number>): number {
  const maxWarnings = args.flags.has('max-warnings') ? Number(args.flags.get('max-warnings')) : Infinity;
  if (counts.warning > maxWarnings) io.err(`kart: ${counts.warning} warning${counts.warning === 1 ? '' : 's'}, more than --max-warnings ${maxWarnings}`);
  return counts.error > 0 || counts.warning > maxWarnings ? 1 : 0;
}

/**
 * What is printed: --min-severity, or errors alone with --quiet; by default everything, but in GitHub annotations
 * (GitHub shows 10 of each kind a step and 50 a job) warnings and errors only.
 */
function minSeverity(args: Args, format: string): Severity {
  const given = args.flags.get('min-severity') as Severity | undefined;
  if (args.flags.has('quiet') && given && given !== 'error') throw new UsageError(`--quiet reports errors only; it cannot go with --min-severity ${given}`, 'check');
  if (args.flags.has('quiet')) return 'error';
  return given ?? (format === 'github' ? 'warning' : 'hint');
}

async function fix(args: Args, io: Io, cwd: string): Promise<number> {
  const notes: string[] = [];
  const { service, root } = await makeService(cwd, args.flags.get('today') as string | undefined, args.flags.get('config') as string | undefined, notes);
  for (const n of notes) io.err(visible(`kart: ${n}`));
  const stdin = await readStdinText(args, io, cwd);
  if (stdin) {
    if (!(await configsUsable(service, [toPath(stdin.uri)], io, cwd))) return 2;
    // The fixed text on stdout, whole and as it is (no newline added); nothing is written.
    await indexAround(service, stdin, root);
    const { text, applied } = service.fixText(stdin.uri, stdin.text, { unsafe: args.flags.has('unsafe') });
    if (args.flags.has('dry-run')) {
      if (text !== stdin.text) io.out(visibleText(createTwoFilesPatch(`a/${stdin.display}`, `b/${stdin.display}`, stdin.text, text, undefined, undefined, { context: 3 }).replace(/^=+\n/, '').trimEnd()));
    } else (io.write ?? io.out)(text);
    io.err(visible(`Fixed ${applied} problem${applied === 1 ? '' : 's'} in ${stdin.display} (written to stdout).`));
    return 0;
  }
  const listed = await listArgs(args, io, cwd);
  if (!(await configsUsable(service, listed.files, io, cwd))) return 2;
  let failed = listed.missing.length;
  for (const m of listed.missing) io.err(visible(`kart: ${rel(m.path, cwd)}: ${m.message}`));
  const sources: { file: string; uri: string; buf: Buffer; text: string; encoding: TextEncoding }[] = [];
  for (const file of listed.files) {
    const uri = toUri(file);
    if (!listed.explicit.has(file) && !service.isIncluded(uri)) continue;
    // Regular files within the size cap only; UTF-16 is decoded, and written back as UTF-16.
    const r = await readText(file, { maxBytes: service.config.maxFileBytes });
    if (!r.ok) {
      io.err(visible(`kart: ${rel(file, cwd)}: ${r.message}`));
      // A FIFO or device is passed over on purpose; a file too large or failing to read is not fixed.
      if (r.kind !== 'special') failed++;
      continue;
    }
    sources.push({ file, uri, buf: r.bytes, text: r.text, encoding: r.encoding });
    const article = parseArticle(uri, r.text, 0, { frontmatterOnly: true });
    if (article.isArticle) service.index.set(summarize(article));
  }
  let files = 0;
  let total = 0;
  const dryRun = args.flags.has('dry-run');
  const planned: { s: (typeof sources)[number]; applied: number; text: string }[] = [];
  const seen = new Set<string>();
  for (const s of sources) {
    // Text that does not survive a round trip through its encoding (binary, invalid bytes) is never rewritten.
    if (!encodeText(s.text, s.encoding).equals(s.buf)) continue;
    // A link and the file it leads to, both listed: fixed once.
    const real = await fs.realpath(s.file).catch(() => s.file);
    if (seen.has(real)) continue;
    seen.add(real);
    const { text, applied } = service.fixText(s.uri, s.text, { unsafe: args.flags.has('unsafe') });
    if (applied === 0 || text === s.text) continue;
    if (dryRun) {
      const name = rel(s.file, cwd);
      io.out(visibleText(createTwoFilesPatch(`a/${name}`, `b/${name}`, s.text, text, undefined, undefined, { context: 3 }).replace(/^=+\n/, '').trimEnd()));
      files++;
      total += applied;
      continue;
    }
    planned.push({ s, applied, text });
  }
  const outcomes = await replaceFiles(
    planned.map((p) => ({ file: p.s.file, text: encodeText(p.text, p.s.encoding), expected: p.s.buf })),
    { within: await writableTree(root, args.positional.map((p) => path.resolve(cwd, p))), force: args.flags.has('force'), forceHint: 'kart fix --force writes it', doing: 'fixing' },
  );
  outcomes.forEach((o, i) => {
    const { s, applied } = planned[i];
    if (o.written) {
      files++;
      total += applied;
      io.out(visible(`${rel(s.file, cwd)}: ${applied} fix${applied === 1 ? '' : 'es'}`));
    } else {
      io.err(visible(`kart: ${rel(s.file, cwd)}: not written: ${o.message}`));
      failed++;
    }
  });
  const counted = `${total} problem${total === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}`;
  // With --dry-run stdout is the diff alone (for `git apply` or review); the count goes to stderr.
  if (dryRun) io.err(`Would fix ${counted}; nothing written (--dry-run).`);
  else io.out(`Fixed ${counted}.`);
  return failed ? 1 : 0;
}

async function create(args: Args, io: Io, cwd: string): Promise<number> {
  const slugArg = args.positional[0];
  if (!slugArg) throw new UsageError('kart new needs a slug, e.g. kart new instruction-tuning', 'new');
  const slug = slugify(slugArg);
  if (!slug) throw new UsageError(`"${slugArg}" has no letters or digits to make a slug of`, 'new');
  const dir = path.resolve(cwd, (args.flags.get('dir') as string | undefined) ?? '.');
  const category = (args.flags.get('category') as string | undefined) ?? path.basename(dir);
  const title = (args.flags.get('title') as string | undefined) ?? slugArg.replace(/[-_]+/g, ' ').replace(/^\w/, (c) => c.toUpperCase());
  const { service } = await makeService(cwd, args.flags.get('today') as string | undefined, args.flags.get('config') as string | undefined);
  const file = path.join(dir, `${slug}.md`);
  await fs.mkdir(dir, { recursive: true });
  try {
    await fs.writeFile(file, newArticleText({ id: slug, title, category, today: service.today }), { flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') {
      io.err(`kart: ${rel(file, cwd)} already exists; nothing written`);
      return 1;
    }
    throw e;
  }
  io.out(`Created ${rel(file, cwd)}`);
  return 0;
}

async function initCommand(args: Args, io: Io, cwd: string): Promise<number> {
  let result;
  try {
    result = await init(cwd, args.flags.has('force'));
  } catch (e) {
    if (!(e instanceof RefusedWrite)) throw e;
    io.err(visible(`kart: ${CONFIG_FILE}: not written: ${e.message}`));
    return 1;
  }
  for (const line of result.lines) io.out(visible(line));
  if (!result.written) {
    io.err(`kart: ${rel(result.file, cwd)} already exists; use --force to overwrite it`);
    return 1;
  }
  io.out(`Wrote ${rel(result.file, cwd)}`);
  return 0;
}

async function mergeSarif(args: Args, io: Io, cwd: string): Promise<number> {
  if (args.positional.length === 0) throw new UsageError('kart merge-sarif needs the SARIF files to merge', 'merge-sarif');
  const merged = await mergeSarifFiles(args.positional, cwd);
  const outFile = args.flags.get('output');
  if (typeof outFile === 'string') return (await writeOutput(outFile, merged, cwd, io)) ? 0 : 2;
  io.out(merged);
  return 0;
}

export const commands: Record<string, (args: Args, io: Io, cwd: string, options?: MainOptions) => Promise<number>> = { check, fix, new: create, init: initCommand, 'merge-sarif': mergeSarif, mv: move };

export async function main(argv: string[], io: Io, cwd = process.cwd(), options: MainOptions = {}): Promise<number> {
  try {
    const args = parseCommandLine(argv);
    if (args.flags.has('version')) {
      io.out(version);
      return 0;
    }
    if (args.command === 'help' && args.positional[0] && COMMANDS[args.positional[0]]) {
      io.out(commandHelp(args.positional[0], version));
      return 0;
    }
    if (args.command === 'help' || (args.command === '' && args.flags.has('help'))) {
      io.out(generalHelp(version));
      return 0;
    }
    if (args.flags.has('help')) {
      io.out(commandHelp(args.command, version));
      return 0;
    }
    if (args.command === 'verify') return await verifyCommand(args, io, cwd);
    const run = commands[args.command];
    if (!run) throw new UsageError('no command given');
    return await run(args, io, cwd, options);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`kart: ${e.message}\n\n${e.command ? commandHelp(e.command, version) : generalHelp(version)}`);
      return 2;
    }
    io.err(`kart: ${(e as Error).stack ?? e}`);
    return 2;
  }
}
