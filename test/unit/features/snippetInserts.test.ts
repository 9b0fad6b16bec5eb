import * as assert from 'assert';
import { describe, it } from 'node:test';
import { applyEdits } from '../../../server/src/core/edits';
import { escapePlaceholder, factSnippet, newArticleFile, snippetRange, sourceSnippet } from '../../../server/src/features/snippets';
import { parseArticle } from '../../../server/src/model/article';
import { snippetToText } from '../../../server/src/lsp/convert';
import { checkArticle } from '../../../server/src/check';
import { parseConfig } from '../../../server/src/config';
import { PLACEHOLDERS } from '../../../server/src/model/template';
import { article, TODAY } from '../../helpers';

/** The document after inserting a snippet with its placeholders' defaults, as an editor would. */
function inserted(text: string, s: { offset: number; replaceEnd?: number; snippet: string }): string {
  return applyEdits(text, [{ range: snippetRange(s), newText: snippetToText(s.snippet) }]);
}

const withFacts = [
  '---',
  'id: rag',
  'category: ai',
  'atomic_facts:',
  '  - id: fact-ai-rag-1',
  '    statement: One.',
  '    source_url: https://example.org/a',
  '',
  '  - id: fact-ai-rag-2',
  '    statement: >-',
  '      Two,',
  '      folded.',
  '',
  'primary_sources:',
  '    - title: "A: Source"',
  '      url: https://example.org/a',
  '---',
  'Body',
  '',
].join('\n');

describe('fact and source snippets', () => {
  it('a new fact after the last one, in its indentation and id style, defaults from the first source', () => {
    const a = article(withFacts);
    const s = factSnippet(a)!;
    assert.strictEqual(s.offset, withFacts.indexOf('      folded.') + '      folded.'.length);
    assert.strictEqual(s.replaceEnd, undefined);
    assert.strictEqual(
      s.snippet,
      '\n  - id: ${2:fact-ai-rag-3}\n    statement: ${1:One checkable claim, in one sentence.}\n    source_title: ${3:"A: Source"}\n    source_url: ${4:https://example.org/a}\n    confidence: ${5|medium,high,low|}$0',
    );
    const after = parseArticle('file:///ws/ai/rag.md', inserted(withFacts, s));
    assert.deepStrictEqual(after.yaml?.errors, []);
    assert.deepStrictEqual(after.facts.map((f) => [f.id, f.sourceTitle]), [['fact-ai-rag-1', undefined], ['fact-ai-rag-2', undefined], ['fact-ai-rag-3', 'A: Source']]);
  });

  it('an empty [] list becomes a block list; a missing list is added before the closing fence; CRLF kept', () => {
    const empty = '---\nid: x\natomic_facts: []\nprimary_sources: []\n---\n';
    const s = factSnippet(article(empty))!;
    assert.deepStrictEqual([s.offset, s.replaceEnd], [empty.indexOf(': []') + 1, empty.indexOf(': []') + 4]);
    const filled = parseArticle('file:///ws/ai/x.md', inserted(empty, s));
    assert.deepStrictEqual(filled.yaml?.errors, []);
    assert.strictEqual(filled.facts.length, 1);
    assert.ok(filled.facts[0].id, 'the new fact has an id');

    const crlf = '---\r\nid: y\r\nprimary_sources:\r\n  - title: T\r\n    url: https://example.org/t\r\n---\r\nBody\r\n';
    const added = factSnippet(article(crlf))!;
    assert.strictEqual(added.offset, crlf.indexOf('---\r\nBody'));
    const text = inserted(crlf, added);
    assert.ok(!/[^\r]\n/.test(text), 'every line break stays CRLF');
    assert.strictEqual(parseArticle('file:///ws/ai/y.md', text).facts.length, 1);
  });

  it('a new source at the end of the list asked for, the year today\'s', () => {
    const s = sourceSnippet(article(withFacts), 'primary_sources', TODAY)!;
    assert.strictEqual(s.offset, withFacts.indexOf('---\nBody') - 1);
    const after = parseArticle('file:///ws/ai/rag.md', inserted(withFacts, s));
    assert.deepStrictEqual(after.yaml?.errors, []);
    assert.deepStrictEqual(after.sources.map((x) => [x.list, x.title, x.type]), [['primary_sources', 'A: Source', undefined], ['primary_sources', 'Title of the Source', 'documentation']]);
    assert.match(s.snippet, /year: \$\{3:2026\}/);
    const secondary = sourceSnippet(article(withFacts), 'secondary_sources', TODAY)!;
    assert.strictEqual(parseArticle('file:///ws/ai/rag.md', inserted(withFacts, secondary)).sources.filter((x) => x.list === 'secondary_sources').length, 1);
  });

  it('nothing where the frontmatter cannot take one: no frontmatter, broken YAML, a new list in an unclosed one', () => {
    assert.strictEqual(sourceSnippet(article('---\nid: open\natomic_facts:\n  - id: f1\n'), 'primary_sources', TODAY), undefined);
    for (const text of ['# Just Markdown\n', '---\nid: [broken\n---\n']) {
      assert.strictEqual(factSnippet(article(text)), undefined, text);
      assert.strictEqual(sourceSnippet(article(text), 'primary_sources', TODAY), undefined, text);
    }
  });

  it('escapes what snippet syntax would read', () => {
    assert.strictEqual(escapePlaceholder('a $1 {x} \\ b'), 'a \\$1 {x\\} \\\\ b');
    assert.strictEqual(snippetToText('${1:a \\$1 {x\\} \\\\ b}'), 'a $1 {x} \\ b');
  });
});

