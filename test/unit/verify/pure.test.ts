// The pure parts of source verification: title comparison, robots.txt, the Atom reader, the report, and the
// report-fed rules with exact ranges.
import * as assert from 'assert';
import { describe, it } from 'node:test';
import { checkArticle } from '../../../server/src/check';
import { parseConfig } from '../../../server/src/config';
import { verifyRules } from '../../../server/src/rules/verifyRules';
import { arxivIdOf, parseArxivFeed } from '../../../server/src/verify/arxivMetadata';
import { importAnchorFactReport, isFresh, lookupOf, parseReport, resultKey, serializeReport, type VerifyResult } from '../../../server/src/verify/report';
import { isAllowed, parseRobots } from '../../../server/src/verify/robots';
import { verifyTargets } from '../../../server/src/verify/targets';
import { mainTitle, normalizeTitle, titlesMatch } from '../../../server/src/verify/titles';
import { article, marked, TODAY } from '../../helpers';
import { arxivFeed, emptyArxivFeed } from '../../verifyServer';

describe('title comparison', () => {
  it('ignores case, accents, punctuation, markup, entities and & / and', () => {
    assert.strictEqual(normalizeTitle('  Schrödinger’s <i>Cat</i> &amp; Quantum   Mechanics! '), 'schrodingers cat and quantum mechanics');
    assert.ok(titlesMatch('ATTENTION IS ALL YOU NEED.', 'Attention is all you need'));
    assert.ok(titlesMatch('R&D in Practice', 'R and D in practice'));
  });
  it('lets a subtitle be given on one side only, not two different ones', () => {
    assert.strictEqual(mainTitle('Deep Learning: A Review'), 'deep learning');
    assert.ok(titlesMatch('Deep Learning', 'Deep Learning: A Review'));
    assert.ok(titlesMatch('Deep Learning — a review of methods', 'Deep learning'));
    assert.ok(!titlesMatch('Deep Learning: A Review', 'Deep Learning: An Introduction'));
    assert.ok(!titlesMatch('Deep Residual Networks for Vision', 'Deep Residual Learning for Image Recognition'));
  });
});

describe('robots.txt', () => {
  const text = 'User-agent: *\nDisallow: /private/\nAllow: /private/open$\nDisallow: /*.pdf$\n\nUser-agent: otherbot\nUser-agent: kart\nDisallow: /kart-only/\n';
  it('takes the group naming kart over *, longest match deciding, allow winning a tie', () => {
    const own = parseRobots(text, 'kart');
    assert.ok(!isAllowed(own, '/kart-only/x'));
    assert.ok(isAllowed(own, '/private/x'), 'the * group does not apply when a group names kart');
    const star = parseRobots(text, 'somebot');
    assert.ok(!isAllowed(star, '/private/x'));
    assert.ok(isAllowed(star, '/private/open'));
    assert.ok(!isAllowed(star, '/private/open/more'), '$ anchors the end');
    assert.ok(!isAllowed(star, '/files/a.pdf'));
    assert.ok(isAllowed(star, '/files/a.pdf?x=1'));
    assert.ok(isAllowed(parseRobots('User-agent: *\nDisallow:\n', 'kart'), '/anything'), 'an empty Disallow allows all');
  });
});

describe('the arXiv Atom feed', () => {
  it('reads the entry, not the feed title; an empty feed is no paper', () => {
    const item = parseArxivFeed(arxivFeed('1706.03762', 'Attention Is All You\n  Need &amp; More', '2017-06-12T17:57:34Z'), '1706.03762');
    assert.deepStrictEqual(item, { id: '1706.03762', title: 'Attention Is All You Need & More', authors: ['Ashish Vaswani', 'Noam Shazeer'], published: '2017-06-12T17:57:34Z', year: 2017 });
    assert.strictEqual(parseArxivFeed(emptyArxivFeed('2401.99999'), '2401.99999'), undefined);
    const error = '<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>http://arxiv.org/api/errors#incorrect_id_format_for_x</id><title>Error</title></entry></feed>';
    assert.strictEqual(parseArxivFeed(error, 'x'), undefined);
  });
  it('knows arXiv ids in URLs and as written', () => {
    assert.strictEqual(arxivIdOf('https://arxiv.org/pdf/2109.01652v2.pdf'), '2109.01652v2');
    assert.strictEqual(arxivIdOf('arXiv:hep-th/9901001'), 'hep-th/9901001');
    assert.strictEqual(arxivIdOf('https://arxiv.org/list/cs.CL/recent'), undefined);
  });
});

