// Hovers and badges fed by the verification report, in memory: a cursor marker, the exact range, the text.
import * as assert from 'assert';
import { describe, it } from 'node:test';
import { neverCancelled } from '../../../server/src/core/types';
import { buildArticleView } from '../../../server/src/features/articleView';
import { getHover } from '../../../server/src/features/hover';
import type { FeatureContext } from '../../../server/src/features/types';
import { lookupOf, NO_RESULTS, resultKey, type VerifyResult } from '../../../server/src/verify/report';
import { article, marked, TODAY } from '../../helpers';
import { contextWith } from './context';

const at = '2026-12-01T09:30:00.000Z';
const results: Record<string, VerifyResult> = {
  [resultKey('url', 'https://example.org/gone')]: { kind: 'url', target: 'https://example.org/gone', checkedAt: at, status: 'dead', httpStatus: 410, reason: '410 Gone' },
  [resultKey('url', 'https://example.org/slow')]: { kind: 'url', target: 'https://example.org/slow', checkedAt: at, status: 'unknown', reason: 'timed out after 8 s' },
  [resultKey('doi', '10.1000/xyz')]: { kind: 'doi', target: '10.1000/xyz', checkedAt: at, status: 'ok', httpStatus: 200, title: 'Scaling Instruction-Finetuned Language Models', years: [2022] },
};
const ctx: FeatureContext = { ...contextWith(), verification: lookupOf({ tool: 'kart', version: 1, results }) };

function doc(fact: string, sources: string): string {
  return `---\nid: x\natomic_facts:\n${fact}primary_sources:\n${sources}---\n## TL;DR\nText.\n`;
}

function hoverAt(source: string, c: FeatureContext = ctx) {
  const { text, cursor, ranges } = marked(source);
  return { hover: getHover(c, article(text), cursor, neverCancelled), range: ranges[0] };
}

describe('hover: what the last verification found', () => {
  it("on a fact's source_url: when, and what was found", () => {
    const { hover, range } = hoverAt(doc('  - id: f1\n    statement: A claim.\n    source_url: ⟦https://example.org/go‸ne⟧\n', '  - title: Gone\n    type: documentation\n    url: https://example.org/gone\n'));
    assert.deepStrictEqual(hover?.range, range);
    assert.strictEqual(hover?.contents, '✗ **Link last verified 2026-12-01 09:30 UTC:** dead: 410 Gone');
  });

  it("on a source's title: each of its identifiers, the registered title that differs", () => {
    const { hover, range } = hoverAt(doc('[]\n', '  - title: ⟦Scaling Lang‸uage Models⟧\n    type: paper\n    year: 2022\n    doi: 10.1000/xyz\n    url: https://example.org/slow\n'));
    assert.deepStrictEqual(hover?.range, range);
    assert.strictEqual(
      hover?.contents,
      '✗ **DOI last verified 2026-12-01 09:30 UTC:** registered, but its registered title "Scaling Instruction-Finetuned Language Models" differs\n\n' +
        '? **Link last verified 2026-12-01 09:30 UTC:** could not verify: timed out after 8 s',
    );
  });

  it('on a source never verified: says so and how to verify it; nothing without a report either', () => {
    const src = doc('[]\n', '  - title: New\n    type: documentation\n    url: ⟦https://example.org/n‸ew⟧\n');
    assert.match(hoverAt(src).hover?.contents ?? '', /^\*\*Link not verified yet\.\*\* Run \*Verify Sources\*/);
    assert.match(hoverAt(src, contextWith()).hover?.contents ?? '', /not verified yet/);
  });
});

describe('article view: a badge per source and the unverified count', () => {
  it('verified only when every identifier is; dead wins; a registry disagreement is named', () => {
    const a = article(
      doc(
        '[]\n',
        '  - title: Gone\n    type: documentation\n    url: https://example.org/gone\n' +
          '  - title: Scaling Instruction-Finetuned Language Models\n    type: paper\n    year: 2021\n    doi: 10.1000/xyz\n' +
          '  - title: Scaling Instruction-Finetuned Language Models\n    type: paper\n    year: 2022\n    doi: 10.1000/xyz\n' +
          '  - title: Slow\n    type: documentation\n    url: https://example.org/slow\n',
      ),
    );
    const view = buildArticleView(a, [], ctx.config, TODAY, ctx.verification);
    assert.deepStrictEqual(
      view.sources.map((s) => [s.verification?.badge, s.verification?.label, s.verification?.checkedAt]),
      [
        ['dead', 'dead', '2026-12-01'],
        ['dead', 'year differs', '2026-12-01'],
        ['verified', 'verified', '2026-12-01'],
        ['unknown', 'unverified', undefined],
      ],
    );
    assert.strictEqual(view.unverifiedSources, 3);
    assert.strictEqual(buildArticleView(a, [], ctx.config, TODAY, NO_RESULTS).unverifiedSources, 4);
    assert.strictEqual(buildArticleView(a, [], ctx.config, TODAY).unverifiedSources, undefined);
  });
});
