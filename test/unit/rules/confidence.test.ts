// confidence-unsupported: a declared confidence is an upper bound on what the sources carry.
import * as assert from 'assert';
import { describe, it } from 'node:test';
import { parseConfig } from '../../../server/src/config';
import { expectAt, findings, validArticle } from '../../helpers';
import { applyFix } from './ruleCases';

const source = (title: string, type: string, year: number, url: string, extra = '') => `  - title: ${title}\n    type: ${type}\n    year: ${year}\n    url: ${url}\n${extra}`;
const fact = (id: string, url: string, confidence: string) => `  - id: ${id}\n    statement: A statement about ${id}.\n    source_title: T\n    source_url: ${url}\n    confidence: ${confidence}\n`;
const article = (confidence: string, facts: string, sources: string, fm = '') => validArticle({ facts, sources, fm }).replace('confidence: medium\n', `confidence: ${confidence}\n`);

describe('confidence-unsupported, the article', () => {
  it('reports high on one blog post, says why, and lowers it on request', () => {
    const text = article('⟦high⟧', fact('f1', 'https://example.com/blog/a', 'medium'), source('A', 'blog_post', 2019, 'https://example.com/blog/a'));
    const [f] = expectAt('confidence-unsupported', text);
    assert.strictEqual(
      f.message,
      'confidence is high, but the primary sources carry low: score 0.54, high needs 0.85 (best source tier B 0.60×0.35 (type blog_post); 1 primary source 0.50×0.2; urls, no DOI 0.70×0.25; newest from 2019 0.50×0.1).',
    );
    assert.strictEqual(f.related![0].message, 'the best primary source, "A"');
    assert.strictEqual(applyFix('confidence-unsupported', text, { safe: false }), text.replace('⟦high⟧', 'low'));
  });

  it('passes high on three recent sources with a DOI, and medium on three papers; reports medium with disputes and gaps on one old book', () => {
    const doi = source('P', 'academic_paper', 2025, 'https://doi.org/10.1/x', '    doi: 10.1/x\n') + source('Q', 'standard', 2024, 'https://example.org/q') + source('R', 'textbook', 2020, 'https://example.org/r');
    expectAt('confidence-unsupported', article('high', fact('f1', 'https://doi.org/10.1/x', 'high'), doi));
    const papers = source('P', 'academic_paper', 2020, 'https://example.org/p') + source('Q', 'journal_article', 2021, 'https://example.org/q') + source('R', 'survey_paper', 2019, 'https://example.org/r');
    expectAt('confidence-unsupported', article('medium', fact('f1', 'https://example.org/p', 'medium'), papers));
    const old = article('⟦"medium"⟧', fact('f1', 'https://example.org/b', 'medium'), source('B', 'book', 1990, 'https://example.org/b'), 'known_gaps:\n  - Later editions.\ndisputed_statements:\n  - Whether X or Y.\n');
    const [f] = expectAt('confidence-unsupported', old);
    assert.match(f.message, /carry low: score 0\.48, medium needs 0\.6 .*newest from 1990 0\.30×0\.1; − disputes and known gaps 0\.30×0\.1\)\.$/);
    assert.strictEqual(applyFix('confidence-unsupported', old, { safe: false }), old.replace('⟦"medium"⟧', '"low"'));
  });

  it('reads the year as of the injected date, aliases, and the thresholds and tiers of the configuration', () => {
    const spec = article('⟦high⟧', fact('f1', 'https://example.org/s', 'medium'), source('S', 'technical_specification', 2025, 'https://example.org/s') + source('T', 'rfc', 2024, 'https://example.org/t') + source('U', 'rfc', 2024, 'https://example.org/u'));
    const [f] = expectAt('confidence-unsupported', spec);
    assert.match(f.message, /score 0\.82, high needs 0\.85 \(best source tier S 1\.00×0\.35 \(type technical_specification \(read as standard\)\)/);
    expectAt('confidence-unsupported', spec.replace('⟦high⟧', 'high'), { config: parseConfig(JSON.stringify({ confidence: { thresholds: { high: 0.8 } } })) });
    const blog = article('medium', fact('f1', 'https://example.org/b', 'medium'), source('B', 'blog_post', 2026, 'https://example.org/b') + source('C', 'blog_post', 2026, 'https://example.org/c'));
    expectAt('confidence-unsupported', blog);
    expectAt('confidence-unsupported', blog.replace('confidence: medium\nlast_verified', 'confidence: ⟦medium⟧\nlast_verified'), { today: '2040-01-01' });
    expectAt('confidence-unsupported', blog, { config: parseConfig(JSON.stringify({ confidence: { tiers: { A: ['blog_post'] } } })), today: '2040-01-01' });
  });
});

describe('confidence-unsupported, a fact', () => {
  it('reports high on a blog post and on a home page, and passes high on a paper or a canonical home page', () => {
    const sources = source('Paper', 'academic_paper', 2025, 'https://example.org/paper', '    doi: 10.1/p\n') + source('Blog', 'blog_post', 2025, 'https://example.com/blog/b') + source('Site', 'standard', 2025, 'https://www.iso.org/');
    const text = article('medium', fact('f1', 'https://example.org/paper', 'high') + fact('f2', 'https://example.com/blog/b', '⟦high⟧') + fact('f3', 'https://www.iso.org/', '⟦high⟧') + fact('f4', 'https://example.com/blog/b', 'medium'), sources);
    const found = expectAt('confidence-unsupported', text);
    assert.strictEqual(found[0].message, 'The fact "f2" claims confidence high, but its best source, "Blog", is tier B (type blog_post), which carries at most medium.');
    assert.strictEqual(found[1].message, 'The fact "f3" claims confidence high, but its best source, "Site", is tier C (its url is a home page), which carries at most medium.');
    assert.strictEqual(applyFix('confidence-unsupported', text, { safe: false, at: 1 }).includes('    source_url: https://www.iso.org/\n    confidence: medium\n'), true);
    const canonical = text.replace('    url: https://www.iso.org/\n', '    url: https://www.iso.org/\n    canonical: true\n').replace("fact('f3'", '');
    assert.strictEqual(findings('confidence-unsupported', canonical).findings.length, 1);
  });

  it('passes a fact whose source is not listed (fact-source-unlisted says so) and factMaxLevel from the configuration', () => {
    expectAt('confidence-unsupported', article('medium', fact('f1', 'https://example.com/elsewhere', 'high'), source('A', 'academic_paper', 2025, 'https://example.org/a')));
    const config = parseConfig(JSON.stringify({ confidence: { factMaxLevel: { A: 'medium' } } }));
    expectAt('confidence-unsupported', article('medium', fact('f1', 'https://example.org/a', '⟦high⟧'), source('A', 'academic_paper', 2025, 'https://example.org/a')), { config });
  });
});
