import * as assert from 'assert';
import { describe, it } from 'node:test';
import { applyEdits } from '../../../server/src/core/edits';
import { neverCancelled } from '../../../server/src/core/types';
import { getCompletions } from '../../../server/src/features/completion';
import type { CompletionEntry } from '../../../server/src/features/types';
import { article, marked, validArticle } from '../../helpers';
import { contextWith } from './context';

const ctx = contextWith({
  'file:///ws/computer-science/go-language.md': validArticle({ body: '## TL;DR\nGo compiles.\n' }).replace('"Test Article"', '"Go Programming Language"'),
  'file:///ws/ai/rnn.md': validArticle().replace('"Test Article"', '"Recurrent Neural Networks"'),
  'file:///ws/ai/test-article.md': validArticle(),
});

function complete(source: string) {
  const { text, cursor, ranges } = marked(source);
  const entries = getCompletions(ctx, article(text), cursor, neverCancelled).sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
  return { text, cursor, ranges, entries, labels: entries.map((e) => e.label) };
}

/** The document after choosing an entry: its text in its range, and its additional edits. */
function choose(text: string, entry: CompletionEntry | undefined): string {
  assert.ok(entry, 'no such entry');
  return applyEdits(text, [{ range: entry.range, newText: entry.insertText }, ...(entry.additionalEdits ?? [])]);
}

const byLabel = (entries: CompletionEntry[], label: string) => entries.find((e) => e.label === label);

