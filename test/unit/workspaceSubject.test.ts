// kart check keeps of each file only what the workspace rules read (workspaceSubject): over the corpus and over
// articles made to meet every workspace rule, they find exactly what they find from whole summaries.
import * as assert from 'assert';
import { readdirSync, readFileSync } from 'fs';
import { describe, it } from 'node:test';
import { join } from 'path';
import { checkSummary } from '../../server/src/check';
import { defaultConfig } from '../../server/src/config';
import { parseArticle } from '../../server/src/model/article';
import { workspaceSubject } from '../../server/src/model/articleSummary';
import { toUri } from '../../server/src/node/fsWorkspace';
import { allRules } from '../../server/src/rules';
import { summarize, WorkspaceIndex, type ArticleSummary } from '../../server/src/workspaceIndex';
import { validArticle } from '../helpers';

const corpus = join(__dirname, '../../../test/corpus/anchorfact');

function corpusFiles(): { uri: string; text: string }[] {
  return readdirSync(corpus, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => readdirSync(join(corpus, d.name)).filter((n) => n.endsWith('.md')).map((n) => join(corpus, d.name, n)))
    .sort()
    .map((f) => ({ uri: toUri(f), text: readFileSync(f, 'utf8') }));
}

/** Articles that meet each workspace rule: an id used twice, a fact id reused, a link to a misspelt article. */
function conflicts(): { uri: string; text: string }[] {
  const base = validArticle();
  return [
    { uri: 'file:///kb/ai/twice-a.md', text: base.replace(/^id: .*$/m, 'id: twice') },
    { uri: 'file:///kb/ai/twice-b.md', text: base.replace(/^id: .*$/m, 'id: twice') },
    { uri: 'file:///kb/ai/linking.md', text: `${base.replace(/^id: .*$/m, 'id: linking')}\nSee [the other](../twice-aa) and [a missing one](../nowhere-at-all).\n` },
  ];
}

function findingsWith(files: { uri: string; text: string }[], keep: (s: ArticleSummary) => ArticleSummary) {
  const index = new WorkspaceIndex();
  const summaries = files.map((f) => parseArticle(f.uri, f.text)).filter((a) => a.isArticle).map((a) => keep(summarize(a)));
  for (const s of summaries) index.set(s);
  const config = defaultConfig();
  return summaries.flatMap((s) => checkSummary(s, { config, index, rules: allRules }));
}

describe('workspaceSubject', () => {
  it('gives the workspace rules what they need: the same findings as whole summaries, over the corpus and every rule', () => {
    const files = [...corpusFiles(), ...conflicts()];
    const whole = findingsWith(files, (s) => s);
    const slim = findingsWith(files, workspaceSubject);
    const rules = new Set(whole.map((f) => f.rule));
    for (const r of allRules.filter((x) => x.workspace && x.checkSummary)) assert.ok(rules.has(r.id), `${r.id} found something to compare`);
    assert.deepStrictEqual(slim, whole);
  });

  it('keeps no TL;DR, statement or source', () => {
    const s = workspaceSubject(summarize(parseArticle('file:///kb/ai/a.md', validArticle())));
    assert.strictEqual(s.tldr, undefined);
    assert.strictEqual(s.sources, undefined);
    assert.ok(s.facts.length > 0 && s.facts.every((f) => f.statement === undefined));
  });
});
