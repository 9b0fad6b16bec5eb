import { closest } from '../core/text';
import { directivesOf } from '../model/suppressions';
import type { Rule } from './rule';

export const disableUnknownRule: Rule = {
  id: 'disable-unknown-rule',
  category: 'article',
  severity: 'warning',
  description: 'A `kart-disable…` or `kart-enable` comment names a rule id that does not exist, so it silences nothing.',
  docs: {
    bad: '<!-- kart-disable-next-line fact-uncitd -->\nA paragraph.',
    good: '<!-- kart-disable-next-line fact-uncited -->\nA paragraph.',
    why: 'A misspelt id in a disable comment looks like a decision and does nothing: the finding it meant to silence stays, or worse, the comment outlives the rule.',
  },
  check(ctx) {
    const known = ctx.knownRules;
    if (!known) return;
    for (const d of directivesOf(ctx.article)) {
      for (const r of d.rules) {
        if (known.has(r.id)) continue;
        const near = closest(r.id, [...known]);
        ctx.report(r.range, `kart-${d.kind} names "${r.id}", which is no rule${near ? `: did you mean "${near}"?` : '.'}`, near ? { fixes: [{ title: `Change to ${near}`, edits: [{ range: r.range, newText: near }], safe: false, preferred: true }] } : undefined);
      }
    }
  },
};
