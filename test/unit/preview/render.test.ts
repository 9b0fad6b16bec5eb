import * as assert from 'assert';
import MarkdownIt from 'markdown-it';
import { describe, it } from 'node:test';
import { citationPlugin } from '../../../client/src/preview/citationPlugin';
import { scanCitation } from '../../../server/src/model/citationSyntax';

/** The text and keys inside a citation's brackets, without offsets. */
const splitCitation = (inner: string) => scanCitation(`[${inner}]`, 0)?.parts.map((p) => ('key' in p ? { key: p.key } : p));
import { contentSecurityPolicy, renderBody, renderPreviewHtml } from '../../../client/src/preview/render';
import { isExternalLink, isSafeHref } from '../../../client/src/preview/safeLinks';
import type { ArticleView } from '../../../server/src/protocol';

function view(body: string, extra: Partial<ArticleView> = {}): ArticleView {
  return {
    uri: 'file:///ws/ai/a.md',
    version: 1,
    isArticle: true,
    stale: false,
    facts: [
      { id: 'f1', statement: 'FLAN showed zero-shot generalization.', cited: 1, mapped: 0, line: 3 },
      { id: 'f2', statement: 'Scaling <tasks> helps & more.', cited: 0, mapped: 1, line: 7 },
    ],
    sources: [],
    knownGaps: [],
    disputed: [],
    body,
    bodyStartLine: 20,
    problems: { errors: 0, warnings: 0, infos: 0, hints: 0 },
    ...extra,
  };
}

describe('citation syntax', () => {
  it('splits Pandoc citations into text and keys', () => {
    assert.deepStrictEqual(splitCitation('@f1'), [{ key: 'f1' }]);
    assert.deepStrictEqual(splitCitation('@a; @b'), [{ key: 'a' }, { text: '; ' }, { key: 'b' }]);
    assert.deepStrictEqual(splitCitation('see @fact-ai-001, p. 3'), [{ text: 'see ' }, { key: 'fact-ai-001' }, { text: ', p. 3' }]);
    assert.deepStrictEqual(splitCitation('-@f1'), [{ text: '-' }, { key: 'f1' }]);
    // Keys never end with punctuation; a mail address is not a citation.
    assert.deepStrictEqual(splitCitation('@f1.'), [{ key: 'f1' }, { text: '.' }]);
    assert.strictEqual(splitCitation('mail me@example.org'), undefined);
    assert.strictEqual(splitCitation('just text'), undefined);
  });

  it('renders chips only for citations, not for links or mail addresses', () => {
    const md = new MarkdownIt({ html: false }).use(citationPlugin, { facts: () => new Map([['f1', { statement: 'S "q"', anchor: 'fact-0' }]]) });
    assert.strictEqual(
      md.renderInline('A [@f1] and [@zz].'),
      'A <span class="kart-citation">[<a class="kart-chip" href="#fact-0" data-fact="f1" title="S &quot;q&quot;">@f1</a>]</span> and ' +
        '<span class="kart-citation">[<span class="kart-chip kart-chip-unknown" data-fact="zz" title="No fact with id zz in this article">@zz</span>]</span>.',
    );
    assert.strictEqual(md.renderInline('[@f1](https://x.example/)'), '<a href="https://x.example/">@f1</a>');
    assert.strictEqual(md.renderInline('[me@x.example]'), '[me@x.example]');
    assert.strictEqual(md.renderInline('`[@f1]`'), '<code>[@f1]</code>');
  });
});

describe('preview rendering', () => {
  it('keeps only http(s) and mailto links; everything else stays text', () => {
    assert.ok(isSafeHref('https://a.example/') && isSafeHref('HTTP://a.example') && isSafeHref('mailto:a@b.example'));
    for (const bad of ['javascript:alert(1)', 'data:text/html,x', 'vbscript:x', 'command:x', 'file:///etc/passwd', '../a.md', '//evil.example', ' https://a.example']) {
      assert.ok(!isSafeHref(bad), bad);
    }
    assert.ok(isExternalLink('https://a.example/') && !isExternalLink('command:workbench.action.terminal.new'));
    const html = renderBody(view('[ok](https://a.example/) [no](javascript:alert(1)) [rel](../b.md) <b>raw</b> ![i](data:image/png;base64,AAAA)'));
    assert.strictEqual(
      html,
      '<p data-line="20" class="code-line"><a href="https://a.example/">ok</a> [no](javascript:alert(1)) [rel](../b.md) &lt;b&gt;raw&lt;/b&gt; ![i](data:image/png;base64,AAAA)</p>\n',
    );
  });

  it('marks blocks with their document line and ties Source-Mapped Facts bullets to facts', () => {
    const html = renderBody(view('## TL;DR\nText [@f1].\n\n## Source-Mapped Facts\n- Scaling <tasks> helps & more. ([source](https://s.example/))\n- Not a fact. ([source](https://s.example/))\n'));
    assert.match(html, /<h2 data-line="20" class="code-line">TL;DR<\/h2>/);
    assert.match(html, /<h2 data-line="23" class="code-line">Source-Mapped Facts<\/h2>/);
    assert.match(html, /<p data-line="21" class="code-line">Text <span class="kart-citation">\[<a class="kart-chip" href="#fact-0"/);
    assert.match(html, /<li class="kart-mapped code-line" data-line="24"><a class="kart-chip" href="#fact-1" data-fact="f2" title="Scaling &lt;tasks&gt; helps &amp; more.">@f2<\/a> Scaling &lt;tasks&gt; helps &amp; more\./);
    assert.match(html, /<li class="kart-mapped kart-mapped-unmatched code-line" data-line="25"><span class="kart-chip kart-chip-unknown"/);
  });

  it('builds the page with a nonce CSP, the stylesheet and the script, and escapes the title', () => {
    const html = renderPreviewHtml(view('Body', { title: '</title><script>x</script>', lastVerified: '2026-01-01', daysSinceVerified: 400, stale: true }), {
      nonce: 'abc123',
      cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
      styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/preview.css',
      scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/preview.js',
    });
    assert.strictEqual(
      contentSecurityPolicy({ nonce: 'abc123', cspSource: 'https://c.example' }),
      "default-src 'none'; img-src https://c.example https: data:; style-src https://c.example 'nonce-abc123'; script-src 'nonce-abc123'; base-uri 'none'; form-action 'none'",
    );
    assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;;`));
    assert.ok(html.includes('<script nonce="abc123" src="https://file+.vscode-resource.vscode-cdn.net/ext/media/preview.js"></script>'));
    assert.ok(html.includes('<title>&lt;/title&gt;&lt;script&gt;x&lt;/script&gt;</title>'));
    assert.strictEqual(html.match(/<script/g)?.length, 1);
    assert.match(html, /class="kart-verified kart-stale"/);
    assert.match(html, /2026-01-01 \(400 days ago\) <strong class="kart-stale-mark">stale<\/strong>/);
    assert.ok(!/\son[a-z]+=/i.test(html), 'an inline event handler in the page');
  });
});
