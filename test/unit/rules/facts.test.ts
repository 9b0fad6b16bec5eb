import * as assert from 'assert';
import { describe, it } from 'node:test';
import { parseConfig } from '../../../server/src/config';
import { expectAt, findings, marked, validArticle } from '../../helpers';
import { applyFix, applySafeFixes, crlf, FLAN_SOURCE, messages, strip } from './ruleCases';


/** One fact in block style; `extra` lines are added as they are. */
function fact(id: string, statement: string, title = 'Finetuned Language Models Are Zero-Shot Learners', url = 'https://arxiv.org/abs/2109.01652', extra = ''): string {
  return `  - id: ${id}\n    statement: ${statement}\n    source_title: ${title}\n    source_url: ${url}\n${extra}`;
}

describe('fact-duplicate-id', () => {
  it('marks the second use of an id and points at the first', () => {
    const source = validArticle({ facts: fact('⟦f1⟧', 'FLAN showed zero-shot generalization.') + fact('⟦f1⟧', 'FLAN-T5 scaled instruction tuning.') });
    const { ranges } = marked(source);
    const found = findings('fact-duplicate-id', source).findings;
    assert.deepStrictEqual(found.map((f) => f.range), [ranges[1]]);
    assert.deepStrictEqual(found[0].related?.map((r) => r.range), [ranges[0]]);
    assert.strictEqual(found[0].message, 'The fact id "f1" is already used by fact 1; ids must be unique within an article.');
  });

  it('passes distinct ids, numbers as ids and facts that are strings', () => {
    expectAt('fact-duplicate-id', validArticle({ facts: fact('f1', 'A.') + fact('f2', 'B.') }));
    expectAt('fact-duplicate-id', validArticle({ facts: fact('1', 'A.') + fact('⟦1⟧', 'B.') + '  - just a string\n  - null\n' }));
  });
});

describe('citation-unknown-fact', () => {
  it('marks the id inside [@...] with a did-you-mean fix, after emoji and CJK text', () => {
    const text = validArticle({ body: '## TL;DR\n😀 指令微调 teaches models [@⟦f2⟧; @f1].\n' });
    const found = expectAt('citation-unknown-fact', text);
    assert.strictEqual(found[0].message, 'No fact "f2" in this article: did you mean "f1"?');
    assert.ok(applyFix('citation-unknown-fact', text, { safe: false }).includes('[@f1; @f1].'));
  });

  it('passes citations of existing facts, and in a CRLF file with a BOM', () => {
    expectAt('citation-unknown-fact', validArticle());
    expectAt('citation-unknown-fact', '\ufeff' + crlf(validArticle({ body: '## TL;DR\nText [@f1] and [@⟦nope⟧].\n' })));
  });
});

