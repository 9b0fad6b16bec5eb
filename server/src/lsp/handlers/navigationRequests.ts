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
      session.request('Go to definition', async (p, token) => {
        const a = await session.at(p);
        if (!a) return null;
        return getDefinition(session.ctx(), a.article, a.offset, token).flatMap((l) => toLocation(l, session.convert) ?? []);
      }),
    );
    c.onReferences(
      session.request('Find references', async (p, token) => {
        const a = await session.at(p);
        if (!a) return null;
        return getReferences(session.ctx(), a.article, a.offset, p.context.includeDeclaration, token).flatMap((l) => toLocation(l, session.convert) ?? []);
      }),
    );
    c.onPrepareRename(
      session.request('Prepare rename', async (p) => {
        const a = await session.at(p);
        if (!a) return null;
        const r = prepareRename(session.ctx(), a.article, a.offset);
        if ('error' in r) throw new ResponseError(LSPErrorCodes.RequestFailed, r.error);
        return { range: toRange(a.article.lines, r.range), placeholder: r.placeholder };
      }),
    );
    c.onRenameRequest(
      session.request('Rename', async (p, token) => {
        const a = await session.at(p);
        if (!a) return null;
        const r = getRename(session.ctx(), a.article, a.offset, p.newName, token);
        if (typeof r.error === 'string') throw new ResponseError(LSPErrorCodes.RequestFailed, r.error);
        return toWorkspaceEdit(r as WorkspaceEditResult, session.convert) ?? null;
      }),
    );
  },
};
