import { promises as fs } from 'fs';
import * as path from 'path';
import { version } from '../../../package.json';
import type { Finding, Severity } from '../core/types';
import { parseArticle, type Article } from '../model/article';
import { newArticleText, slugify } from '../model/template';
import { FsWorkspace, toPath, toUri } from '../node/fsWorkspace';
import { ArticleService } from '../service';
import { summarize } from '../workspaceIndex';
import { existsSync } from 'fs';
import { availableParallelism } from 'os';
import { engineVersion, runCheck } from './checkRun';
import { mergeSarifFiles } from './mergeSarif';
import { inShard, parseShard } from './shard';
import { findRoot, listMarkdown } from './files';
import { init } from './init';
import { move, MOVE_HELP, MOVE_USAGE } from './move';
import { VERIFY_USAGE, verifyCommand } from './verify';
import { formatGithub, formatJson, formatSarif, formatText, locate, summaryLine, type Located, type Summary } from './format';

const USAGE = `kart ${version}: check knowledge articles

Usage:
  kart check [paths...] [--format text|json|sarif|github] [--output FILE] [--shard i/n]
  kart merge-sarif <a.sarif> <b.sarif>... [--output FILE]
  kart fix [paths...] [--unsafe]
  kart new <slug> [--title TITLE] [--category CATEGORY] [--dir FOLDER]
  kart init [--force]
${MOVE_USAGE}
${VERIFY_USAGE}
  kart --version | --help

check   reports every problem as path:line:col severity rule message, then a summary.
        Exit 0: no error-level problem; 1: an error-level problem; 2: bad usage.
        Results of unchanged files are cached in node_modules/.cache/kart (when node_modules exists) or in
        --cache FOLDER; --no-cache checks everything afresh. --jobs N: threads for many files (default: cores).
        --shard i/n: checks and reports the i-th of n parts of the files (for a CI matrix; see docs/ci.md).
merge-sarif  writes the SARIF logs of the shards as one log.
fix     applies the safe fixes in place (--unsafe: every fix), keeping line endings and BOM.
new     writes <slug>.md with every required field.
${MOVE_HELP}
init    looks at the folder and writes kart.config.json with every default spelled out.
verify  checks that sources exist and are what the articles say (kart verify --help); results in kart-verification.json.
Paths default to the current folder; kart.config.json in it or above configures the checks.`;

class UsageError extends Error {}

interface Args {
  command: string;
  positional: string[];
  flags: Map<string, string | true>;
}

const VALUE_FLAGS = new Set(['format', 'output', 'title', 'category', 'dir', 'today', 'cache', 'jobs', 'shard']);

function parseArgs(argv: string[]): Args {
  const flags = new Map<string, string | true>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
      if (VALUE_FLAGS.has(name)) {
        const value = eq > 0 ? a.slice(eq + 1) : argv[++i];
        if (value === undefined) throw new UsageError(`--${name} needs a value`);
        flags.set(name, value);
      } else flags.set(name, true);
    } else if (a === '-h') flags.set('help', true);
    else if (a === '-v') flags.set('version', true);
    else positional.push(a);
  }
  return { command: positional.shift() ?? '', positional, flags };
}

export interface MainOptions {
  /** The CLI's own script, run again as a worker thread to check many files on two cores; no workers without it. */
  workerScript?: string;
}

/** Results of unchanged files are kept where build tools keep theirs, when the folder has a node_modules. */
function defaultCacheDir(root: string): string | undefined {
  const modules = path.join(root, 'node_modules');
  return existsSync(modules) ? path.join(modules, '.cache', 'kart') : undefined;
}

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  isTTY: boolean;
}

export async function makeService(cwd: string, today: string | undefined): Promise<{ service: ArticleService; root: string }> {
  const root = await findRoot(cwd);
  const service = new ArticleService({ workspace: new FsWorkspace([root]), today: today ? () => today : undefined });
  await service.loadConfig();
  return { service, root };
}

function rel(p: string, cwd: string): string {
  const r = path.relative(cwd, p);
  return (r === '' ? path.basename(p) : r).split(path.sep).join('/');
}

/** A file or folder kart could not read, reported as an error at its first line. */
function unreadable(file: string, message: string, cwd: string): Located {
  return { finding: { uri: toUri(file), rule: 'file-unreadable', severity: 'error', message, range: { start: 0, end: 0 } }, path: rel(file, cwd), line: 1, column: 1, endLine: 1, endColumn: 1 };
}