describe('fact-id-style', () => {
  const mixed = validArticle({
    facts: fact('fact-ai-001', 'A.') + fact('fact-ai-002', 'B.') + fact('⟦fact-ai-03⟧', 'C.') + fact('⟦"f4"⟧', 'D.'),
    body: '## TL;DR\n测试 😀 See [@fact-ai-03] and [@fact-ai-001; @fact-ai-03].\n',
  });

  it('marks ids off the article\'s style: another prefix, another zero padding', () => {
    const found = expectAt('fact-id-style', mixed);
    assert.strictEqual(found[0].message, 'The fact id "fact-ai-03" writes its number with 2 digits while the other ids of this article use 3 (fact-ai-NNN, as in "fact-ai-001").');
    assert.strictEqual(found[1].message, 'The fact id "f4" does not follow the style of the other ids in this article (fact-ai-NNN, as in "fact-ai-001").');
  });

  it('renames the id and its citations, keeping quotes', () => {
    const once = applyFix('fact-id-style', mixed, { title: 'Rename to "fact-ai-003" (and its 2 citations)', safe: false });
    assert.ok(once.includes('  - id: fact-ai-003\n'));
    assert.ok(once.includes('See [@fact-ai-003] and [@fact-ai-001; @fact-ai-003].'));
    assert.ok(applyFix('fact-id-style', mixed, { at: 1, title: 'Rename to "fact-ai-004"' }).includes('  - id: "fact-ai-004"\n'));
  });

  it('offers the next free number when the same number is taken', () => {
    const text = validArticle({ facts: fact('⟦fact-ai-01⟧', 'A.') + fact('fact-ai-001', 'B.') + fact('fact-ai-002', 'C.') });
    expectAt('fact-id-style', text);
    assert.ok(applyFix('fact-id-style', text, { title: 'fact-ai-003' }).includes('  - id: fact-ai-003\n    statement: A.'));
  });

  it('checks the configured factIdPattern instead', () => {
    const config = parseConfig(JSON.stringify({ factIdPattern: '^f\\d+$' }));
    const found = expectAt('fact-id-style', validArticle({ facts: fact('f1', 'A.') + fact('⟦fact-x-2⟧', 'B.') }), { config });
    assert.strictEqual(found[0].message, 'The fact id "fact-x-2" does not match the pattern ^f\\d+$ that kart.config.json sets (factIdPattern).');
  });

  it('passes one style, unpadded numbers of any length, ids without numbers, numbers and odd items', () => {
    expectAt('fact-id-style', validArticle({ facts: fact('f1', 'A.') + fact('f2', 'B.') + fact('f10', 'C.') }));
    expectAt('fact-id-style', validArticle({ facts: fact('af-x-1', 'A.') + fact('af-x-12', 'B.') }));
    expectAt('fact-id-style', validArticle({ facts: fact('fact-intro', 'A.') + fact('fact-method', 'B.') }));
    // One style (fact-<category>-<slug>-N) with two slugs.
    expectAt('fact-id-style', validArticle({ facts: fact('fact-ai-attention-1', 'A.') + fact('fact-ai-transformer-2', 'B.') + fact('⟦af-x-3⟧', 'C.') }));
    expectAt('fact-id-style', validArticle({ facts: fact('1', 'A.') + fact('2', 'B.') + '  - a string\n  - id:\n' }));
  });
});

describe('fact-uncited', () => {
  const text = validArticle({
    facts: fact('f1', 'FLAN showed it.') + fact('f2', 'FLAN-T5 scaled it.') + fact('⟦f3⟧', 'Self-Instruct bootstrapped data.'),
    body: '## TL;DR\n😀 Instruction tuning works [@f1].\n\n## Source-Mapped Facts\n- FLAN-T5 scaled it. ([source](https://arxiv.org/abs/2109.01652))\n',
  });

  it('marks a fact neither cited nor mapped, as a hint that is not dead code', () => {
    const found = expectAt('fact-uncited', text);
    assert.strictEqual(found[0].severity, 'hint');
    assert.strictEqual(found[0].unnecessary, false);
    assert.strictEqual(found[0].message, 'The body never cites the fact "f3": add [@f3] after the sentence it supports, or list it under ## Source-Mapped Facts.');
  });

  it('passes cited and mapped facts, CRLF too', () => {
    expectAt('fact-uncited', validArticle());
    expectAt('fact-uncited', crlf(text));
  });
});

