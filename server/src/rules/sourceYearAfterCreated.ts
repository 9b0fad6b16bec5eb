import { scalarString } from '../model/article';
import { sourceLabel } from './factSources';
import type { Rule } from './rule';
import { sourceYears } from './sourceYearFuture';
import { trimmedRange } from './yamlValues';

export const sourceYearAfterCreated: Rule = {
  id: 'source-year-after-created',
  category: 'sources',
  severity: 'warning',
  description: "A source's `year` lies after the year of the article's `created_date`, and no `updated` date as late explains it (a year after this year is source-year-future's).",
  docs: {
    bad: 'created_date: "2024-03-01"\nprimary_sources:\n  - title: Finetuned Language Models Are Zero-Shot Learners\n    type: academic_paper\n    year: 2025\n    url: https://arxiv.org/abs/2109.01652',
    good: 'created_date: "2024-03-01"\nprimary_sources:\n  - title: Finetuned Language Models Are Zero-Shot Learners\n    type: academic_paper\n    year: 2022\n    url: https://arxiv.org/abs/2109.01652',
    why: 'An article cannot have drawn on a source published after it was written, unless the source was added later, which `updated` says: otherwise the year is likely wrong.',
  },
  check(ctx) {
    const { article } = ctx;
    const created = article.fields.get('created_date');
    const m = /^\s*(\d{4})-\d{2}-\d{2}/.exec(scalarString(created?.node) ?? '');
    if (!m || !created?.valueRange) return;
    const createdYear = Number(m[1]);
    const updatedYear = Number(/^\s*(\d{4})-/.exec(scalarString(article.fields.get('updated')?.node) ?? '')?.[1] ?? 0);
    const thisYear = Number(ctx.today.slice(0, 4));
    for (const { source, year, range } of sourceYears(article)) {
      if (year <= createdYear || year > thisYear || updatedYear >= year) continue;
      ctx.report(range, `The source ${sourceLabel(source)} has year ${year}, after the article was created (created_date ${m[0].trim()}): check the year.`, {
        related: [{ uri: article.uri, range: trimmedRange(article, created.valueRange), message: 'created_date' }],
      });
    }
  },
};
