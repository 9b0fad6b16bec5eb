import * as assert from 'assert';
import { describe, it } from 'node:test';
import { neverCancelled } from '../../../server/src/core/types';
import { getHover } from '../../../server/src/features/hover';
import { article, marked, validArticle } from '../../helpers';
import { contextWith } from './context';

const facts = `  - id: f1
    statement: >-
      FLAN showed that instruction tuning
      enables zero-shot generalization.
    source_title: Finetuned Language Models Are Zero-Shot Learners
    source_url: https://arxiv.org/abs/2109.01652
    confidence: high
  - id: f2
    statement: Chung scaled *it*.
    source_title: Scaling
    source_doi: 10.1000/xyz
`;
const body = `## TL;DR
Instruction tuning 😀 works [@f1]. 指令微调 [@f2; @f9].

## Source-Mapped Facts
- FLAN showed that instruction tuning enables zero-shot generalization. ([source](https://arxiv.org/abs/2109.01652))

## Further Reading
- [The FLAN paper](https://arxiv.org/abs/2109.01652/)
- [Go](../../computer-science/go-language.md)
`;

function hoverAt(source: string, ctx = contextWith()) {
  const { text, cursor, ranges } = marked(source);
  return { hover: getHover(ctx, article(text), cursor, neverCancelled), ranges, text };
}

const cursorAt = (needle: string, at: number) => validArticle({ facts, body }).replace(needle, needle.slice(0, at) + '‸' + needle.slice(at));
/** The article with `needle` marked as the expected range and the cursor `at` characters into it. */
const marking = (needle: string, at: number, source = validArticle({ facts, body })) => source.replace(needle, `⟦${needle.slice(0, at)}‸${needle.slice(at)}⟧`);
const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;