describe('fact-source-unlisted', () => {
  const unlisted = (secondary: string) =>
    validArticle({
      facts: fact('f1', 'A.') + fact('f2', '中文 😀 B.', 'Scaling Instruction-Finetuned Language Models', '⟦https://arxiv.org/abs/2210.11416⟧'),
      sources: FLAN_SOURCE + secondary,
    });

  it('marks the url and adds a secondary source at the end of the frontmatter when there is no list', () => {
    const text = unlisted('');
    const found = expectAt('fact-source-unlisted', text);
    assert.strictEqual(found[0].message, 'https://arxiv.org/abs/2210.11416 is in neither primary_sources nor secondary_sources: add it to one of them.');
    const fixed = applyFix('fact-source-unlisted', text, { title: 'secondary_sources', safe: false });
    assert.ok(fixed.includes(`    url: https://arxiv.org/abs/2109.01652
secondary_sources:
  - title: Scaling Instruction-Finetuned Language Models
    type: academic_paper
    url: https://arxiv.org/abs/2210.11416
---
## TL;DR
`), fixed);
    expectAt('fact-source-unlisted', fixed);
  });

  it('appends to an existing list with its indentation, and fills `[]`', () => {
    const list = unlisted('secondary_sources:\n    - title: Other\n      type: book\n      authors:\n        - A. Author\n      url: https://example.org/book\n');
    const fixed = applyFix('fact-source-unlisted', list, { title: 'secondary_sources' });
    assert.ok(fixed.includes('        - A. Author\n      url: https://example.org/book\n    - title: Scaling Instruction-Finetuned Language Models\n      type: academic_paper\n      url: https://arxiv.org/abs/2210.11416\n---'), fixed);
    const empty = applyFix('fact-source-unlisted', unlisted('secondary_sources: []\n'), { title: 'secondary_sources' });
    assert.ok(empty.includes('secondary_sources:\n  - title: Scaling Instruction-Finetuned Language Models\n    type: academic_paper\n    url: https://arxiv.org/abs/2210.11416\n---'), empty);
    expectAt('fact-source-unlisted', empty);
  });

  it('keeps CRLF line endings and a BOM in the new entry', () => {
    const text = '\ufeff' + crlf(unlisted('secondary_sources:\n  - title: Other\n    url: https://example.org/x\n'));
    expectAt('fact-source-unlisted', text);
    const fixed = applyFix('fact-source-unlisted', text, { title: 'secondary_sources' });
    assert.ok(fixed.startsWith('\ufeff---\r\n'));
    assert.ok(fixed.includes('    url: https://example.org/x\r\n  - title: Scaling Instruction-Finetuned Language Models\r\n    type: academic_paper\r\n    url: https://arxiv.org/abs/2210.11416\r\n---'), JSON.stringify(fixed));
    assert.ok(!/[^\r]\n/.test(fixed));
  });

  it('suggests a listed url one typo away', () => {
    const text = validArticle({ facts: fact('f1', 'A.', undefined, '⟦https://arxiv.org/abs/2109.01625⟧') });
    const found = expectAt('fact-source-unlisted', text);
    assert.match(found[0].message, /did you mean https:\/\/arxiv\.org\/abs\/2109\.01652\?$/);
    assert.ok(applyFix('fact-source-unlisted', text, { title: 'Change to' }).includes('source_url: https://arxiv.org/abs/2109.01652\n'));
  });

  it('compares urls leniently and matches a DOI, passing listed sources', () => {
    expectAt('fact-source-unlisted', validArticle({ facts: fact('f1', 'A.', undefined, 'http://www.arxiv.org/abs/2109.01652/#abstract') }));
    expectAt('fact-source-unlisted', validArticle({ facts: fact('f1', 'A.', undefined, 'https://doi.org/10.1145/1') , sources: FLAN_SOURCE + '  - title: X\n    type: academic_paper\n    doi: 10.1145/1\n' }));
    expectAt('fact-source-unlisted', validArticle({ facts: '  - id: f1\n    statement: A.\n    source_title: T\n    source_url:\n  - just text\n' }));
  });
});

