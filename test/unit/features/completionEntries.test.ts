import * as assert from 'assert';
import { describe, it } from 'node:test';
import { applyEdits } from '../../../server/src/core/edits';
import { neverCancelled } from '../../../server/src/core/types';
import { getCompletions } from '../../../server/src/features/completion';
import { snippetToText } from '../../../server/src/lsp/convert';
import { parseArticle } from '../../../server/src/model/article';
import { article, marked, validArticle } from '../../helpers';
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

  it('never in the body, inside a fact\'s keys, or on a top-level key line', () => {
    assert.deepStrictEqual(complete(validArticle({ body: '## TL;DR\nfact‸\n' })).labels, []);
    assert.ok(!complete(validArticle({ facts: `${facts}    ‸\n` })).labels.includes('kart-fact'));
    assert.ok(!complete(validArticle({ facts: `${facts}    fact‸\n` })).labels.includes('kart-fact'));
    assert.ok(!complete(validArticle({ fm: 'fact‸\n' })).labels.includes('kart-fact'));
  });
});
