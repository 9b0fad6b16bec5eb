/**
 * Custom requests between the client and the server, beyond LSP. Types only: the client imports nothing else from
 * the server, and never parses YAML itself.
 */

/** `kart/articleView` {uri} → ArticleView | null: what the preview and the status bar show. */
export const ARTICLE_VIEW = 'kart/articleView';
/**
 * `kart/newArticle` {title, folderUri} → {uri, text, titleTaken, select?}: a new article's text, id and category derived;
 * `titleTaken` when the file named after the title exists (the new name is numbered), `select` the first placeholder.
 */
export const NEW_ARTICLE = 'kart/newArticle';
/** `kart/factSnippet` {uri} → InsertSnippet | null: a new fact in the article's id style, to insert as a snippet. */
export const FACT_SNIPPET = 'kart/factSnippet';
/** `kart/sourceSnippet` {uri, list: 'primary_sources' | 'secondary_sources'} → InsertSnippet | null. */
export const SOURCE_SNIPPET = 'kart/sourceSnippet';
/** `kart/checkWorkspace` {} → {files, problems}: publishes diagnostics for every article, with progress. */
export const CHECK_WORKSPACE = 'kart/checkWorkspace';
/**
 * `kart/verifySources` VerifySourcesParams → VerifySourcesResult: verifies the sources of one article (uri) or of the
 * workspace, online, into the report file; progress on the request's workDoneToken; cancelled with the request.
 */
export const VERIFY_SOURCES = 'kart/verifySources';

export interface VerifySourcesParams {
  /** The article; absent: every article of the workspace. */
  uri?: string;
  /** Ask again even what the report knows. */
  force?: boolean;
  workDoneToken?: string | number;
}

export interface VerifySourcesResult {
  /** Identifiers (URLs, DOIs, arXiv ids) of the articles. */
  sources: number;
  checked: number;
  cached: number;
  missing: number;
  dead: number;
  unknown: number;
  cancelled: boolean;
  /** The report file written. */
  report: string;
}

/**
 * `kart/importSource` {uri, list, input?: string, item?: object} → ImportedSource: a source entry made from pasted
 * BibTeX, CSL JSON or a DOI (looked up at kart.config.json's verify.doiEndpoint), or from a bibliography item.
 * A failure is an error response whose message says what was wrong with the input.
 */
export const IMPORT_SOURCE = 'kart/importSource';
/** `kart/bibliography` {} → BibliographyEntry[]: the items of the workspace's .bib and CSL JSON files. */
export const BIBLIOGRAPHY = 'kart/bibliography';

export interface ImportedSource {
  /** The text to insert (or to replace `range` with) and where the new entry starts. */
  range: { start: Pos; end: Pos };
  newText: string;
  entryStart: Pos;
  title?: string;
}

export interface BibliographyEntry {
  title: string;
  /** Authors and year, for the picker. */
  detail: string;
  /** The file it comes from, relative to the workspace folder. */
  file: string;
  item: Record<string, unknown>;
}

export interface Pos {
  line: number;
  character: number;
}

export interface InsertSnippet {
  position: Pos;
  /** VS Code snippet syntax: `${1:statement}`. */
  snippet: string;
  /** When set, the snippet replaces this range (which starts at `position`): an empty `[]` list becomes a block list. */
  replace?: { start: Pos; end: Pos };
}

/** The answer to CHECK_WORKSPACE: files checked and the problems found in them. */
export interface CheckWorkspaceResult {
  files: number;
  problems: { errors: number; warnings: number; infos: number; hints: number };
}

export interface FactView {
  id: string;
  statement: string;
  sourceTitle?: string;
  sourceUrl?: string;
  sourceDoi?: string;
  confidence?: string;
  /** Times the body cites it with `[@id]`. */
  cited: number;
  /** Source-Mapped Facts bullets for it. */
  mapped: number;
  /** Where the fact's id stands in the frontmatter. */
  line: number;
}

export interface SourceView {
  list: 'primary_sources' | 'secondary_sources';
  title?: string;
  type?: string;
  year?: number | string;
  url?: string;
  doi?: string;
  institution?: string;
  authors?: string[];
  line: number;
  /** What the verification report says of its url and doi. */
  verification?: { badge: 'verified' | 'dead' | 'unknown'; label: string; checkedAt?: string; details: string[] };
}

export interface DisputedView {
  statement: string;
  context?: string;
}

export interface ArticleView {
  uri: string;
  version: number;
  isArticle: boolean;
  title?: string;
  category?: string;
  confidence?: string;
  lastVerified?: string;
  /** Days since last_verified; undefined when there is no valid date. */
  daysSinceVerified?: number;
  /** last_verified is older than the configured staleAfterDays. */
  stale: boolean;
  facts: FactView[];
  sources: SourceView[];
  knownGaps: string[];
  disputed: DisputedView[];
  /** The Markdown body, and the document line it starts on (for scroll sync). */
  body: string;
  bodyStartLine: number;
  problems: { errors: number; warnings: number; infos: number; hints: number };
  /** Sources whose badge is not "verified" (never checked, could not verify, or dead). */
  unverifiedSources?: number;
}