describe('hover', () => {
  it('on a citation key (emoji before it): the fact, its source linked, confidence, how long ago it was verified', () => {
    const { hover, ranges } = hoverAt(marking('@f1', 2));
    assert.deepStrictEqual(hover, {
      range: ranges[0],
      contents:
        '**f1** · confidence: high\n\n' +
        'FLAN showed that instruction tuning enables zero-shot generalization.\n\n' +
        'Source: [Finetuned Language Models Are Zero-Shot Learners](<https://arxiv.org/abs/2109.01652>)\n\n' +
        'Verified 8 days ago (2026-05-24)',
    });
  });

  it('on a second key after CJK text: a DOI stands for a missing url, Markdown in the statement is escaped', () => {
    const { hover } = hoverAt(cursorAt('@f2;', 2));
    assert.strictEqual(hover?.contents, '**f2**\n\nChung scaled \\*it\\*.\n\nSource: [Scaling](<https://doi.org/10.1000/xyz>)\n\nVerified 8 days ago (2026-05-24)');
  });

  it('on a key citing no fact: says so', () => {
    assert.strictEqual(hoverAt(cursorAt('@f9]', 2)).hover?.contents, 'No fact `f9` in this article.');
  });

  it('on a Source-Mapped Facts bullet: the fact it maps to', () => {
    const { hover, ranges } = hoverAt(marking('FLAN showed that instruction tuning enables zero-shot generalization. (', 7).replace(' (⟧', '⟧ ('));
    assert.strictEqual(hover?.contents.split('\n\n')[0], 'Maps to **f1** · confidence: high');
    assert.deepStrictEqual(hover?.range, ranges[0]);
  });

  it('on a link to a fact\'s source: the facts from that source', () => {
    const { hover, ranges } = hoverAt(marking('[The FLAN paper](https://arxiv.org/abs/2109.01652/)', 5));
    assert.deepStrictEqual(hover, { range: ranges[0], contents: 'Facts from this source:\n\n- **f1**: FLAN showed that instruction tuning enables zero-shot generalization.' });
  });

  it('on a link to another article: its title, TL;DR and confidence', () => {
    const other = validArticle({ body: '## TL;DR\nGo is a compiled\nlanguage.\n' }).replace('title: "Test Article"', 'title: "Go"').replace('confidence: medium', 'confidence: low');
    const ctx = contextWith({ 'file:///ws/computer-science/go-language.md': other });
    const { hover } = hoverAt(cursorAt('[Go]', 2), ctx);
    assert.strictEqual(hover?.contents, '**Go** · confidence: low\n\nGo is a compiled language.\n\n`/ws/computer-science/go-language.md`');
    assert.strictEqual(hoverAt(cursorAt('[Go]', 2)).hover, undefined, 'unknown article: no hover');
  });

  it('on a frontmatter key: the schema\'s description and allowed values, at each level', () => {
    const top = hoverAt(marking('generation_method', 10)).hover;
    assert.strictEqual(
      top?.contents,
      '**generation\\_method** · field of the article, required\n\n' +
        'How the article was written: `human_only` (no AI model), `ai_assisted` (a person wrote with AI help) or `ai_structured` (an AI model drafted it from structured input).\n\n' +
        'Allowed values: `ai_structured`, `ai_assisted`, `human_only`',
    );
    const inFact = hoverAt(cursorAt('    confidence: high', 8)).hover;
    assert.match(inFact!.contents, /^\*\*confidence\*\* · field of an atomic fact\n\nHow well the source supports the statement/);
    const inSource = hoverAt(validArticle({ facts, body }).replace('    type: academic_paper', '    ty‸pe: academic_paper')).hover;
    assert.match(inSource!.contents, /^\*\*type\*\* · field of a source, required\n\nWhat kind of source this is\. [^\n]*\n\nExamples: `academic_paper`, `documentation`, /);
    const disputed = hoverAt(validArticle({ fm: 'disputed_statements:\n  - statement: x\n    cont‸ext: y\n' })).hover;
    assert.strictEqual(disputed?.contents, '**context** · field of a disputed statement\n\nWho disputes it and why.');
    const date = hoverAt(validArticle().replace('last_verified', 'last_‸verified')).hover;
    assert.match(date!.contents, /A date: `YYYY-MM-DD`\.$/);
  });

  it('on an unknown key: what the level allows', () => {
    const { hover } = hoverAt(validArticle({ facts: facts.replace('    confidence: high', '    confidense‸: high') }));
    assert.strictEqual(hover?.contents, '`confidense` is not a field of an atomic fact. Its fields: `id`, `statement`, `source_title`, `source_url`, `source_doi`, `confidence`.');
  });

  it('on a fact id in the frontmatter: where the body cites and maps it, or that it is not cited', () => {
    const { hover, ranges, text } = hoverAt(validArticle({ facts: facts.replace('- id: f1', '- id: ⟦f‸1⟧'), body }));
    const cited = lineOf(text, '[@f1]');
    const mapped = lineOf(text, '- FLAN showed');
    assert.deepStrictEqual([cited, mapped], [33, 36]);
    assert.deepStrictEqual(hover, { range: ranges[0], contents: `**f1** Cited 1× on line ${cited}. Mapped in Source-Mapped Facts on line ${mapped}.` });
    assert.strictEqual(hoverAt(validArticle({ facts: facts.replace('- id: f2', '- id: f‸2'), body: 'Nothing.\n' })).hover?.contents, '**f2** Not cited in the body.');
  });

  it('in a CRLF document: the same hover on a citation', () => {
    const { hover } = hoverAt(cursorAt('@f1]', 2).replace(/\n/g, '\r\n'));
    assert.match(hover!.contents, /^\*\*f1\*\* · confidence: high\n\nFLAN showed that instruction tuning enables zero-shot generalization\./);
  });

  it('has nothing to say on plain text or a plain value', () => {
    assert.strictEqual(hoverAt(cursorAt('Instruction tuning 😀', 3)).hover, undefined);
    assert.strictEqual(hoverAt(validArticle().replace('language: en', 'language: e‸n')).hover, undefined);
  });
});
