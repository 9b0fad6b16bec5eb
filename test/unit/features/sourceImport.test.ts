import * as assert from 'assert';
import { describe, it } from 'node:test';
import { applyEdits } from '../../../server/src/core/edits';
import { importedSourceEdit } from '../../../server/src/features/sourceImport';
import { classifyInput, parseBibtex, parseCslJson, sourceFieldsOf, BibliographyError } from '../../../server/src/model/bibliography';
import { article, validArticle } from '../../helpers';

const BIB = String.raw`@inproceedings{vaswani2017,
  title     = {Attention Is {All} You Need},
  author    = {Vaswani, Ashish and Shazeer, Noam and G{\"o}del, Kurt and {World Health Organization}},
  booktitle = {Advances in Neural Information Processing Systems},
  publisher = {Curran Associates},
  year      = 2017,
  month     = dec,
  doi       = {10.48550/arXiv.1706.03762}
}`;

describe('importing a source', () => {
  it('tells BibTeX, CSL JSON and a DOI apart', () => {
    assert.strictEqual(classifyInput(BIB)?.kind, 'bibtex');
    assert.strictEqual(classifyInput('  {"title": "x"}')?.kind, 'csl');
    assert.deepStrictEqual(classifyInput('https://doi.org/10.1145/3635100'), { kind: 'doi', doi: '10.1145/3635100' });
    assert.strictEqual(classifyInput('just words'), undefined);
  });

  it('BibTeX: accents, corporate authors, the DOI as url, the type mapped', async () => {
    const [item] = await parseBibtex(BIB);
    assert.deepStrictEqual(sourceFieldsOf(item), {
      title: 'Attention Is All You Need',
      type: 'conference_paper',
      year: 2017,
      url: 'https://doi.org/10.48550/arXiv.1706.03762',
      doi: '10.48550/arXiv.1706.03762',
      authors: [
        { natural: 'Ashish Vaswani', inverted: 'Vaswani, Ashish' },
        { natural: 'Noam Shazeer', inverted: 'Shazeer, Noam' },
        { natural: 'Kurt Gödel', inverted: 'Gödel, Kurt' },
        { natural: 'World Health Organization', inverted: 'World Health Organization' },
      ],
      institution: 'Curran Associates',
    });
  });

  it('a BibTeX syntax error or no entry is a clear message', async () => {
    await assert.rejects(parseBibtex('@article{broken, title = {x'), (e: Error) => e instanceof BibliographyError && /^Not valid BibTeX: /.test(e.message));
    assert.throws(() => parseCslJson('{"note": 1}'), BibliographyError);
    assert.throws(() => parseCslJson('{nope'), /^BibliographyError: Not valid JSON/);
  });

  it('CSL JSON: an item, a list, a title given as a list; a government report', () => {
    const items = parseCslJson(JSON.stringify([{ type: 'report', title: ['Global report'], publisher: 'Department of Health', issued: { 'date-parts': [[2021]] }, URL: 'https://example.org/r', author: [{ literal: 'WHO' }] }]));
    assert.deepStrictEqual(sourceFieldsOf(items[0]), { title: 'Global report', type: 'government_report', year: 2021, url: 'https://example.org/r', doi: undefined, authors: [{ natural: 'WHO', inverted: 'WHO' }], institution: 'Department of Health' });
  });

  it('writes the entry in the article\'s style: its key order, its quoting, after the list\'s last item', () => {
    const sources = `  - title: "First Source"
    type: documentation
    url: https://example.org/a
    year: 2024
    institution: "Example Org"
    authors: [A. Person]
`;
    const text = validArticle({ sources });
    const a = article(text);
    const r = importedSourceEdit(a, 'primary_sources', { title: 'Attention: "All" You Need', type: 'academic_paper', year: 2017, url: 'https://doi.org/10.1/x', doi: '10.1/x', authors: [{ natural: 'Ashish Vaswani', inverted: 'Vaswani, Ashish' }, { natural: 'Kurt Gödel, Jr.', inverted: 'Gödel, Kurt, Jr.' }], institution: 'Curran' })!;
    const after = applyEdits(text, [r.edit]);
    assert.ok(
      after.includes(`    authors: [A. Person]
  - title: "Attention: \\"All\\" You Need"
    type: academic_paper
    url: https://doi.org/10.1/x
    year: 2017
    institution: "Curran"
    authors: ["Ashish Vaswani", "Kurt Gödel, Jr."]
    doi: 10.1/x
---`),
      after,
    );
    assert.strictEqual(after.slice(r.at, r.at + 10), '  - title:');
  });

  it('writes "Family, Given" when the article\'s authors are written so', () => {
    const text = validArticle({ sources: '  - title: A\n    type: book\n    authors:\n      - Wei, Jason\n      - Bosma, Maarten\n' });
    const r = importedSourceEdit(article(text), 'primary_sources', { title: 'B', type: 'book', authors: [{ natural: 'Le Hou', inverted: 'Hou, Le' }] })!;
    assert.strictEqual(r.edit.newText, '\n  - title: B\n    type: book\n    authors:\n      - Hou, Le');
  });

  it('a missing list is added before the closing fence; an empty [] list becomes a block list', () => {
    const text = validArticle();
    const r = importedSourceEdit(article(text), 'secondary_sources', { title: 'Plain', type: 'book' })!;
    assert.ok(applyEdits(text, [r.edit]).endsWith('institution: Google\nsecondary_sources:\n  - title: Plain\n    type: book\n---\n## TL;DR\nInstruction tuning teaches models to follow directions [@f1].\n\n## Core Explanation\nMore text.\n'));
    const empty = validArticle({ fm: 'secondary_sources: []\n' });
    const e = importedSourceEdit(article(empty), 'secondary_sources', { title: 'Plain', type: 'book' })!;
    assert.ok(applyEdits(empty, [e.edit]).includes('secondary_sources:\n  - title: Plain\n    type: book\natomic_facts:'), applyEdits(empty, [e.edit]));
  });
});
