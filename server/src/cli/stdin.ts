/**
 * `--stdin`: the article comes from standard input, checked (or fixed) as if it were the file `--stdin-filename`
 * names (its folder, id and category, as ESLint's --stdin-filename), the other files of the workspace indexed around
 * it so that the rules across files see it among them. Nothing is written: `kart fix --stdin` prints the fixed text.
 */
import * as path from 'path';
import { parseArticle } from '../model/article';
import { toUri } from '../node/fsWorkspace';
import type { ArticleService } from '../service';
import { summarize } from '../workspaceIndex';
import { UsageError, type Args } from './args';
import { listMarkdown, rel } from './files';
import { locate, type Located } from './format';
import { readText } from '../node/safeRead';

export interface StdinText {
  file: string;
  uri: string;
  /** The path printed in the report: the name given, or `<stdin>`. */
  display: string;
  text: string;
}

/** The text on standard input, when `--stdin` asks for it; undefined otherwise. */
export async function readStdinText(args: Args, io: { readStdin?: () => Promise<string> }, cwd: string): Promise<StdinText | undefined> {
  const name = args.flags.get('stdin-filename');
  if (!args.flags.has('stdin')) {
    if (name !== undefined) throw new UsageError('--stdin-filename names the text read with --stdin', args.command);
    return undefined;
  }
  if (args.positional.length) throw new UsageError('--stdin reads one article from standard input: give no paths (--stdin-filename names it)', args.command);
  if (!io.readStdin) throw new UsageError('there is no standard input to read', args.command);
  const file = path.resolve(cwd, typeof name === 'string' ? name : '<stdin>');
  return { file, uri: toUri(file), display: typeof name === 'string' ? rel(file, cwd) : '<stdin>', text: await io.readStdin() };
}

/** Indexes the workspace's articles (their frontmatter, as kart fix does), the text from stdin in the place of its file. */
export async function indexAround(service: ArticleService, s: StdinText, root: string): Promise<void> {
  const listed = await listMarkdown([root], { cwd: root });
  for (const file of listed.files) {
    if (file === s.file || !service.isIncluded(toUri(file))) continue;
    // A file that cannot be read (a FIFO, a device, over the cap) lends nothing to the index; kart check on it says why.
    const r = await readText(file, { maxBytes: service.config.maxFileBytes });
    if (!r.ok) continue;
    const article = parseArticle(toUri(file), r.text, 0, { frontmatterOnly: true });
    if (article.isArticle) service.index.set(summarize(article));
  }
  const article = parseArticle(s.uri, s.text, 0, { frontmatterOnly: true });
  if (article.isArticle) service.index.set(summarize(article));
}

export async function checkStdin(service: ArticleService, s: StdinText, root: string): Promise<{ located: Located[]; checked: number }> {
  await indexAround(service, s, root);
  const article = parseArticle(s.uri, s.text);
  const located = service.check(article).map((f) => locate(article, f, s.display));
  return { located, checked: service.isCheckable(article) ? 1 : 0 };
}