describe('completion in the frontmatter: keys', () => {
  it('offers the top-level keys the article lacks, replacing the word typed, with a value placeholder', () => {
    const { entries, labels, ranges } = complete(validArticle({ fm: '⟦da‸⟧\n' }));
    assert.deepStrictEqual(labels, ['updated', 'derived_from_human_seed', 'conflict_of_interest', 'is_live_document', 'data_period', 'completeness', 'known_gaps', 'disputed_statements', 'secondary_sources', 'slug', 'status']);
    for (const e of entries) assert.deepStrictEqual(e.range, ranges[0]);
    assert.deepStrictEqual(
      ['updated', 'is_live_document', 'data_period', 'status', 'secondary_sources'].map((l) => byLabel(entries, l)!.insertText),
      [
        'updated: "${1:2026-06-01}"',
        'is_live_document: ${1|true,false|}',
        'data_period: ${1:static}',
        'status: ${1|draft,published|}',
        'secondary_sources:\n  - title: $1\n    type: ${2:academic_paper}\n    year: ${3:2026}\n    url: $4',
      ],
    );
    assert.strictEqual(byLabel(entries, 'status')!.detail, 'optional');
    assert.strictEqual(byLabel(entries, 'status')!.documentation, 'Whether the article is a `draft` or `published`.');
  });

  it('offers the required keys first when they are missing', () => {
    const { labels } = complete('---\nid: x\n‸\n---\n');
    assert.deepStrictEqual(labels.slice(0, 10), ['title', 'schema_type', 'category', 'language', 'confidence', 'last_verified', 'created_date', 'generation_method', 'atomic_facts', 'primary_sources']);
    const entries = complete('---\nid: x\n‸\n---\n').entries;
    assert.strictEqual(byLabel(entries, 'category')!.insertText, 'category: ${1:ai}', 'the folder names the category');
    assert.strictEqual(byLabel(entries, 'atomic_facts')!.insertText, 'atomic_facts:\n  - id: ${1:f1}\n    statement: $2\n    source_title: $3\n    source_url: $4\n    confidence: ${5|low,medium,high|}');
  });

  it('offers a fact\'s missing keys on a blank line inside the fact', () => {
    const { labels, entries } = complete(validArticle({ facts: '  - id: f1\n    statement: x\n    source_url: https://a.org/x\n    ‸\n  - id: f2\n    statement: y\n' }));
    assert.deepStrictEqual(labels, ['source_title', 'source_doi', 'confidence']);
    assert.deepStrictEqual(entries.map((e) => e.detail), ['required', 'optional', 'optional']);
  });

  it('on a new fact item `  - `: the whole fact in the article\'s id style (kart-fact), then each key', () => {
    const facts = '  - id: f1\n    statement: x\n  - id: f2\n    statement: y\n  - ‸\n';
    const { labels, entries, text } = complete(validArticle({ facts }));
    assert.deepStrictEqual(labels, ['kart-fact', 'id', 'statement', 'source_title', 'source_url', 'source_doi', 'confidence']);
    assert.strictEqual(
      entries[0].insertText,
      'id: ${2:f3}\n  statement: ${1:One checkable claim, in one sentence.}\n  source_title: ${3:Finetuned Language Models Are Zero-Shot Learners}\n  source_url: ${4:https://arxiv.org/abs/2109.01652}\n  confidence: ${5|medium,high,low|}$0',
    );
    assert.strictEqual(entries[0].kind, 'snippet');
    assert.strictEqual(choose(text, byLabel(entries, 'id')), validArticle({ facts: facts.replace('  - ‸', '  - id: ${1:f3}') }));
  });

  it('on a half-written item `  - st`: the fact keys, replacing what is typed', () => {
    const { entries, ranges } = complete(validArticle({ facts: '  - id: f1\n    statement: x\n  - ⟦st‸⟧\n' }));
    assert.strictEqual(entries.length, 7);
    assert.ok(entries.every((e) => e.range.start === ranges[0].start && e.range.end === ranges[0].end));
  });

  it('on an existing key being changed: the key name only, the value left alone', () => {
    const { text, entries } = complete(validArticle().replace('confidence: medium', 'conf‸idence: medium'));
    const e = byLabel(entries, 'confidence')!;
    assert.strictEqual(e.insertText, 'confidence');
    assert.strictEqual(e.snippet, false);
    assert.strictEqual(choose(text, e), validArticle());
  });

  it('offers a source\'s and a disputed statement\'s missing keys', () => {
    const source = complete(validArticle({ sources: '  - title: X\n    type: book\n    ‸\n' }));
    assert.deepStrictEqual(source.labels, ['id', 'year', 'url', 'doi', 'institution', 'authors']);
    assert.strictEqual(byLabel(source.entries, 'authors')!.insertText, 'authors:\n  - $1');
    const disputed = complete(validArticle({ fm: 'disputed_statements:\n  - statement: x\n    ‸\n' }));
    assert.deepStrictEqual(disputed.labels, ['context', 'confidence', 'source_title', 'source_url']);
  });

  it('after a key with no value yet, still in the same fact', () => {
    const { labels } = complete(validArticle({ facts: '  - id: f1\n    source_title:\n    ‸\n' }));
    assert.deepStrictEqual(labels, ['statement', 'source_url', 'source_doi', 'confidence']);
  });

  it('still works below a line YAML cannot read', () => {
    const { labels } = complete(validArticle({ fm: 'slug:"kb-1"\nsta‸\n' }));
    assert.ok(labels.includes('status') && labels.includes('updated') && !labels.includes('title'), labels.join());
  });

  it('offers nothing in a comment or on the closing fence', () => {
    assert.deepStrictEqual(complete(validArticle({ fm: '# a note ‸\n' })).entries, []);
    assert.deepStrictEqual(complete(validArticle().replace('---\n## TL;DR', '‸---\n## TL;DR')).entries, []);
  });
});

