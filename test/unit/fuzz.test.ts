import * as assert from 'assert';
import { resolve } from 'path';
import { describe, it } from 'node:test';
import * as fc from 'fast-check';
import { editDistance } from '../../server/src/core/text';
import { fuzzCaseArb, loadCorpus, mutate, runFuzz } from '../engineProperties';

// A fixed seed, so that `npm test` is repeatable; `npm run fuzz` runs 100,000 cases with a fresh seed.
const SEED = 20261123;
const CORPUS = resolve(__dirname, '../../../test/corpus/anchorfact');

describe('the engine under any input (fast-check, fixed seed)', () => {
  it('never throws, keeps ranges inside the document, is deterministic, and its fixes are idempotent', () => {
    const { details, report } = runFuzz({ corpusRoot: CORPUS, numRuns: 2500, seed: SEED });
    // fast-check's report names the seed and path; the counterexample is a whole article, so only its origin is shown.
    const why = details.failed
      ? `${report?.split('\nCounterexample:')[0]}\n${(details.errorInstance as Error)?.message}\nfrom ${details.counterexample?.[0].origin}`
      : '';
    assert.strictEqual(details.failed, false, why);
    assert.strictEqual(details.numRuns, 2500);
  });

  it('generates what it claims: mutated articles, lone surrogates, NUL, CR, cut documents', () => {
    const corpus = loadCorpus(CORPUS);
    assert.ok(corpus.length > 1000, `the corpus has ${corpus.length} articles`);
    const texts = fc.sample(fuzzCaseArb(corpus), { numRuns: 2000, seed: SEED }).map((c) => c.text);
    const share = (p: (t: string) => boolean) => texts.filter(p).length / texts.length;
    assert.ok(share((t) => /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(t)) > 0.05, 'lone surrogates');
    assert.ok(share((t) => t.includes('\0')) > 0.02, 'NUL');
    assert.ok(share((t) => /\r(?!\n)/.test(t)) > 0.05, 'lone CR');
    assert.ok(share((t) => t.startsWith('\ufeff')) > 0.02, 'BOM');
    assert.ok(share((t) => t.startsWith('---') && /\natomic_facts:/.test(t)) > 0.3, 'articles with frontmatter and facts');
    assert.ok(share((t) => t.includes('\t')) > 0.05, 'tabs');
  });

  it('the banded edit distance equals the full one (a swap of neighbours is one edit), capped at max + 1', () => {
    const full = (a: string, b: string) => {
      const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
      for (let i = 1; i <= a.length; i++) {
        for (let j = 1; j <= b.length; j++) {
          d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
          if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
      return d[a.length][b.length];
    };
    assert.strictEqual(editDistance('hgih', 'high', 3), 1);
    assert.strictEqual(editDistance('hgih', 'low', 3), 4);
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', '-'), maxLength: 12 });
    fc.assert(
      fc.property(word, word, fc.integer({ min: 0, max: 5 }), (a, b, max) => editDistance(a, b, max) === Math.min(full(a, b), max + 1)),
      { seed: SEED, numRuns: 5000 },
    );
  });

  it('mutates by lines, keeping every other byte', () => {
    const t = 'a: 1\r\n  b: 2\nc\rd';
    assert.strictEqual(mutate(t, { k: 'delLine', line: 1, count: 1 }), 'a: 1\r\nc\rd');
    assert.strictEqual(mutate(t, { k: 'dupLine', line: 0 }), 'a: 1\r\na: 1\r\n  b: 2\nc\rd');
    assert.strictEqual(mutate(t, { k: 'indent', line: 1, how: 'tab' }), 'a: 1\r\n\tb: 2\nc\rd');
    assert.strictEqual(mutate(t, { k: 'swapLines', a: 0, b: 3 }), 'd\r\n  b: 2\nc\ra: 1');
    assert.strictEqual(mutate(t, { k: 'insLine', line: 4, s: 'x' }), 'a: 1\r\n  b: 2\nc\rd\nx\n');
    assert.strictEqual(mutate(t, { k: 'eol', to: '\r\n' }), 'a: 1\r\n  b: 2\r\nc\r\nd');
    assert.strictEqual(mutate(t, { k: 'cut', at: 3 }), 'a: ');
  });
});
