import * as assert from 'assert';
import { readFileSync } from 'fs';
import { describe, it } from 'node:test';
import { expectAt, findings, marked, validArticle } from '../../helpers';
import { applyFix, applySafeFixes, crlf, FLAN_SOURCE as FLAN, strip } from './ruleCases';

const seed = readFileSync(`${__dirname}/../../../../test/corpus/seeds/000_aa1be8cad8dc091c.txt`, 'utf8');

describe('source-unused', () => {
  it('marks a primary source no fact points to, faded as unnecessary', () => {
    const text = validArticle({ sources: FLAN + '  - title: ⟦"Self-Instruct: 自己 😀"⟧\n    type: academic_paper\n    url: https://arxiv.org/abs/2212.10560\n' });
    const found = expectAt('source-unused', text);
    assert.strictEqual(found[0].unnecessary, true);
    assert.strictEqual(found[0].severity, 'hint');
    assert.strictEqual(found[0].message, 'The primary source "Self-Instruct: 自己 😀" backs no fact: no fact has source_url https://arxiv.org/abs/2212.10560. Add the fact it supports, or move it to secondary_sources.');
  });

  it('passes sources used by a fact (by url or DOI), linked from the body, secondary sources, and articles without facts', () => {
    expectAt('source-unused', validArticle({ facts: '  - id: f1\n    statement: A.\n    source_title: T\n    source_doi: 10.1145/1\n', sources: '  - title: T\n    type: academic_paper\n    doi: https://doi.org/10.1145/1\n' }));
    expectAt('source-unused', validArticle({ sources: FLAN + '  - title: Self-Instruct\n    type: academic_paper\n    url: https://arxiv.org/abs/2212.10560\n', body: '## TL;DR\nSee [Self-Instruct](https://arxiv.org/abs/2212.10560).\n' }));
    expectAt('source-unused', validArticle({ fm: 'secondary_sources:\n  - title: Other\n    type: book\n    url: https://example.org/book\n' }));
    expectAt('source-unused', validArticle({ facts: '  []\n' }).replace('atomic_facts:\n  []', 'atomic_facts: []'));
  });

  it('works in CRLF documents with a BOM', () => {
    expectAt('source-unused', '\ufeff' + crlf(validArticle({ sources: FLAN + '  - title: ⟦Other⟧\n    type: book\n' })));
  });
});

