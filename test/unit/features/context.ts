import { parseConfig } from '../../../server/src/config';
import { parseArticle, type Article } from '../../../server/src/model/article';
import { defaultSchema } from '../../../server/src/schema/articleSchema';
import type { FeatureContext } from '../../../server/src/features/types';
import { summarize, WorkspaceIndex } from '../../../server/src/workspaceIndex';
import { TODAY } from '../../helpers';

/** A feature context over in-memory files: each is indexed and can be opened by uri. */
export function contextWith(files: Record<string, string> = {}, today = TODAY): FeatureContext {
  const index = new WorkspaceIndex();
  const models = new Map<string, Article>();
  for (const [uri, text] of Object.entries(files)) {
    const a = parseArticle(uri, text, 1);
    models.set(uri, a);
    if (a.isArticle) index.set(summarize(a));
  }
  const config = parseConfig(undefined);
  return { config, schema: defaultSchema(), index, today, articleAt: (uri) => models.get(uri) };
}

/** The text a range covers, for messages that show what was found. */
export function slice(text: string, r: { start: number; end: number }): string {
  return text.slice(r.start, r.end);
}
