/**
 * The options of every `kart` command in one table: the parser reads it strictly (an unknown option, a value left
 * out or a value given to a switch is bad usage, exit 2), and `kart <command> --help` and the README's synopsis are
 * written from it, so that what the help says and what the parser accepts cannot drift apart.
 */
import { parseArgs } from 'util';
import { closest } from '../core/text';

export class UsageError extends Error {
  constructor(
    message: string,
    /** The command whose help follows the message; the general help when undefined. */
    readonly command?: string,
  ) {
    super(message);
  }
}

export interface OptionSpec {
  /** A switch, or an option that takes a value. */
  kind: 'boolean' | 'string';
  short?: string;
  /** The value's name in the synopsis: FILE, N, or the choices. */
  value?: string;
  choices?: readonly string[];
  /** A whole number at least this. */
  min?: number;
  /** A number above 0, fractions allowed. */
  positive?: boolean;
  help: string;
  /** Left out of the synopsis (still in --help). */
  hidden?: boolean;
}

export interface CommandSpec {
  /** What follows the command's name: its paths or arguments. */
  args: string;
  /** One line for the general help. */
  summary: string;
  /** The rest of its help, after the synopsis. */
  about?: string;
  options: Record<string, OptionSpec>;
}

const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
const SEVERITIES = ['error', 'warning', 'info', 'hint'] as const;

const stdin: OptionSpec = { kind: 'boolean', help: 'read the article from standard input (no paths then)' };
const stdinFilename: OptionSpec = { kind: 'string', value: 'PATH', help: 'the path the text on stdin is checked as: its folder, id and category (default: <stdin>)' };
const noIgnore: OptionSpec = { kind: 'boolean', help: 'also the files .gitignore leaves out' };
const help: OptionSpec = { kind: 'boolean', short: 'h', help: 'this help', hidden: true };
const today: OptionSpec = { kind: 'string', value: 'YYYY-MM-DD', help: 'the date the date rules take as today (default: the local date)', hidden: true };
const config: OptionSpec = { kind: 'string', value: 'FILE', help: "the configuration for every file, instead of each file's nearest kart.config.json" };