/** The Markdown files under the paths named on the command line (resolved against cwd), or under cwd. */
function listArgs(args: Args, cwd: string) {
  return listMarkdown(args.positional.length ? args.positional.map((p) => path.resolve(cwd, p)) : [cwd]);
}

async function check(args: Args, io: Io, cwd: string, options: MainOptions = {}): Promise<number> {
  const format = (args.flags.get('format') as string | undefined) ?? 'text';
  if (!['text', 'json', 'sarif', 'github'].includes(format)) throw new UsageError(`unknown format "${format}" (text, json, sarif or github)`);
  const { service, root } = await makeService(cwd, args.flags.get('today') as string | undefined);
  const listed = await listArgs(args, cwd);
  const located: Located[] = [];
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  const add = (l: Located) => {
    located.push(l);
    counts[l.finding.severity]++;
  };
  for (const p of service.config.problems) io.err(`kart: ${p.message}`);
  for (const m of listed.missing) add(unreadable(m.path, `${m.message}.`, cwd));
  const files = listed.files.filter((file) => listed.explicit.has(file) || service.isIncluded(toUri(file)));
  const shardFlag = args.flags.get('shard');
  const shard = typeof shardFlag === 'string' ? parseShard(shardFlag) : undefined;
  if (shard && 'error' in shard) throw new UsageError(shard.error);
  const noCache = args.flags.has('no-cache');
  const cacheFlag = args.flags.get('cache');
  const jobsFlag = Number(args.flags.get('jobs') ?? availableParallelism());
  const outcomes = await runCheck({
    service,
    cwd,
    today: args.flags.get('today') as string | undefined,
    files,
    cacheDir: noCache ? undefined : typeof cacheFlag === 'string' ? path.resolve(cwd, cacheFlag) : defaultCacheDir(root),
    engine: engineVersion(version),
    workerScript: options.workerScript,
    jobs: Number.isFinite(jobsFlag) && jobsFlag > 0 ? jobsFlag : 1,
    checks: shard ? inShard(shard, cwd) : undefined,
  });
  for (const o of outcomes) {
    if (o.unreadable !== undefined) add(unreadable(o.file, `The file cannot be read (${o.unreadable}).`, cwd));
  }
  let checked = 0;
  for (const o of outcomes) {
    if (o.unreadable !== undefined) continue;
    if (o.checkable) checked++;
    const p = rel(o.file, cwd);
    for (const f of o.findings) add({ ...f, path: p });
  }
  const summary: Summary = { files: checked, counts };
  let output: string;
  if (format === 'json') output = formatJson(located, summary);
  else if (format === 'sarif') output = formatSarif(located, service.rules, version, toUri(cwd));
  else if (format === 'github') output = [formatGithub(located), summaryLine(summary)].filter(Boolean).join('\n');
  else output = [formatText(located), summaryLine(summary)].filter(Boolean).join('\n');
  const outFile = args.flags.get('output');
  if (typeof outFile === 'string') {
    await fs.writeFile(path.resolve(cwd, outFile), output + '\n');
    io.err(summaryLine(summary));
  } else io.out(output);
  return counts.error > 0 ? 1 : 0;
}

