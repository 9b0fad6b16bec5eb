import type { Article } from '../model/article';
import type { Suppression } from '../model/suppressions';
import type { ResolvedConfig } from '../config';
import type { Fix, RelatedLocation, Severity, TextRange } from '../core/types';
import type { VerificationLookup } from '../verify/report';
import type { ArticleSummary, WorkspaceIndex } from '../workspaceIndex';

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
  /** The ids of every rule there is (for the rule that reports an unknown id in a disable comment). */
  readonly knownRules?: ReadonlySet<string>;
  /** The rules this check runs, and what each disable comment's suppression silenced so far. */
  readonly ranRules?: readonly Rule[];
  readonly silenced?: ReadonlyMap<Suppression, ReadonlySet<string>>;
  report(range: TextRange, message: string, extra?: ReportExtra): void;
}

/**
 * What a workspace rule sees: the article's summary (what the index keeps of it) and the index. Enough, so that the
 * rule runs for a file that is not open from its summary alone, without reading or parsing the file again.
 */
export interface WorkspaceRuleContext {
  readonly summary: ArticleSummary;
  readonly index: WorkspaceIndex;
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
  /** The rule reads what the other rules reported (disable-unused): it runs after them. */
  readonly afterOthers?: boolean;
  check(ctx: RuleContext): void;
  /** A workspace rule's check from the article's summary (check() on a model calls it with the model's summary). */
  checkSummary?(ctx: WorkspaceRuleContext): void;
}