describe('the report', () => {
  const at = '2026-12-01T10:00:00.000Z';
  it('keeps results a week old, asks again for old ones and for "could not verify"', () => {
    const ok: VerifyResult = { kind: 'url', target: 'https://x.org/a', checkedAt: at, status: 'ok' };
    const now = Date.parse('2026-12-08T10:00:00.000Z');
    assert.ok(isFresh(ok, now, 30 * 86_400_000));
    assert.ok(!isFresh(ok, now, 5 * 86_400_000));
    assert.ok(!isFresh({ ...ok, status: 'unknown' }, now, 30 * 86_400_000));
  });
  it('round-trips, drops what is not a result, and keys identifiers leniently', () => {
    const text = JSON.stringify({ tool: 'kart', version: 1, results: { 'url:https://x.org/a': { kind: 'url', target: 'https://x.org/a', checkedAt: at, status: 'dead' }, bad: { kind: 'url' } } });
    const { report } = parseReport(text);
    assert.deepStrictEqual(Object.keys(report.results), ['url:https://x.org/a']);
    assert.strictEqual(parseReport(serializeReport(report)).report.results['url:https://x.org/a'].status, 'dead');
    assert.match(parseReport('{"summary":{}}').problem ?? '', /not a kart verification report/);
    assert.strictEqual(resultKey('doi', 'https://doi.org/10.1000/ABC'), 'doi:10.1000/abc');
    assert.strictEqual(resultKey('url', ' https://x.org/a#part '), 'url:https://x.org/a');
    assert.strictEqual(resultKey('arxiv', 'https://arxiv.org/abs/1706.03762v5'), 'arxiv:1706.03762');
  });
  it("imports AnchorFact's certain results only", () => {
    const imported = importAnchorFactReport(
      JSON.stringify({
        summary: { generated: at },
        articles: [
          {
            verification_results: [
              { results: [{ method: 'doi', identifier: '10.1000/a', verified: true, metadata: { title: 'A', year: 2020 } }] },
              { results: [{ method: 'doi', identifier: '10.1000/b', verified: false, metadata: { error: 'CrossRef returned 404' } }] },
              { results: [{ method: 'url', identifier: 'https://x.org/t', verified: false, metadata: { error: 'aborted' } }] },
            ],
          },
        ],
      }),
    );
    assert.deepStrictEqual(Object.keys(imported).sort(), ['doi:10.1000/a', 'doi:10.1000/b']);
    assert.deepStrictEqual([imported['doi:10.1000/a'].status, imported['doi:10.1000/a'].title, imported['doi:10.1000/a'].years], ['ok', 'A', [2020]]);
    assert.strictEqual(imported['doi:10.1000/b'].status, 'dead');
  });
});

describe('report-fed rules', () => {
  const at = '2026-12-01T10:00:00.000Z';
  const src = `---
id: x
atomic_facts:
  - id: f1
    statement: A claim.
    source_title: ⟦Wrong Title⟧
    source_doi: 10.1000/paper
    source_url: ⟦https://old.example.org/page⟧
primary_sources:
  - title: Old Page
    type: documentation
    url: ⟦"https://old.example.org/page"⟧
  - title: Fine
    type: documentation
    url: ⟦https://example.org/gone⟧
---
`;
  const { text, ranges } = marked(src);
  const results: Record<string, VerifyResult> = {
    [resultKey('url', 'https://old.example.org/page')]: { kind: 'url', target: 'https://old.example.org/page', checkedAt: at, status: 'ok', httpStatus: 200, redirects: [{ url: 'https://old.example.org/page', status: 301 }], finalUrl: 'https://new.example.org/page', movedTo: 'https://new.example.org/page' },
    [resultKey('url', 'https://example.org/gone')]: { kind: 'url', target: 'https://example.org/gone', checkedAt: at, status: 'dead', httpStatus: 410, reason: '410 Gone' },
    [resultKey('doi', '10.1000/paper')]: { kind: 'doi', target: '10.1000/paper', checkedAt: at, status: 'ok', title: 'The Registered Title', years: [2020] },
  };
  const a = article(text);
  const config = parseConfig(undefined);
  const found = checkArticle(a, { config, today: TODAY, rules: verifyRules, verification: lookupOf({ tool: 'kart', version: 1, results }) });

  it('report each finding at its value, with the fix to the new address in the same quotes', () => {
    assert.deepStrictEqual(
      found.map((f) => f.rule),
      ['source-title-mismatch', 'source-moved', 'source-moved', 'source-unreachable'],
    );
    assert.deepStrictEqual(
      found.map((f) => f.range),
      ranges,
    );
    const quoted = found[2].fixes?.[0].edits[0];
    assert.strictEqual(quoted?.newText, '"https://new.example.org/page"');
    assert.strictEqual(found[1].fixes?.[0].edits[0].newText, 'https://new.example.org/page');
    assert.strictEqual(found[1].fixes?.[0].safe, false);
  });
  it('say nothing without a report', () => {
    assert.deepStrictEqual(checkArticle(a, { config, today: TODAY, rules: verifyRules }), []);
    assert.strictEqual(verifyTargets(a).length, 4);
  });
});
