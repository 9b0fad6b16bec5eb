import type { TextRange } from '../core/types';
import { scalarString, type Article } from '../model/article';
import { normaliseDate } from './dateInvalid';
import { trimmedRange } from './yamlValues';

export interface DateField {
  key: 'created_date' | 'last_verified' | 'updated';
  /** The day, `YYYY-MM-DD`, read leniently (date-invalid reports the way it is written). */
  date: string;
  range: TextRange;
}

/** The article's dates that are real calendar days; the others are date-invalid's to report. */
export function dateFields(article: Article): Map<DateField['key'], DateField> {
  const out = new Map<DateField['key'], DateField>();
  for (const key of ['created_date', 'last_verified', 'updated'] as const) {
    const field = article.fields.get(key);
    const value = scalarString(field?.node);
    const date = value === undefined ? undefined : normaliseDate(value);
    if (date && field?.valueRange) out.set(key, { key, date, range: trimmedRange(article, field.valueRange) });
  }
  return out;
}