describe('fact-source-title-mismatch', () => {
  const text = validArticle({ facts: fact('f1', '😀 A.', '⟦"Wei et al., ICLR 2022"⟧') });

  it("marks a source_title that is not its source's title and offers that title", () => {
    const found = expectAt('fact-source-title-mismatch', text);
    assert.strictEqual(found[0].severity, 'info');
    assert.strictEqual(found[0].message, 'source_title "Wei et al., ICLR 2022" is not the title of the primary source at https://arxiv.org/abs/2109.01652: "Finetuned Language Models Are Zero-Shot Learners".');
    const fixed = applyFix('fact-source-title-mismatch', text, { safe: false });
    assert.ok(fixed.includes('    source_title: "Finetuned Language Models Are Zero-Shot Learners"\n'));
    expectAt('fact-source-title-mismatch', fixed);
  });

  it('offers each title when the url is listed twice under different titles', () => {
    const text = validArticle({ facts: fact('f1', 'A.', '⟦FLAN paper⟧'), fm: 'secondary_sources:\n  - title: FLAN (Google)\n    type: book\n    url: https://arxiv.org/abs/2109.01652\n' });
    const found = expectAt('fact-source-title-mismatch', text);
    assert.strictEqual(found[0].message, 'source_title "FLAN paper" is not the title of the sources at https://arxiv.org/abs/2109.01652: "Finetuned Language Models Are Zero-Shot Learners" or "FLAN (Google)".');
    assert.deepStrictEqual(found[0].fixes?.map((f) => [f.title, f.preferred]), [['Use the source\'s title "Finetuned Language Models Are Zero-Shot Learners"', false], ['Use the source\'s title "FLAN (Google)"', false]]);
    assert.ok(applyFix('fact-source-title-mismatch', text, { title: 'FLAN (Google)' }).includes('    source_title: FLAN (Google)\n'));
  });

  it('replaces a folded title with a plain one, in a CRLF file', () => {
    const folded = crlf(validArticle({ facts: fact('f1', 'A.', '⟦>-\n      Wei et al.,\n      ICLR 2022⟧') }));
    expectAt('fact-source-title-mismatch', folded);
    assert.ok(applyFix('fact-source-title-mismatch', folded).includes('    source_title: Finetuned Language Models Are Zero-Shot Learners\r\n    source_url:'));
  });

  it('ignores case, spacing and punctuation, and facts whose url matches no source', () => {
    expectAt('fact-source-title-mismatch', validArticle({ facts: fact('f1', 'A.', '"finetuned  language models are zero shot learners."') }));
    expectAt('fact-source-title-mismatch', validArticle({ facts: fact('f1', 'A.', 'Other', 'https://example.org/unlisted') }));
    expectAt('fact-source-title-mismatch', validArticle({ facts: fact('f1', 'A.') + '  - 42\n  - id: f2\n    source_title:\n    source_url: https://arxiv.org/abs/2109.01652\n' }));
  });
});

describe('fact-no-source-link', () => {
  const text = validArticle({ facts: '  - id: ⟦f1⟧\n    statement: 🧪 FLAN showed it.\n    source_title: Finetuned Language Models Are Zero-Shot Learners\n    confidence: high\n' });

  it('marks a fact with neither source_url nor source_doi and adds the url its title names', () => {
    const found = expectAt('fact-no-source-link', text);
    assert.strictEqual(found[0].message, 'The fact "f1" has no source_url or source_doi: add the address of the page that supports it (its source_title names https://arxiv.org/abs/2109.01652).');
    const fixed = applyFix('fact-no-source-link', text, { safe: false });
    assert.ok(fixed.includes('    confidence: high\n    source_url: https://arxiv.org/abs/2109.01652\nprimary_sources:'), fixed);
    expectAt('fact-no-source-link', fixed);
  });

  it('marks an empty source_url on its key and passes a DOI', () => {
    expectAt('fact-no-source-link', crlf(validArticle({ facts: '  - id: f1\n    statement: A.\n    source_title: T\n    ⟦source_url⟧:\n' })));
    expectAt('fact-no-source-link', validArticle({ facts: '  - id: f1\n    statement: A.\n    source_title: T\n    source_doi: 10.1145/1\n' }));
    expectAt('fact-no-source-link', validArticle({ facts: '  - plain text fact\n' }));
  });
});

