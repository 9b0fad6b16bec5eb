import { isSeq } from 'yaml';
import type { Fix } from '../core/types';
import { nodeAtPath, type Article, type Source } from '../model/article';
import { deleteListItemEdit } from './fixes';
import { trimmedRange } from './yamlValues';

/** Removes a source's entry from its list; the last one leaves `list: []`, not an empty key. Undefined in a flow list. */
export function removeSourceFix(article: Article, source: Source, title: string): Fix | undefined {
  const seq = nodeAtPath(article, [source.list]).node;
  const field = article.fields.get(source.list);
  if (!isSeq(seq) || seq.flow || !field?.valueRange) return undefined;
  if (seq.items.length > 1) return { title, edits: [deleteListItemEdit(article, source.range)], safe: false, preferred: true };
  const colon = article.text.indexOf(':', field.keyRange.end);
  if (colon < 0 || article.text.slice(colon + 1, field.valueRange.start).includes('#')) return undefined;
  return { title, edits: [{ range: { start: colon + 1, end: trimmedRange(article, field.valueRange).end }, newText: ' []' }], safe: false, preferred: true };
}
