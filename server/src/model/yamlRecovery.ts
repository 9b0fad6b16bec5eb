import { isMap, isSeq, Parser, parseDocument, type Document, type Node, type Pair } from 'yaml';
import type { Finding, TextRange } from '../core/types';

/*
 * One YAML syntax error must not hide the rest of the frontmatter. The lines YAML fails on are blanked (each
 * character a space, so that every offset holds) until the rest parses; the model is built from that, the syntax
 * errors stay those of the text as written, and findings that the blanked lines could explain are left out.
 */

const MAX_TRIES = 24;
/** Past this size a frontmatter is not re-parsed line by line: its syntax error alone is reported. */
const MAX_SOURCE = 256 * 1024;

export const YAML_OPTIONS = { prettyErrors: false, uniqueKeys: false, logLevel: 'error' } as const;

/** Errors that are about the YAML's syntax (a duplicated key parses fine). */
export function syntaxErrors(doc: Document.Parsed): number {
  let n = 0;
  for (const e of doc.errors) if (e.code !== 'DUPLICATE_KEY') n++;
  return n;
}

/** `key:value` with no space: YAML reads the whole line as one plain word. Returns the colon's column. */
export function missingSpaceAfterColon(line: string): number | undefined {
  let i = 0;
  while (i < line.length && (line[i] === ' ' || line[i] === '-')) i++;
  const keyStart = i;
  while (i < line.length && /[A-Za-z0-9_-]/.test(line[i])) i++;
  if (i === keyStart || line[i] !== ':') return undefined;
  const next = line[i + 1];
  if (next === undefined || next === ' ' || next === '\t' || next === ':') return undefined;
  return i;
}

