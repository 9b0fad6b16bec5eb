import type { TextRange } from '../core/types';
import { scalarString, type Article, type Source } from '../model/article';
import { sourceLabel } from './factSources';
import type { Rule } from './rule';
import { trimmedRange } from './yamlValues';

/** The sources with a whole-number `year`, with where it is written. */
export function sourceYears(article: Article): { source: Source; year: number; range: TextRange }[] {
  const out = [];
  for (const source of article.sources) {
    const field = source.fields.get('year');
    const text = scalarString(field?.node)?.trim();
    if (!field?.valueRange || !text || !/^-?\d{1,4}$/.test(text)) continue;
    out.push({ source, year: Number(text), range: trimmedRange(article, field.valueRange) });
  }
  return out;
}

export const sourceYearFuture: Rule = {
  id: 'source-year-future',
  category: 'sources',
  severity: 'error',
  description: "A source's `year` lies after the current year.",
  docs: {
    bad: 'primary_sources:\n  - title: Finetuned Language Models Are Zero-Shot Learners\n    type: academic_paper\n    year: 2031\n    url: https://arxiv.org/abs/2109.01652',
    good: 'primary_sources:\n  - title: Finetuned Language Models Are Zero-Shot Learners\n    type: academic_paper\n    year: 2022\n    url: https://arxiv.org/abs/2109.01652',
    why: 'No source is published in a year still to come: the year is a typo or made up (the schema allows any year up to 2100).',
  },
  check(ctx) {
    const thisYear = Number(ctx.today.slice(0, 4));
    for (const { source, year, range } of sourceYears(ctx.article)) {
      if (year > thisYear) ctx.report(range, `The source ${sourceLabel(source)} has year ${year}, after this year (${thisYear}): give the year it was published.`);
    }
  },
};
