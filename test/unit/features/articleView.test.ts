import * as assert from 'assert';
import { describe, it } from 'node:test';
import { parseConfig } from '../../../server/src/config';
import type { Finding } from '../../../server/src/core/types';
import { buildArticleView } from '../../../server/src/features/articleView';
import { article, TODAY } from '../../helpers';

const text = [
  '---',
  'id: view-test',
  'title: "Viewing: An Article"',
  'category: ai',
  'confidence: medium',
  "last_verified: '2025-01-01'",
  'atomic_facts:',
  '  - id: f1',
  '    statement: >-',
  '      A folded',
  '      statement.',
  '    source_title: Src',
  '    source_url: https://example.org/a',
  '    confidence: high',
  '  - id: f2',
  '    statement: Uncited.',
  '    source_doi: 10.1000/xyz',
  '  - statement: no id here',
  'known_gaps:',
  '  - Gap one',
  '  - 42',
  'disputed_statements:',
  '  - Plain dispute',
  '  - statement: Mapped dispute',
  '    context: Why',
  'primary_sources:',
  '  - title: Src',
  '    type: documentation',
  '    year: 2024',
  '    url: https://example.org/a',
  '    institution: Org',
  '    authors:',
  '      - A. Author',
  '      - 7',
  'secondary_sources:',
  '  - title: Other',
  '    authors: Single Author',
  '---',
  '## TL;DR',
  'Cited twice [@f1] and [@f1; @nope].',
  '',
  '## Source-Mapped Facts',
  '- A folded statement. ([source](https://example.org/a))',
  '',
].join('\n');

const finding = (severity: Finding['severity']): Finding => ({ uri: 'u', rule: 'r', severity, message: 'm', range: { start: 0, end: 0 } });

describe('article view', () => {
  it('shows the frontmatter as plain values, each fact with its uses and line, and the body', () => {
    const a = article(text);
    const view = buildArticleView(a, [finding('error'), finding('hint'), finding('hint'), finding('warning')], parseConfig(undefined), TODAY);
    assert.strictEqual(view.isArticle, true);
    assert.strictEqual(view.version, 1);
    assert.strictEqual(view.title, 'Viewing: An Article');
    assert.strictEqual(view.category, 'ai');
    assert.strictEqual(view.confidence, 'medium');
    assert.strictEqual(view.lastVerified, '2025-01-01');
    assert.strictEqual(view.daysSinceVerified, 516);
    assert.strictEqual(view.stale, true, '516 days is more than the default 365');
    assert.deepStrictEqual(view.facts, [
      { id: 'f1', statement: 'A folded statement.', sourceTitle: 'Src', sourceUrl: 'https://example.org/a', confidence: 'high', cited: 2, mapped: 1, line: 7 },
      { id: 'f2', statement: 'Uncited.', sourceDoi: '10.1000/xyz', cited: 0, mapped: 0, line: 14 },
    ]);
    assert.deepStrictEqual(view.sources, [
      { list: 'primary_sources', line: 26, title: 'Src', type: 'documentation', year: 2024, url: 'https://example.org/a', institution: 'Org', authors: ['A. Author', '7'] },
      { list: 'secondary_sources', line: 35, title: 'Other', authors: ['Single Author'] },
    ]);
    assert.deepStrictEqual(view.knownGaps, ['Gap one', '42']);
    assert.deepStrictEqual(view.disputed, [{ statement: 'Plain dispute' }, { statement: 'Mapped dispute', context: 'Why' }]);
    assert.strictEqual(view.bodyStartLine, 38);
    assert.ok(view.body.startsWith('## TL;DR\nCited twice'));
    assert.deepStrictEqual(view.problems, { errors: 1, warnings: 1, infos: 0, hints: 2 });
  });

  it('is not stale within staleAfterDays, and has no age without a valid date', () => {
    const config = parseConfig('{"staleAfterDays": 600}');
    assert.strictEqual(buildArticleView(article(text), [], config, TODAY).stale, false);
    const undated = buildArticleView(article(text.replace("last_verified: '2025-01-01'", 'last_verified: soon')), [], config, TODAY);
    assert.strictEqual(undated.daysSinceVerified, undefined);
    assert.strictEqual(undated.stale, false);
    assert.strictEqual(undated.lastVerified, 'soon');
  });

  it('answers for a file that is not an article, and for broken YAML, without throwing', () => {
    const readme = buildArticleView(article('# Notes\n\nJust text.\n'), [], parseConfig(undefined), TODAY);
    assert.strictEqual(readme.isArticle, false);
    assert.deepStrictEqual([readme.facts, readme.sources, readme.title, readme.bodyStartLine], [[], [], undefined, 0]);
    const broken = buildArticleView(article('---\ntitle: [unclosed\natomic_facts:\n  - id: f1\n---\nBody\n'), [], parseConfig(undefined), TODAY);
    assert.strictEqual(broken.body, 'Body\n');
    assert.strictEqual(broken.bodyStartLine, 5);
  });
});
