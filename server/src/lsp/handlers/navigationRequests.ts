/** Moving between articles and facts: definition, references, rename. */
import { LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import { getDefinition } from '../../features/definition';
import { getReferences } from '../../features/references';
import { getRename, prepareRename } from '../../features/rename';
import type { WorkspaceEditResult } from '../../features/types';
import { toLocation, toRange, toWorkspaceEdit } from '../convert';
import type { HandlerGroup } from './group';

export const navigationRequests: HandlerGroup = {
  capabilities: (session) => ({
    definitionProvider: true,
    referencesProvider: true,
    renameProvider: session.caps.textDocument?.rename?.prepareSupport ? { prepareProvider: true } : true,
  }),
  register({ session }) {
    const c = session.connection;
    c.onDefinition(
      session.requestAt('Go to definition', async (a, _p, token) => {
        return getDefinition(session.ctx(), a.article, a.offset, token).flatMap((l) => toLocation(l, session.convert) ?? []);
      }),
    );
    c.onReferences(
      session.requestAt('Find references', async (a, p, token) => {
        return getReferences(session.ctx(), a.article, a.offset, p.context.includeDeclaration, token).flatMap((l) => toLocation(l, session.convert) ?? []);
      }),
    );
    c.onPrepareRename(
      session.requestAt('Prepare rename', async (a) => {
        const r = prepareRename(session.ctx(), a.article, a.offset);
        if ('error' in r) throw new ResponseError(LSPErrorCodes.RequestFailed, r.error);
        return { range: toRange(a.article.lines, r.range), placeholder: r.placeholder };
      }),
    );
    c.onRenameRequest(
      session.requestAt('Rename', async (a, p, token) => {
        const r = getRename(session.ctx(), a.article, a.offset, p.newName, token);
        if (typeof r.error === 'string') throw new ResponseError(LSPErrorCodes.RequestFailed, r.error);
        return toWorkspaceEdit(r as WorkspaceEditResult, session.convert) ?? null;
      }),
    );
  },
};