describe('fact-statement-broken', () => {
  const broken = (statement: string, extra = '') => validArticle({ facts: fact('f1', statement) + extra });
  const one = (statement: string) => messages('fact-statement-broken', broken(statement));

  it('marks Markdown, code and headings in a statement on the whole statement', () => {
    const found = expectAt('fact-statement-broken', broken('⟦"## FLAN\\n**FLAN** showed [it](https://x.org/a).\\n\\n| a | b |"⟧'));
    assert.strictEqual(found[0].message, 'The statement of "f1" holds a Markdown heading, Markdown bold (**), a Markdown link [text](url), a table row, more than one paragraph: a statement is one plain sentence; move the rest to the body.');
    assert.match(one('"Use this:\\n```\\nls -l\\n```\\nIt lists files."')[0], /a code fence/);
    assert.match(one('"Steps:\\n- one\\n- two."')[0], /a list/);
    assert.deepStrictEqual(one('Port mapping: `-p 8080:80` maps host port 8080 to container port 80.'), []);
  });

  it('marks a statement that starts mid-sentence, and passes lower-case names', () => {
    expectAt('fact-statement-broken', broken('⟦and improves zero-shot generalization.⟧'));
    assert.match(one('"user-defined networks (DNS resolution: container names resolve)."')[0], /starts in lower case \("user-defined"\), as if cut from the middle of a sentence: make it a complete sentence\.$/);
    assert.match(one('And it improved generalization.')[0], /starts with "And"/);
    assert.match(one('"), which improves generalization."')[0], /starts with "\)"/);
    for (const ok of ['iPhone sales grew in 2024.', 'pH measures acidity.', 'pgvector: adds vector search to PostgreSQL.', 'arxiv papers describe FLAN.', 'gRPC uses HTTP/2.', 't-SNE visualizes data.', '2021 saw the change.']) {
      assert.deepStrictEqual(one(ok), [], ok);
    }
  });

  it('marks a cut-off statement: a dangling word, "...", an open parenthesis, a truncated long text', () => {
    assert.match(one('FLAN showed that instruction tuning improves the')[0], /ends with "the", as if cut off: finish the sentence\.$/);
    assert.match(one('FLAN showed that instruction tuning improves...')[0], /ends with "\.\.\."/);
    assert.match(one('Epics include Gilgamesh (Mesopotamia, the oldest')[0], /opens a parenthesis it never closes/);
    assert.match(one('"Digital art democratized creation: tools accessible t"')[0], /ends in the middle of a word/);
    assert.match(one('"Longest Common Subsequence: O"')[0], /ends right after ": O"/);
    assert.match(one('Long '.repeat(70).trim())[0], /stops after 349 characters without a full stop/);
    assert.deepStrictEqual(one('Code is read 10x more than written'), []);
    assert.deepStrictEqual(one('Most computer scientists believe P ≠ NP'), []);
  });

  it('marks a statement repeated by a later fact and a sentence said twice', () => {
    const source = validArticle({ facts: fact('f1', '⟦FLAN showed zero-shot generalization.⟧') + fact('f2', '⟦"FLAN Showed  zero-shot generalization."⟧') });
    const { ranges } = marked(source);
    const found = findings('fact-statement-broken', source).findings;
    assert.deepStrictEqual(found.map((f) => f.range), [ranges[1]]);
    assert.strictEqual(found[0].message, 'The statement of "f2" repeats the statement of "f1" word for word: merge the two facts or state the second claim.');
    assert.deepStrictEqual(found[0].related?.map((r) => r.range), [ranges[0]]);
    assert.match(one('FLAN improved zero-shot results. FLAN improved zero-shot results.')[0], /says "FLAN improved zero-shot results\." twice/);
  });

  it('keeps exact ranges for folded statements in CRLF files with a BOM and CJK text', () => {
    const text = '\ufeff' + crlf(broken('⟦>-\n      中文测试 😀 FLAN improves the\n      ability of the⟧'));
    const found = expectAt('fact-statement-broken', text);
    assert.match(found[0].message, /ends with "the"/);
  });

  it('passes the seed-like statements and never crashes on odd facts', () => {
    expectAt('fact-statement-broken', validArticle());
    expectAt('fact-statement-broken', validArticle({ facts: '  - id: f1\n    statement: 42\n    source_title: T\n  - id: f2\n    statement:\n  - just a string\n  - null\n' }));
  });
});

