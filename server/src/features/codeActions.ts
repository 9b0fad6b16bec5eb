import { fixToFixedPoint, wholeEdit } from '../fixLoop';
import { throwIfCancelled, type CancellationToken, type Finding, type TextRange } from '../core/types';
import type { Article } from '../model/article';
import { disableCommentEdit } from './disableComment';
import type { CodeActionResult } from './types';

/**
 * The kind of the fix-all action: namespaced, as `editor.codeActionsOnSave` wants (`"source.fixAll.kart": "explicit"`
 * runs only ours on save; a client asking for `source.fixAll` or `source` still gets it, kinds being hierarchical).
 */
export const FIX_ALL_KIND = 'source.fixAll.kart';

/** Whether an action kind is wanted: LSP kinds are hierarchical (`source` asks for `source.fixAll.kart` too). */
function wanted(kind: string, only: string[] | undefined): boolean {
  if (!only || only.length === 0) return true;
  return only.some((k) => kind === k || kind.startsWith(k + '.'));
}

function overlaps(a: TextRange, b: TextRange): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/**
 * A quick fix for every fix the engine offers on the findings under the range, and `source.fixAll.kart` applying every
 * safe fix of the document at once (the first safe fix of each finding, skipped when it overlaps one already taken),
 * then those of the result (`recheck` gives its findings) until none is left, as `kart fix` does.
 */
export function getCodeActions(article: Article, findings: Finding[], range: TextRange, only: string[] | undefined, token: CancellationToken, recheck?: (text: string) => readonly Finding[]): CodeActionResult[] {
  const actions: CodeActionResult[] = [];
  if (wanted('quickfix', only)) {
    const disabling = new Set<string>();
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
      // The rule's own fixes first; silencing it is the last resort, and never for what stops the file being read.
      if (!article.isArticle || finding.rule === 'yaml-syntax' || finding.rule === 'internal-error' || finding.rule.startsWith('disable-')) continue;
      const key = `${finding.rule} ${article.lines.lineAt(finding.range.start)}`;
      if (disabling.has(key)) continue;
      disabling.add(key);
      const disable = disableCommentEdit(article, finding.rule, finding.range.start);
      if (disable) actions.push({ title: `Disable ${finding.rule} for this line`, kind: 'quickfix', edit: { [article.uri]: [disable] }, diagnostics: [{ rule: finding.rule, range: finding.range }] });
    }
  }
  if (wanted(FIX_ALL_KIND, only)) {
    throwIfCancelled(token);
    // Fixed point in one command: the result is checked and fixed again (a mended syntax error lets the schema be read).
    const result = fixToFixedPoint(article.text, (text, pass) => {
      throwIfCancelled(token);
      return pass === 0 ? findings : recheck ? recheck(text) : [];
    }, (f) => f.fixes?.find((x) => x.safe));
    // One pass: its own edits, each where it belongs; more: one edit from the text to the fixed point.
    const whole = wholeEdit(article.text, result.text);
    const edits = result.passes === 1 ? result.firstEdits : whole ? [whole] : [];
    if (edits.length) {
      actions.push({
        title: `Fix all safe problems (${result.applied})`,
        kind: FIX_ALL_KIND,
        edit: { [article.uri]: edits },
        diagnostics: result.firstFixed.map((f) => ({ rule: f.rule, range: f.range })),
      });
    }
  }
  return actions;
}
