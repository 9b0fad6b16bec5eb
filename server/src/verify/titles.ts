// Whether the title an article gives a source is the title its registry (a DOI's metadata, arXiv) has, allowing
// for the ways one title is written differently:
//   - case, accents ("Schrödinger" = "Schrodinger"), punctuation and symbols, runs of spaces, `&` = "and";
//   - markup and entities registries put in titles (`<i>E. coli</i>`, `&amp;`);
//   - a subtitle given on one side only: "Deep Learning" matches "Deep Learning: A Review" (and the reverse), the
//     subtitle being what follows the first `:`, ` - `, ` – `, ` — `, `|`, `?` or `!`. Two different subtitles
//     after the same main title do not match (another edition or paper, often).
import { decodeEntities } from './atom';

/** Lower case, no accents, markup or punctuation; words separated by one space. */
export function normalizeTitle(title: string): string {
  return decodeEntities(title.replace(/<\/?[a-z][^<>]*>/gi, ''))
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’‘`´]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const SUBTITLE = /\s*(?::|\s[-–—]\s|[–—|?!])\s*/u;

/** The title before its subtitle (normalized); the whole title when it has none. */
export function mainTitle(title: string): string {
  const plain = decodeEntities(title.replace(/<\/?[a-z][^<>]*>/gi, ''));
  const m = SUBTITLE.exec(plain);
  return normalizeTitle(m && m.index > 0 ? plain.slice(0, m.index) : plain);
}

export function titlesMatch(given: string, registered: string): boolean {
  const a = normalizeTitle(given);
  const b = normalizeTitle(registered);
  if (a === '' || b === '' || a === b) return true;
  return mainTitle(given) === b || a === mainTitle(registered);
}
