import { isSeq, type Node } from 'yaml';
import type { Fix, TextRange } from '../core/types';
import { nodeAtPath, nodeRange, scalarString, type Article } from '../model/article';
import { deleteListItemEdit } from './fixes';
import { checkBodyPlaceholders } from './placeholderBody';
import { isPlaceholderUrl, isTemplatePlaceholder } from '../model/template';
import type { Rule } from './rule';
import { trimmedRange } from './yamlValues';

/** Marks a writer leaves to come back to; upper case only, so `todo` as a word (a to-do list) passes. */
const MARKERS = /\b(TODO|TBD|TBA|FIXME|XXX)\b/;
/** Phrases that are placeholders wherever they stand ("to be added" alone is a placeholder, inside a sentence it is English). */
const PHRASES = /\b(to be filled(?: in)?|lorem ipsum|insert [\w ]{1,30} here|fill (?:this )?in later)\b/i;
/** Chinese: 待补充 (to be added), 待填充/待填写 (to be filled in), 待完善 (to be completed), 待定 (to be decided), 占位 (placeholder). */
const CJK = /(待(?:后续)?补充|待填充|待填写|待完善|待定|占位符?)/u;
/** Whole values that say nothing. */
const EMPTY_VALUES = /^\s*(n\/?a|none|null|placeholder|tbd|tba|todo|\?+|\.{3}|…|-+|to be (?:added|determined|confirmed|written|completed|announced|decided)|coming soon)\.?\s*$/i;
const NO_DISPUTE = /^\s*(?:no (?:major |significant |known )?(?:disputed statements|disputes|controversies)(?: (?:identified|found|noted|known))?|none identified|暂无争议)\.?\s*$/i;
/** `Source 1 — <article title>`: a generated stand-in for a real source title. */
const NUMBERED_SOURCE = /^\s*(?:source|reference|ref\.?)\s*\d+\b/i;

type Where = 'disputed' | 'source-title' | 'text' | 'url';

/** What makes a text a placeholder, said of the field holding it; undefined when it is real content. */
function placeholderIn(text: string, where: Where): string | undefined {
  const say = placeholderKind(text, where);
  if (!say) return undefined;
  const t = text.trim();
  return say(t.length > 60 ? `"${t.slice(0, 57)}..."` : `"${t}"`);
}

/** How placeholderIn words its finding, given the value as quoted: most values are no placeholder, and quote nothing. */
function placeholderKind(text: string, where: Where): ((shown: string) => string) | undefined {
  // A template's own placeholder, left as the template wrote it (see model/template.ts).
  if (isTemplatePlaceholder(text) || (where === 'url' && isPlaceholderUrl(text))) return (shown) => `is the template's placeholder ${shown}`;
  if (where === 'url') return undefined;
  if (where === 'disputed' && NO_DISPUTE.test(text)) return (shown) => `is the placeholder ${shown}`;
  if (where === 'source-title' && NUMBERED_SOURCE.test(text)) return (shown) => `is a numbered stand-in, ${shown}, not the source's own title`;
  if (EMPTY_VALUES.test(text)) return (shown) => `is the placeholder ${shown}`;
  const marker = MARKERS.exec(text) ?? PHRASES.exec(text) ?? CJK.exec(text);
  if (marker) return (shown) => (marker[0] === text.trim() ? `is the placeholder ${shown}` : `holds placeholder text ("${marker[0]}")`);
  return undefined;
}

const ADVICE: Record<Where, string> = {
  disputed: 'when nothing is disputed, leave the list empty (disputed_statements: [])',
  'source-title': "write the source's real title",
  text: 'write the real content or remove it',
  url: "write the address of the real source",
};