/** Writes through a temporary file and a rename; refuses when the file changed since it was read. */
export async function writeAtomically(file: string, text: string, expected: Buffer): Promise<void> {
  // Through a symbolic link, the file it points to is replaced: the link stays a link.
  const target = await fs.realpath(file);
  const stat = await fs.stat(target);
  const now = await fs.readFile(target);
  if (!now.equals(expected)) throw new Error('the file changed while kart was fixing it; run kart fix again');
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.kart-${process.pid}.tmp`);
  try {
    await fs.writeFile(tmp, text, { mode: stat.mode & 0o7777, flag: 'wx' });
    await fs.chmod(tmp, stat.mode & 0o7777);
    // Keep the owner when allowed to (root fixing another user's file); otherwise the file is ours anyway.
    await fs.chown(tmp, stat.uid, stat.gid).catch(() => undefined);
    await fs.rename(tmp, target);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  }
}

async function fix(args: Args, io: Io, cwd: string): Promise<number> {
  const { service } = await makeService(cwd, args.flags.get('today') as string | undefined);
  const listed = await listArgs(args, cwd);
  let failed = listed.missing.length;
  for (const m of listed.missing) io.err(`kart: ${rel(m.path, cwd)}: ${m.message}`);
  const sources: { file: string; uri: string; buf: Buffer; text: string }[] = [];
  for (const file of listed.files) {
    const uri = toUri(file);
    if (!listed.explicit.has(file) && !service.isIncluded(uri)) continue;
    try {
      const buf = await fs.readFile(file);
      const text = buf.toString('utf8');
      sources.push({ file, uri, buf, text });
      const article = parseArticle(uri, text, 0, { frontmatterOnly: true });
      if (article.isArticle) service.index.set(summarize(article));
    } catch (e) {
      io.err(`kart: ${rel(file, cwd)}: cannot be read (${(e as NodeJS.ErrnoException).code})`);
      failed++;
    }
  }
  let files = 0;
  let total = 0;
  for (const s of sources) {
    // Text that does not survive a round trip through UTF-8 (binary, invalid bytes) is never rewritten.
    if (!Buffer.from(s.text, 'utf8').equals(s.buf)) continue;
    const { text, applied } = service.fixText(s.uri, s.text, { unsafe: args.flags.has('unsafe') });
    if (applied === 0 || text === s.text) continue;
    try {
      await writeAtomically(s.file, text, s.buf);
      files++;
      total += applied;
      io.out(`${rel(s.file, cwd)}: ${applied} fix${applied === 1 ? '' : 'es'}`);
    } catch (e) {
      io.err(`kart: ${rel(s.file, cwd)}: not written: ${(e as Error).message}`);
      failed++;
    }
  }
  io.out(`Fixed ${total} problem${total === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}.`);
  return failed ? 1 : 0;
}

async function create(args: Args, io: Io, cwd: string): Promise<number> {
  const slugArg = args.positional[0];
  if (!slugArg) throw new UsageError('kart new needs a slug, e.g. kart new instruction-tuning');
  const slug = slugify(slugArg);
  if (!slug) throw new UsageError(`"${slugArg}" has no letters or digits to make a slug of`);
  const dir = path.resolve(cwd, (args.flags.get('dir') as string | undefined) ?? '.');
  const category = (args.flags.get('category') as string | undefined) ?? path.basename(dir);
  const title = (args.flags.get('title') as string | undefined) ?? slugArg.replace(/[-_]+/g, ' ').replace(/^\w/, (c) => c.toUpperCase());
  const { service } = await makeService(cwd, args.flags.get('today') as string | undefined);
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
  const result = await init(cwd, args.flags.has('force'));
  for (const line of result.lines) io.out(line);
  if (!result.written) {
    io.err(`kart: ${rel(result.file, cwd)} already exists; use --force to overwrite it`);
    return 1;
  }
  io.out(`Wrote ${rel(result.file, cwd)}`);
  return 0;
}

async function mergeSarif(args: Args, io: Io, cwd: string): Promise<number> {
  if (args.positional.length === 0) throw new UsageError('kart merge-sarif needs the SARIF files to merge');
  const merged = await mergeSarifFiles(args.positional, cwd);
  const outFile = args.flags.get('output');
  if (typeof outFile === 'string') await fs.writeFile(path.resolve(cwd, outFile), merged + '\n');
  else io.out(merged);
  return 0;
}

export const commands: Record<string, (args: Args, io: Io, cwd: string, options?: MainOptions) => Promise<number>> = { check, fix, new: create, init: initCommand, 'merge-sarif': mergeSarif, mv: move };

export async function main(argv: string[], io: Io, cwd = process.cwd(), options: MainOptions = {}): Promise<number> {
  try {
    // kart verify parses its own options (server/src/cli/verify.ts).
    if (argv[0] === 'verify') return await verifyCommand(argv.slice(1), io, cwd);
    const args = parseArgs(argv);
    if (args.flags.has('version')) {
      io.out(version);
      return 0;
    }
    if (args.flags.has('help') || args.command === 'help') {
      io.out(USAGE);
      return 0;
    }
    const run = commands[args.command];
    if (!run) throw new UsageError(args.command ? `unknown command "${args.command}"` : 'no command given');
    return await run(args, io, cwd, options);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`kart: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    io.err(`kart: ${(e as Error).stack ?? e}`);
    return 2;
  }
}