describe('source-duplicate', () => {
  const twice = (second: string) => validArticle({ sources: FLAN + second });

  it('marks the later of two equal entries and removes exactly its lines with a safe fix', () => {
    const text = twice('  - title: Finetuned Language Models Are Zero-Shot Learners\n    type: academic_paper\n    year: 2022\n    url: ⟦https://arxiv.org/abs/2109.01652⟧\n');
    const found = expectAt('source-duplicate', text);
    assert.strictEqual(found[0].message, '"Finetuned Language Models Are Zero-Shot Learners" repeats primary_sources[0]: the same url is listed twice.');
    const fixed = applySafeFixes('source-duplicate', text);
    assert.strictEqual(fixed, validArticle({ sources: FLAN }));
    expectAt('source-duplicate', fixed);
  });

  it('removes a multi-line entry with a nested list, and nothing after it, on request when the entries differ', () => {
    const text = twice('  - title: FLAN (Google)\n    type: conference_paper\n    authors:\n      - Wei, Jason\n      - et al.\n    url: ⟦http://www.arxiv.org/abs/2109.01652/⟧\n  - title: Self-Instruct\n    type: academic_paper\n    url: https://arxiv.org/abs/2212.10560\n');
    const found = expectAt('source-duplicate', text);
    assert.match(found[0].message, /with different details\.$/);
    assert.strictEqual(applySafeFixes('source-duplicate', text), strip(text));
    const fixed = applyFix('source-duplicate', text, { safe: false });
    assert.strictEqual(fixed, validArticle({ sources: FLAN + '  - title: Self-Instruct\n    type: academic_paper\n    url: https://arxiv.org/abs/2212.10560\n' }));
  });

  it('keeps the blank line and the comment after the removed entry', () => {
    const text = validArticle({ sources: FLAN + '  - title: Finetuned Language Models Are Zero-Shot Learners\n    type: academic_paper\n    year: 2022\n    url: ⟦https://arxiv.org/abs/2109.01652⟧\n\n# more sources below\n' });
    expectAt('source-duplicate', text);
    assert.ok(applySafeFixes('source-duplicate', text).includes(`primary_sources:\n${FLAN}\n# more sources below\n---\n`));
  });

  it('finds the same DOI, keeps CRLF, and points at the first entry', () => {
    const source = crlf(validArticle({ sources: FLAN + '  - title: A\n    type: book\n    doi: ⟦10.1000/ABC⟧\n  - title: A\n    type: book\n    doi: ⟦"doi:10.1000/abc"⟧\n' }));
    const { ranges } = marked(source);
    const found = findings('source-duplicate', source).findings;
    assert.deepStrictEqual(found.map((f) => f.range), [ranges[1]]);
    assert.deepStrictEqual(found[0].related?.map((r) => r.range), [ranges[0]]);
    const fixed = applyFix('source-duplicate', source);
    assert.ok(fixed.endsWith('    doi: 10.1000/ABC\r\n---\r\n## TL;DR\r\nInstruction tuning teaches models to follow directions [@f1].\r\n\r\n## Core Explanation\r\nMore text.\r\n'), JSON.stringify(fixed));
  });

  it('compares sources with neither url nor doi by title', () => {
    const text = validArticle({ fm: 'secondary_sources:\n  - title: Mastering Regular Expressions (3rd ed.)\n    type: book\n  - title: ⟦mastering regular expressions, 3rd ed⟧\n    type: book\n' });
    const found = expectAt('source-duplicate', text);
    assert.strictEqual(found[0].message, '"mastering regular expressions, 3rd ed" repeats secondary_sources[0] ("Mastering Regular Expressions (3rd ed.)"): the same title is listed twice with different details.');
    expectAt('source-duplicate', validArticle({ fm: 'secondary_sources:\n  - title: A book\n    type: book\n  - title: A book\n    type: book\n    url: https://example.org/a-book\n' }));
  });

  it('passes two sections of one page, distinct sources, and a flow list gets no fix', () => {
    expectAt('source-duplicate', twice('  - title: Other\n    type: book\n    url: https://arxiv.org/abs/2109.01652#section-2\n').replace('2109.01652\n', '2109.01652#section-1\n'));
    expectAt('source-duplicate', twice('  - title: Other\n    type: book\n    url: https://arxiv.org/abs/2212.10560\n'));
    const flow = expectAt('source-duplicate', validArticle({ fm: 'secondary_sources: [{title: A, url: https://x.org/a}, {title: A, url: ⟦https://x.org/a⟧}]\n' }));
    assert.strictEqual(flow[0].fixes, undefined);
  });
});

describe('source-in-both-lists', () => {
  it('warns of a secondary source that is also primary, and removes exactly the secondary copy on request (FLAN in the seed)', () => {
    const found = findings('source-in-both-lists', seed).findings;
    // FLAN-T5 (2210.11416) is only a secondary source of the seed: not reported.
    assert.deepStrictEqual(found.map((f) => seed.slice(f.range.start, f.range.end)), ['https://arxiv.org/abs/2109.01652']);
    assert.ok(found.every((f) => f.severity === 'warning'));
    assert.strictEqual(found[0].message, 'The secondary source "Finetuned Language Models Are Zero-Shot Learners (FLAN / Google)" is also primary_sources[0]: keep it in one list.');
    const fixed = applyFix('source-in-both-lists', seed, { safe: false, title: 'Remove the copy from secondary_sources' });
    const start = seed.indexOf('  - title: Finetuned Language Models Are Zero-Shot Learners (FLAN / Google)');
    const end = seed.indexOf('  - title: Scaling Instruction-Finetuned Language Models (FLAN-T5');
    assert.strictEqual(fixed, seed.slice(0, start) + seed.slice(end));
    assert.deepStrictEqual(findings('source-in-both-lists', fixed).findings, []);
  });

  it('leaves `secondary_sources: []` when the copy was its only entry, and offers no fix in a flow list', () => {
    const text = validArticle({ fm: 'secondary_sources:\n  - title: FLAN\n    type: book\n    url: ⟦https://arxiv.org/abs/2109.01652⟧\n' });
    expectAt('source-in-both-lists', text);
    assert.strictEqual(applyFix('source-in-both-lists', text, { safe: false }), validArticle({ fm: 'secondary_sources: []\n' }));
    const flow = expectAt('source-in-both-lists', validArticle({ fm: 'secondary_sources: [{title: FLAN, url: ⟦https://arxiv.org/abs/2109.01652⟧}]\n' }));
    assert.deepStrictEqual(flow[0].fixes, []);
  });

  it('gives exact ranges with emoji before them, and passes distinct lists', () => {
    expectAt('source-in-both-lists', validArticle({ fm: 'secondary_sources:\n  - title: 😀 FLAN\n    type: book\n    url: ⟦https://arxiv.org/abs/2109.01652/⟧\n' }));
    expectAt('source-in-both-lists', validArticle({ fm: 'secondary_sources:\n  - title: Other\n    type: book\n    url: https://example.org/x\n' }));
  });
});

