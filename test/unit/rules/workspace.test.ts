import * as assert from 'assert';
import { describe, it } from 'node:test';
import { applyEdits } from '../../../server/src/core/edits';
import { summarize, WorkspaceIndex } from '../../../server/src/workspaceIndex';
import { article, expectAt, findings, marked, validArticle } from '../../helpers';

/** A workspace index of in-memory articles: uri (under file:///ws/) -> text. */
function workspace(files: Record<string, string>): WorkspaceIndex {
  const index = new WorkspaceIndex();
  for (const [path, text] of Object.entries(files)) index.set(summarize(article(marked(text).text, `file:///ws/${path}`)));
  return index;
}

const titled = (id: string, category = 'computer-science', body?: string) =>
  validArticle({ body }).replace('id: test-article', `id: ${id}`).replace('category: ai', `category: ${category}`).replace('"Test Article"', `"${id} title"`);

describe('link-broken-article', () => {
  const files = {
    'computer-science/go-language.md': titled('go-language'),
    'computer-science/python.md': titled('python'),
    'ai/rag.md': titled('rag', 'ai'),
    'computer-science/web/index.md': titled('web'),
  };
  const from = 'file:///ws/computer-science/a.md';

  it('reports links that resolve under neither convention, with a did-you-mean under the article\'s convention', () => {
    const body =
      '## TL;DR\nSee [Go](../go-language.md), [Go too](go-language.md), [Py](../python), [RAG](../../ai/rag.md), [Web](../web/).\n\n' +
      '## Related Articles\n- [Gone](⟦../go-lang.md⟧)\n- [Missing](⟦../../ai/nothing-here.md#intro⟧)\n- [Pyth](⟦../pythn⟧)\n';
    const src = validArticle({ body });
    const index = workspace({ ...files, 'computer-science/a.md': src });
    const found = expectAt('link-broken-article', src, { uri: from, index });
    assert.strictEqual(found[0].message, 'No article at "../go-lang.md", read relative to this article\'s URL or to its folder; did you mean "../go-language.md" ("go-language title")?');
    assert.strictEqual(found[1].message, 'No article at "../../ai/nothing-here.md#intro", read relative to this article\'s URL or to its folder.');
    assert.strictEqual(found[1].fixes, undefined);
    const text = marked(src).text;
    assert.ok(applyEdits(text, found[0].fixes![0].edits).includes('- [Gone](../go-language.md)\n'));
    assert.ok(applyEdits(text, found[2].fixes![0].edits).includes('- [Pyth](../python.md)\n'));
  });

  it('suggests in the file-relative convention when the article uses that one', () => {
    const body = '## TL;DR\n[Go](go-language.md) and [Py](python.md) and [RAG](⟦../ai/ragg.md⟧).\n';
    const src = validArticle({ body });
    const [f] = expectAt('link-broken-article', src, { uri: from, index: workspace({ ...files, 'computer-science/a.md': src }) });
    assert.match(f.message, /did you mean "\.\.\/ai\/rag\.md"/);
  });

  it('passes links that resolve, and links that are not to articles', () => {
    const body =
      '## TL;DR\n[Go](../go-language.md) [Go2](./go-language.md) [Web](../web) [site](https://example.org/x.md) [mail](mailto:a@b.c) [top](#tl-dr) ' +
      '![img](../diagram.png) [pdf](../paper.pdf) [root](/ai/rag/) [u](undefined) [e]().\n';
    expectAt('link-broken-article', validArticle({ body }), { uri: from, index: workspace(files) });
  });

  it('does nothing without a workspace index', () => {
    expectAt('link-broken-article', validArticle({ body: '[x](../nowhere.md)\n' }), { uri: from });
  });
});

describe('article-id-duplicate', () => {
  it('reports an id used by other files, with related locations and a rename to the file name', () => {
    const src = titled('kb-2026-00002').replace('id: kb-2026-00002', 'id: ⟦kb-2026-00002⟧');
    const index = workspace({
      'computer-science/a.md': src,
      'ai/b.md': titled('kb-2026-00002', 'ai'),
      'ai/c.md': titled('kb-2026-00002', 'ai'),
      'ai/d.md': titled('kb-2026-00002', 'ai'),
      'ai/e.md': titled('kb-2026-00002', 'ai'),
      'ai/f.md': titled('other', 'ai'),
    });
    const [f] = expectAt('article-id-duplicate', src, { uri: 'file:///ws/computer-science/a.md', index });
    assert.strictEqual(f.message, 'The article id "kb-2026-00002" is also used by ai/b.md, ai/c.md, ai/d.md and 1 more: give each article its own id, e.g. "a".');
    assert.deepStrictEqual(f.related!.map((r) => r.uri), ['file:///ws/ai/b.md', 'file:///ws/ai/c.md', 'file:///ws/ai/d.md', 'file:///ws/ai/e.md']);
    const b = titled('kb-2026-00002', 'ai');
    assert.strictEqual(b.slice(f.related![0].range.start, f.related![0].range.end), 'kb-2026-00002');
    assert.ok(applyEdits(marked(src).text, f.fixes![0].edits).includes('\nid: a\n'));
  });

  it('passes an id no other file uses', () => {
    const src = titled('a');
    expectAt('article-id-duplicate', src, { uri: 'file:///ws/computer-science/a.md', index: workspace({ 'computer-science/a.md': src, 'ai/b.md': titled('b', 'ai') }) });
  });
});

describe('fact-id-reused', () => {
  const fact = (id: string) => `  - id: ${id}\n    statement: A claim.\n    source_title: Finetuned Language Models Are Zero-Shot Learners\n    source_url: https://arxiv.org/abs/2109.01652\n`;

  it('reports a fact id other articles use, as a hint with a short message and capped related locations', () => {
    const src = validArticle({ facts: fact('⟦fact-computer-science-001⟧') + fact('own-1') });
    const files: Record<string, string> = { 'ai/test-article.md': src };
    for (let i = 0; i < 8; i++) files[`ai/other-${i}.md`] = validArticle({ facts: fact('fact-computer-science-001') });
    files['ai/single.md'] = validArticle({ facts: fact('own-1x') });
    const [f] = expectAt('fact-id-reused', src, { index: workspace(files) });
    assert.strictEqual(f.severity, 'hint');
    assert.strictEqual(f.message, '"fact-computer-science-001" is also a fact id in 8 other articles.');
    assert.strictEqual(f.related!.length, 5);
  });

  it('names the one other article', () => {
    const src = validArticle({ facts: fact('⟦af-rag-1⟧') });
    const [f] = expectAt('fact-id-reused', src, { index: workspace({ 'ai/test-article.md': src, 'ai/other.md': validArticle({ facts: fact('af-rag-1') }) }) });
    assert.strictEqual(f.message, '"af-rag-1" is also a fact id in ai/other.md.');
  });

  it('passes fact ids unique to the article, and plain f1, f2 numbering', () => {
    const src = validArticle({ facts: fact('fact-ai-test-1') + fact('f1') });
    expectAt('fact-id-reused', src, { index: workspace({ 'ai/test-article.md': src, 'ai/other.md': validArticle({ facts: fact('fact-ai-other-1') + fact('f1') }) }) });
  });
});

describe('workspace rules on a stale index', () => {
  it('compares with the other files, not with an older version of this one', () => {
    const src = titled('renamed');
    const index = workspace({ 'computer-science/a.md': titled('old-id'), 'ai/b.md': titled('old-id', 'ai') });
    assert.deepStrictEqual(findings('article-id-duplicate', src, { uri: 'file:///ws/computer-science/a.md', index }).findings, []);
  });
});
