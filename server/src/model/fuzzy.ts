/**
 * Fuzzy matching for finding things by a few typed letters: every word of the query must occur in the text, as a
 * substring (best) or as letters in order (`trtuning` finds "instruction tuning"). Higher scores are better matches:
 * whole-text and prefix matches first, then matches at word starts, then contiguous runs, then scattered letters.
 */

/** The query split into lowercased words; empty when there is nothing to match. */
export function queryWords(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter(Boolean);
}

/** After a character that is no letter or digit (texts are lowercased; any non-ASCII character counts as a letter). */
function isWordStart(text: string, i: number): boolean {
  if (i === 0) return true;
  const c = text.charCodeAt(i - 1);
  return !((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c > 127);
}

function wordScore(text: string, word: string): number {
  const at = text.indexOf(word);
  if (at >= 0) {
    if (at === 0) return word.length === text.length ? 1000 : 800 + word.length;
    // A later occurrence at a word start beats a first one in the middle of a word.
    let best = at;
    for (let i = at; i >= 0; i = text.indexOf(word, i + 1)) {
      if (isWordStart(text, i)) {
        best = i;
        break;
      }
    }
    return (isWordStart(text, best) ? 600 : 400) + word.length - Math.min(100, best) / 10;
  }
  // Letters in order: reward word starts and consecutive letters, penalise gaps.
  let score = 100;
  let pos = 0;
  let prev = -2;
  for (const ch of word) {
    const i = text.indexOf(ch, pos);
    if (i < 0) return -1;
    if (i === prev + 1) score += 5;
    else if (isWordStart(text, i)) score += 3;
    else score -= Math.min(10, i - pos);
    prev = i;
    pos = i + 1;
  }
  return Math.max(1, score);
}

/** The score of a lowercased text for the query's words, or -1 when a word does not match. */
export function fuzzyScore(text: string, words: readonly string[]): number {
  let total = 0;
  for (const w of words) {
    const s = wordScore(text, w);
    if (s < 0) return -1;
    total += s;
  }
  return total;
}