describe('completion in the frontmatter: values', () => {
  it('offers enum values, with a space when the colon has none yet', () => {
    const { entries, ranges } = complete(validArticle().replace('confidence: medium', 'confidence: ⟦me‸d⟧'));
    assert.deepStrictEqual(entries.map((e) => [e.label, e.kind, e.insertText]), [
      ['low', 'enum', 'low'],
      ['medium', 'enum', 'medium'],
      ['high', 'enum', 'high'],
    ]);
    assert.deepStrictEqual(entries[0].range, ranges[0]);
    const tight = complete(validArticle().replace('generation_method: ai_assisted', 'generation_method:‸'));
    assert.deepStrictEqual(tight.entries.map((e) => e.insertText), [' ai_structured', ' ai_assisted', ' human_only']);
    assert.deepStrictEqual(complete(validArticle().replace('schema_type: TechArticle', 'schema_type: ‸')).labels, ['TechArticle', 'Article', 'ScholarlyArticle', 'NewsArticle', 'BlogPosting', 'HowTo', 'Report']);
    assert.deepStrictEqual(complete(validArticle({ fm: 'status: ‸\n' })).labels, ['draft', 'published']);
    assert.deepStrictEqual(complete(validArticle({ facts: '  - id: f1\n    confidence: ‸\n' })).labels, ['low', 'medium', 'high']);
  });

  it('offers today in a date field, quoted, replacing a quote already typed', () => {
    const { text, entries, ranges } = complete(validArticle().replace('last_verified: "2026-05-24"', 'last_verified: ⟦"‸⟧'));
    assert.deepStrictEqual(entries.map((e) => [e.label, e.insertText, e.detail]), [['2026-06-01', '"2026-06-01"', 'today']]);
    assert.deepStrictEqual(entries[0].range, ranges[0]);
    assert.strictEqual(choose(text, entries[0]), validArticle().replace('last_verified: "2026-05-24"', 'last_verified: "2026-06-01"'));
  });

  it('offers source types with the common ones first, then those the article already uses', () => {
    const sources = '  - title: A\n    type: museum_reference\n  - title: B\n    type: ‸\n';
    const { labels } = complete(validArticle({ sources }));
    assert.deepStrictEqual(labels.slice(0, 4), ['academic_paper', 'documentation', 'standard', 'textbook']);
    assert.strictEqual(labels[labels.length - 1], 'museum_reference');
    assert.strictEqual(labels.length, 21);
  });

  it('offers examples for data_period, language and the folder first for category', () => {
    assert.deepStrictEqual(complete(validArticle({ fm: 'data_period: ‸\n' })).labels, ['static', 'live_service_status', '2024-2026']);
    assert.deepStrictEqual(complete(validArticle({ fm: 'data_period: ‸\n' })).entries[2].insertText, '2024-2026', 'plain: YAML reads it as a string');
    assert.deepStrictEqual(complete(validArticle().replace('language: en', 'language: ‸')).labels, ['en', 'zh', 'de', 'fr', 'es', 'ja']);
    assert.deepStrictEqual(complete(validArticle().replace('category: ai', 'category: ‸')).labels.slice(0, 3), ['ai', 'computer-science', 'science']);
  });

  it('offers the items of a list of names (ai_models), as a flow list on the key\'s own line', () => {
    assert.deepStrictEqual(complete(validArticle().replace('  - claude-opus', '  - claude-opus\n  - ‸')).labels, ['claude-opus', 'gpt-5-codex']);
    const inline = complete(validArticle().replace('ai_models:\n  - claude-opus', 'ai_models: ‸'));
    assert.deepStrictEqual(inline.entries.map((e) => [e.label, e.insertText]), [['claude-opus', '[claude-opus]'], ['gpt-5-codex', '[gpt-5-codex]']]);
  });

  it('offers the file\'s slug as the article id', () => {
    assert.deepStrictEqual(complete(validArticle().replace('id: test-article', 'id: ‸')).labels, ['test-article']);
  });

  it('offers a new fact id continuing the article\'s own style', () => {
    const ids = (facts: string) => complete(validArticle({ facts })).labels;
    assert.deepStrictEqual(ids('  - id: f1\n    statement: x\n  - id: f2\n    statement: y\n  - id: ‸\n'), ['f3']);
    assert.deepStrictEqual(ids('  - id: fact-ai-x-1\n  - id: fact-ai-x-2\n  - id: ‸\n'), ['fact-ai-x-3']);
    assert.deepStrictEqual(ids('  - id: fact-computer-science-001\n  - id: fact-computer-science-009\n  - id: ‸\n'), ['fact-computer-science-010']);
    assert.deepStrictEqual(ids('  - id: ‸\n'), ['f1']);
  });

  it('in a fact\'s source_title, offers the article\'s sources; choosing one fills source_url too', () => {
    const facts = '  - id: f1\n    statement: x\n    source_title: ‸\n    confidence: high\n';
    const sources = '  - title: "Self-Instruct: Aligning LMs"\n    type: academic_paper\n    url: https://arxiv.org/abs/2212.10560\n';
    const { text, entries } = complete(validArticle({ facts, sources: validArticle().match(/primary_sources:\n([\s\S]*?)---/)![1] + sources }));
    assert.deepStrictEqual(entries.map((e) => [e.label, e.detail, e.insertText]), [
      ['Finetuned Language Models Are Zero-Shot Learners', 'primary source · academic_paper', 'Finetuned Language Models Are Zero-Shot Learners'],
      ['Self-Instruct: Aligning LMs', 'primary source · academic_paper', '"Self-Instruct: Aligning LMs"'],
    ]);
    assert.strictEqual(
      choose(text, entries[1]),
      text.replace('    source_title: \n', '    source_title: "Self-Instruct: Aligning LMs"\n    source_url: https://arxiv.org/abs/2212.10560\n'),
    );
  });

  it('in source_url, offers the urls; choosing one fills an empty source_title or replaces its value (CRLF kept)', () => {
    const empty = complete(validArticle({ facts: '  - id: f1\n    statement: x\n    source_url: ‸\n    source_title:\n' }));
    assert.strictEqual(
      choose(empty.text, empty.entries[0]),
      empty.text.replace('source_url: \n    source_title:\n', 'source_url: https://arxiv.org/abs/2109.01652\n    source_title: Finetuned Language Models Are Zero-Shot Learners\n'),
    );
    const crlf = complete(validArticle({ facts: '  - id: f1\n    source_title: Old title\n    statement: 😀 中文\n    source_url: ‸\n' }).replace(/\n/g, '\r\n'));
    assert.strictEqual(
      choose(crlf.text, crlf.entries[0]),
      crlf.text.replace('source_title: Old title', 'source_title: Finetuned Language Models Are Zero-Shot Learners').replace('source_url: \r\n', 'source_url: https://arxiv.org/abs/2109.01652\r\n'),
    );
  });
});