export const COMMANDS: Record<string, CommandSpec> = {
  check: {
    args: '[paths...]',
    summary: 'reports every problem as path:line:col severity rule message, then a summary.',
    about: `Paths are files, folders or quoted globs ('content/**/*.md'); they default to the current folder. What .gitignore
leaves out (nested .gitignore files too) is skipped, even a path named, as ESLint skips an ignored file it is given:
kart says so on stderr, and --no-ignore checks it.
Exit 0: no error-level problem (and no more warnings than --max-warnings); 1: otherwise; 2: bad usage or a broken
configuration (each problem as file:line:col error config-invalid message; nothing is checked).`,
    options: {
      format: { kind: 'string', value: FORMATS.join('|'), choices: FORMATS, help: 'how problems are printed (default: text)' },
      output: { kind: 'string', value: 'FILE', help: 'write the report to FILE; the summary goes to stderr' },
      quiet: { kind: 'boolean', short: 'q', help: 'report errors only (--min-severity error)' },
      'min-severity': { kind: 'string', value: SEVERITIES.join('|'), choices: SEVERITIES, help: 'report problems of this severity or above (default: hint; warning with --format github)' },
      'max-warnings': { kind: 'string', value: 'N', min: 0, help: 'exit 1 when more than N warnings are found (reported or not)' },
      stdin,
      'stdin-filename': stdinFilename,
      config,
      'no-ignore': noIgnore,
      cache: { kind: 'string', value: 'FOLDER', help: 'keep the results of unchanged files in FOLDER (default: your own cache folder, $XDG_CACHE_HOME/kart or ~/.cache/kart, never the repository)' },
      'no-cache': { kind: 'boolean', help: 'check every file afresh' },
      jobs: { kind: 'string', value: 'N', min: 1, help: 'up to N threads (the main thread and N-1 workers) for the files the cache does not know, each taking at least 50 (default: the cores; 1: the main thread alone)' },
      shard: { kind: 'string', value: 'i/n', help: 'check and report the i-th of n parts of the files (a CI matrix; see docs/ci.md)' },
      today,
      help,
    },
  },
  'merge-sarif': {
    args: '<a.sarif> <b.sarif>...',
    summary: 'writes the SARIF logs of the shards as one log.',
    options: { output: { kind: 'string', value: 'FILE', help: 'write the merged log to FILE' }, help },
  },
  fix: {
    args: '[paths...]',
    summary: 'applies the safe fixes in place, keeping line endings and BOM.',
    about: `Paths as for kart check. With --stdin the fixed text goes to stdout, whole, and nothing is written.
Never written: a file outside the workspace and the paths named (a symbolic link leading out of them), a file that
changed while kart was fixing it; without --force, a read-only file, another user's or a hard-linked one.
Exit 0: every file fixed or clean; 1: a file could not be read or written; 2: bad usage or a broken configuration.`,
    options: {
      unsafe: { kind: 'boolean', help: 'apply every fix, placeholders included' },
      'dry-run': { kind: 'boolean', help: 'print the fixes as a unified diff (the count on stderr); write nothing' },
      force: { kind: 'boolean', help: "also write a read-only file, another user's file (keeping its owner) and a hard-linked one (split)" },
      stdin,
      'stdin-filename': stdinFilename,
      config,
      'no-ignore': noIgnore,
      today,
      help,
    },
  },
  new: {
    args: '<slug>',
    summary: 'writes <slug>.md with every required field.',
    about: 'The slug may be a title in any script: "Über Straße café" is written as uber-strasse-cafe.md, 机器学习 as ji-qi-xue-xi.md.\nIts dates are the local date (--today to give another).',
    options: {
      title: { kind: 'string', value: 'TITLE', help: 'the title (default: from the slug)' },
      category: { kind: 'string', value: 'CATEGORY', help: "the category (default: the folder's name)" },
      dir: { kind: 'string', value: 'FOLDER', help: 'the folder to write in (default: the current folder)' },
      config,
      today,
      help,
    },
  },
  init: {
    args: '',
    summary: 'looks at the folder and writes kart.config.json with every default spelled out.',
    options: { force: { kind: 'boolean', help: 'overwrite an existing kart.config.json' }, help },
  },
  mv: {
    args: '<old> <new>',
    summary: 'moves or renames an article or a folder, rewriting the links to it and its category.',
    options: { 'dry-run': { kind: 'boolean', help: 'print what would change; write nothing' }, config, help },
  },
  verify: {
    args: '[paths...]',
    summary: 'checks that sources exist and are what the articles say (kart verify --help); results in kart-verification.json.',
    about: `Checks every source url and doi and every fact source_url and source_doi: the page answers (HEAD, then GET when
HEAD is refused; redirects followed), the DOI resolves and its registered title and year are the article's, the
arXiv id resolves and its title is the article's. 404/410 are dead; timeouts, 429 and 5xx are "could not verify".
At most --rate requests a second (5), --per-host at once to one host (2), robots.txt obeyed.

Results are kept with their time in the report (kart-verification.json at the workspace root, or verify.report in
kart.config.json, or --report FILE); a result younger than --max-age days (30) is not asked again, unless --force.
--offline asks nothing and reports from the report alone. AnchorFact's verification-report.json, when present at
the root, is read for what the report lacks (--no-anchorfact: not). Exit 0: no error-level problem; 1: one; 2: bad usage.`,
    options: {
      format: { kind: 'string', value: FORMATS.join('|'), choices: FORMATS, help: 'how problems are printed (default: text)' },
      output: { kind: 'string', value: 'FILE', help: 'write the report of problems to FILE' },
      report: { kind: 'string', value: 'FILE', help: 'where results are kept (default: kart-verification.json at the workspace root)' },
      force: { kind: 'boolean', help: 'ask again even for results younger than --max-age' },
      offline: { kind: 'boolean', help: 'ask nothing; report from the report alone' },
      'max-age': { kind: 'string', value: 'DAYS', positive: true, help: 'results younger than this are not asked again (30)' },
      'doi-endpoint': { kind: 'string', value: 'URL', help: 'the DOI resolver (https://doi.org)' },
      'arxiv-endpoint': { kind: 'string', value: 'URL', help: 'the arXiv API (https://export.arxiv.org)' },
      rate: { kind: 'string', value: 'N', positive: true, help: 'requests a second at most (5)' },
      'per-host': { kind: 'string', value: 'N', min: 1, help: 'requests to one host at once (2)' },
      timeout: { kind: 'string', value: 'MS', min: 1, help: 'milliseconds before a request is given up (8000)' },
      retries: { kind: 'string', value: 'N', min: 0, help: 'retries after a timeout, 429 or 5xx (2)' },
      'no-anchorfact': { kind: 'boolean', help: "do not read AnchorFact's verification-report.json" },
      config,
      'no-ignore': noIgnore,
      today,
      help,
    },
  },
};

