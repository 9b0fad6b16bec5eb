// examples/ is what `npm start` shows a newcomer: the clean article must stay clean and each mistake example must
// keep showing the mistakes examples/README.md promises.
import * as assert from 'assert';
import { readdirSync, readFileSync, statSync } from 'fs';
import { describe, it } from 'node:test';
import { join, relative } from 'path';
import { parseArticle } from '../../server/src/model/article';
import { toUri } from '../../server/src/node/fsWorkspace';
import { ArticleService } from '../../server/src/service';
import { summarize } from '../../server/src/workspaceIndex';

const root = join(__dirname, '../../..');
const examples = join(root, 'examples');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : n.endsWith('.md') ? [join(dir, n)] : []));
}

function checkExamples(): Map<string, string[]> {
  const service = new ArticleService({ workspace: { roots: [toUri(examples)], readFile: async () => undefined, listFiles: async () => [] }, today: () => '2026-06-30' });
  const articles = walk(examples).map((p) => parseArticle(toUri(p), readFileSync(p, 'utf8')));
  for (const a of articles) if (a.isArticle) service.index.set(summarize(a));
  const out = new Map<string, string[]>();
  for (const a of articles) out.set(relative(examples, a.uri.replace(/^file:\/\//, '')), [...new Set(service.check(a).map((f) => f.rule))].sort());
  return out;
}

describe('examples/', () => {
  const found = checkExamples();

  it('has a clean article, and a README and NOTICE that are not checked', () => {
    assert.deepStrictEqual(found.get('ai/instruction-tuning.md'), []);
    assert.deepStrictEqual(found.get('README.md'), []);
    assert.deepStrictEqual(found.get('NOTICE.md'), []);
  });

  it('shows the fact and source mistakes in ai/rlhf.md', () => {
    assert.deepStrictEqual(found.get('ai/rlhf.md'), [
      'article-id-duplicate',
      'citation-unknown-fact',
      'fact-duplicate-id',
      'fact-source-unlisted',
      'generation-method-conflict',
      'link-empty-target',
      'placeholder-text',
    ]);
  });

  it('shows the body mistakes in science/mars-exploration.md', () => {
    assert.deepStrictEqual(found.get('science/mars-exploration.md'), [
      'article-id-duplicate',
      'body-frontmatter-keys',
      'category-folder',
      'confidence-unsupported',
      'link-broken-article',
      'mapped-fact-unknown',
      'section-missing',
      'section-order',
      'text-mojibake',
    ]);
  });

  it('shows the YAML error in computer-science/yaml-basics.md', () => {
    assert.ok(found.get('computer-science/yaml-basics.md')!.includes('yaml-syntax'));
  });
});
