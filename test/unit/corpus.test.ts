// The whole real corpus checked in one run. The figures asserted here were counted first by
// scripts/corpus-figures.mjs, which reads the files with the yaml package and plain string work, not the engine;
// the test also runs that script and compares, so that a change to the corpus or to the engine shows up as such.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import { readdirSync, readFileSync } from 'fs';
import { before, describe, it } from 'node:test';
import { join } from 'path';
import type { Finding } from '../../server/src/core/types';
import { parseArticle, type Article } from '../../server/src/model/article';
import { toUri } from '../../server/src/node/fsWorkspace';
import { isArticleLinkTarget } from '../../server/src/model/articleLinks';
import { ArticleService } from '../../server/src/service';
import { summarize } from '../../server/src/workspaceIndex';

const root = join(__dirname, '../../..');
const corpus = join(root, 'test/corpus/anchorfact');

let service: ArticleService;
let articles: Article[];
let problems: Finding[];
let checked: number;
let independent: Record<string, unknown> & { articleLinks: { site: number; file: number; neither: number } };
/** Counted by scripts/corpus-figures-evidence.mjs, for the evidence rules. */
let evidence: Record<string, number> & { gateOnlyDisputes: string[]; confidence: Record<string, number>; aiModelNames: string[] };

const ofRule = (rule: string) => problems.filter((p) => p.rule === rule);
const files = (rule: string) => new Set(ofRule(rule).map((p) => p.uri)).size;

function listCorpus(): string[] {
  return readdirSync(corpus, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => readdirSync(join(corpus, d.name)).filter((n) => n.endsWith('.md')).map((n) => join(corpus, d.name, n)))
    .sort();
}