describe('completion in the body', () => {
  const facts = '  - id: f1\n    statement: FLAN showed it.\n    source_title: FLAN\n  - id: fact-2\n    statement: >-\n      Chung scaled\n      it.\n    source_title: Scaling\n';

  it('inside `[@`: the fact ids, their statements as detail', () => {
    const { entries, ranges } = complete(validArticle({ facts, body: '## TL;DR\nIt works [@⟦‸⟧\n' }));
    assert.deepStrictEqual(entries.map((e) => [e.label, e.kind, e.detail, e.insertText]), [
      ['f1', 'reference', 'FLAN showed it.', 'f1'],
      ['fact-2', 'reference', 'Chung scaled it.', 'fact-2'],
    ]);
    assert.deepStrictEqual(entries[1].range, ranges[0]);
    assert.strictEqual(entries[1].documentation, 'Chung scaled it.\n\nSource: Scaling');
  });

  it('after `; @` with emoji and CJK before it: the typed part of the id is replaced (UTF-16 offsets)', () => {
    const { text, entries, ranges } = complete(validArticle({ facts, body: '## TL;DR\n😀 指令微调 works [@f1; @⟦fa‸c⟧]\n' }));
    assert.deepStrictEqual(entries.map((e) => e.label), ['f1', 'fact-2']);
    assert.deepStrictEqual(entries[1].range, ranges[0]);
    assert.strictEqual(choose(text, entries[1]), text.replace('@fac]', '@fact-2]'));
  });

  it('offers no fact ids outside a citation', () => {
    assert.deepStrictEqual(complete(validArticle({ facts, body: '## TL;DR\nMail me@‸\n' })).entries, []);
    assert.deepStrictEqual(complete(validArticle({ facts, body: '## TL;DR\n[@f1] then @‸\n' })).entries, []);
  });

  it('after `](`: links to the other articles by title, site-URL style relative paths, the one named by the link text first', () => {
    const { entries, ranges } = complete(validArticle({ body: '## Related Articles\n- [Go Programming Language](⟦../‸⟧)\n' }));
    assert.deepStrictEqual(entries.map((e) => [e.label, e.kind, e.insertText, e.preselect]), [
      ['Go Programming Language', 'file', '../../computer-science/go-language.md', true],
      ['Recurrent Neural Networks', 'file', '../rnn.md', undefined],
    ]);
    assert.deepStrictEqual(entries[0].range, ranges[0]);
    assert.strictEqual(entries[0].documentation, 'Go compiles.');
  });
});
