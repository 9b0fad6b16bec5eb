/**
 * Importing sources: `kart/importSource` turns pasted BibTeX, CSL JSON or a DOI (looked up at the verification's DOI
 * endpoint) into a source entry in the article's style; `kart/bibliography` lists the items of the workspace's .bib
 * and CSL JSON files, to pick from.
 */
import { ErrorCodes, LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver';
import { version } from '../../../../package.json';
import { importedSourceEdit } from '../../features/sourceImport';
import type { SourceList } from '../../model/article';
import { BibliographyError, classifyInput, parseBibtex, parseCslJson, sourceFieldsOf, type CslItem } from '../../model/bibliography';
import { BIBLIOGRAPHY, IMPORT_SOURCE, type BibliographyEntry, type ImportedSource } from '../../protocol';
import { DEFAULT_DOI_ENDPOINT, DoiLookupError, fetchDoiMetadata } from '../../verify/doiMetadata';
import type { Session } from '../session';
import type { HandlerGroup } from './group';

const failed = (message: string) => new ResponseError(LSPErrorCodes.RequestFailed, message);

function abortSignal(token: CancellationToken): AbortSignal {
  const controller = new AbortController();
  token.onCancellationRequested(() => controller.abort());
  return controller.signal;
}

async function itemsOf(session: Session, input: string, token: CancellationToken): Promise<CslItem[]> {
  const kind = classifyInput(input);
  if (!kind) throw failed('Paste a BibTeX entry (@article{…}), a CSL JSON item ({"title": …}) or a DOI (10.xxxx/…).');
  try {
    if (kind.kind === 'bibtex') return await parseBibtex(kind.text);
    if (kind.kind === 'csl') return parseCslJson(kind.text);
    const endpoint = session.service.config.verify?.doiEndpoint || DEFAULT_DOI_ENDPOINT;
    const item = await fetchDoiMetadata(kind.doi, { endpoint, signal: abortSignal(token), userAgent: `knowledge-articles/${version} (source import)` });
    if (!item) throw failed(`The DOI ${kind.doi} is not registered (${endpoint} does not know it).`);
    return [{ DOI: kind.doi, ...item }];
  } catch (e) {
    if (e instanceof BibliographyError) throw failed(e.message);
    if (e instanceof DoiLookupError) throw failed(`The DOI could not be looked up: ${e.message}.`);
    throw e;
  }
}

function detailOf(item: CslItem): string {
  const f = sourceFieldsOf(item);
  const names = f.authors?.map((a) => a.natural) ?? [];
  const who = names.length ? (names.length > 2 ? `${names[0]} et al.` : names.join(', ')) : f.institution;
  return [who, f.year].filter(Boolean).join(' · ');
}

/** Every item of the workspace's bibliography files, as the bibliography sync keeps them. */
function workspaceBibliography(session: Session): BibliographyEntry[] {
  const root = session.workspace.roots[0];
  return session.service.bibliography.entries().map((e) => ({
    title: e.fields.title,
    detail: detailOf(e.item),
    file: root && e.file.startsWith(`${root}/`) ? decodeURIComponent(e.file.slice(root.length + 1)) : e.file,
    item: e.item,
  }));
}

export const sourceImportRequests: HandlerGroup = {
  register({ session }) {
    const c = session.connection;
    c.onRequest(
      IMPORT_SOURCE,
      session.request('Importing a source', async (p: { uri?: unknown; list?: unknown; input?: unknown; item?: unknown }, token): Promise<ImportedSource | null> => {
        if (typeof p?.uri !== 'string' || (typeof p.input !== 'string' && (!p.item || typeof p.item !== 'object'))) {
          throw new ResponseError(ErrorCodes.InvalidParams, 'kart/importSource needs {uri, list, input} or {uri, list, item}.');
        }
        const article = await session.articleFor(p.uri);
        if (!article) throw failed('This document is not a knowledge article.');
        const list: SourceList = p.list === 'secondary_sources' ? 'secondary_sources' : 'primary_sources';
        const items = typeof p.input === 'string' ? await itemsOf(session, p.input, token) : [p.item as CslItem];
        const fields = sourceFieldsOf(items[0]);
        if (!fields.title) throw failed('The record has no title: a source needs one.');
        // The document may have changed while the DOI was looked up: place the entry in its current text.
        const current = (await session.articleFor(p.uri)) ?? article;
        const placed = importedSourceEdit(current, list, fields);
        if (!placed) throw failed(`Cannot add to ${list} here: the frontmatter has a YAML error or the list is written inline.`);
        const lines = current.lines;
        const start = lines.positionAt(placed.edit.range.start);
        // Where the entry starts once the text is in: counted in the inserted text, which holds it.
        const before = placed.edit.newText.slice(0, placed.at - placed.edit.range.start).split(/\r?\n/);
        const entryStart = before.length === 1 ? { line: start.line, character: start.character + before[0].length } : { line: start.line + before.length - 1, character: before[before.length - 1].length };
        return { range: { start, end: lines.positionAt(placed.edit.range.end) }, newText: placed.edit.newText, entryStart, title: fields.title };
      }),
    );
    c.onRequest(
      BIBLIOGRAPHY,
      session.request('Reading the bibliography', async () => {
        await session.ready;
        return workspaceBibliography(session);
      }),
    );
  },
};
