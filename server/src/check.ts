import type { ResolvedConfig } from './config';
import { splitsSurrogatePair } from './core/text';
import { throwIfCancelled, type CancellationToken, type Finding, type Severity, type TextRange } from './core/types';
import type { Article } from './model/article';
import { silences, suppressionsOf, type Suppression } from './model/suppressions';
import { readableFindings } from './model/yamlRecovery';
import type { Node } from 'yaml';
import { allRules } from './rules';
import { misplacedFrontmatter } from './rules/frontmatterBlock';
import type { Rule, RuleContext, WorkspaceRuleContext } from './rules/rule';
import type { ArticleSummary, WorkspaceIndex } from './workspaceIndex';
import type { VerificationLookup } from './verify/report';

export interface CheckEnv {
  config: ResolvedConfig;
  today: string;
  index?: WorkspaceIndex;
  rules?: readonly Rule[];
  verification?: VerificationLookup;
}

/**
 * Whether the engine has anything to say about a document: it is an article, or its frontmatter is too broken to
 * tell, or it is an article whose frontmatter does not start on the first line, or the user's include globs claim it
 * (then even a file with no frontmatter is checked).
 */
export function isCheckable(article: Article, config: ResolvedConfig): boolean {
  if (article.isArticle) return true;
  // Too large to read: said of what opens like an article (or what the include globs claim), not of any large file.
  if (article.unparsed !== undefined) return config.includeSet || article.text.startsWith('---', article.bom ? 1 : 0);
  if (article.frontmatter) return (article.yaml?.errors.length ?? 0) > 0 || !article.data || config.includeSet;
  return config.includeSet || misplacedFrontmatter(article) !== undefined;
}

export function severityOf(rule: Rule, config: ResolvedConfig): Severity | 'off' {
  return config.rules[rule.id] ?? rule.severity;
}

/** Widens a range that would split a surrogate pair: editors cannot show half an emoji, and some reject the range. */
function wholeCharacters(text: string, range: TextRange): TextRange {
  const start = splitsSurrogatePair(text, range.start) ? range.start - 1 : range.start;
  const end = splitsSurrogatePair(text, range.end) ? range.end + 1 : range.end;
  return start === range.start && end === range.end ? range : { start, end };
}

const MESSAGE_MAX = 1000;

/** Shortens a message that quotes a huge value (a 1 MB URL, a 5 MB statement): its middle goes, its advice stays. */
function shortMessage(message: string): string {
  if (message.length <= MESSAGE_MAX) return message;
  let head = 600;
  let tail = message.length - 300;
  if (splitsSurrogatePair(message, head)) head--;
  if (splitsSurrogatePair(message, tail)) tail++;
  return `${message.slice(0, head)} … ${message.slice(tail)}`;
}

const KNOWN_RULES: ReadonlySet<string> = new Set(allRules.map((r) => r.id));

/** Runs every enabled rule over one article. Never throws for any input: a rule that fails becomes a finding. */
export function checkArticle(article: Article, env: CheckEnv, token?: CancellationToken): Finding[] {
  if (article.unparsed !== undefined) {
    return [{ uri: article.uri, rule: 'document-too-large', severity: 'warning', message: article.unparsed, range: { start: article.bom ? 1 : 0, end: article.lines.lineEnd(0) } }];
  }
  const findings: Finding[] = [];
  const suppressions = suppressionsOf(article);
  // What each suppression silenced, for the rules that report directives that silence nothing.
  const silenced = new Map<Suppression, Set<string>>();
  const rules = env.rules ?? allRules;
  // Rules that read what the others did (disable-unused) run after them.
  const ordered = [...rules.filter((r) => !r.afterOthers), ...rules.filter((r) => r.afterOthers)];
  for (const rule of ordered) {
    if (token) throwIfCancelled(token);
    const severity = severityOf(rule, env.config);
    if (severity === 'off' || (rule.workspace && !env.index) || (rule.verification && !env.verification)) continue;
    const ctx: RuleContext = {
      article,
      config: env.config,
      today: env.today,
      index: env.index,
      verification: env.verification,
      knownRules: KNOWN_RULES,
      silenced,
      ranRules: rules,
      report(range, message, extra) {
        // Most files have no suppression: their findings need no line number, so no line table is built for them.
        if (suppressions.length) {
          const line = article.lines.lineAt(range.start);
          const by = suppressions.filter((s) => silences(s, rule.id, line));
          for (const s of by) (silenced.get(s) ?? silenced.set(s, new Set()).get(s)!).add(rule.id);
          if (by.length) return;
        }
        findings.push({ uri: article.uri, rule: rule.id, severity, message: shortMessage(message), range: wholeCharacters(article.text, range), ...extra });
      },
    };
    try {
      rule.check(ctx);
    } catch (e) {
      findings.push({
        uri: article.uri,
        rule: 'internal-error',
        severity: 'warning',
        message: `The rule ${rule.id} failed on this file (${(e as Error).message}); please report it.`,
        range: { start: 0, end: 0 },
      });
    }
  }
  findings.sort(byRange);
  if (article.unreadable.length === 0) return findings;
  const categories = new Map((env.rules ?? allRules).map((r) => [r.id, r.category]));
  const kindOf = (rule: string) => (categories.get(rule) === 'yaml' ? 'syntax' : categories.get(rule) === 'schema' ? 'precise' : 'other');
  return readableFindings(findings, { blanked: article.unreadable, root: article.yaml?.contents as Node | null | undefined, yamlOffset: article.yamlOffset, end: article.frontmatter?.content.end ?? 0 }, kindOf);
}

function byRange(a: Finding, b: Finding): number {
  return a.range.start - b.range.start || a.range.end - b.range.end || a.rule.localeCompare(b.rule);
}

/**
 * The workspace rules' findings for an article from its summary alone: what a file that is not open shows, and the
 * second pass of `kart check`, with no model kept and no file read again. The same findings as checkArticle's for
 * those rules, suppressions included.
 */
export function checkSummary(summary: ArticleSummary, env: { config: ResolvedConfig; index: WorkspaceIndex; rules?: readonly Rule[] }): Finding[] {
  const findings: Finding[] = [];
  for (const rule of env.rules ?? allRules) {
    if (!rule.workspace || !rule.checkSummary) continue;
    const severity = severityOf(rule, env.config);
    if (severity === 'off') continue;
    const ctx: WorkspaceRuleContext = {
      summary,
      index: env.index,
      report(range, message, extra) {
        if (summary.suppressed?.some((s) => range.start >= s.start && range.start < s.end && (s.rules.length === 0 || s.rules.includes(rule.id)))) return;
        findings.push({ uri: summary.uri, rule: rule.id, severity, message: shortMessage(message), range, ...extra });
      },
    };
    try {
      rule.checkSummary(ctx);
    } catch (e) {
      findings.push({ uri: summary.uri, rule: 'internal-error', severity: 'warning', message: `The rule ${rule.id} failed on this file (${(e as Error).message}); please report it.`, range: { start: 0, end: 0 } });
    }
  }
  return findings.sort(byRange);
}