export interface Args {
  command: string;
  positional: string[];
  /** The options given, by their long name: a value, or true for a switch. */
  flags: Map<string, string | true>;
}

const GLOBAL: Record<string, OptionSpec> = { help, version: { kind: 'boolean', short: 'v', help: 'the version' } };

function optionList(options: Record<string, OptionSpec>): string[] {
  return Object.keys(options).flatMap((n) => ['--' + n, ...(options[n].short ? ['-' + options[n].short!] : [])]);
}

function unknown(raw: string, command: string | undefined, options: Record<string, OptionSpec>): UsageError {
  const where = command ? ` for kart ${command}` : '';
  const long = raw.startsWith('--');
  const guess = long ? closest(raw, optionList(options).filter((o) => o.startsWith('--'))) : undefined;
  if (guess) return new UsageError(`unknown option ${raw}${where} (did you mean ${guess}?)`, command);
  // An option another command has: say which.
  const owners = Object.entries(COMMANDS).filter(([name, c]) => name !== command && optionList(c.options).includes(raw));
  if (command === 'check' && raw === '--fix') return new UsageError(`unknown option --fix for kart check (kart fix applies the fixes)`, command);
  if (owners.length) return new UsageError(`unknown option ${raw}${where} (it is an option of ${owners.map(([n]) => `kart ${n}`).join(', ')})`, command);
  return new UsageError(`unknown option ${raw}${where}`, command);
}

