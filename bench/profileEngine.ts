// The loop the profile section runs under `node --cpu-prof`: the full check over the corpus, three rounds.
import { checkArticle } from '../server/src/check';
import { parseConfig } from '../server/src/config';
import { parseArticle } from '../server/src/model/article';
import { summarize, WorkspaceIndex } from '../server/src/workspaceIndex';
import { readCorpus, TODAY } from './common';

const config = parseConfig(undefined);
const corpus = readCorpus();
const index = new WorkspaceIndex();
for (const d of corpus) {
  const a = parseArticle(d.uri, d.text, 0, { frontmatterOnly: true });
  if (a.isArticle) index.set(summarize(a));
}
for (let round = 0; round < 3; round++) {
  for (const d of corpus) checkArticle(parseArticle(d.uri, d.text, 1), { config, today: TODAY, index });
}
