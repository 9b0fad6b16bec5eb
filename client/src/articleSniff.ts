/**
 * Whether an open Markdown document is worth starting the language server for, decided without parsing YAML (the
 * client never does): the first line is a `---` fence (after an optional BOM) and, before the closing fence, a line
 * starts at column 0 with `atomic_facts:` or `primary_sources:`, the keys that make a file an article to the server.
 * A key check at column 0 is all it takes; the server decides the rest. Pure: no `vscode` here.
 */
const KEYS = ['atomic_facts:', 'primary_sources:'];
/** The frontmatter of an article starts within this many lines; a README's is not looked at past it. */
const MAX_LINES = 2000;

export function looksLikeArticle(text: string): boolean {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/, MAX_LINES);
  if (lines[0]?.trimEnd() !== '---') return false;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (line.trimEnd() === '---' || line.trimEnd() === '...') return false;
    if (KEYS.some((k) => line.startsWith(k))) return true;
  }
  return false;
}
