import { suppressionsOf } from '../model/suppressions';
import type { Rule } from './rule';

export const disableUnused: Rule = {
  id: 'disable-unused',
  category: 'article',
  severity: 'info',
  description: 'A `kart-disable…` comment that silences nothing: the finding it was for is gone, so the comment can go too.',
  docs: {
    bad: '<!-- kart-disable-next-line fact-uncited -->\nA paragraph that cites every fact it states [@f1].',
    good: 'A paragraph that cites every fact it states [@f1].',
    why: 'A stale disable comment hides the next finding of that rule on the line, which nobody then sees.',
  },
  // It reads what the other rules reported.
  afterOthers: true,
  check(ctx) {
    const silenced = ctx.silenced;
    const ran = ctx.ranRules;
    if (!silenced || !ran) return;
    const ranIds = new Set(ran.map((r) => r.id));
    // A directive for a rule that did not run here (a workspace rule checked alone, an unknown id, a rule turned off)
    // cannot be judged; nor can one for every rule.
    const judged = (id: string) => ranIds.has(id) && !ran.find((r) => r.id === id)!.workspace && ctx.config.rules[id] !== 'off';
    for (const s of suppressionsOf(ctx.article)) {
      if (s.rules.length === 0 || !s.rules.every(judged)) continue;
      if (silenced.get(s)?.size) continue;
      ctx.report(s.directive.range, `This kart-${s.directive.kind} comment silences nothing: no ${s.rules.join(', ')} finding ${s.directive.kind === 'disable-file' ? 'in this file' : 'where it applies'}.`, { unnecessary: true });
    }
  },
};
