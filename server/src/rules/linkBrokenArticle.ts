import { closest } from '../core/text';
import { articleLinker } from '../model/articleLinks';
import { fileSlugOf, type ArticleSummary, type WorkspaceIndex } from '../workspaceIndex';
import type { Rule } from './rule';
import { summaryOf } from './workspaceSubject';

/** The convention this article's working links use most; site-URL style when none resolve. */
function conventionOf(index: WorkspaceIndex, uri: string, links: ArticleSummary['links']): 'site' | 'file' {
  let site = 0;
  let file = 0;
  for (const l of links) {
    const r = index.resolveLink(uri, l.target);
    if (r?.convention === 'site') site++;
    else if (r?.convention === 'file') file++;
  }
  return file > site ? 'file' : 'site';
}

/** Suggestions are looked for this many broken links per article at most. */
const SUGGESTION_LIMIT = 50;

/** How much longer or shorter than the wanted name a near spelling may be: edits, and separators `closest` ignores. */
const LENGTH_SLACK = 8;

/** The file names near `wanted` in length, in which `closest` looks; the index keeps them by length. */
function nearbySlugs(index: WorkspaceIndex, wanted: string): string[] {
  return index.cached(`near-slugs:${wanted}`, () => {
    const out: string[] = [];
    for (let len = Math.max(1, wanted.length - LENGTH_SLACK); len <= wanted.length + LENGTH_SLACK; len++) for (const s of index.fileSlugsOfLength(len)) out.push(s);
    return out.sort();
  });
}

/**
 * An article the author probably meant: the same file name in another folder, or a near spelling. Every lookup goes
 * through the index's name tables (by name, by length, sorted for prefixes): no pass over the workspace per link.
 */
function suggestion(index: WorkspaceIndex, fromUri: string, target: string): ArticleSummary | undefined {
  const path = target.split('#')[0].split('?')[0].replace(/(?<!\/)\/+$/, '');
  const wanted = path.slice(path.lastIndexOf('/') + 1).replace(/\.md$/, '');
  if (!wanted || wanted.length > 200) return undefined;
  const others = (slug: string) => index.withFileSlug(slug).filter((s) => s.uri !== fromUri);
  const same = others(wanted);
  if (same.length === 1) return same[0];
  if (same.length > 1) return undefined;
  // A shortened name (`go-lang` for `go-language`) names the one article it starts.
  if (wanted.length >= 4) {
    const prefixed = index.fileSlugsStartingWith(wanted).flatMap(others);
    if (prefixed.length === 1) return prefixed[0];
  }
  const self = fileSlugOf(fromUri);
  const candidates = nearbySlugs(index, wanted).filter((s) => s !== self || others(s).length > 0);
  const near = closest(wanted, candidates);
  const matches = near ? others(near) : [];
  return matches.length === 1 ? matches[0] : undefined;
}

export const linkBrokenArticle: Rule = {
  id: 'link-broken-article',
  category: 'workspace',
  severity: 'warning',
  workspace: true,
  description: 'A relative link to another article that leads to no article, read either relative to the article\'s URL or to its folder.',
  docs: {
    bad: '<!-- in computer-science/docker.md -->\n- [Go](../go-lang.md)',
    good: '<!-- in computer-science/docker.md, next to computer-science/go-language.md -->\n- [Go](../go-language.md)',
    why: 'Two conventions are in use: `../go-language.md` from `computer-science/a.md` means `computer-science/go-language.md` on the site (URL style) and a file one folder up on disk. A link that works under neither is dead in both places.',
  },
  check(ctx) {
    if (ctx.index) this.checkSummary!({ summary: summaryOf(ctx.article), index: ctx.index, report: ctx.report });
  },
  checkSummary(ctx) {
    const { summary, index } = ctx;
    let convention: 'site' | 'file' | undefined;
    let broken = 0;
    for (const link of summary.links) {
      if (index.resolveLink(summary.uri, link.target)) continue;
      const near = ++broken <= SUGGESTION_LIMIT ? suggestion(index, summary.uri, link.target) : undefined;
      convention ??= conventionOf(index, summary.uri, summary.links);
      const anchor = link.target.includes('#') ? link.target.slice(link.target.indexOf('#')) : '';
      const better = near ? articleLinker(summary.uri, convention)(near.uri) + anchor : undefined;
      const title = near?.title ? ` ("${near.title}")` : '';
      ctx.report(link.range, `No article at "${link.target}", read relative to this article's URL or to its folder${better ? `; did you mean "${better}"${title}?` : '.'}`, {
        fixes: better ? [{ title: `Link to ${better}`, edits: [{ range: link.range, newText: better }], safe: false, preferred: true }] : undefined,
      });
    }
  },
};
