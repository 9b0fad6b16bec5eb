/**
 * Working across the knowledge base: Go to Symbol in Workspace, link updates when files move
 * (`workspace/willRenameFiles`), and inlay hints showing cited statements.
 */
import {
  SymbolKind,
  type AnnotatedTextEdit,
  type ChangeAnnotation,
  type InlayHint,
  type RenameFilesParams,
  type SymbolInformation,
  type TextDocumentEdit,
  type WorkspaceEdit,
  type WorkspaceSymbol,
} from 'vscode-languageserver';
import { LineIndex } from '../../core/lineIndex';
import { getMoveEdits, type MovePlan } from '../../features/fileMoves';
import { getInlayHints } from '../../features/inlayHints';
import { getWorkspaceSymbols, type WorkspaceSymbolKind, type WorkspaceSymbolResult } from '../../features/workspaceSymbols';
import { markup, toRange, toWorkspaceEdit } from '../convert';
import type { Session } from '../session';
import type { HandlerGroup } from './group';

const KIND: Record<WorkspaceSymbolKind, SymbolKind> = { article: SymbolKind.File, fact: SymbolKind.Key, source: SymbolKind.Object };

/** What a resolvable workspace symbol carries until its range is asked for. */
interface SymbolData {
  uri: string;
  start: number;
  end: number;
}

/** Line indexes of files read for one request: a file with many symbols is read once. */
function linesReader(session: Session): (uri: string) => LineIndex | undefined {
  const cache = new Map<string, LineIndex | undefined>();
  return (uri) => {
    if (!cache.has(uri)) {
      const doc = session.docs.getSync(uri);
      cache.set(uri, doc ? new LineIndex(doc.getText()) : undefined);
    }
    return cache.get(uri);
  };
}

function toSymbols(session: Session, found: WorkspaceSymbolResult[]): WorkspaceSymbol[] | SymbolInformation[] {
  const resolvable = session.caps.workspace?.symbol?.resolveSupport?.properties?.includes('location.range') === true;
  if (resolvable) {
    // The range is filled in when the user picks one: no file is read while typing.
    return found.map((s) => {
      const sym: WorkspaceSymbol = { name: s.name, kind: KIND[s.kind], location: { uri: session.docs.clientUri(s.uri) }, data: { uri: s.uri, start: s.range.start, end: s.range.end } satisfies SymbolData };
      if (s.containerName) sym.containerName = s.containerName;
      return sym;
    });
  }
  const lines = linesReader(session);
  return found.flatMap((s) => {
    const l = lines(s.uri);
    if (!l) return [];
    const info: SymbolInformation = { name: s.name, kind: KIND[s.kind], location: { uri: session.docs.clientUri(s.uri), range: toRange(l, s.range) } };
    if (s.containerName) info.containerName = s.containerName;
    return [info];
  });
}

const MOVE_ANNOTATION = 'kart.moveLinks';
const CATEGORY_ANNOTATION = 'kart.moveCategory';

/**
 * The move's edits as the client can take them: each edit annotated (links, category) where the client supports
 * annotations, so that a refactor preview groups them. None needs confirmation: VS Code would show those unticked
 * (its own prompt before applying a file move's edits offers the preview anyway).
 */
function moveEdit(session: Session, plan: MovePlan): WorkspaceEdit | null {
  if (Object.keys(plan.edits).length === 0) return null;
  const we = session.caps.workspace?.workspaceEdit;
  if (!we?.documentChanges || !we.changeAnnotationSupport) return toWorkspaceEdit(plan.edits, session.convert) ?? null;
  const documentChanges: TextDocumentEdit[] = [];
  for (const [uri, edits] of Object.entries(plan.edits)) {
    const lines = session.convert.linesOf(uri);
    if (!lines) return null;
    const open = session.docs.openLike(uri);
    documentChanges.push({
      textDocument: { uri: session.docs.clientUri(uri), version: open ? open.version : null },
      edits: edits.map(
        (e): AnnotatedTextEdit => ({
          range: toRange(lines, e.range),
          newText: e.newText,
          annotationId: plan.categoryAt[uri] === e.range.start ? CATEGORY_ANNOTATION : MOVE_ANNOTATION,
        }),
      ),
    });
  }
  const n = plan.moved.length;
  const changeAnnotations: Record<string, ChangeAnnotation> = {
    [MOVE_ANNOTATION]: { label: 'Update links to moved articles', needsConfirmation: false, description: `${plan.links} link${plan.links === 1 ? '' : 's'} for ${n} moved article${n === 1 ? '' : 's'}` },
    [CATEGORY_ANNOTATION]: { label: 'Set category to the new folder', needsConfirmation: false },
  };
  return { documentChanges, changeAnnotations };
}

export const knowledgeBaseRequests: HandlerGroup = {
  capabilities: (session) => ({
    workspaceSymbolProvider: { resolveProvider: true },
    inlayHintProvider: { resolveProvider: false },
    // Offered to clients that send willRenameFiles (VS Code's language client does for explorer moves).
    ...(session.caps.workspace?.fileOperations?.willRename
      ? {
          workspace: {
            fileOperations: {
              willRename: {
                filters: [
                  { scheme: 'file', pattern: { glob: '**/*.{md,markdown}', matches: 'file' as const } },
                  { scheme: 'file', pattern: { glob: '**/*', matches: 'folder' as const } },
                ],
              },
            },
          },
        }
      : {}),
  }),
  register({ session }) {
    const c = session.connection;
    c.onWorkspaceSymbol(
      session.request('Workspace symbols', async (p, token) => {
        await session.ready;
        return toSymbols(session, getWorkspaceSymbols(session.service.index, typeof p?.query === 'string' ? p.query : '', token));
      }),
    );
    c.onWorkspaceSymbolResolve(
      session.request('Resolving a workspace symbol', async (sym: WorkspaceSymbol) => {
        const data = sym.data as SymbolData | undefined;
        if (!data || typeof data.uri !== 'string' || typeof data.start !== 'number' || typeof data.end !== 'number') return sym;
        const lines = linesReader(session)(data.uri);
        if (!lines) return sym;
        return { ...sym, location: { uri: session.docs.clientUri(data.uri), range: toRange(lines, { start: data.start, end: data.end }) } };
      }),
    );
    const willRename = session.request('Updating links for moved files', async (p: RenameFilesParams, token) => {
      await session.ready;
      const moves = (p?.files ?? []).map((f) => ({ oldUri: session.docs.canonical(f.oldUri), newUri: session.docs.canonical(f.newUri) }));
      return moveEdit(session, getMoveEdits(session.ctx(), moves, token));
    });
    // The request type declares no error data; the wrapper answers errors the way every other handler does.
    c.workspace.onWillRenameFiles(willRename as unknown as Parameters<typeof c.workspace.onWillRenameFiles>[0]);
    c.languages.inlayHint.on(
      session.request('Inlay hints', async (p, token) => {
        if (!session.settings.citedStatementHints) return [];
        const article = await session.articleFor(p.textDocument.uri);
        if (!article) return null;
        const range = { start: article.lines.offsetAt(p.range.start), end: article.lines.offsetAt(p.range.end) };
        return getInlayHints(article, range, token).map(
          (h): InlayHint => ({
            position: article.lines.positionAt(h.offset),
            label: h.label,
            paddingLeft: true,
            tooltip: session.convert.markdown ? markup(h.tooltip, session.convert) : h.tooltip,
          }),
        );
      }),
    );
  },
};
