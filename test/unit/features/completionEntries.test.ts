import * as assert from 'assert';
import { describe, it } from 'node:test';
import { applyEdits } from '../../../server/src/core/edits';
import { neverCancelled } from '../../../server/src/core/types';
import { getCompletions } from '../../../server/src/features/completion';
import { snippetToText } from '../../../server/src/lsp/convert';
import { parseArticle } from '../../../server/src/model/article';
import { checkArticle } from '../../../server/src/check';
import { parseConfig } from '../../../server/src/config';
import { article, marked, TODAY, validArticle } from '../../helpers';
import { contextWith } from './context';

const ctx = contextWith();

function complete(source: string, trigger?: string) {
  const { text, cursor, ranges } = marked(source);
  const entries = getCompletions(ctx, article(text), cursor, neverCancelled, trigger);
  return { text, cursor, ranges, entries, labels: entries.map((e) => e.label) };
}

/** Accepts the first entry as VS Code does: its text in its range, each line after the first given the line's indentation. */
function accept(source: string, label: string): string {
  const { text, entries } = complete(source);
  const e = entries.find((x) => x.label === label);
  assert.ok(e, `no ${label} among ${entries.map((x) => x.label).join()}`);
  const lineStart = text.lastIndexOf('\n', e.range.start - 1) + 1;
  const indent = /^ */.exec(text.slice(lineStart))![0];
  const body = snippetToText(e.insertText).replace(/\n/g, `\n${indent}`);
  return applyEdits(text, [{ range: e.range, newText: body }]);
}

const facts = '  - id: f1\n    statement: A.\n    source_title: FLAN\n    source_url: https://arxiv.org/abs/2109.01652\n    confidence: high\n';

describe('completion: entry snippets from the server', () => {
  it('at the list\'s indentation after a fact (Enter after `    confidence: high`, back to two spaces): kart-fact, the next id, the range the typed word', () => {
    for (const typed of ['', 'fact', 'kart-fact', 'fa']) {
      const { entries, ranges, cursor } = complete(validArticle({ facts: `${facts}  ⟦${typed}‸⟧\n` }));
      assert.deepStrictEqual(entries.map((e) => [e.label, e.kind, e.detail, e.snippet, e.filterText]), [['kart-fact', 'snippet', 'new atomic fact f2', true, 'kart-fact fact']], typed);
      assert.deepStrictEqual(entries[0].range, ranges[0], typed);
      assert.strictEqual(entries[0].range.end, cursor);
    }
    const { entries } = complete(validArticle({ facts: `${facts}  fact‸\n` }));
    assert.strictEqual(
      entries[0].insertText,
      '- id: ${2:f2}\n  statement: ${1:One checkable claim, in one sentence.}\n  source_title: ${3:Finetuned Language Models Are Zero-Shot Learners}\n  source_url: ${4:https://arxiv.org/abs/2109.01652}\n  confidence: ${5|medium,high,low|}$0',
    );
  });

  it('accepted, it gives a fact YAML reads at the list\'s level, with no error', () => {
    const text = accept(validArticle({ facts: `${facts}  fact‸\n` }), 'kart-fact');
    const a = parseArticle('file:///ws/ai/test-article.md', text, 1);
    assert.deepStrictEqual(a.yaml?.errors, []);
    assert.deepStrictEqual(a.facts.map((f) => [f.id, f.statement, f.confidence]), [['f1', 'A.', 'high'], ['f2', 'One checkable claim, in one sentence.', 'medium']]);
  });

  it('after `  - `: the entry first, then the keys of the new item; the `- ` stays', () => {
    const { entries, text } = complete(validArticle({ facts: `${facts}  - ‸\n` }));
    assert.deepStrictEqual(entries.map((e) => e.label), ['kart-fact', 'id', 'statement', 'source_title', 'source_url', 'source_doi', 'confidence']);
    assert.match(entries[0].insertText, /^id: \$\{2:f2\}\n  statement: /);
    const after = parseArticle('file:///ws/ai/test-article.md', accept(validArticle({ facts: `${facts}  - ‸\n` }), 'kart-fact'), 1);
    assert.deepStrictEqual(after.facts.map((f) => f.id), ['f1', 'f2']);
    assert.ok(text);
  });

  it('in each list its own entry: sources, disputed statements, known gaps', () => {
    const sources = '  - title: FLAN\n    type: academic_paper\n    url: https://arxiv.org/abs/2109.01652\n';
    assert.deepStrictEqual(complete(validArticle({ sources: `${sources}  prim‸\n` })).labels, ['kart-primary-source']);
    assert.deepStrictEqual(complete(validArticle({ fm: `secondary_sources:\n  - title: B\n    type: book\n  ‸\n` })).labels, ['kart-secondary-source']);
    assert.deepStrictEqual(complete(validArticle({ fm: `disputed_statements:\n  - statement: X\n    context: Y\n  dis‸\n` })).labels, ['kart-disputed']);
    assert.deepStrictEqual(complete(validArticle({ fm: `known_gaps:\n  - One\n  - ‸\n` })).labels, ['kart-gap']);
    assert.deepStrictEqual(complete(validArticle({ fm: `known_gaps:\n  ‸\n` })).labels, ['kart-gap']);
  });

  it('accepted sources, disputed statements and gaps leave no YAML error', () => {
    const cases = [
      validArticle({ sources: '  - title: FLAN\n    type: academic_paper\n    url: https://arxiv.org/abs/2109.01652\n  ‸\n' }),
      validArticle({ fm: 'secondary_sources:\n  - title: B\n    type: book\n  ‸\n' }),
      validArticle({ fm: 'disputed_statements:\n  - statement: X\n  ‸\n' }),
      validArticle({ fm: 'known_gaps:\n  - One\n  ‸\n' }),
    ];
    for (const c of cases) {
      const label = complete(c).labels[0];
      const a = parseArticle('file:///ws/ai/test-article.md', accept(c, label), 1);
      assert.deepStrictEqual(a.yaml?.errors, [], label);
    }
  });

  it('each accepted entry left untouched gets placeholder-text findings on its placeholders, and no error', () => {
    const cases: [string, string[]][] = [
      [validArticle({ facts: `${facts}  ‸\n` }), ['One checkable claim, in one sentence.']],
      [validArticle({ sources: '  - title: FLAN\n    type: academic_paper\n    url: https://arxiv.org/abs/2109.01652\n  ‸\n' }), ['Title of the Source', 'https://example.org/source', 'Publisher']],
      [validArticle({ fm: 'secondary_sources:\n  - title: B\n    type: book\n    url: https://example.com/b\n  ‸\n' }), ['Title of the Source', 'Surname, Given Name', 'Publisher', 'https://example.org/source']],
      [validArticle({ fm: 'disputed_statements:\n  - statement: X\n  ‸\n' }), ['A claim that sources disagree on.', 'Who disagrees, and why.']],
      [validArticle({ fm: 'known_gaps:\n  - One\n  ‸\n' }), ['An aspect this article does not cover yet']],
    ];
    for (const [source, expected] of cases) {
      const label = complete(source).labels[0];
      const text = accept(source, label);
      const found = checkArticle(parseArticle('file:///ws/ai/test-article.md', text, 1), { config: parseConfig(undefined), today: TODAY });
      assert.deepStrictEqual(found.filter((f) => f.severity === 'error').map((f) => f.message), [], label);
      assert.deepStrictEqual(found.filter((f) => f.rule === 'placeholder-text').map((f) => text.slice(f.range.start, f.range.end)), expected, label);
    }
  });

  it('never in the body, inside a fact\'s keys, or on a top-level key line', () => {
    assert.deepStrictEqual(complete(validArticle({ body: '## TL;DR\nfact‸\n' })).labels, []);
    assert.ok(!complete(validArticle({ facts: `${facts}    ‸\n` })).labels.includes('kart-fact'));
    assert.ok(!complete(validArticle({ facts: `${facts}    fact‸\n` })).labels.includes('kart-fact'));
    assert.ok(!complete(validArticle({ fm: 'fact‸\n' })).labels.includes('kart-fact'));
  });
});

