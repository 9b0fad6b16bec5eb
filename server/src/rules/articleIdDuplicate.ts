import { basenameUri, dirnameUri } from '../core/uri';
import { summaryOf } from './workspaceSubject';
import type { Rule } from './rule';

/** `folder/file.md`: enough to tell articles apart in a message. */
export const shortPath = (uri: string) => `${basenameUri(dirnameUri(uri))}/${basenameUri(uri)}`;

const RELATED_LIMIT = 20;

export const articleIdDuplicate: Rule = {
  id: 'article-id-duplicate',
  category: 'workspace',
  severity: 'error',
  workspace: true,
  description: 'The same article `id` in several files of the workspace.',
  docs: {
    bad: '# ai/rag.md\nid: kb-2026-00102\n# ai/llms.md\nid: kb-2026-00102',
    good: '# ai/rag.md\nid: rag\n# ai/llms.md\nid: llms',
    why: 'The id is what other articles, indexes and URLs use to name an article; two articles with one id cannot both be found.',
  },
  check(ctx) {
    if (ctx.index) this.checkSummary!({ summary: summaryOf(ctx.article), index: ctx.index, report: ctx.report });
  },
  checkSummary(ctx) {
    const { summary, index } = ctx;
    const { id, idRange } = summary;
    if (!id || !idRange) return;
    const others = index.withId(id).filter((s) => s.uri !== summary.uri);
    if (others.length === 0) return;
    const names = others.slice(0, 3).map((s) => shortPath(s.uri));
    const more = others.length > 3 ? ` and ${others.length - 3} more` : '';
    const slug = basenameUri(summary.uri).replace(/\.md$/, '');
    const slugFree = slug && slug !== id && index.withId(slug).every((s) => s.uri === summary.uri);
    ctx.report(idRange, `The article id "${id}" is also used by ${names.join(', ')}${more}: give each article its own id${slugFree ? `, e.g. "${slug}"` : ''}.`, {
      related: others.slice(0, RELATED_LIMIT).map((s) => ({ uri: s.uri, range: s.idRange ?? { start: 0, end: 0 }, message: `also "${id}"` })),
      fixes: slugFree ? [{ title: `Use the file name "${slug}" as id`, edits: [{ range: idRange, newText: slug }], safe: false }] : undefined,
    });
  },
};
