/**
 * The bibliography files of a workspace (BibTeX, CSL JSON), as the source entries their records make: what completion
 * offers for a fact's `source_title` and for a new source. Kept as entries, not as the parsed records.
 */
import { parseBibtex, parseCslJson, sourceFieldsOf, type CslItem, type SourceFields } from './bibliography';

export interface BibliographyEntry {
  /** The file it comes from. */
  file: string;
  /** Its citation key, when the file gives one. */
  key?: string;
  fields: SourceFields & { title: string };
  /** The record itself, for Insert Source. */
  item: CslItem;
}

/** JSON files that are known not to be CSL JSON. */
const NOT_CSL = new Set(['package.json', 'package-lock.json', 'tsconfig.json', 'jsconfig.json', 'kart.config.json', 'kart-verification.json']);

const isBibtexFile = (name: string) => /\.(bib|bibtex)$/i.test(name);

/** A file that may be a bibliography: BibTeX, or JSON (CSL JSON has no extension of its own) but the known others. */
export function isBibliographyFile(uri: string): boolean {
  const name = uri.slice(uri.lastIndexOf('/') + 1);
  return isBibtexFile(name) || (/\.json$/i.test(name) && !NOT_CSL.has(name));
}

/** The entries of one bibliography file's text; throws a BibliographyError saying what is wrong with it. */
export async function bibliographyEntriesOf(uri: string, text: string): Promise<BibliographyEntry[]> {
  // A JSON file is a bibliography only for its items that have the shape of CSL items.
  const items = isBibtexFile(uri) ? await parseBibtex(text) : parseCslJson(text).filter((i) => typeof i.type === 'string' && typeof i.title === 'string');
  const entries: BibliographyEntry[] = [];
  for (const item of items) {
    const fields = sourceFieldsOf(item);
    if (!fields.title) continue;
    const key = typeof item['citation-key'] === 'string' ? item['citation-key'] : typeof item.id === 'string' ? item.id : undefined;
    entries.push({ file: uri, key, fields: { ...fields, title: fields.title }, item });
  }
  return entries;
}

export class WorkspaceBibliography {
  private readonly byFile = new Map<string, readonly BibliographyEntry[]>();
  private all: readonly BibliographyEntry[] | undefined;

  set(uri: string, entries: readonly BibliographyEntry[]): void {
    this.byFile.set(uri, entries);
    this.all = undefined;
  }

  delete(uri: string): void {
    if (this.byFile.delete(uri)) this.all = undefined;
  }

  clear(): void {
    this.byFile.clear();
    this.all = undefined;
  }

  files(): string[] {
    return [...this.byFile.keys()];
  }

  /** Every entry, once per title (the first file's, in file order). */
  entries(): readonly BibliographyEntry[] {
    if (!this.all) {
      const seen = new Set<string>();
      const out: BibliographyEntry[] = [];
      for (const uri of [...this.byFile.keys()].sort()) {
        for (const e of this.byFile.get(uri)!) {
          const k = e.fields.title.toLowerCase();
          if (seen.has(k)) continue;
          seen.add(k);
          out.push(e);
        }
      }
      this.all = out;
    }
    return this.all;
  }
}