describe('completion: a space typed', () => {
  it('after `key: ` opens its values; after `- ` in a list of names its items; anywhere else nothing', () => {
    const values = complete(validArticle().replace('confidence: medium', 'confidence: ⟦‸⟧'), ' ');
    assert.deepStrictEqual(values.labels, ['low', 'medium', 'high']);
    assert.deepStrictEqual(values.entries[0].range, values.ranges[0]);
    assert.deepStrictEqual(complete(validArticle({ facts: `${facts}  - id: f2\n    confidence: ‸\n` }), ' ').labels, ['low', 'medium', 'high']);
    assert.deepStrictEqual(complete(validArticle().replace('  - claude-opus', '  - claude-opus\n  - ‸'), ' ').labels, ['claude-opus', 'gpt-5-codex']);
    assert.deepStrictEqual(complete(validArticle().replace('title: "Test Article"', 'title: "Test Article" ‸'), ' ').labels, []);
    assert.deepStrictEqual(complete(validArticle({ facts: `${facts}  - ‸\n` }), ' ').labels, []);
    assert.deepStrictEqual(complete(validArticle({ body: '## TL;DR\nIt works ‸\n' }), ' ').labels, []);
  });
});

describe('completion: section snippets, in the body only', () => {
  it('on a heading being typed: the sections of the order the article lacks, replacing the line', () => {
    const { entries, ranges } = complete(validArticle({ body: '## TL;DR\nText [@f1].\n\n⟦## D‸⟧\n' }));
    assert.deepStrictEqual(entries.map((e) => [e.label, e.detail, e.insertText]), [
      ['## Core Explanation', 'required section', '## Core Explanation\n$0'],
      ['## Detailed Analysis', 'section', '## Detailed Analysis\n$0'],
      ['## Source-Mapped Facts', 'section', '## Source-Mapped Facts\n$0'],
      ['## Further Reading', 'section', '## Further Reading\n$0'],
      ['## Related Articles', 'section', '## Related Articles\n$0'],
    ]);
    for (const e of entries) assert.deepStrictEqual(e.range, ranges[0]);
    assert.deepStrictEqual(complete(validArticle({ body: '## TL;DR\nText.\n\nkart-sec‸\n' })).labels.length, 5);
  });

  it('not in prose, not in the frontmatter, not in a file that is no article', () => {
    assert.deepStrictEqual(complete(validArticle({ body: '## TL;DR\nSome ‸\n' })).labels, []);
    assert.ok(!complete(validArticle({ fm: '## ‸\n' })).labels.some((l) => l.startsWith('##')));
    assert.deepStrictEqual(complete('# Notes\n\n## ‸\n').labels, []);
  });
});
