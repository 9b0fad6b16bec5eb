/**
 * Text from a repository (file names, keys, values quoted in messages) on its way to a terminal or a CI log. A raw
 * line feed there starts a line the reader (or a problem matcher) takes for kart's own; a carriage return or an
 * escape sequence overwrites or hides what is shown; bidirectional overrides reorder it. Each such character is
 * shown as an escape instead: `\n`, `\r`, `\t`, or `\uXXXX` for the others. The `\uXXXX` form is also a valid JSON
 * string escape, so that JSON output stays valid JSON with the same values when it passes through here.
 */

// C0 controls, DEL, C1 controls (0x9B is CSI on some terminals), the line and paragraph separators, and the
// bidirectional marks, embeddings, overrides and isolates.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
// Kart's own lines: line feeds kept, a CR that ends a line (a CRLF file's line in a diff) and tabs too (a diff must
// still apply); a lone CR, which moves back over the line shown, is not.
const CONTROL_BUT_LF = /\r(?!\n)|[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function escapeChar(c: string): string {
  if (c === '\n') return '\\n';
  if (c === '\r') return '\\r';
  if (c === '\t') return '\\t';
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** One field (a path, a message): every control character escaped, line feeds too; it stays on its line. */
export function visible(s: string): string {
  return s.replace(CONTROL, escapeChar);
}

/** Text kart laid out in lines itself: its line ends (LF, CRLF) and tabs kept, every other control character escaped. */
export function visibleText(s: string): string {
  return s.replace(CONTROL_BUT_LF, escapeChar);
}