describe('new article file', () => {
  it('names the file after the title, takes the category from the first folder under the root', () => {
    const made = newArticleFile('Retrieval-Augmented Generation (RAG)!', 'file:///ws/ai/deep', ['file:///ws'], TODAY, () => false);
    assert.strictEqual(made.uri, 'file:///ws/ai/deep/retrieval-augmented-generation-rag.md');
    assert.deepStrictEqual([made.id, made.category], ['retrieval-augmented-generation-rag', 'ai']);
    const a = parseArticle(made.uri, made.text);
    assert.deepStrictEqual([a.data?.id, a.data?.title, a.data?.category, a.data?.last_verified], [made.id, 'Retrieval-Augmented Generation (RAG)!', 'ai', TODAY]);
  });

  it('never reuses a taken name; outside any root the folder name is the category; an empty title still works', () => {
    const taken = new Set(['file:///ws/ai/x.md', 'file:///ws/ai/x-2.md']);
    assert.strictEqual(newArticleFile('X', 'file:///ws/ai/', ['file:///ws'], TODAY, (u) => taken.has(u)).uri, 'file:///ws/ai/x-3.md');
    assert.strictEqual(newArticleFile('Y', 'file:///elsewhere/health%20care', ['file:///ws'], TODAY, () => false).category, 'health care');
    assert.strictEqual(newArticleFile('Z', 'file:///ws', ['file:///ws'], TODAY, () => false).category, 'general');
    const blank = newArticleFile('  ', 'file:///ws/ai', ['file:///ws'], TODAY, () => false);
    assert.strictEqual(blank.uri, 'file:///ws/ai/new-article.md');
    assert.match(blank.text, /\ntitle: "New article"\n/);
  });
});

describe('the New Article template', () => {
  it('uses the one set of placeholders, each flagged by placeholder-text while it stands, and no error', () => {
    const made = newArticleFile('Instruction Tuning', 'file:///ws/ai', ['file:///ws'], TODAY, () => false);
    assert.strictEqual(made.titleTaken, false);
    assert.strictEqual(made.text.slice(made.firstPlaceholder!.start, made.firstPlaceholder!.end), PLACEHOLDERS.statement);
    const a = parseArticle(made.uri, made.text, 1);
    const all = checkArticle(a, { config: parseConfig(undefined), today: TODAY });
    assert.deepStrictEqual(all.filter((f) => f.severity === 'error').map((f) => f.message), []);
    const fm = all.filter((f) => f.rule === 'placeholder-text' && f.range.start < a.body.start);
    assert.deepStrictEqual(
      fm.map((f) => made.text.slice(f.range.start, f.range.end)),
      [PLACEHOLDERS.statement, PLACEHOLDERS.sourceTitle, PLACEHOLDERS.sourceUrl, PLACEHOLDERS.sourceTitle, PLACEHOLDERS.sourceUrl, PLACEHOLDERS.institution],
    );
    assert.strictEqual(newArticleFile('Instruction Tuning', 'file:///ws/ai', ['file:///ws'], TODAY, (u) => u.endsWith('/instruction-tuning.md')).titleTaken, true);
  });
});
