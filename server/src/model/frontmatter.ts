import type { TextRange } from '../core/types';

export interface FrontmatterBlock {
  /** The opening `---` line, without its line break. */
  open: TextRange;
  /** The YAML text between the fences. */
  content: TextRange;
  /** The closing `---` or `...` line; undefined when the block is never closed. */
  close?: TextRange;
  /** Where the Markdown body starts. */
  bodyStart: number;
}

export interface SplitResult {
  bom: boolean;
  eol: '\n' | '\r\n';
  frontmatter?: FrontmatterBlock;
}

function lineEndAt(text: string, from: number): { end: number; next: number } {
  let i = from;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 10) return { end: i, next: i + 1 };
    if (c === 13) return { end: i, next: text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1 };
    i++;
  }
  return { end: i, next: i };
}

function isFence(text: string, start: number, end: number, allowDots: boolean): boolean {
  let stop = end;
  while (stop > start && (text.charCodeAt(stop - 1) === 32 || text.charCodeAt(stop - 1) === 9)) stop--;
  if (stop - start !== 3) return false;
  const fence = text.slice(start, stop);
  return fence === '---' || (allowDots && fence === '...');
}

/** Finds the frontmatter fences: a first line of `---` (after an optional BOM) and a closing `---` or `...` line. */
export function splitFrontmatter(text: string): SplitResult {
  const bom = text.charCodeAt(0) === 0xfeff;
  const first = bom ? 1 : 0;
  const firstLine = lineEndAt(text, first);
  const eol = text.charCodeAt(firstLine.end) === 13 ? '\r\n' : '\n';
  if (!isFence(text, first, firstLine.end, false)) return { bom, eol };
  const open = { start: first, end: firstLine.end };
  let lineStart = firstLine.next;
  while (lineStart < text.length) {
    const line = lineEndAt(text, lineStart);
    if (isFence(text, lineStart, line.end, true)) {
      return {
        bom,
        eol,
        frontmatter: { open, content: { start: firstLine.next, end: lineStart }, close: { start: lineStart, end: line.end }, bodyStart: line.next },
      };
    }
    if (line.next === lineStart) break;
    lineStart = line.next;
  }
  return { bom, eol, frontmatter: { open, content: { start: firstLine.next, end: text.length }, bodyStart: text.length } };
}
