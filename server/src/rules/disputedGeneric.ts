import { isSeq } from 'yaml';
import type { Fix, TextRange } from '../core/types';
import { nodeAtPath, scalarString, type Article, type Disputed } from '../model/article';
import { deleteListItemEdit } from './fixes';
import type { Rule } from './rule';
import { trimmedRange } from './yamlValues';

/**
 * The words boilerplate about disputes is made of: who might disagree (scholars, experts), about what in general
 * (findings, the evidence, this area) and how (ongoing debate, competing frameworks). A statement made of nothing else
 * names no dispute; one word outside the list (a topic, a school, a claim) and it may, so it passes.
 */
const GENERIC_WORDS = new Set(
  `a an the this that these those its it their they there here of in on at to for by with within among between about
  regarding over as and or but not no nor is are was were be been being remain remains remained remaining continue
  continues continued continuing has have had may might can could will would still yet also often
  subject ongoing active scholarly academic scientific expert experts scholar scholars researcher researchers academics
  specialists commentators analysts observers some many several various multiple different differing diverse other others
  debate debates debated debating discussion discussions discussed disagree disagrees disagreement disagreements dispute
  disputes disputed contested contest controversy controversies controversial consensus unresolved unsettled open
  question questions unclear uncertain uncertainty exist exists existing differ differs vary varies varied
  area areas field fields topic topics domain domains matter matters issue issues aspect aspects point points
  key main certain important findings finding results result evidence data available interpretation interpretations
  significance implications importance relevance meaning understanding understand
  school schools thought thoughts view views viewpoint viewpoints opinion opinions perspective perspectives position
  positions approach approaches framework frameworks theory theories competing offer offers offering offered
  further research needed required more which what how whether`
    .split(/\s+/)
    .filter(Boolean),
);

/** Generic dispute boilerplate: at least one word, and none outside the generic vocabulary. */
export function isGenericDispute(text: string): boolean {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu) ?? [];
  return words.length > 0 && words.every((w) => GENERIC_WORDS.has(w));
}

/** An entry names no dispute: its statement is boilerplate and neither a source nor a specific context says more. */
function isGenericEntry(d: Disputed): boolean {
  if (d.statement === undefined || !isGenericDispute(d.statement)) return false;
  if (!d.isMap) return true;
  if (['source_url', 'source_title'].some((k) => scalarString(d.fields.get(k)?.node)?.trim())) return false;
  const context = scalarString(d.fields.get('context')?.node);
  return context === undefined || context.trim() === '' || isGenericDispute(context);
}

/** A block scalar's text, without its `>-` or `|` header line. */
function textRange(article: Article, range: TextRange): TextRange {
  if (!/^[>|]/.test(article.text.slice(range.start, range.start + 1))) return range;
  const next = article.lines.lineAt(range.start) + 1;
  if (next >= article.lines.lineCount) return range;
  let start = article.lines.lineStart(next);
  while (start < range.end && /[ \t]/.test(article.text[start])) start++;
  return start < range.end ? { start, end: range.end } : range;
}

function emptyListFix(article: Article): Fix | undefined {
  const field = article.fields.get('disputed_statements');
  if (!field?.valueRange) return undefined;
  const colon = article.text.indexOf(':', field.keyRange.end);
  if (colon < 0 || colon >= field.valueRange.start || article.text.slice(colon + 1, field.valueRange.start).trim() !== '') return undefined;
  return { title: 'Replace with disputed_statements: []', edits: [{ range: { start: colon + 1, end: trimmedRange(article, field.valueRange).end }, newText: ' []' }], safe: false, preferred: true };
}

export const disputedGeneric: Rule = {
  id: 'disputed-generic',
  category: 'facts',
  severity: 'warning',
  description: 'A disputed statement that names no dispute: boilerplate such as "The interpretation and significance of key findings remain the subject of ongoing scholarly debate".',
  docs: {
    bad: 'disputed_statements:\n  - The interpretation and significance of key findings in this area are subject to ongoing scholarly debate.',
    good: 'disputed_statements:\n  - statement: Whether instruction tuning adds abilities or only exposes those learnt in pre-training is debated.\n    context: Wei et al. (2022) report new zero-shot abilities; Zhou et al. (2023, LIMA) argue alignment is superficial.',
    why: 'A disputed statement tells readers what is contested and by whom; boilerplate tells them nothing and reads as a dispute that is not there. When nothing is disputed, say so with `disputed_statements: []` (the quick fix when every entry is boilerplate). A statement with one specific word (a topic, a school, a claim), a source or a specific context passes.',
  },
  check(ctx) {
    const { article } = ctx;
    const generic = article.disputed.filter(isGenericEntry);
    if (generic.length === 0) return;
    const seq = nodeAtPath(article, ['disputed_statements']).node;
    const all = generic.length === article.disputed.length ? emptyListFix(article) : undefined;
    for (const d of generic) {
      const fixes: Fix[] = [];
      if (all) fixes.push(all);
      else if (isSeq(seq) && !seq.flow) fixes.push({ title: 'Remove this entry', edits: [deleteListItemEdit(article, d.range)], safe: false });
      const range = textRange(article, trimmedRange(article, d.statementRange ?? d.range));
      ctx.report(range, `Disputed statement ${d.index + 1} names no dispute: say what is disputed and by whom, or, when nothing is, leave the list empty (disputed_statements: []).`, { fixes });
    }
  },
};
