import { throwIfCancelled, type CancellationToken, type TextEdit, type TextRange } from '../core/types';
import type { Article } from '../model/article';
import { factIdAt, factIdRange } from '../model/factTargets';
import type { FeatureContext, WorkspaceEditResult } from './types';

/**
 * A name a `[@id]` citation can hold and plain YAML can carry unquoted: letters, digits and `_` first and last,
 * Pandoc's internal punctuation in between (no spaces).
 */
const CITABLE_ID = /^[\p{L}\p{N}_](?:[\p{L}\p{N}_:.#$%&\-+?<>~/]*[\p{L}\p{N}_])?$/u;

export function prepareRename(_ctx: FeatureContext, article: Article, offset: number): { range: TextRange; placeholder: string } | { error: string } {
  const target = factIdAt(article, offset);
  if (!target) return { error: 'Only a fact id can be renamed here: put the cursor on an atomic fact\'s `id` or on a `[@id]` citation.' };
  if (!target.fact) return { error: `No fact "${target.id}" in this article to rename.` };
  return { range: target.range, placeholder: target.id };
}

function invalidName(ctx: FeatureContext, article: Article, oldId: string, newName: string): string | undefined {
  if (!CITABLE_ID.test(newName)) {
    return `"${newName}" cannot be a fact id: use letters, digits, \`_\` and \`-\` (no spaces), starting and ending with a letter or digit.`;
  }
  if (ctx.config.factIdPattern && !ctx.config.factIdPattern.test(newName)) {
    return `"${newName}" does not match the project's fact id pattern ${ctx.config.factIdPattern.source} (kart.config.json factIdPattern).`;
  }
  if (newName !== oldId && article.facts.some((f) => f.id === newName)) return `The article already has a fact "${newName}".`;
  return undefined;
}

/** Renames a fact id: its declaration and every `[@id]` key citing it. */
export function getRename(ctx: FeatureContext, article: Article, offset: number, newName: string, token: CancellationToken): WorkspaceEditResult | { error: string } {
  throwIfCancelled(token);
  const prepared = prepareRename(ctx, article, offset);
  if ('error' in prepared) return prepared;
  const oldId = prepared.placeholder;
  const name = newName.trim();
  const problem = invalidName(ctx, article, oldId, name);
  if (problem) return { error: problem };
  const edits: TextEdit[] = [];
  if (name !== oldId) {
    for (const fact of article.facts) {
      const range = fact.id === oldId ? factIdRange(fact) : undefined;
      if (range) edits.push({ range, newText: name });
    }
    for (const citation of article.body.citations) {
      throwIfCancelled(token);
      for (const key of citation.keys) if (key.id === oldId) edits.push({ range: { start: key.range.start + 1, end: key.range.end }, newText: name });
    }
  }
  return { [article.uri]: edits };
}
