/** Help while writing: hover, completion, code actions. */
import { CodeActionKind, CompletionTriggerKind } from 'vscode-languageserver';
import { FIX_ALL_KIND, getCodeActions } from '../../features/codeActions';
import { getCompletions } from '../../features/completion';
import { getHover } from '../../features/hover';
import { parseArticle } from '../../model/article';
import { limitCompletions, toCodeAction, toCompletionItem, toDiagnostic, toHover } from '../convert';
import type { HandlerGroup } from './group';

export const editingRequests: HandlerGroup = {
  capabilities: (session) => {
    const td = session.caps.textDocument ?? {};
    return {
      hoverProvider: true,
      // A space opens the values after `key: ` (the feature answers nothing for a space anywhere else).
      completionProvider: { triggerCharacters: ['@', ':', '(', ' '], resolveProvider: false },
      codeActionProvider: td.codeAction?.codeActionLiteralSupport ? { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND, CodeActionKind.Refactor] } : true,
    };
  },
  register({ session }) {
    const c = session.connection;
    c.onHover(
      session.requestAt('Hover', async (a, _p, token) => {
        const h = getHover(session.ctx(), a.article, a.offset, token);
        return h ? toHover(a.article.lines, h, session.convert) : null;
      }),
    );
    c.onCompletion(
      session.requestAt('Completion', async (a, p, token) => {
        const { entries, incomplete } = limitCompletions(getCompletions(session.ctx(), a.article, a.offset, token, p.context?.triggerKind === CompletionTriggerKind.TriggerCharacter ? p.context.triggerCharacter : undefined), a.article.text, a.offset);
        return { isIncomplete: incomplete, items: entries.map((e) => toCompletionItem(a.article.lines, e, session.convert)) };
      }),
    );
    c.onCodeAction(
      session.request('Code actions', async (p, token) => {
        const article = await session.articleFor(p.textDocument.uri);
        if (!article) return null;
        const findings = session.findingsOf(article, token);
        const range = { start: article.lines.offsetAt(p.range.start), end: article.lines.offsetAt(p.range.end) };
        const diagnosticOf = (rule: string, r: { start: number; end: number }) => {
          const f = findings.find((x) => x.rule === rule && x.range.start === r.start && x.range.end === r.end);
          return f ? toDiagnostic(article.lines, f, session.convert) : undefined;
        };
        // Fix All checks its result again: the findings of a text that is not the document's.
        const recheck = (text: string) => session.findingsOf(parseArticle(article.uri, text, -1), token);
        const actions = getCodeActions(article, findings, range, p.context.only, token, recheck);
        return actions.flatMap((a) => toCodeAction(a, session.convert, diagnosticOf) ?? []);
      }),
    );
  },
};
