import { placeholderValue } from '../model/placeholders';
import { insertKeyEdit } from './fixes';
import type { Rule } from './rule';
import { pathLabel, placeOf, schemaIssuesOf } from './schemaIssues';

const firstSentence = (s: string | undefined) => (s ? ' ' + s.split(/(?<=\.)\s/)[0] : '');

export const schemaRequired: Rule = {
  id: 'schema-required',
  category: 'schema',
  severity: 'error',
  description: 'A required field is missing: at the top level, in a fact, a source or a disputed statement.',
  docs: {
    bad: '---\nid: instruction-tuning\ntitle: Instruction Tuning\n# no created_date\n---',
    good: '---\nid: instruction-tuning\ntitle: Instruction Tuning\ncreated_date: "2026-05-24"\n---',
  },
  check(ctx) {
    const { article, config } = ctx;
    for (const issue of schemaIssuesOf(article, config.schema)) {
      if (issue.keyword !== 'required') continue;
      const key = String(issue.params.missingProperty);
      const place = placeOf(article, issue.path);
      const where = place.fact ? (place.label ? ` in ${place.fact}: ${place.label}` : ` in ${place.fact}`) : issue.path.length ? ` in ${pathLabel(issue.path)}` : '';
      const description = config.schema.at([...issue.path, key])?.description;
      const value = placeholderValue(article, key, ctx.today, issue.path);
      const edit = insertKeyEdit(article, issue.path, key, value);
      ctx.report(issue.range, `Missing required field "${key}"${where}.${firstSentence(description)}`, {
        fixes: edit ? [{ title: `Add "${key}: ${value}"`, edits: [edit], safe: false }] : undefined,
      });
    }
  },
};
