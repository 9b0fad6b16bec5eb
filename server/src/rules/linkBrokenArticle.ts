import { closest } from '../core/text';
import { basenameUri } from '../core/uri';
import type { Link } from '../model/body';
import type { ArticleSummary, WorkspaceIndex } from '../workspaceIndex';
import { articleLinker, isArticleLinkTarget } from '../model/articleLinks';
import type { Rule } from './rule';

/** The convention this article's working links use most; site-URL style when none resolve. */
function conventionOf(index: WorkspaceIndex, uri: string, links: readonly Link[]): 'site' | 'file' {
  let site = 0;
  let file = 0;
  for (const l of links) {
    if (!isArticleLinkTarget(l.target)) continue;
    const r = index.resolveLink(uri, l.target);
    if (r?.convention === 'site') site++;
    else if (r?.convention === 'file') file++;
  }
  return file > site ? 'file' : 'site';
}

const slugOf = (uri: string) => basenameUri(uri).replace(/\.md$/, '');

/** Suggestions are looked for this many broken links per article at most: each compares with every article. */
const SUGGESTION_LIMIT = 50;

/** An article the author probably meant: the same file name in another folder, or a near spelling. */
function suggestion(index: WorkspaceIndex, fromUri: string, target: string): ArticleSummary | undefined {
  const path = target.split('#')[0].split('?')[0].replace(/(?<!\/)\/+$/, '');
  const wanted = path.slice(path.lastIndexOf('/') + 1).replace(/\.md$/, '');
  if (!wanted || wanted.length > 200) return undefined;
  const all = [...index.all()].filter((s) => s.uri !== fromUri);
  const same = all.filter((s) => slugOf(s.uri) === wanted);
  if (same.length === 1) return same[0];
  if (same.length > 1) return undefined;
  // A shortened name (`go-lang` for `go-language`) names the one article it starts.
  const prefixed = wanted.length >= 4 ? all.filter((s) => slugOf(s.uri).startsWith(wanted)) : [];
  if (prefixed.length === 1) return prefixed[0];
  const near = closest(wanted, all.map((s) => slugOf(s.uri)));
  const matches = near ? all.filter((s) => slugOf(s.uri) === near) : [];
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
    const { article, index } = ctx;
    if (!index) return;
    let convention: 'site' | 'file' | undefined;
    let broken = 0;
    for (const link of article.body.links) {
      if (!link.targetRange || !isArticleLinkTarget(link.target)) continue;
      if (index.resolveLink(article.uri, link.target)) continue;
      const near = ++broken <= SUGGESTION_LIMIT ? suggestion(index, article.uri, link.target) : undefined;
      convention ??= conventionOf(index, article.uri, article.body.links);
      const anchor = link.target.includes('#') ? link.target.slice(link.target.indexOf('#')) : '';
      const better = near ? articleLinker(article.uri, convention)(near.uri) + anchor : undefined;
      const title = near?.title ? ` ("${near.title}")` : '';
      ctx.report(link.targetRange, `No article at "${link.target}", read relative to this article's URL or to its folder${better ? `; did you mean "${better}"${title}?` : '.'}`, {
        fixes: better ? [{ title: `Link to ${better}`, edits: [{ range: link.targetRange, newText: better }], safe: false, preferred: true }] : undefined,
      });
    }
  },
};