function checkValue(name: string, spec: OptionSpec, value: string, command: string | undefined): void {
  if (spec.choices && !spec.choices.includes(value)) {
    const guess = closest(value, spec.choices);
    throw new UsageError(`--${name} ${JSON.stringify(value)} is not one of ${spec.choices.join(', ')}${guess ? ` (did you mean ${guess}?)` : ''}`, command);
  }
  if (spec.min !== undefined) {
    const n = /^\s*$/.test(value) ? NaN : Number(value);
    if (!Number.isFinite(n) || n < spec.min || !Number.isInteger(n)) throw new UsageError(`--${name} needs a whole number of at least ${spec.min}, not ${JSON.stringify(value)}`, command);
  }
  if (spec.positive) {
    const n = /^\s*$/.test(value) ? NaN : Number(value);
    if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--${name} needs a number above 0, not ${JSON.stringify(value)}`, command);
  }
}

/** Reads argv strictly against the table of its command, the first argument (`kart --help`, `kart -v` have none). */
export function parseCommandLine(argv: string[]): Args {
  const command = argv.length && !argv[0].startsWith('-') ? argv[0] : undefined;
  if (command === 'help') return { command, positional: argv.slice(1), flags: new Map() };
  const spec = command !== undefined ? COMMANDS[command] : undefined;
  if (command !== undefined && !spec) {
    const guess = closest(command, Object.keys(COMMANDS));
    throw new UsageError(`unknown command "${command}"${guess ? ` (did you mean ${guess}?)` : ''}`);
  }
  const options = spec ? spec.options : GLOBAL;
  const rest = command !== undefined ? argv.slice(1) : argv;
  const parsed = parseArgs({
    args: rest,
    options: Object.fromEntries(Object.entries(options).map(([n, o]) => [n, { type: o.kind, ...(o.short ? { short: o.short } : {}) }])),
    allowPositionals: true,
    strict: false,
    tokens: true,
  });
  const flags = new Map<string, string | true>();
  const positional: string[] = [];
  for (const t of parsed.tokens ?? []) {
    if (t.kind === 'positional') positional.push(t.value);
    if (t.kind !== 'option') continue;
    const o = options[t.name];
    if (!o) throw unknown(t.rawName, command, options);
    if (o.kind === 'boolean') {
      if (t.inlineValue) throw new UsageError(`${t.rawName} takes no value`, command);
      flags.set(t.name, true);
      continue;
    }
    // `--format --quiet`: an option where the value should be is a value forgotten, not a value.
    if (t.value === undefined || (!t.inlineValue && t.value.startsWith('-') && t.value !== '-' && !/^-\d/.test(t.value))) {
      throw new UsageError(`${t.rawName} needs a value (${o.value ?? 'VALUE'})`, command);
    }
    checkValue(t.name, o, t.value, command);
    flags.set(t.name, t.value);
  }
  return { command: command ?? '', positional, flags };
}

/** `kart check [paths...] [--format ...] ...`, wrapped under its first line. */
export function synopsis(name: string, width = 118): string {
  const spec = COMMANDS[name];
  const head = `kart ${name}${spec.args ? ' ' + spec.args : ''}`;
  const indent = ' '.repeat(`kart ${name} `.length);
  const parts = Object.entries(spec.options)
    .filter(([, o]) => !o.hidden)
    .map(([n, o]) => `[${o.short ? `-${o.short}|` : ''}--${n}${o.kind === 'string' ? ' ' + (o.value ?? 'VALUE') : ''}]`);
  const lines = [head];
  for (const p of parts) {
    if (lines[lines.length - 1].length + 1 + p.length > width) lines.push(indent + p);
    else lines[lines.length - 1] += ' ' + p;
  }
  return lines.join('\n');
}

/** Every command's synopsis, as the README shows it. */
export function allSynopses(): string {
  return [...Object.keys(COMMANDS).map((n) => synopsis(n)), 'kart --version | --help'].join('\n');
}

/** `kart <command> --help`. */
export function commandHelp(name: string, version: string): string {
  const spec = COMMANDS[name];
  const entries = Object.entries(spec.options).map(([n, o]) => [`${o.short ? `-${o.short}, ` : ''}--${n}${o.kind === 'string' ? ' ' + (o.value ?? 'VALUE') : ''}`, o.help] as const);
  const w = Math.min(34, Math.max(...entries.map(([l]) => l.length)));
  const rows = entries.map(([l, h]) => `  ${l.padEnd(w)}  ${h}`);
  return [`kart ${version}: kart ${name} ${spec.summary}`, '', 'Usage:', synopsis(name).replace(/^/gm, '  '), '', ...(spec.about ? [spec.about, ''] : []), 'Options:', ...rows].join('\n');
}

/** `kart --help`. */
export function generalHelp(version: string): string {
  const names = Object.keys(COMMANDS);
  const w = Math.max(...names.map((n) => n.length));
  return [
    `kart ${version}: check knowledge articles`,
    '',
    'Usage:',
    allSynopses().replace(/^/gm, '  '),
    '',
    ...names.map((n) => `${n.padEnd(w)}  ${COMMANDS[n].summary}`),
    '',
    'kart <command> --help tells more. Paths default to the current folder. Each file is checked with the nearest kart.config.json\nin its folder or above (not above the repository root, the folder holding .git); --config FILE uses one file for all.',
  ].join('\n');
}
