/**
 * Keeps the service's bibliography in step with the workspace's BibTeX and CSL JSON files: all of them at start,
 * one at a time as the disk changes. A file that does not parse is named in the log and offers nothing.
 */
import { BibliographyError } from '../model/bibliography';
import { bibliographyEntriesOf, isBibliographyFile } from '../model/workspaceBibliography';
import { findBibliographyFiles } from '../node/bibliographyFiles';
import type { Session } from './session';

export class BibliographySync {
  constructor(private readonly session: Session) {}

  isBibliography(uri: string): boolean {
    return isBibliographyFile(uri);
  }

  async loadAll(): Promise<void> {
    const { service, workspace } = this.session;
    const token = { isCancellationRequested: false };
    const found = (await Promise.all(workspace.roots.map((r) => findBibliographyFiles(r, token)))).flat();
    const wanted = new Set(found);
    for (const uri of service.bibliography.files()) if (!wanted.has(uri)) service.bibliography.delete(uri);
    for (const uri of found) await this.load(uri);
  }

  /** A bibliography file changed on disk (or is gone: `deleted`). */
  async fileChanged(uri: string, deleted: boolean): Promise<void> {
    if (deleted) this.session.service.bibliography.delete(uri);
    else await this.load(uri);
  }

  private async load(uri: string): Promise<void> {
    const { service, workspace, connection } = this.session;
    const text = await workspace.readFile(uri);
    if (text === undefined) {
      service.bibliography.delete(uri);
      return;
    }
    try {
      service.bibliography.set(uri, await bibliographyEntriesOf(uri, text));
    } catch (e) {
      service.bibliography.delete(uri);
      if (!(e instanceof BibliographyError)) throw e;
      // Most JSON files are not bibliographies; a .bib that does not parse is worth a word.
      if (!uri.toLowerCase().endsWith('.json')) connection.console.warn(`${uri}: not read as a bibliography: ${e.message}`);
    }
  }
}
