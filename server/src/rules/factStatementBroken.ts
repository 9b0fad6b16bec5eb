import type { Article, Fact } from '../model/article';
import type { Rule } from './rule';
import { trimmedRange } from './yamlValues';

/** Markdown that has no place in a one-claim statement, each with how to say it. */
const MARKDOWN: [RegExp, string][] = [
  [/(?:^|\n)[ \t]{0,3}#{1,6}[ \t]/, 'a Markdown heading'],
  [/```|~~~/, 'a code fence'],
  [/\*\*/, 'Markdown bold (**)'],
  // Only the first `[` of a stretch is tried: a line of `[[[[` no longer costs the square of its length.
  [/(?<!\[[^[\]\n]*)\[[^\]\n]+\]\([^)\s]*\)/, 'a Markdown link [text](url)'],
  [/(?:^|\n)[ \t]*\|.*\|[ \t]*(?:\r?\n|$)|\|[ \t]*:?-{3,}/, 'a table row'],
  [/\n[ \t]*(?:[-*+]|\d{1,2}[.)])[ \t]+\S/, 'a list'],
  [/\n[ \t]*\r?\n/, 'more than one paragraph'],
  [/<\/?(?:br|p|div|span|table|tr|td|ul|ol|li|b|i|strong|em|code|pre)\b[^>]*>/i, 'HTML'],
];

/** Words that cannot open a sentence written in lower case: the statement was cut from a longer one. */
const FRAGMENT_START = new Set(
  'a an the and or but nor so yet because although though whereas while which who whom whose where when that than then also as at by for from in into of on onto to with without via per is are was were be been being has have had does do did its it their they them this these those such both either neither not only just however thus hence therefore including like unlike'.split(' '),
);
/** Capitalised, these still lean on a sentence before them. */
const CONJUNCTION_START = new Set(['And', 'Or', 'Nor', 'But', 'Which', 'Whereas']);
/** Lower-case names that do start sentences. */
const LOWERCASE_NAMES = new Set('iphone ipad ipod imac ios macos ebay pH mRNA npm pnpm dbt git pip rsync systemd webpack pytest cron curl wget vim emacs eslint jq zsh bash gcc clang llvm nginx kubectl k8s tRNA rRNA siRNA miRNA x86 arm64'.split(' '));
/** Words that leave a statement hanging when they end it. */
const DANGLING_END = new Set('a an the and or but nor of to in on at by for from with as than that which who whose is are was were be its their such including like between into via per vs'.split(' '));

const TERMINAL = /[.!?。！？…)"'”’\]）】」』]$/;

function firstWord(t: string): string {
  return /^[\p{L}\p{N}][\p{L}\p{N}'’.+#_-]*/u.exec(t)?.[0] ?? '';
}

/** A lower-case first word that names something (npm, scikit-learn, iTIMO) rather than a sentence fragment. */
function isLowercaseName(word: string, fact: Fact, article: Article): boolean {
  if (/[\p{Lu}\d._+#]/u.test(word.slice(1))) return true;
  if (LOWERCASE_NAMES.has(word) || LOWERCASE_NAMES.has(word.toLowerCase())) return true;
  const stem = word.replace(/[’']s$/, '').toLowerCase();
  if (FRAGMENT_START.has(stem)) return false;
  // A product written in lower case nearly always appears in its source's title or address, or the article's.
  const around = [fact.sourceTitle, fact.sourceUrl, article.fields.get('title')?.value, article.fields.get('id')?.value, article.uri]
    .filter((s): s is string => typeof s === 'string')
    .join(' ')
    .toLowerCase();
  return stem.length >= 2 && around.includes(stem);
}

function startProblem(t: string, fact: Fact, article: Article): string | undefined {
  if (/^(?:\.\.\.|…)/.test(t)) return 'starts with an ellipsis, so it continues a sentence that is not there';
  if (/^[,;:.)\]}!?、，。；：）]/.test(t) || /^[-–—][ \t]/.test(t)) return `starts with "${t[0]}", so it continues a sentence that is not there`;
  const word = firstWord(t);
  if (!word) return undefined;
  if (CONJUNCTION_START.has(word)) return `starts with "${word}", so it leans on a sentence that is not there`;
  // `pgvector: adds ...` labels a name, whatever its case.
  const label = t[word.length] === ':';
  if (/^\p{Ll}/u.test(word) && !label && !isLowercaseName(word, fact, article)) return `starts in lower case ("${word}"), as if cut from the middle of a sentence`;
  return undefined;
}

function endProblem(t: string): string | undefined {
  if (/(?:\.\.\.|…)["'”’)]?$/.test(t)) return 'ends with "...", as if cut off';
  const opened = (t.match(/[(（]/g) ?? []).length;
  const closed = (t.match(/[)）]/g) ?? []).length;
  if (TERMINAL.test(t)) return opened > closed && !/[.!?。！？]$/.test(t) ? 'opens a parenthesis it never closes, as if cut off' : undefined;
  const last = /(?<![\p{L}\p{N}])([\p{L}\p{N}]+)[^\p{L}\p{N}]*$/u.exec(t)?.[1] ?? '';
  if (/[,;:(—–&/]$|\s-$/.test(t)) return `ends with "${t.slice(-1)}", as if cut off`;
  if (DANGLING_END.has(last.toLowerCase()) && t.endsWith(last)) return `ends with "${last}", as if cut off`;
  if (opened > closed) return 'opens a parenthesis it never closes, as if cut off';
  if (/\p{L}{3}\s\p{Ll}$/u.test(t) && last !== 'a') return `ends in the middle of a word ("${t.slice(-12).trimStart()}")`;
  if (/:\s\p{Lu}$/u.test(t)) return `ends right after "${t.slice(-3)}", as if cut off`;
  // Short claims without a full stop are common and harmless; a long text that stops without one was truncated.
  if (t.length >= 300) return `stops after ${t.length} characters without a full stop, as if cut off`;
  return undefined;
}

const sentenceKey = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();

function repeatedSentence(t: string): string | undefined {
  const seen = new Set<string>();
  for (const s of t.split(/(?<=[.!?。！？])\s*/)) {
    const key = sentenceKey(s);
    if (key.length < 20) continue;
    if (seen.has(key)) return s.trim();
    seen.add(key);
  }
  return undefined;
}

export const factStatementBroken: Rule = {
  id: 'fact-statement-broken',
  category: 'facts',
  severity: 'warning',
  description: 'A statement that is not one clean claim: it holds Markdown, code or a heading, starts mid-sentence, is cut off, or repeats another.',
  docs: {
    bad: 'atomic_facts:\n  - id: f1\n    statement: "## FLAN\\n**FLAN** showed that instruction tuning enables"\n  - id: f2\n    statement: and improves generalization.',
    good: 'atomic_facts:\n  - id: f1\n    statement: FLAN showed that instruction tuning enables zero-shot generalization.\n  - id: f2\n    statement: Scaling the number of instruction tasks improves generalization.',
    why: 'A statement is quoted on its own (hovers, Source-Mapped Facts, other tools): it must read as one complete, plain sentence. Inline code such as `crontab -e` is allowed.',
  },
  check(ctx) {
    const { article } = ctx;
    const seen = new Map<string, Fact>();
    for (const fact of article.facts) {
      const field = fact.fields.get('statement');
      if (fact.statement === undefined || !field?.valueRange) continue;
      const range = trimmedRange(article, field.valueRange);
      const s = fact.statement.replace(/\r\n?/g, '\n');
      const t = s.trim();
      if (!t) continue;
      const name = fact.id ? `The statement of "${fact.id}"` : 'This statement';
      const markdown = MARKDOWN.filter(([re]) => re.test(s)).map(([, what]) => what);
      if (markdown.length) ctx.report(range, `${name} holds ${markdown.join(', ')}: a statement is one plain sentence; move the rest to the body.`);
      const start = startProblem(t, fact, article);
      if (start) ctx.report(range, `${name} ${start}: make it a complete sentence.`);
      const end = endProblem(t);
      if (end) ctx.report(range, `${name} ${end}: finish the sentence.`);
      const repeated = repeatedSentence(t);
      if (repeated) ctx.report(range, `${name} says "${repeated.length > 60 ? repeated.slice(0, 57) + '...' : repeated}" twice: remove the repetition.`);
      const key = sentenceKey(t);
      const first = seen.get(key);
      if (first) {
        const other = first.id && first.id !== fact.id ? `"${first.id}"` : `fact ${first.index + 1}`;
        ctx.report(range, `${name} repeats the statement of ${other} word for word: merge the two facts or state the second claim.`, {
          related: [{ uri: article.uri, range: trimmedRange(article, first.fields.get('statement')!.valueRange!), message: 'the same statement' }],
        });
      } else seen.set(key, fact);
    }
  },
};
