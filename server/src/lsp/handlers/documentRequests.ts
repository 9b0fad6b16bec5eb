/** The structure of one document: symbols, folding ranges, links, code lenses. */
import { getCodeLenses } from '../../features/codeLens';
import { getDocumentLinks } from '../../features/documentLinks';
import { getFoldingRanges } from '../../features/folding';
import { getSymbols } from '../../features/symbols';
import { toCodeLens, toDocumentLink, toDocumentSymbol, toFoldingRange, toSymbolInformation } from '../convert';
import type { HandlerGroup } from './group';

export const documentRequests: HandlerGroup = {
  capabilities: () => ({
    documentSymbolProvider: true,
    foldingRangeProvider: true,
    codeLensProvider: { resolveProvider: false },
    documentLinkProvider: { resolveProvider: false },
  }),
  register({ session }) {
    const c = session.connection;
    c.onDocumentSymbol(
      session.request('Document symbols', async (p, token) => {
        const article = await session.articleFor(p.textDocument.uri);
        if (!article) return null;
        const symbols = getSymbols(article, token);
        if (session.caps.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport) return symbols.map((s) => toDocumentSymbol(article.lines, s));
        return toSymbolInformation(p.textDocument.uri, article.lines, symbols);
      }),
    );
    c.onFoldingRanges(
      session.request('Folding ranges', async (p, token) => {
        const article = await session.articleFor(p.textDocument.uri);
        if (!article) return null;
        return getFoldingRanges(article, token).map(toFoldingRange);
      }),
    );
    c.onDocumentLinks(
      session.request('Document links', async (p, token) => {
        const article = await session.articleFor(p.textDocument.uri);
        if (!article) return null;
        return getDocumentLinks(session.ctx(), article, token).map((l) => toDocumentLink(article.lines, l, session.convert));
      }),
    );
    c.onCodeLens(
      session.request('Code lens', async (p, token) => {
        const article = await session.articleFor(p.textDocument.uri);
        if (!article) return null;
        return getCodeLenses(article, token, session.ctx()).map((l) => toCodeLens(article.lines, l, session.convert));
      }),
    );
  },
};
