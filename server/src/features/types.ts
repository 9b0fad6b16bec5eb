/**
 * Results of the language features, in document offsets. Each feature is one module exporting one function of the
 * shape `(ctx: FeatureContext, article: Article, offset: number, token: CancellationToken) => Result`; the LSP layer
 * (server.ts) converts offsets to positions. Features never import each other: shared knowledge lives in the model.
 */
import type { ResolvedConfig } from '../config';
import type { TextEdit, TextRange } from '../core/types';
import type { Article } from '../model/article';
import type { BibliographyEntry } from '../model/workspaceBibliography';
import type { ArticleSchema } from '../schema/articleSchema';
import type { VerificationLookup } from '../verify/report';
import type { WorkspaceIndex } from '../workspaceIndex';

export interface FeatureContext {
  config: ResolvedConfig;
  schema: ArticleSchema;
  index: WorkspaceIndex;
  today: string;
  /** The verification report's results (read from the report file; nothing goes online). */
  verification?: VerificationLookup;
  /** The entries of the workspace's bibliography files (BibTeX, CSL JSON), for completion. */
  bibliography?: readonly BibliographyEntry[];
  /** The model of another document (open or on disk); undefined when it cannot be read. */
  articleAt(uri: string): Article | undefined;
}

export interface HoverResult {
  /** Markdown. */
  contents: string;
  range: TextRange;
}

export type CompletionKind = 'property' | 'value' | 'enum' | 'reference' | 'file' | 'snippet' | 'text';

export interface CompletionEntry {
  label: string;
  kind: CompletionKind;
  detail?: string;
  /** Markdown. */
  documentation?: string;
  /** What replaces `range`; a snippet (`${1:placeholder}`) when `snippet` is set. */
  insertText: string;
  snippet?: boolean;
  range: TextRange;
  sortText?: string;
  filterText?: string;
  /** Edits elsewhere in the document, e.g. filling source_url when source_title is chosen. */
  additionalEdits?: TextEdit[];
  preselect?: boolean;
}

/** A place in a document; `range` is in offsets of that document (`{0,0}` for a whole file). */
export interface LocationResult {
  uri: string;
  range: TextRange;
}

export interface SymbolResult {
  name: string;
  detail?: string;
  kind: 'namespace' | 'field' | 'object' | 'array' | 'string' | 'key' | 'module' | 'constant';
  range: TextRange;
  selectionRange: TextRange;
  children: SymbolResult[];
}

export interface FoldingResult {
  startLine: number;
  endLine: number;
  kind?: 'region' | 'comment' | 'imports';
}

export interface DocumentLinkResult {
  range: TextRange;
  /** An absolute URI: https for sources, file for other articles. */
  target: string;
  tooltip?: string;
}

export interface CodeLensResult {
  range: TextRange;
  title: string;
  /** The command the editor runs on click, with its arguments (e.g. `editor.action.showReferences`). */
  command?: { id: string; arguments: unknown[] };
}

export type WorkspaceEditResult = Record<string, TextEdit[]>;

export interface CodeActionResult {
  title: string;
  kind: 'quickfix' | 'source.fixAll.kart' | 'refactor';
  edit: WorkspaceEditResult;
  isPreferred?: boolean;
  /** The diagnostics (rule + range) this action fixes. */
  diagnostics?: { rule: string; range: TextRange }[];
}
