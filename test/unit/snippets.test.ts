import * as assert from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';
import { describe, it } from 'node:test';
import { checkArticle } from '../../server/src/check';
import { parseConfig } from '../../server/src/config';
import { today } from '../../server/src/core/text';
import { parseArticle } from '../../server/src/model/article';
import { disputedEntryLines, factEntryLines, knownGapEntryLines, PLACEHOLDERS, sourceEntryLines, staticSnippets } from '../../server/src/model/template';
import { expandSnippet } from '../snippetExpansion';

const root = join(__dirname, '../../..');
const snippetPath = 'snippets/knowledge-articles.code-snippets';
const snippets = JSON.parse(readFileSync(join(root, snippetPath), 'utf8')) as Record<string, { prefix: string | string[]; body: string | string[]; description: string }>;
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

const date = today();
const [year, month, day] = date.split('-');
const uri = 'file:///ws/ai/snippet-article.md';
const variables = {
  CURRENT_YEAR: year,
  CURRENT_MONTH: month,
  CURRENT_DATE: day,
  TM_FILENAME: 'snippet-article.md',
  TM_FILENAME_BASE: 'snippet-article',
  TM_DIRECTORY: '/ws/ai',
};

function body(name: string): string | string[] {
  const s = snippets[name];
  assert.ok(s, `no snippet named ${name}`);
  return s.body;
}

function expand(name: string, typed?: Record<number, string>): string {
  return expandSnippet(body(name), { variables, typed });
}

/** Indents every line but the first, as the editor does for a snippet typed at that indentation. */
function indented(text: string, indent: string): string {
  return indent + text.split('\n').join(`\n${indent}`);
}

function errorsOf(text: string): string[] {
  const article = parseArticle(uri, text, 1);
  assert.strictEqual(article.isArticle, true, 'the text is not read as an article');
  return checkArticle(article, { config: parseConfig(undefined), today: date })
    .filter((f) => f.severity === 'error')
    .map((f) => `${f.rule}: ${f.message} at ${JSON.stringify(text.slice(f.range.start, f.range.end))}`);
}

function insertAfterLine(text: string, line: string, insertion: string): string {
  const at = text.indexOf(`${line}\n`);
  assert.ok(at >= 0, `no line ${JSON.stringify(line)}`);
  return text.slice(0, at + line.length + 1) + insertion + '\n' + text.slice(at + line.length + 1);
}

describe('snippets', () => {
  it('are contributed for Markdown, each with a prefix and a description', () => {
    assert.deepStrictEqual(manifest.contributes.snippets, [{ language: 'markdown', path: `./${snippetPath}` }]);
    // The entries of the frontmatter's lists come from the language server (embedded YAML gets no Markdown snippets).
    assert.deepStrictEqual(Object.keys(snippets).sort(), ['Citation', 'Knowledge article', 'Source-Mapped Facts bullet']);
    for (const [name, s] of Object.entries(snippets)) {
      assert.ok(s.prefix.length > 0 && s.description.length > 10, name);
    }
  });

  it('the file is what model/template.ts makes of it (npm run snippets writes it)', () => {
    assert.deepStrictEqual(snippets, staticSnippets());
  });

  it('the whole-article snippet, left untouched, gets a placeholder-text finding for each placeholder', () => {
    const text = expand('Knowledge article');
    const found = checkArticle(parseArticle(uri, text, 1), { config: parseConfig(undefined), today: date }).filter((f) => f.rule === 'placeholder-text');
    assert.deepStrictEqual(
      found.map((f) => text.slice(f.range.start, f.range.end)),
      [`"${PLACEHOLDERS.articleTitle}"`, PLACEHOLDERS.statement, PLACEHOLDERS.sourceTitle, PLACEHOLDERS.sourceUrl, PLACEHOLDERS.sourceTitle, PLACEHOLDERS.sourceUrl, PLACEHOLDERS.institution],
    );
    assert.strictEqual(found[0].message, 'The title is the template\'s placeholder "Title of the Article": write the real content or remove it.');
  });

  it('the whole-article snippet, expanded today, passes every kart check rule with no error', () => {
    const text = expand('Knowledge article');
    assert.deepStrictEqual(errorsOf(text), []);
    const article = parseArticle(uri, text, 1);
    assert.strictEqual(article.data?.id, 'snippet-article');
    assert.strictEqual(article.data?.category, 'ai');
    assert.strictEqual(article.data?.last_verified, date);
    assert.strictEqual(article.data?.created_date, date);
    assert.deepStrictEqual(article.facts.map((f) => f.id), ['f1']);
    assert.deepStrictEqual(article.body.citations.map((c) => c.keys.map((k) => k.id)), [['f1']]);
    // The fact's source is the primary source: the mirrors kept them equal.
    assert.strictEqual(article.facts[0].sourceUrl, article.sources[0].url);
    assert.strictEqual(article.facts[0].sourceTitle, article.sources[0].title);
  });

  it('a missing required field in the expanded article is an error (the check above can fail)', () => {
    const text = expand('Knowledge article').replace(/^created_date: .*\n/m, '');
    assert.ok(errorsOf(text).some((e) => e.includes('created_date')), 'no error for the missing created_date');
  });

  it('each list entry the server offers, typed into its list, keeps the article free of errors', () => {
    let text = expand('Knowledge article');
    const entry = (lines: string[]) => expandSnippet(lines.join('\n'), { variables });
    const fact = entry(factEntryLines({ id: 'f2' }));
    text = insertAfterLine(text, `    confidence: ${/confidence: (\w+)\nknown_gaps/.exec(text)![1]}`, indented(fact, '  '));
    text = text.replace('known_gaps: []', `known_gaps:\n${indented(entry(knownGapEntryLines()), '  ')}`);
    text = text.replace('disputed_statements: []', `disputed_statements:\n${indented(entry(disputedEntryLines()), '  ')}`);
    text = insertAfterLine(text, '    institution: Publisher', `${indented(entry(sourceEntryLines('primary_sources', year)), '  ')}\nsecondary_sources:\n${indented(entry(sourceEntryLines('secondary_sources', year)), '  ')}`);
    const article = parseArticle(uri, text, 1);
    assert.deepStrictEqual(article.facts.map((f) => f.id), ['f1', 'f2']);
    assert.deepStrictEqual(article.knownGaps.length, 1);
    assert.deepStrictEqual(article.disputed.length, 1);
    assert.deepStrictEqual(article.sources.map((s) => s.list), ['primary_sources', 'primary_sources', 'secondary_sources']);
    assert.deepStrictEqual(errorsOf(text), []);
  });

  it('the citation and Source-Mapped Facts snippets, filled with a fact, keep the article free of errors', () => {
    let text = expand('Knowledge article');
    const article = parseArticle(uri, text, 1);
    const f1 = article.facts[0];
    text = text.replace('## Core Explanation\n', `## Core Explanation\nAs the source says ${expand('Citation', { 1: 'f1' })}.\n`);
    text += `\n## Source-Mapped Facts\n${expand('Source-Mapped Facts bullet', { 1: f1.statement!, 2: f1.sourceUrl! })}\n`;
    const after = parseArticle(uri, text, 1);
    assert.strictEqual(after.body.citations.length, 2);
    assert.strictEqual(after.body.mappedFacts.length, 1);
    assert.strictEqual(after.body.mappedFacts[0].statement, f1.statement);
    assert.deepStrictEqual(errorsOf(text), []);
  });
});
