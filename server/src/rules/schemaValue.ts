import type { Rule } from './rule';
import { pathLabel, placeOf, schemaIssuesOf } from './schemaIssues';

export const schemaValue: Rule = {
  id: 'schema-value',
  category: 'schema',
  severity: 'error',
  description: 'A value breaks a limit of the format: an empty id, no primary source, a completeness above 1, a malformed language tag.',
  docs: {
    bad: '---\nid: ""\nlanguage: english\ncompleteness: 90\nprimary_sources: []\n---',
    good: '---\nid: instruction-tuning\nlanguage: en\ncompleteness: 0.9\nprimary_sources:\n  - title: FLAN\n    type: academic_paper\n    url: https://arxiv.org/abs/2109.01652\n---',
  },
  check(ctx) {
    const { article, config } = ctx;
    for (const issue of schemaIssuesOf(article, config.schema)) {
      const place = placeOf(article, issue.path);
      const label = pathLabel(issue.path);
      const named = place.named;
      const p = issue.params;
      let message: string | undefined;
      switch (issue.keyword) {
        case 'minItems':
          message = label === 'primary_sources' ? 'An article needs at least one primary source.' : `${named} needs at least ${p.limit} item(s).`;
          break;
        case 'minLength':
          message = `${named} is empty.`;
          break;
        case 'pattern':
          message = label === 'language' ? `${named} should be a BCP 47 language tag such as en, zh or pt-BR.` : `${named} does not match the pattern ${p.pattern}.`;
          break;
        case 'minimum':
        case 'maximum':
        case 'exclusiveMinimum':
        case 'exclusiveMaximum':
          message = `${named} must be ${issue.message.replace(/^must be /, '')}.`;
          break;
        case 'required':
        case 'additionalProperties':
        case 'type':
        case 'enum':
        case 'format':
        case 'if':
        case 'anyOf':
        case 'oneOf':
          break;
        default:
          message = `${label ? named : 'The frontmatter'} ${issue.message}.`;
      }
      if (message) ctx.report(issue.range, message);
    }
  },
};
