import { shortPath } from './articleIdDuplicate';
import type { Rule } from './rule';
import { summaryOf } from './workspaceSubject';

const RELATED_LIMIT = 5;

/** `f1`, `f2` ...: numbered within the article, so sharing them across articles says nothing. */
const LOCAL_NUMBERING = /^f\d+$/;

export const factIdReused: Rule = {
  id: 'fact-id-reused',
  category: 'workspace',
  severity: 'hint',
  workspace: true,
  description: 'A fact id that other articles use too (plain `f1`, `f2` ... numbering excepted).',
  docs: {
    bad: '# computer-science/git.md\n  - id: fact-computer-science-001\n# computer-science/docker.md\n  - id: fact-computer-science-001',
    good: '# computer-science/git.md\n  - id: fact-computer-science-git-001\n# computer-science/docker.md\n  - id: fact-computer-science-docker-001',
    why: 'Legal, since ids are unique per article, but a fact id that names one claim across the workspace is easier to search for and to cite.',
  },
  check(ctx) {
    if (ctx.index) this.checkSummary!({ summary: summaryOf(ctx.article), index: ctx.index, report: ctx.report });
  },
  checkSummary(ctx) {
    const { summary, index } = ctx;
    const seen = new Set<string>();
    for (const fact of summary.facts) {
      const range = fact.range;
      if (seen.has(fact.id) || LOCAL_NUMBERING.test(fact.id)) continue;
      seen.add(fact.id);
      const others = index.withFact(fact.id).filter((s) => s.uri !== summary.uri);
      if (others.length === 0) continue;
      const where = others.length === 1 ? shortPath(others[0].uri) : `${others.length} other articles`;
      ctx.report(range, `"${fact.id}" is also a fact id in ${where}.`, {
        related: others.slice(0, RELATED_LIMIT).map((s) => ({ uri: s.uri, range: s.facts.find((f) => f.id === fact.id)?.range ?? { start: 0, end: 0 }, message: `"${fact.id}" here` })),
      });
    }
  },
};
