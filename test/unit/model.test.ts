import * as assert from 'assert';
import { readFileSync } from 'fs';
import { describe, it } from 'node:test';
import { article, marked } from '../helpers';

const seed = readFileSync(`${__dirname}/../../../test/corpus/seeds/000_aa1be8cad8dc091c.txt`, 'utf8');

describe('article model', () => {
  it('reads the seed: facts, sources and sections with their offsets', () => {
    const a = article(seed);
    assert.strictEqual(a.isArticle, true);
    assert.deepStrictEqual(a.facts.map((f) => f.id), ['f1', 'f2', 'f3']);
    assert.strictEqual(a.sources.filter((s) => s.list === 'primary_sources').length, 2);
    assert.strictEqual(a.sources.filter((s) => s.list === 'secondary_sources').length, 4);
    assert.deepStrictEqual(a.body.headings.map((h) => h.text), ['TL;DR', 'Core Explanation', 'Detailed Analysis', 'Further Reading']);
    const f2 = a.facts[1];
    assert.strictEqual(seed.slice(f2.fields.get('id')!.valueRange!.start, f2.fields.get('id')!.valueRange!.end), 'f2');
  });

  it('finds citations and their keys inside paragraphs, not in code', () => {
    const { text, ranges } = marked('---\natomic_facts: []\n---\nA claim ⟦[@⟦f1⟧; @⟦fact-x.2⟧]⟧. Code `[@no]` and \\[@esc].\n\n    [@indented]\n');
    const a = article(text);
    assert.strictEqual(a.body.citations.length, 1);
    const c = a.body.citations[0];
    assert.deepStrictEqual(c.range, ranges[0]);
    assert.deepStrictEqual(c.keys.map((k) => k.id), ['f1', 'fact-x.2']);
    assert.deepStrictEqual(c.keys.map((k) => ({ start: k.range.start + 1, end: k.range.end })), [ranges[1], ranges[2]]);
  });

  it('maps link targets to exact offsets, with CRLF and emoji before them', () => {
    const { text, ranges } = marked('---\r\nprimary_sources: []\r\n---\r\n## TL;DR\r\nSee 😀 [⟦the paper⟧](⟦https://arxiv.org/abs/1⟧) and\r\n  - a list [x](⟦../go.md⟧)\r\n');
    const a = article(text);
    assert.deepStrictEqual(
      a.body.links.map((l) => [l.textRange, l.targetRange]),
      [
        [ranges[0], ranges[1]],
        [{ start: ranges[2].start - 3, end: ranges[2].start - 2 }, ranges[2]],
      ],
    );
    assert.strictEqual(a.eol, '\r\n');
  });

  it('reads Source-Mapped Facts bullets: the statement and its link', () => {
    const { text, ranges } = marked('---\natomic_facts: []\n---\n## Source-Mapped Facts\n- ⟦FLAN showed it.⟧ ([source](⟦https://arxiv.org/abs/2109.01652⟧))\n- ⟦No link here⟧\n');
    const a = article(text);
    assert.deepStrictEqual(
      a.body.mappedFacts.map((m) => [m.statement, m.statementRange, m.link?.targetRange]),
      [
        ['FLAN showed it.', ranges[0], ranges[1]],
        ['No link here', ranges[2], undefined],
      ],
    );
  });

  it('handles a BOM, a missing frontmatter and an unterminated one', () => {
    assert.strictEqual(article('\ufeff---\nid: x\natomic_facts: []\n---\nbody').isArticle, true);
    assert.strictEqual(article('# Just a README\n').frontmatter, undefined);
    const open = article('---\nid: x\natomic_facts: []\n');
    assert.strictEqual(open.frontmatter?.close, undefined);
    assert.strictEqual(open.isArticle, true);
  });
});