describe('placeholder-text', () => {
  const seedLike = validArticle({
    fm: 'known_gaps:\n  - ⟦内容初稿，待补充详细分析和原子事实⟧\n  - Multilingual instruction tuning\ndisputed_statements:\n  - statement: ⟦No major disputed statements identified⟧\n',
  }).replace('title: "Test Article"', 'title: ⟦"TODO: title"⟧');

  it('marks placeholders in the title, known gaps and disputed statements', () => {
    const found = expectAt('placeholder-text', seedLike);
    assert.deepStrictEqual(
      found.map((f) => f.message),
      [
        'The title holds placeholder text ("TODO"): write the real content or remove it.',
        'Known gap 1 holds placeholder text ("待补充"): write the real content or remove it.',
        'Disputed statement 1 is the placeholder "No major disputed statements identified": when nothing is disputed, leave the list empty (disputed_statements: []).',
      ],
    );
  });

  it('replaces an all-placeholder disputed_statements with [] as a safe fix, idempotently', () => {
    const fixed = applySafeFixes('placeholder-text', seedLike);
    assert.strictEqual(fixed, strip(seedLike).replace('disputed_statements:\n  - statement: No major disputed statements identified\n', 'disputed_statements: []\n'));
    assert.strictEqual(applySafeFixes('placeholder-text', fixed), fixed);
    const crlfFixed = applySafeFixes('placeholder-text', crlf(seedLike));
    assert.ok(crlfFixed.includes('\r\ndisputed_statements: []\r\natomic_facts:'), JSON.stringify(crlfFixed));
  });

  it('removes only the placeholder entry, on request, when real disputes stand beside it', () => {
    const text = validArticle({ fm: 'disputed_statements:\n  - ⟦No disputes identified⟧\n  - Whether FLAN generalizes beyond English is debated.\n' });
    const found = expectAt('placeholder-text', text);
    // An entry with a context is not replaced wholesale, and its context is checked too.
    const withContext = expectAt('placeholder-text', validArticle({ fm: 'disputed_statements:\n  - statement: ⟦No major disputed statements identified⟧\n    context: ⟦TBD⟧\n' }));
    assert.deepStrictEqual(withContext.map((f) => f.fixes?.map((x) => [x.title, x.safe])), [[['Remove this entry', false]], undefined]);
    assert.strictEqual(found[0].fixes?.[0].safe, false);
    assert.ok(applyFix('placeholder-text', text).includes('\ndisputed_statements:\n  - Whether FLAN generalizes beyond English is debated.\natomic_facts:'));
  });

  it('marks stand-in source titles and TBD institutions, and fact statements', () => {
    const text = validArticle({
      facts: fact('f1', '⟦TBD⟧'),
      sources: "  - title: ⟦'Source 1 — Test Article'⟧\n    type: blog_post\n    url: https://arxiv.org/abs/2109.01652\n    institution: ⟦TBD⟧\n",
    });
    const found = expectAt('placeholder-text', text);
    assert.deepStrictEqual(found.map((f) => f.message.split(':')[0]), ['The statement of fact "f1" is the placeholder "TBD"', 'The title of primary_sources[0] is a numbered stand-in, "Source 1 — Test Article", not the source\'s own title', 'The institution of primary_sources[0] is the placeholder "TBD"']);
  });

  it("marks a template's author left in a source's authors, with white space around it, and not a real author", () => {
    const text = validArticle({
      sources: '  - title: Finetuned Language Models Are Zero-Shot Learners\n    type: academic_paper\n    url: https://arxiv.org/abs/2109.01652\n    authors:\n      - Wei, Jason\n      - ⟦"  Surname,  Given Name "⟧\n',
    });
    const found = expectAt('placeholder-text', text);
    assert.deepStrictEqual(found.map((f) => f.message.split(':')[0]), ['An author of primary_sources[0] is the template\'s placeholder "Surname,  Given Name"']);
  });

  it('passes real text: a lower-case todo, "to be added to" inside a sentence, an empty list', () => {
    expectAt('placeholder-text', validArticle({ facts: fact('f1', 'Scrum keeps a todo list, the Sprint Backlog, to be added to daily.'), fm: 'disputed_statements: []\nknown_gaps: []\n' }));
  });
});
