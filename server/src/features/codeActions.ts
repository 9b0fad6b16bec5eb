import { nonOverlapping } from '../core/edits';
import { throwIfCancelled, type CancellationToken, type Finding, type TextEdit, type TextRange } from '../core/types';
import type { Article } from '../model/article';
import type { CodeActionResult } from './types';

/** Whether an action kind is wanted: LSP kinds are hierarchical (`source` asks for `source.fixAll` too). */
function wanted(kind: string, only: string[] | undefined): boolean {
  if (!only || only.length === 0) return true;
  return only.some((k) => kind === k || kind.startsWith(k + '.'));
}

function overlaps(a: TextRange, b: TextRange): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/**
 * A quick fix for every fix the engine offers on the findings under the range, and `source.fixAll` applying every
 * safe fix of the document at once (the first safe fix of each finding, skipped when it overlaps one already taken).
 */
export function getCodeActions(article: Article, findings: Finding[], range: TextRange, only: string[] | undefined, token: CancellationToken): CodeActionResult[] {
  const actions: CodeActionResult[] = [];
  if (wanted('quickfix', only)) {
    for (const finding of findings) {
      throwIfCancelled(token);
      if (!overlaps(finding.range, range)) continue;
      for (const fix of finding.fixes ?? []) {
        actions.push({
          title: fix.title,
          kind: 'quickfix',
          edit: { [article.uri]: fix.edits },
          isPreferred: fix.preferred,
          diagnostics: [{ rule: finding.rule, range: finding.range }],
        });
      }
    }
  }
  if (wanted('source.fixAll', only)) {
    const fixed: { rule: string; range: TextRange }[] = [];
    let kept: TextEdit[] = [];
    for (const finding of findings) {
      throwIfCancelled(token);
      const fix = finding.fixes?.find((f) => f.safe);
      if (!fix || fix.edits.length === 0) continue;
      // A fix is taken whole or not at all: half of a fix could leave the text worse than before.
      const together = nonOverlapping([...kept, ...fix.edits]);
      if (together.length !== kept.length + fix.edits.length) continue;
      kept = together;
      fixed.push({ rule: finding.rule, range: finding.range });
    }
    if (kept.length) {
      actions.push({
        title: `Fix all safe problems (${fixed.length})`,
        kind: 'source.fixAll',
        edit: { [article.uri]: kept },
        diagnostics: fixed,
      });
    }
  }
  return actions;
}
