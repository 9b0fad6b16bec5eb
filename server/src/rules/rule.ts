import type { Article } from '../model/article';
import type { ResolvedConfig } from '../config';
import type { Fix, RelatedLocation, Severity, TextRange } from '../core/types';
import type { VerificationLookup } from '../verify/report';
import type { WorkspaceIndex } from '../workspaceIndex';

export type RuleCategory = 'yaml' | 'schema' | 'dates' | 'facts' | 'sources' | 'article' | 'workspace';

export interface ReportExtra {
  fixes?: Fix[];
  related?: RelatedLocation[];
  unnecessary?: boolean;
}

export interface RuleContext {
  readonly article: Article;
  readonly config: ResolvedConfig;
  /** Today as `YYYY-MM-DD`: injected, so that tests and CI runs agree. */
  readonly today: string;
  /** Every article of the workspace; undefined when the article is checked alone. */
  readonly index?: WorkspaceIndex;
  /** The verification report's results (`kart verify`); undefined when none is given. */
  readonly verification?: VerificationLookup;
  report(range: TextRange, message: string, extra?: ReportExtra): void;
}

export interface RuleDocs {
  /** A bad example: a whole article or the part that matters. */
  bad: string;
  /** The same, mended. */
  good: string;
  /** Why the rule exists, when the description is not enough. */
  why?: string;
}

export interface Rule {
  /** Stable code, used in configuration, disable comments and output. */
  readonly id: string;
  readonly category: RuleCategory;
  readonly severity: Severity;
  /** One sentence: what the rule finds. */
  readonly description: string;
  readonly docs: RuleDocs;
  /** The rule looks across files and runs only when a workspace index is given. */
  readonly workspace?: boolean;
  /** The rule reads the verification report and says nothing without one. */
  readonly verification?: boolean;
  check(ctx: RuleContext): void;
}
