/**
 * `kart mv OLD NEW`: moves or renames an article (or a folder of them) inside the workspace, rewriting every relative
 * link to it in the convention each was written in, its own links, and its category when it changes category folder.
 * Nothing outside the workspace root is written, and nothing is written when the move cannot be made.
 */
import { existsSync, promises as fs } from 'fs';
import { configProblemLines } from './configProblems';
import * as path from 'path';
import { applyEdits } from '../core/edits';
import { neverCancelled } from '../core/types';
import { getMoveEdits } from '../features/fileMoves';
import type { FeatureContext } from '../features/types';
import { parseArticle } from '../model/article';
import { FsWorkspace, toPath, toUri } from '../node/fsWorkspace';
import { ArticleService } from '../service';
import { UsageError } from './args';
import { replaceFiles } from '../node/safeReplace';
import { visible } from './escape';
import { findRoot } from './files';
import { readTextSync } from '../node/safeRead';


interface MoveArgs {
  positional: string[];
  flags: Map<string, string | true>;
}

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

function inside(root: string, p: string): boolean {
  const r = path.relative(root, p);
  return r !== '' && !r.startsWith('..') && !path.isAbsolute(r);
}

/** The real path of a file, or of its nearest existing folder with the rest appended (for a target not made yet). */
async function realish(p: string): Promise<string> {
  try {
    return await fs.realpath(p);
  } catch {
    const up = path.dirname(p);
    return up === p ? p : path.join(await realish(up), path.basename(p));
  }
}

export async function move(args: MoveArgs, io: Io, cwd: string): Promise<number> {
  const [oldArg, newArg, ...extra] = args.positional;
  if (!oldArg || !newArg || extra.length) {
    throw new UsageError('kart mv needs two paths, the article (or folder) and where it goes', 'mv');
  }
  const root = await fs.realpath(await findRoot(cwd));
  const from = await realish(path.resolve(cwd, oldArg));
  let to = await realish(path.resolve(cwd, newArg));
  if (!existsSync(from)) {
    io.err(visible(`kart: ${oldArg}: no such file or folder`));
    return 1;
  }
  const fromIsDir = (await fs.stat(from)).isDirectory();
  // As mv does: into an existing folder, under the same name.
  if (existsSync(to) && (await fs.stat(to)).isDirectory()) to = path.join(to, path.basename(from));
  for (const [p, name] of [
    [from, oldArg],
    [to, newArg],
  ] as const) {
    if (!inside(root, p)) {
      io.err(visible(`kart: ${name} is outside the workspace ${root}; nothing moved`));
      return 1;
    }
  }
  if (existsSync(to)) {
    io.err(visible(`kart: ${path.relative(cwd, to) || to} already exists; nothing moved`));
    return 1;
  }
  if (fromIsDir && inside(from, to)) {
    io.err(`kart: cannot move a folder into itself; nothing moved`);
    return 1;
  }

  const configFile = args.flags.get('config');
  const service = new ArticleService({ workspace: new FsWorkspace([root]), configFile: typeof configFile === 'string' ? toUri(path.resolve(cwd, configFile)) : undefined });
  await service.loadConfig();
  for (const line of await configProblemLines(service.config.problems, cwd)) io.err(visible(line));
  await service.indexWorkspace();
  const texts = new Map<string, string>();
  const ctx: FeatureContext = {
    config: service.config,
    schema: service.config.schema,
    index: service.index,
    today: service.today,
    articleAt: (uri) => {
      let text = texts.get(uri);
      if (text === undefined) {
        const r = readTextSync(toPath(uri), { maxBytes: service.config.maxFileBytes });
        if (!r.ok) return undefined;
        text = r.text;
        texts.set(uri, text);
      }
      return parseArticle(uri, text, 0);
    },
  };
  const plan = getMoveEdits(ctx, [{ oldUri: toUri(from), newUri: toUri(to) }], neverCancelled);

  // Every file written must be inside the root, symbolic links followed: refuse the whole move otherwise.
  const writes: { file: string; text: string; before: string; edits: number }[] = [];
  for (const [uri, edits] of Object.entries(plan.edits)) {
    const file = toPath(uri);
    const before = texts.get(uri);
    if (before === undefined) continue;
    const real = await realish(file);
    if (!inside(root, real)) {
      io.err(visible(`kart: ${path.relative(cwd, file)} leads outside the workspace (${real}); nothing moved`));
      return 1;
    }
    writes.push({ file: real, text: applyEdits(before, edits), before, edits: edits.length });
  }
  const shown = (p: string) => path.relative(cwd, p).split(path.sep).join('/') || p;
  for (const w of writes) io.out(visible(`${shown(w.file)}: ${w.edits} edit${w.edits === 1 ? '' : 's'}`));
  const summary = `${shown(from)} → ${shown(to)}: ${plan.links} link${plan.links === 1 ? '' : 's'} rewritten${plan.categories ? `, category updated in ${plan.categories} article${plan.categories === 1 ? '' : 's'}` : ''}`;
  if (args.flags.has('dry-run')) {
    io.out(visible(`Would move ${summary} (dry run: nothing written).`));
    return 0;
  }
  // Every link rewritten or none: a file that cannot be written stops the move before any is.
  const outcomes = await replaceFiles(
    writes.map((w) => ({ file: w.file, text: w.text, expected: Buffer.from(w.before, 'utf8') })),
    { within: [root], doing: 'moving', allOrNothing: true },
  );
  let failed = 0;
  for (const o of outcomes) {
    if (o.written) continue;
    io.err(visible(`kart: ${shown(o.file)}: not written: ${o.message}`));
    failed++;
  }
  if (failed) {
    io.err('kart: some links were not rewritten; the file was not moved');
    return 1;
  }
  await fs.mkdir(path.dirname(to), { recursive: true });
  await fs.rename(from, to);
  io.out(visible(`Moved ${summary}.`));
  return 0;
}
