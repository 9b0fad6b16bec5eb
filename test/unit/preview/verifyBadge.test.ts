import * as assert from 'assert';
import { describe, it } from 'node:test';
import { renderPreviewContent } from '../../../client/src/preview/render';
import type { ArticleView, SourceView } from '../../../server/src/protocol';

function view(sources: SourceView[]): ArticleView {
  return { uri: 'file:///ws/ai/a.md', version: 1, isArticle: true, stale: false, facts: [], sources, knownGaps: [], disputed: [], body: '', bodyStartLine: 20, problems: { errors: 0, warnings: 0, infos: 0, hints: 0 }, unverifiedSources: 2 };
}

describe('preview: a verification badge per source', () => {
  it('shows verified (with its day), dead, what the registry disagrees on, and unverified, the details in the tooltip, escaped', () => {
    const html = renderPreviewContent(
      view([
        { list: 'primary_sources', title: 'Fine', url: 'https://example.org/ok', line: 10, verification: { badge: 'verified', label: 'verified', checkedAt: '2026-12-01', details: ['https://example.org/ok: reachable (200), checked 2026-12-01'] } },
        { list: 'primary_sources', title: 'Gone', url: 'https://example.org/gone', line: 14, verification: { badge: 'dead', label: 'dead', checkedAt: '2026-12-01', details: ['https://example.org/gone: dead: 410 Gone <b>'] } },
        { list: 'primary_sources', title: 'Wrong', doi: '10.1/x', line: 16, verification: { badge: 'dead', label: 'title differs', checkedAt: '2026-12-01', details: ['10.1/x: registered title "Right" differs, checked 2026-12-01'] } },
        { list: 'secondary_sources', title: 'New', url: 'https://example.org/new', line: 18, verification: { badge: 'unknown', label: 'unverified', details: ['https://example.org/new: not verified yet'] } },
        { list: 'secondary_sources', title: 'No report', url: 'https://example.org/x', line: 22 },
      ]),
    );
    const badges = [...html.matchAll(/<span class="kart-badge kart-verify kart-verify-(\w+)" title="([^"]*)">([^<]*)<\/span>/g)].map((m) => [m[1], m[2], m[3]]);
    assert.deepStrictEqual(badges, [
      ['verified', 'https://example.org/ok: reachable (200), checked 2026-12-01', 'verified 2026-12-01'],
      ['dead', 'https://example.org/gone: dead: 410 Gone &lt;b&gt;', 'dead'],
      ['dead', '10.1/x: registered title &quot;Right&quot; differs, checked 2026-12-01', 'title differs'],
      ['unknown', 'https://example.org/new: not verified yet', 'unverified'],
    ]);
  });
});
