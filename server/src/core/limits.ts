/**
 * How large a document the engine models. Every keystroke re-scans the whole body and runs every rule, so the cost of
 * a keystroke grows with the document: a 20 MB article cost the server 3–4 s each. Past the cap a document gets one
 * finding that says so, and no model is built (nothing of it is parsed, cached or indexed).
 */
export const MAX_DOCUMENT_CHARS = 10 * 1024 * 1024;

const MB = 1024 * 1024;

export function tooLargeMessage(chars: number, cap = MAX_DOCUMENT_CHARS): string {
  // Rounded up, so that a document just past the cap never reads as the cap itself.
  const size = (Math.ceil((chars / MB) * 10) / 10).toFixed(1);
  return `This document is too large to check (${size} MB > ${+(cap / MB).toFixed(1)} MB): split it into several articles.`;
}