describe('the AnchorFact corpus, checked in one run', () => {
  before(() => {
    // As `kart check` does it: every file parsed once and indexed, then each checked with the workspace rules.
    service = new ArticleService({ workspace: { roots: [toUri(corpus)], readFile: async () => undefined, listFiles: async () => [] }, today: () => '2026-06-30' });
    articles = listCorpus().map((p) => parseArticle(toUri(p), readFileSync(p, 'utf8')));
    for (const a of articles) if (a.isArticle) service.index.set(summarize(a));
    problems = [];
    checked = 0;
    for (const a of articles) {
      if (service.isCheckable(a)) checked++;
      problems.push(...service.check(a));
    }
    independent = JSON.parse(execFileSync(process.execPath, [join(root, 'scripts/corpus-figures.mjs'), corpus], { encoding: 'utf8' }));
    evidence = JSON.parse(execFileSync(process.execPath, [join(root, 'scripts/corpus-figures-evidence.mjs'), corpus, '2026-06-30'], { encoding: 'utf8' }));
  });

  it('checks all 1,627 files without a crash or a failing rule', () => {
    assert.deepStrictEqual([articles.length, checked, service.index.size], [1627, 1627, 1627]);
    assert.strictEqual(independent.files, 1627);
    assert.deepStrictEqual(ofRule('internal-error'), []);
    // Every real file has a readable frontmatter.
    assert.deepStrictEqual([...ofRule('yaml-syntax'), ...ofRule('frontmatter-block')], []);
  });

  it('finds the 36 article ids shared by 227 files', () => {
    const found = ofRule('article-id-duplicate');
    const ids = new Set(found.map((p) => /"([^"]+)"/.exec(p.message)![1]));
    assert.deepStrictEqual([ids.size, found.length, files('article-id-duplicate')], [36, 227, 227]);
    assert.deepStrictEqual([independent.articleIdsShared, independent.filesWithSharedId], [36, 227]);
  });

  it('finds the 6 articles with a duplicate fact id', () => {
    assert.strictEqual(files('fact-duplicate-id'), 6);
    assert.strictEqual(independent.articlesWithDuplicateFactId, 6);
  });

  it('finds the 43 articles with an (undefined) link, one link each', () => {
    const found = ofRule('link-empty-target');
    assert.ok(found.every((p) => p.message.includes('"undefined"')));
    assert.deepStrictEqual([found.length, files('link-empty-target')], [43, 43]);
    assert.deepStrictEqual([independent.undefinedLinks, independent.articlesWithUndefinedLink, independent.emptyTargetLinks], [43, 43, 43]);
  });

  it('finds the 74 articles that are human_only with ai_models', () => {
    assert.strictEqual(files('generation-method-conflict'), 74);
    assert.strictEqual(independent.humanOnlyWithAiModels, 74);
  });

  it('finds the 3 articles with frontmatter keys pasted into the body, one block each', () => {
    assert.deepStrictEqual([ofRule('body-frontmatter-keys').length, files('body-frontmatter-keys')], [3, 3]);
    assert.strictEqual(independent.bodyFrontmatterKeyFiles, 3);
  });

  it('finds the 8 missing required sections in 6 articles, Evidence Notes and Core Claims standing for Core Explanation', () => {
    assert.deepStrictEqual([ofRule('section-missing').length, files('section-missing')], [8, 6]);
    assert.deepStrictEqual([independent.missingRequiredSections, independent.missingRequiredSection], [8, 6]);
  });

  it('finds the 11 of 2,190 Source-Mapped Facts bullets that are not exactly a fact (9 only by Markdown marks), and no wrong url', () => {
    assert.deepStrictEqual([independent.mappedBullets, independent.mappedBulletsExact], [2190, 2179]);
    const unknown = ofRule('mapped-fact-unknown');
    const markdownOnly = unknown.filter((p) => p.message.includes('only in Markdown formatting'));
    assert.deepStrictEqual([unknown.length, markdownOnly.length], [11, 9]);
    assert.strictEqual(independent.mappedBulletsMarkdownOnly, 9);
    assert.strictEqual(ofRule('mapped-fact-url-mismatch').length, 0);
  });

  it('finds no mojibake and no category outside its folder, as the corpus has none', () => {
    assert.deepStrictEqual([ofRule('text-mojibake').length, ofRule('category-folder').length], [0, 0]);
    assert.deepStrictEqual([independent.mojibakeFiles, independent.categoryNotFolder], [0, 0]);
  });

  it('finds the 33 article links that resolve under neither convention, in 23 files', () => {
    assert.deepStrictEqual([ofRule('link-broken-article').length, files('link-broken-article')], [33, 23]);
    assert.deepStrictEqual(independent.articleLinks, { site: 1743, file: 191, neither: 33 });
    assert.strictEqual(independent.filesWithBrokenArticleLink, 23);
  });

  it('resolves 1,743 article links site-URL style and 191 file-relative', () => {
    const counts = { site: 0, file: 0, neither: 0 };
    for (const a of articles) {
      for (const l of a.body.links) {
        if (!isArticleLinkTarget(l.target)) continue;
        counts[service.index.resolveLink(a.uri, l.target)?.convention ?? 'neither']++;
      }
    }
    assert.deepStrictEqual(counts, { site: 1743, file: 191, neither: 33 });
  });

  it('hints at fact ids reused across articles: fact-computer-science-001 is in 99', () => {
    const hint = ofRule('fact-id-reused').find((p) => p.message.startsWith('"fact-computer-science-001"'))!;
    assert.strictEqual(hint.message, '"fact-computer-science-001" is also a fact id in 98 other articles.');
    assert.deepStrictEqual(independent.factIdMaxArticles, ['fact-computer-science-001', 99]);
    assert.ok(ofRule('fact-id-reused').every((p) => p.severity === 'hint'));
  });
  it('finds the 68 boilerplate disputes in 68 files, and not the real dispute the quality gate also flags', () => {
    assert.deepStrictEqual([ofRule('disputed-generic').length, files('disputed-generic')], [68, 68]);
    assert.deepStrictEqual([evidence.boilerplateDisputes, evidence.gateGenericDisputes], [68, 69]);
    // The gate's 69th names who disputes what (accelerationists and decelerationists): no finding there.
    assert.deepStrictEqual(evidence.gateOnlyDisputes.map((x) => x.split(':')[0]), ['computer-science/domain-driven-design-ddd.md']);
    assert.ok(!ofRule('disputed-generic').some((p) => p.uri.endsWith('/computer-science/domain-driven-design-ddd.md')));
  });

  it('finds the 52 home-page sources no fact uses, in 51 files, as info (a page about AI at /ai/ is not a language folder)', () => {
    const found = ofRule('source-homepage-unused');
    assert.deepStrictEqual([found.length, files('source-homepage-unused')], [52, 51]);
    assert.deepStrictEqual([evidence.homepageSourcesUnused, evidence.homepageUnusedFiles], [52, 51]);
    assert.ok(found.every((p) => p.severity === 'info'));
    assert.strictEqual(files('source-homepage'), 70);
  });

  it('finds the 561 placeholders in the bodies of 171 files', () => {
    const body = ofRule('placeholder-text').filter((p) => p.message.startsWith('The body holds placeholder text'));
    assert.deepStrictEqual([body.length, new Set(body.map((p) => p.uri)).size], [561, 171]);
    assert.deepStrictEqual([evidence.bodyPlaceholders, evidence.bodyPlaceholderFiles], [561, 171]);
    assert.ok(body.some((p) => p.uri.endsWith('/game-development/game-dev-communities.md') && p.message.includes('"[待验证]"')));
  });

  it('finds no source year after this year or after created_date, and no DOI vouching for an unlisted page, as the corpus has none', () => {
    assert.deepStrictEqual([ofRule('source-year-future').length, ofRule('source-year-after-created').length], [0, 0]);
    assert.deepStrictEqual([evidence.sourceYearsFuture, evidence.sourceYearsAfterCreated], [0, 0]);
    assert.strictEqual(ofRule('fact-source-unlisted').filter((p) => p.message.includes('though source_doi')).length, 0);
    assert.strictEqual(evidence.doiVouchesForOtherPage, 0);
  });

  it('warns of the 74 sources in both lists, in 73 files, each with the fix that removes the copy', () => {
    const found = ofRule('source-in-both-lists');
    assert.deepStrictEqual([found.length, files('source-in-both-lists')], [74, 73]);
    assert.deepStrictEqual([evidence.inBothLists, evidence.inBothListsFiles], [74, 73]);
    assert.ok(found.every((p) => p.severity === 'warning' && p.fixes?.length === 1 && p.fixes[0].title === 'Remove the copy from secondary_sources'));
  });

  it('finds the 313 articles and 22 facts claiming more confidence than their sources carry', () => {
    const found = ofRule('confidence-unsupported');
    const pairs: Record<string, number> = {};
    for (const p of found) {
      const m = /^confidence is (\w+), but the primary sources carry (\w+):/.exec(p.message);
      if (m) pairs[`${m[1]}>${m[2]}`] = (pairs[`${m[1]}>${m[2]}`] ?? 0) + 1;
    }
    assert.deepStrictEqual(pairs, { 'medium>low': 160, 'high>medium': 91, 'high>low': 62 });
    assert.deepStrictEqual(evidence.confidence, { 'medium>low': 160, 'high>medium': 91, 'high>low': 62 });
    assert.strictEqual(found.filter((p) => p.message.startsWith('The fact')).length, 22);
    assert.strictEqual(evidence.factConfidenceAboveTier, 22);
  });

  it('finds the 244 AI articles that name no model, and no unknown model name', () => {
    assert.deepStrictEqual([ofRule('ai-models-missing').length, files('ai-models-missing')], [244, 244]);
    assert.strictEqual(evidence.aiWithoutModels, 244);
    assert.strictEqual(ofRule('ai-model-unknown').length, 0);
    assert.deepStrictEqual(evidence.aiModelNames, ['claude-4.5-sonnet', 'claude-opus', 'gpt-5-codex']);
  });
});