/** Where a quoted string that never closes opens (an offset in `source`): YAML reports the end of the document instead. */
export function unclosedQuoteOffset(source: string): number | undefined {
  let found: number | undefined;
  const walk = (node: unknown, depth: number) => {
    if (found !== undefined || depth > 60 || !node || typeof node !== 'object') return;
    const t = node as { type?: string; offset?: number; source?: string };
    if ((t.type === 'double-quoted-scalar' || t.type === 'single-quoted-scalar') && typeof t.offset === 'number' && typeof t.source === 'string') {
      const q = t.source[0];
      const body = t.source.trimEnd();
      const closed = body.length >= 2 && body.endsWith(q) && !(q === '"' && /(^|[^\\])(\\\\)*\\"$/.test(body));
      if (!closed) found = t.offset;
      return;
    }
    for (const v of Object.values(node)) if (v && typeof v === 'object') walk(v, depth + 1);
  };
  try {
    for (const token of new Parser().parse(source)) walk(token, 0);
  } catch {
    return undefined;
  }
  return found;
}

class Lines {
  readonly starts: number[] = [0];
  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }
  lineAt(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
  /** The line's text without its line break. */
  range(line: number): TextRange {
    const start = this.starts[line];
    let end = line + 1 < this.starts.length ? this.starts[line + 1] - 1 : this.text.length;
    if (end > start && this.text.charCodeAt(end - 1) === 13) end--;
    return { start, end };
  }
  get count(): number {
    return this.starts.length;
  }
}

function blank(source: string, r: TextRange): string {
  return source.slice(0, r.start) + ' '.repeat(r.end - r.start) + source.slice(r.end);
}

/** The lines that may be at fault for an error, most likely first. */
function suspects(lines: Lines, source: string, error: { code: string; pos: [number, number]; message: string }): number[] {
  const first = lines.lineAt(error.pos[0]);
  const last = lines.lineAt(Math.max(error.pos[0], error.pos[1] - 1));
  const out: number[] = [];
  for (let l = first; l <= last; l++) {
    const r = lines.range(l);
    if (missingSpaceAfterColon(source.slice(r.start, r.end)) !== undefined) out.push(l);
  }
  if (error.code === 'MISSING_CHAR' && /quote/i.test(error.message)) {
    const q = unclosedQuoteOffset(source);
    if (q !== undefined) out.push(lines.lineAt(q));
  }
  out.push(first);
  // YAML points at the value above a line indented under it: the line below is the one to leave out.
  for (let l = first + 1; l < lines.count && out.length < 6; l++) {
    const r = lines.range(l);
    if (source.slice(r.start, r.end).trim()) {
      out.push(l);
      break;
    }
  }
  return [...new Set(out)];
}

export interface Recovered {
  doc: Document.Parsed;
  /** The blanked lines' text, as offsets in the YAML source. */
  blanked: TextRange[];
}

/**
 * The document with the lines YAML cannot read left out, when that makes the rest parse without a syntax error;
 * undefined when it does not (the syntax errors are then all there is to say).
 */
export function recoverYaml(source: string, doc: Document.Parsed): Recovered | undefined {
  if (syntaxErrors(doc) === 0 || source.length > MAX_SOURCE) return undefined;
  const lines = new Lines(source);
  let current = source;
  let currentDoc = doc;
  const blanked: TextRange[] = [];
  let tries = 0;
  while (syntaxErrors(currentDoc) > 0 && tries < MAX_TRIES) {
    const error = currentDoc.errors.find((e) => e.code !== 'DUPLICATE_KEY')!;
    let best: { text: string; doc: Document.Parsed; line: TextRange; errors: number } | undefined;
    for (const line of suspects(lines, current, error)) {
      const r = lines.range(line);
      if (!current.slice(r.start, r.end).trim() || tries >= MAX_TRIES) continue;
      tries++;
      const text = blank(current, r);
      const next = parseDocument(text, YAML_OPTIONS);
      const errors = syntaxErrors(next);
      if (!best || errors < best.errors) best = { text, doc: next, line: r, errors };
      if (errors === 0) break;
    }
    if (!best || best.errors >= syntaxErrors(currentDoc) + 1) return undefined;
    current = best.text;
    currentDoc = best.doc;
    blanked.push(best.line);
  }
  if (syntaxErrors(currentDoc) > 0) return undefined;
  return { doc: currentDoc, blanked: blanked.sort((a, b) => a.start - b.start) };
}

function intersects(a: TextRange, b: TextRange): boolean {
  return a.start < b.end && b.start < a.end;
}

/**
 * The list items (facts, sources, disputed statements) that lost a line to recovery, as document offsets: from the
 * item's start to the next item's (or the next key's). What is said of them may come from the missing line.
 */
function damagedItems(root: Node | null | undefined, yamlOffset: number, blanked: readonly TextRange[], end: number): TextRange[] {
  if (!isMap(root)) return [];
  const out: TextRange[] = [];
  const pairs = root.items as Pair<Node, Node | null>[];
  pairs.forEach((pair, i) => {
    if (!isSeq(pair.value) || pair.value.flow) return;
    const listEnd = i + 1 < pairs.length && pairs[i + 1].key && (pairs[i + 1].key as Node).range ? (pairs[i + 1].key as Node).range![0] + yamlOffset : end;
    const items = pair.value.items as (Node | null)[];
    items.forEach((item, j) => {
      if (!item?.range || !isMap(item)) return;
      const next = items[j + 1];
      const extent = { start: item.range[0] + yamlOffset, end: next?.range ? next.range[0] + yamlOffset : listEnd };
      if (blanked.some((b) => intersects(b, extent))) out.push(extent);
    });
  });
  return out;
}

/**
 * Leaves out what a line left out by recovery could explain: findings on that line, findings about a list item that
 * lost a line (but the schema's, which are placed precisely), and fixes that add lines (the line may be there,
 * only unreadable). The findings about the YAML and the frontmatter block themselves stay, with their fixes.
 */
export function readableFindings(
  findings: Finding[],
  recovered: { blanked: readonly TextRange[]; root: Node | null | undefined; yamlOffset: number; end: number },
  kindOf: (rule: string) => 'syntax' | 'precise' | 'other',
): Finding[] {
  const items = damagedItems(recovered.root, recovered.yamlOffset, recovered.blanked, recovered.end);
  const out: Finding[] = [];
  for (const f of findings) {
    const kind = kindOf(f.rule);
    if (kind === 'syntax' || f.rule === 'internal-error') {
      out.push(f);
      continue;
    }
    const range = f.range.end > f.range.start ? f.range : { start: f.range.start, end: f.range.start + 1 };
    if (recovered.blanked.some((b) => intersects(b, range))) continue;
    if (kind !== 'precise' && items.some((it) => intersects(it, range))) continue;
    const fixes = f.fixes?.filter((fix) => fix.edits.every((e) => !/[\r\n]/.test(e.newText)));
    out.push(fixes && fixes.length !== f.fixes?.length ? { ...f, fixes: fixes.length ? fixes : undefined } : f);
  }
  return out;
}
