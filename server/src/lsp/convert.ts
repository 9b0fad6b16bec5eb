/**
 * Offsets and engine results to LSP shapes and back. The only place where UTF-16 offsets become line/character:
 * every conversion goes through the LineIndex of the document the range belongs to.
 */
import {
  CompletionItemKind,
  DiagnosticSeverity,
  DiagnosticTag,
  InsertTextFormat,
  SymbolKind,
  type CodeAction,
  type CodeActionKind,
  type CodeLens,
  type CompletionItem,
  type Diagnostic,
  type DocumentLink,
  type DocumentSymbol,
  type FoldingRange,
  type Hover,
  type Location,
  type MarkupContent,
  type Range,
  type SymbolInformation,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import { safeMarkdown } from '../model/safeMarkdown';
import type { LineIndex } from '../core/lineIndex';
import { SHOW_FACT_REFERENCES } from '../features/codeLens';
import type { Finding, Severity, TextEdit, TextRange } from '../core/types';
import type {
  CodeActionResult,
  CodeLensResult,
  CompletionEntry,
  CompletionKind,
  DocumentLinkResult,
  FoldingResult,
  HoverResult,
  LocationResult,
  SymbolResult,
  WorkspaceEditResult,
} from '../features/types';

/** What the conversions need from the client's capabilities and the server's settings. */
export interface ConvertOptions {
  /** The base of the rule documentation; a rule's link is `${docsBase}#${rule}`. */
  docsBase?: string;
  relatedInformation: boolean;
  unnecessaryTag: boolean;
  snippets: boolean;
  markdown: boolean;
  /** The line index of another document (open or on disk), for related locations and references. */
  linesOf(uri: string): LineIndex | undefined;
  /** The URI the client knows a document by (it may encode a path differently from the server). */
  clientUri(uri: string): string;
}

export function toRange(lines: LineIndex, r: TextRange): Range {
  return { start: lines.positionAt(r.start), end: lines.positionAt(r.end) };
}

export function toTextEdit(lines: LineIndex, e: TextEdit): LspTextEdit {
  return { range: toRange(lines, e.range), newText: e.newText };
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export const DIAGNOSTIC_SOURCE = 'kart';

export function toDiagnostic(lines: LineIndex, f: Finding, o: ConvertOptions): Diagnostic {
  const d: Diagnostic = {
    range: toRange(lines, f.range),
    severity: SEVERITY[f.severity],
    code: f.rule,
    source: DIAGNOSTIC_SOURCE,
    message: f.message,
  };
  if (o.docsBase) d.codeDescription = { href: `${o.docsBase}#${f.rule}` };
  if (o.relatedInformation && f.related?.length) {
    d.relatedInformation = [];
    for (const r of f.related) {
      const other = r.uri === f.uri ? lines : o.linesOf(r.uri);
      if (!other) continue;
      d.relatedInformation.push({ location: { uri: o.clientUri(r.uri), range: toRange(other, r.range) }, message: r.message });
    }
  }
  if (f.unnecessary && o.unnecessaryTag) d.tags = [DiagnosticTag.Unnecessary];
  return d;
}

/**
 * The features' Markdown for the client: checked once more on the way out, so that no link but a web or mail link
 * reaches an editor that renders it (the features escape what articles hold; this catches what they miss).
 */
export function markup(markdown: string, o: ConvertOptions): MarkupContent {
  return o.markdown ? { kind: 'markdown', value: safeMarkdown(markdown) } : { kind: 'plaintext', value: markdown };
}

export function toHover(lines: LineIndex, h: HoverResult, o: ConvertOptions): Hover {
  return { contents: markup(h.contents, o), range: toRange(lines, h.range) };
}

const COMPLETION_KIND: Record<CompletionKind, CompletionItemKind> = {
  property: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  enum: CompletionItemKind.EnumMember,
  reference: CompletionItemKind.Reference,
  file: CompletionItemKind.File,
  snippet: CompletionItemKind.Snippet,
  text: CompletionItemKind.Text,
};

/**
 * A snippet as plain text for clients without snippet support: placeholders keep their default, choices their
 * first value, tab stops vanish, escapes are undone. Snippet syntax is tiny and flat here, so a scan suffices.
 */
export function snippetToText(snippet: string): string {
  let out = '';
  for (let i = 0; i < snippet.length; i++) {
    const c = snippet[i];
    if (c === '\\' && i + 1 < snippet.length && '$}\\,|'.includes(snippet[i + 1])) {
      out += snippet[++i];
    } else if (c === '$' && snippet[i + 1] === '{') {
      let j = i + 2;
      while (j < snippet.length && snippet[j] >= '0' && snippet[j] <= '9') j++;
      if (snippet[j] === ':') {
        const close = matchingBrace(snippet, j + 1);
        out += snippetToText(snippet.slice(j + 1, close));
        i = close;
      } else if (snippet[j] === '|') {
        const close = snippet.indexOf('|}', j + 1);
        const choices = snippet.slice(j + 1, close < 0 ? snippet.length : close);
        out += choices.split(',')[0];
        i = close < 0 ? snippet.length : close + 1;
      } else if (snippet[j] === '}') {
        i = j;
      } else out += c;
    } else if (c === '$' && snippet[i + 1] >= '0' && snippet[i + 1] <= '9') {
      while (snippet[i + 1] >= '0' && snippet[i + 1] <= '9') i++;
    } else out += c;
  }
  return out;
}

function matchingBrace(s: string, from: number): number {
  let depth = 1;
  for (let i = from; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === '{' && s[i - 1] === '$') depth++;
    else if (s[i] === '}' && --depth === 0) return i;
  }
  return s.length;
}

export function toCompletionItem(lines: LineIndex, c: CompletionEntry, o: ConvertOptions): CompletionItem {
  const snippet = c.snippet === true && o.snippets;
  const newText = c.snippet && !o.snippets ? snippetToText(c.insertText) : c.insertText;
  const item: CompletionItem = {
    label: c.label,
    kind: COMPLETION_KIND[c.kind],
    textEdit: { range: toRange(lines, c.range), newText },
    insertTextFormat: snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
  };
  if (c.detail !== undefined) item.detail = c.detail;
  if (c.documentation !== undefined) item.documentation = markup(c.documentation, o);
  if (c.sortText !== undefined) item.sortText = c.sortText;
  if (c.filterText !== undefined) item.filterText = c.filterText;
  if (c.preselect) item.preselect = true;
  if (c.additionalEdits?.length) item.additionalTextEdits = c.additionalEdits.map((e) => toTextEdit(lines, e));
  return item;
}

export function toLocation(l: LocationResult, o: ConvertOptions): Location | undefined {
  const lines = o.linesOf(l.uri);
  const whole = l.range.start === 0 && l.range.end === 0;
  if (!lines && !whole) return undefined;
  return { uri: o.clientUri(l.uri), range: lines ? toRange(lines, l.range) : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
}

const SYMBOL_KIND: Record<SymbolResult['kind'], SymbolKind> = {
  namespace: SymbolKind.Namespace,
  field: SymbolKind.Field,
  object: SymbolKind.Object,
  array: SymbolKind.Array,
  string: SymbolKind.String,
  key: SymbolKind.Key,
  module: SymbolKind.Module,
  constant: SymbolKind.Constant,
};

export function toDocumentSymbol(lines: LineIndex, s: SymbolResult): DocumentSymbol {
  const sym: DocumentSymbol = {
    // LSP forbids empty names (VS Code throws on them).
    name: s.name === '' ? ' ' : s.name,
    kind: SYMBOL_KIND[s.kind],
    range: toRange(lines, s.range),
    selectionRange: toRange(lines, s.selectionRange),
    children: s.children.map((c) => toDocumentSymbol(lines, c)),
  };
  if (s.detail !== undefined) sym.detail = s.detail;
  return sym;
}

/** For clients without hierarchical symbols: the tree flattened, each entry naming its parent. */
export function toSymbolInformation(uri: string, lines: LineIndex, symbols: SymbolResult[]): SymbolInformation[] {
  const out: SymbolInformation[] = [];
  const walk = (s: SymbolResult, container: string | undefined) => {
    const info: SymbolInformation = { name: s.name === '' ? ' ' : s.name, kind: SYMBOL_KIND[s.kind], location: { uri, range: toRange(lines, s.range) } };
    if (container !== undefined) info.containerName = container;
    out.push(info);
    for (const c of s.children) walk(c, s.name);
  };
  for (const s of symbols) walk(s, undefined);
  return out;
}

export function toFoldingRange(f: FoldingResult): FoldingRange {
  const r: FoldingRange = { startLine: f.startLine, endLine: f.endLine };
  if (f.kind) r.kind = f.kind;
  return r;
}

export function toDocumentLink(lines: LineIndex, l: DocumentLinkResult, o: ConvertOptions): DocumentLink {
  const link: DocumentLink = { range: toRange(lines, l.range), target: o.clientUri(l.target) };
  if (l.tooltip !== undefined) link.tooltip = l.tooltip;
  return link;
}

/** The fact-references command carries `[uri, offset]` from the feature; the client needs `[uri, position]`. */
export function toCodeLens(lines: LineIndex, l: CodeLensResult, o: ConvertOptions): CodeLens {
  const range = toRange(lines, l.range);
  if (!l.command) return { range, command: { title: l.title, command: '' } };
  let args = l.command.arguments;
  if (l.command.id === SHOW_FACT_REFERENCES && typeof args[0] === 'string' && typeof args[1] === 'number') {
    const target = args[0] === '' ? lines : o.linesOf(args[0]) ?? lines;
    args = [o.clientUri(args[0]), target.positionAt(args[1]), ...args.slice(2)];
  }
  return { range, command: { title: l.title, command: l.command.id, arguments: args } };
}

export function toWorkspaceEdit(edit: WorkspaceEditResult, o: ConvertOptions): WorkspaceEdit | undefined {
  const changes: Record<string, LspTextEdit[]> = {};
  for (const [uri, edits] of Object.entries(edit)) {
    const lines = o.linesOf(uri);
    if (!lines) return undefined;
    changes[o.clientUri(uri)] = edits.map((e) => toTextEdit(lines, e));
  }
  return { changes };
}

export function toCodeAction(a: CodeActionResult, o: ConvertOptions, diagnosticOf: (rule: string, range: TextRange) => Diagnostic | undefined): CodeAction | undefined {
  const edit = toWorkspaceEdit(a.edit, o);
  if (!edit) return undefined;
  const action: CodeAction = { title: a.title, kind: a.kind as CodeActionKind, edit };
  if (a.isPreferred) action.isPreferred = true;
  if (a.diagnostics?.length) {
    const diags = a.diagnostics.flatMap((d) => diagnosticOf(d.rule, d.range) ?? []);
    if (diags.length) action.diagnostics = diags;
  }
  return action;
}

/** More completion items than this are cut to the best matches, and the list marked incomplete. */
export const MAX_COMPLETION_ITEMS = 200;

function isSubsequence(typed: string, candidate: string): boolean {
  let i = 0;
  for (let j = 0; i < typed.length && j < candidate.length; j++) if (typed[i] === candidate[j]) i++;
  return i === typed.length;
}

/**
 * A long list (links to every article of a large workspace) would cost hundreds of kilobytes on every keystroke:
 * keep the entries that match what is typed so far the way editors filter (in order, any case), best sorted first.
 * The client asks again as the user types.
 */
export function limitCompletions(entries: CompletionEntry[], text: string, offset: number, max = MAX_COMPLETION_ITEMS): { entries: CompletionEntry[]; incomplete: boolean } {
  if (entries.length <= max) return { entries, incomplete: false };
  const typedFrom = new Map<number, string>();
  const matching = entries.filter((e) => {
    if (e.range.start > offset || offset > e.range.end) return true;
    let typed = typedFrom.get(e.range.start);
    if (typed === undefined) typedFrom.set(e.range.start, (typed = text.slice(e.range.start, offset).toLowerCase()));
    return typed === '' || isSubsequence(typed, (e.filterText ?? e.label).toLowerCase());
  });
  const key = (e: CompletionEntry) => e.sortText ?? e.label;
  matching.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return { entries: matching.slice(0, max), incomplete: true };
}