describe('source-no-link', () => {
  it('marks a source with neither url nor doi, and adds the url a fact gives for its title', () => {
    const text = validArticle({ sources: '  - title: ⟦Finetuned Language Models Are Zero-Shot Learners⟧\n    type: academic_paper\n    year: 2022\n' });
    const found = expectAt('source-no-link', text);
    assert.strictEqual(found[0].message, 'The source "Finetuned Language Models Are Zero-Shot Learners" has no url or doi: add the address where readers find it (fact "f1" cites it as https://arxiv.org/abs/2109.01652).');
    const fixed = applyFix('source-no-link', text, { safe: false });
    assert.strictEqual(fixed, validArticle({ sources: FLAN.replace('    url: https://arxiv.org/abs/2109.01652\n', '') + '    url: https://arxiv.org/abs/2109.01652\n' }));
    expectAt('source-no-link', fixed);
  });

  it('marks the first key of a source without a title, in CRLF, and passes a DOI', () => {
    expectAt('source-no-link', crlf(validArticle({ fm: 'secondary_sources:\n  - ⟦type⟧: book\n    year: 1994\n' })));
    expectAt('source-no-link', validArticle({ fm: 'secondary_sources:\n  - title: Design Patterns\n    type: book\n    doi: 10.5555/186897\n  - a plain string\n' }));
  });
});

describe('source-homepage', () => {
  const acm = validArticle({
    facts: '  - id: f1\n    statement: 图灵 😀 Turing described computable numbers.\n    source_title: ACM Digital Library\n    source_url: ⟦https://dl.acm.org/⟧\n',
    sources: FLAN + '  - title: ACM Digital Library\n    type: reference\n    url: ⟦https://dl.acm.org⟧\n  - title: On Computable Numbers\n    type: academic_paper\n    url: https://dl.acm.org/doi/10.1112/plms/s2-42.1.230\n',
  });

  it("marks a site's home page as a fact's source_url and as the url of a source a fact uses", () => {
    const found = expectAt('source-homepage', acm);
    assert.strictEqual(found[0].message, 'https://dl.acm.org/ is the home page of dl.acm.org, not a page that supports this claim: link the specific page; did you mean https://dl.acm.org/doi/10.1112/plms/s2-42.1.230?');
    assert.strictEqual(found[1].message, 'https://dl.acm.org is the home page of dl.acm.org, yet the fact "f1" uses this source as evidence: give the specific page.');
    const fixed = applyFix('source-homepage', acm, { safe: false });
    assert.ok(fixed.includes('    source_url: https://dl.acm.org/doi/10.1112/plms/s2-42.1.230\n'));
  });

  it('passes specific pages, a home page no fact uses, and CRLF', () => {
    expectAt('source-homepage', validArticle());
    expectAt('source-homepage', validArticle({ fm: 'secondary_sources:\n  - title: OWASP\n    type: reference\n    url: https://owasp.org/\n' }));
    expectAt('source-homepage', crlf(acm));
    expectAt('source-homepage', validArticle({ facts: '  - id: f1\n    statement: A.\n    source_title: T\n    source_url: https://example.org/?q=1\n' }));
  });
});
