/**
 * Link reference definitions (`[label]: ../other.md "Title"`): markdown-it reads them into its env without tokens or
 * places. The block rule here wraps markdown-it's own and, for each definition it takes, records where its label and
 * destination are (the destination read with markdown-it's own helper); a reference link's target is written there.
 */
import type MarkdownIt from 'markdown-it';
import type { TextRange } from '../core/types';

export interface LinkDefinition {
  label: string;
  target: string;
  /** The destination as written (inside `<…>` when it is bracketed). */
  targetRange: TextRange;
  /** The whole definition. */
  range: TextRange;
}

interface BlockState {
  src: string;
  line: number;
  bMarks: number[];
  eMarks: number[];
  tShift: number[];
  env: { kartDefinitions?: LinkDefinition[] };
  md: MarkdownIt;
}
type BlockRule = (state: BlockState, startLine: number, endLine: number, silent: boolean) => boolean;

/** The definitions of one parse, in the env it was given: offsets are into the parsed text. */
export function definitionsOf(env: { kartDefinitions?: LinkDefinition[] }): LinkDefinition[] {
  return env.kartDefinitions ?? [];
}

/** markdown-it's `reference` rule, recording each definition it takes in `env.kartDefinitions`. */
export function withDefinitionSpans(original: BlockRule): BlockRule {
  return (state, startLine, endLine, silent) => {
    const ok = original(state, startLine, endLine, silent);
    if (!ok || silent) return ok;
    const start = state.bMarks[startLine] + state.tShift[startLine];
    const end = state.eMarks[state.line - 1];
    const src = state.src;
    const helpers = state.md.helpers;
    // A definition's label holds no unescaped bracket: it ends at the first `]` not after a backslash.
    let labelEnd = start + 1;
    while (labelEnd < end && src[labelEnd] !== ']') labelEnd += src[labelEnd] === '\\' ? 2 : 1;
    if (labelEnd >= end || src.charCodeAt(labelEnd + 1) !== 0x3a /* : */) return ok;
    let pos = labelEnd + 2;
    while (pos < end && (src[pos] === ' ' || src[pos] === '\t' || src[pos] === '\n' || src[pos] === '\r')) pos++;
    const dest = helpers.parseLinkDestination(src, pos, end);
    if (!dest.ok) return ok;
    const bracketed = src.charCodeAt(pos) === 0x3c; /* < */
    const targetRange = bracketed ? { start: pos + 1, end: dest.pos - 1 } : { start: pos, end: dest.pos };
    (state.env.kartDefinitions ??= []).push({ label: src.slice(start + 1, labelEnd), target: src.slice(targetRange.start, targetRange.end), targetRange, range: { start, end } });
    return ok;
  };
}
