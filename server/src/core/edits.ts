import type { TextEdit } from './types';

/** Applies edits that do not overlap (overlapping ones after the first are dropped); offsets refer to the original text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  let out = '';
  let pos = 0;
  for (const e of sorted) {
    if (e.range.start < pos) continue;
    out += text.slice(pos, e.range.start) + e.newText;
    pos = e.range.end;
  }
  return out + text.slice(pos);
}

/** Keeps the edits that do not overlap an earlier one, in order. */
export function nonOverlapping(edits: readonly TextEdit[]): TextEdit[] {
  const sorted = [...edits].sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  const kept: TextEdit[] = [];
  let pos = -1;
  for (const e of sorted) {
    if (e.range.start < pos || (e.range.start === pos && kept.length && kept[kept.length - 1].range.start === e.range.start && e.range.start === e.range.end)) continue;
    kept.push(e);
    pos = e.range.end;
  }
  return kept;
}
