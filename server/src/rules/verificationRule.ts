// What every verification rule shares: silent without a report, it reads the result for each target it looks at
// and reports on those with the status it cares about. A rule built here states only what differs.
import type { VerifyKind, VerifyResult, VerifyStatus } from '../verify/report';
import { verifyTargets, type VerifyTarget } from '../verify/targets';
import type { Rule, RuleContext } from './rule';

export interface VerificationCheck<S extends VerifyStatus> {
  /** The kinds of target the rule looks at; every kind when absent. */
  readonly kinds?: readonly VerifyKind[];
  /** The message for a target wrong as written, reported at its value without reading its result. */
  readonly malformed?: (t: VerifyTarget) => string | undefined;
  /** The result status the rule reports on. */
  readonly status: S;
  /** Reports what the result says of the target, when it says anything. */
  readonly report: (ctx: RuleContext, t: VerifyTarget, r: VerifyResult & { status: S }) => void;
}

export function verificationRule<S extends VerifyStatus>(rule: Omit<Rule, 'check' | 'verification'>, check: VerificationCheck<S>): Rule {
  return {
    ...rule,
    verification: true,
    check(ctx) {
      const lookup = ctx.verification;
      if (!lookup) return;
      for (const t of verifyTargets(ctx.article)) {
        if (check.kinds && !check.kinds.includes(t.kind)) continue;
        const malformed = check.malformed?.(t);
        if (malformed !== undefined) {
          ctx.report(t.range, malformed);
          continue;
        }
        const r = lookup.get(t.key);
        if (r?.status === check.status) check.report(ctx, t, r as VerifyResult & { status: S });
      }
    },
  };
}
