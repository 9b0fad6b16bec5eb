/**
 * What moving or renaming articles changes in the workspace: every relative link to a moved article (in the convention
 * each link was written in), the moved article's own links to the others, and its `category` when it lands in another
 * category folder. Edits are keyed by the URIs before the move, as `workspace/willRenameFiles` wants them.
 */
import { throwIfCancelled, type CancellationToken, type TextEdit } from '../core/types';
import { basenameUri, dirnameUri } from '../core/uri';
import type { Article } from '../model/article';
import { articleLinker, isArticleLinkTarget, type LinkConvention } from '../model/articleLinks';
import { scalarTextRange } from '../model/factTargets';
import { articlesUnder, backlinksTo } from '../model/workspaceLinks';
import type { FeatureContext, WorkspaceEditResult } from './types';

export interface FileMove {
  oldUri: string;
  newUri: string;
}

export interface MovePlan {
  /** Text edits per file, keyed by each file's URI before the move. */
  edits: WorkspaceEditResult;
  /** The articles that move, one entry per file (a folder move is expanded). */
  moved: FileMove[];
  /** How many links were rewritten, in how many files; whether a category changed. */
  links: number;
  files: number;
  categories: number;
  /** Where a category edit starts, per file (the other edits are links). */
  categoryAt: Record<string, number>;
}

const trimSlash = (u: string) => u.replace(/(?<!\/)\/+$/, '');

/** The article files a set of moves concerns: a file as it is, a folder as every indexed article under it. */
export function expandMoves(ctx: FeatureContext, moves: readonly FileMove[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of moves) {
    const from = trimSlash(m.oldUri);
    const to = trimSlash(m.newUri);
    if (from === to) continue;
    if (ctx.index.has(from) || /\.(md|markdown)$/i.test(from)) {
      out.set(from, to);
      continue;
    }
    for (const s of articlesUnder(ctx.index, from)) out.set(s.uri, to + s.uri.slice(from.length));
  }
  return out;
}

function decoded(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The folder name the category-folder rule compares `category` with. */
function folderOf(uri: string): string {
  return decoded(basenameUri(dirnameUri(uri)));
}

/**
 * A link target rewritten to name `toUri` from `fromUri`, keeping what the author chose: the convention, the
 * `#fragment` or `?query`, a leading `./`, and no `.md` when the old target had none.
 */
function rewriteTarget(old: string, fromUri: string, toUri: string, convention: LinkConvention): string {
  const cut = old.search(/[?#]/);
  const path = cut >= 0 ? old.slice(0, cut) : old;
  const suffix = cut >= 0 ? old.slice(cut) : '';
  let next = articleLinker(fromUri, convention)(toUri);
  if (!/\.md$/i.test(path.replace(/\/+$/, ''))) next = next.replace(/\/index\.md$/, '/').replace(/\.md$/, '');
  if (path.startsWith('./') && !next.startsWith('../')) next = `./${next}`;
  return next + suffix;
}

/** The edits moving the given files or folders makes; nothing is written. */
export function getMoveEdits(ctx: FeatureContext, moves: readonly FileMove[], token: CancellationToken): MovePlan {
  const moved = expandMoves(ctx, moves);
  const now = (uri: string) => moved.get(uri) ?? uri;
  const edits = new Map<string, Map<number, TextEdit>>();
  let links = 0;
  let categories = 0;
  const categoryAt: Record<string, number> = {};
  const add = (uri: string, edit: TextEdit) => {
    let list = edits.get(uri);
    if (!list) edits.set(uri, (list = new Map()));
    if (!list.has(edit.range.start)) list.set(edit.range.start, edit);
  };
  // The article's links, resolved from `from`, that name an article `retarget` moves, rewritten to read from `fromNow`.
  const linksIn = (article: Article, from: string, fromNow: string, retarget: (uri: string) => string | undefined) => {
    // Inline links, and the definitions reference links take their targets from.
    for (const link of [...article.body.links, ...article.body.linkDefinitions]) {
      if (!link.targetRange || !isArticleLinkTarget(link.target)) continue;
      const found = ctx.index.resolveLink(from, link.target);
      const toUri = found && retarget(found.summary.uri);
      if (!toUri) continue;
      const next = rewriteTarget(link.target, fromNow, toUri, found.convention);
      if (next === link.target) continue;
      add(article.uri, { range: link.targetRange, newText: next });
      links++;
    }
  };

  for (const [oldUri, newUri] of moved) {
    throwIfCancelled(token);
    // Links to it from articles that stay; a moved article's links are all handled below, with its own move.
    const from = new Set(backlinksTo(ctx.index, oldUri).map((b) => b.fromUri));
    for (const linking of from) {
      if (moved.has(linking)) continue;
      const article = ctx.articleAt(linking);
      if (article) linksIn(article, linking, linking, (uri) => (uri === oldUri ? newUri : undefined));
    }
    const article = ctx.articleAt(oldUri);
    if (!article) continue;
    // Its own links to the others: they resolve from where it was and must from where it goes.
    linksIn(article, oldUri, newUri, (uri) => (uri !== oldUri ? now(uri) : undefined));
    const category = article.fields.get('category');
    const ruleOn = ctx.config.rules['category-folder'] !== 'off';
    if (ruleOn && category?.valueRange && typeof category.value === 'string' && category.value === folderOf(oldUri)) {
      const folder = folderOf(newUri);
      if (folder && folder !== category.value) {
        const range = scalarTextRange(category.node, category.valueRange);
        add(oldUri, { range, newText: folder });
        categoryAt[oldUri] = range.start;
        categories++;
      }
    }
  }
  const result: WorkspaceEditResult = {};
  for (const [uri, list] of edits) result[uri] = [...list.values()].sort((a, b) => a.range.start - b.range.start);
  return { edits: result, moved: [...moved].map(([oldUri, newUri]) => ({ oldUri, newUri })), links, files: edits.size, categories, categoryAt };
}