export const placeholderText: Rule = {
  id: 'placeholder-text',
  category: 'facts',
  severity: 'warning',
  description: 'Placeholder text left in a title, a statement, a known gap, a disputed statement or a source (TODO, TBD, "to be filled in", 待补充, "No major disputed statements identified", a template\'s own text such as "Title of the Source" or https://example.org/source), and in the Markdown body outside code (`[待验证]`, `[核心概念解释。待填充。]`, `TODO:`).',
  docs: {
    bad: '---\ntitle: "TODO: title"\nknown_gaps:\n  - To be filled in\ndisputed_statements:\n  - statement: No major disputed statements identified\n---\n## TL;DR\n[简要概述。待填充。]',
    good: '---\ntitle: "Instruction Tuning: Teaching LLMs to Follow Directions"\nknown_gaps:\n  - Multilingual instruction tuning\ndisputed_statements: []\n---\n## TL;DR\nInstruction tuning teaches models to follow directions.',
    why: 'Placeholders read as content to readers and tools. "No disputed statements" is said by an empty list, `disputed_statements: []`, which the safe fix writes.',
  },
  check(ctx) {
    const { article } = ctx;
    const say = (range: TextRange | undefined, text: unknown, where: Where, label: string, fixes?: Fix[]) => {
      if (typeof text !== 'string' || !range) return;
      const found = placeholderIn(text, where);
      if (found) ctx.report(trimmedRange(article, range), `${label} ${found}: ${ADVICE[where]}.`, { fixes });
    };
    const title = article.fields.get('title');
    say(title?.valueRange, scalarString(title?.node), 'text', 'The title');
    for (const fact of article.facts) {
      const label = fact.id ? `fact "${fact.id}"` : `fact ${fact.index + 1}`;
      for (const key of ['statement', 'source_title']) {
        const field = fact.fields.get(key);
        say(field?.valueRange, scalarString(field?.node), 'text', `The ${key} of ${label}`);
      }
      const url = fact.fields.get('source_url');
      say(url?.valueRange, scalarString(url?.node), 'url', `The source_url of ${label}`);
    }
    for (const gap of article.knownGaps) say(gap.range, gap.text, 'text', `Known gap ${gap.index + 1}`);
    const disputed = article.fields.get('disputed_statements');
    const seq = nodeAtPath(article, ['disputed_statements']).node;
    const all = article.disputed.length > 0 && article.disputed.every((d) => d.statement !== undefined && placeholderIn(d.statement, 'disputed') !== undefined && [...d.fields.keys()].every((k) => k === 'statement'));
    for (const d of article.disputed) {
      let fixes: Fix[] | undefined;
      if (all && disputed?.valueRange) {
        // Every entry is a placeholder: the empty list says the same, correctly.
        const colon = article.text.indexOf(':', disputed.keyRange.end);
        const end = trimmedRange(article, disputed.valueRange).end;
        const clean = colon >= 0 && colon < disputed.valueRange.start && article.text.slice(colon + 1, disputed.valueRange.start).trim() === '';
        const range = clean ? { start: colon + 1, end } : { start: disputed.valueRange.start, end };
        fixes = [{ title: 'Replace with disputed_statements: []', edits: [{ range, newText: clean ? ' []' : '[]' }], safe: true, preferred: true }];
      } else if (isSeq(seq) && !seq.flow) {
        fixes = [{ title: 'Remove this entry', edits: [deleteListItemEdit(article, d.range)], safe: false }];
      }
      say(d.statementRange, d.statement, 'disputed', `Disputed statement ${d.index + 1}`, fixes);
      const context = d.fields.get('context');
      say(context?.valueRange, scalarString(context?.node), 'text', `The context of disputed statement ${d.index + 1}`);
    }
    for (const source of article.sources) {
      const label = `${source.list}[${source.index}]`;
      const t = source.fields.get('title');
      say(t?.valueRange, scalarString(t?.node), 'source-title', `The title of ${label}`);
      for (const key of ['institution', 'type', 'url']) {
        const field = source.fields.get(key);
        const value = scalarString(field?.node);
        // `institution: none` is an answer, not a placeholder.
        if (value === undefined || /^\s*none\s*$/i.test(value)) continue;
        if (key === 'url' && isPlaceholderUrl(value)) say(field?.valueRange, value, 'url', `The ${key} of ${label}`);
        else if (EMPTY_VALUES.test(value) || key === 'institution' || isTemplatePlaceholder(value)) say(field?.valueRange, value, 'text', `The ${key} of ${label}`);
      }
      const authors = source.fields.get('authors')?.node;
      if (isSeq(authors)) {
        for (const item of authors.items) {
          const range = nodeRange(item as Node, article.yamlOffset);
          const value = scalarString(item as Node);
          if (value !== undefined && isTemplatePlaceholder(value)) say(range, value, 'text', `An author of ${label}`);
        }
      }
    }
    checkBodyPlaceholders(ctx);
  },
};
