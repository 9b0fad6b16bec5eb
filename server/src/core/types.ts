/** Offsets are UTF-16 code unit indices into the document text; LSP positions exist only at the edges. */
export interface TextRange {
  start: number;
  end: number;
}

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = Severity | 'off';

export interface TextEdit {
  range: TextRange;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** Safe fixes are applied by `kart fix` and `source.fixAll`; the others only on request. */
  safe: boolean;
  preferred?: boolean;
}

export interface RelatedLocation {
  uri: string;
  range: TextRange;
  message: string;
}

export interface Finding {
  uri: string;
  rule: string;
  severity: Severity;
  message: string;
  range: TextRange;
  fixes?: Fix[];
  related?: RelatedLocation[];
  /** Shown faded by editors (an unused source, say). */
  unnecessary?: boolean;
}

/** Structurally compatible with the LSP cancellation token. */
export interface CancellationToken {
  readonly isCancellationRequested: boolean;
}

export const neverCancelled: CancellationToken = { isCancellationRequested: false };

export class CancelledError extends Error {
  constructor() {
    super('cancelled');
  }
}

export function throwIfCancelled(token: CancellationToken): void {
  if (token.isCancellationRequested) throw new CancelledError();
}

/** A document as the service sees it: the text and a version that changes with it. */
export interface TextDocumentLike {
  readonly uri: string;
  readonly version: number;
  getText(): string;
}
