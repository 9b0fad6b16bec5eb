import { isSeq } from 'yaml';
import type { Fix } from '../core/types';
import { nodeAtPath, type Source } from '../model/article';
import { itemAnchor, sameSource, sourceLabel } from './factSources';
import { deleteListItemEdit } from './fixes';
import type { Rule } from './rule';

/** The item as canonical JSON (keys sorted), for comparing two entries field by field in any key order. */
function dataOf(source: Source): string {
  return JSON.stringify([...source.fields].map(([k, f]) => [k, f.value]).sort((a, b) => String(a[0]).localeCompare(String(b[0]))));
}

export const sourceDuplicate: Rule = {
  id: 'source-duplicate',
  category: 'sources',
  severity: 'warning',
  description: 'The same source (same url or same doi; same title when it has neither) appears twice in one source list.',
  docs: {
    bad: 'primary_sources:\n  - title: FLAN\n    url: https://arxiv.org/abs/2109.01652\n  - title: FLAN\n    url: https://arxiv.org/abs/2109.01652',
    good: 'primary_sources:\n  - title: FLAN\n    url: https://arxiv.org/abs/2109.01652',
    why: 'A repeated entry makes counts of sources wrong and leaves two titles for one source. Entries equal field by field are removed by `kart fix`; when they differ, choose what to keep. URLs are compared leniently (http/https, www., a trailing /) but #fragments count: two sections of one page are two sources.',
  },
  check(ctx) {
    const { article } = ctx;
    for (const list of ['primary_sources', 'secondary_sources'] as const) {
      const sources = article.sources.filter((s) => s.list === list && s.isMap);
      const block = isSeq(nodeAtPath(article, [list]).node) && !(nodeAtPath(article, [list]).node as { flow?: boolean }).flow;
      for (let i = 0; i < sources.length; i++) {
        const later = sources[i];
        const first = sources.slice(0, i).find((s) => sameSource(s, later));
        if (!first) continue;
        const anchorKey = later.url?.trim() && first.url?.trim() ? 'url' : later.doi?.trim() && first.doi?.trim() ? 'doi' : 'title';
        const equal = dataOf(first) === dataOf(later);
        const edits = block ? [deleteListItemEdit(article, later.range)] : undefined;
        // Removing an entry equal to an earlier one loses nothing; otherwise the author chooses what to keep.
        const fix: Fix | undefined = !edits ? undefined : equal ? { title: 'Remove the repeated entry', edits, safe: true, preferred: true } : { title: 'Remove this entry (it differs from the first: check what to keep)', edits, safe: false };
        const fixes = fix ? [fix] : undefined;
        ctx.report(itemAnchor(article, later, anchorKey), `${sourceLabel(later)} repeats ${list}[${first.index}]${equal ? '' : ` (${sourceLabel(first)})`}: the same ${anchorKey} is listed twice${equal ? '' : ' with different details'}.`, {
          fixes,
          related: [{ uri: article.uri, range: itemAnchor(article, first, anchorKey), message: 'first listed here' }],
        });
      }
    }
  },
};
