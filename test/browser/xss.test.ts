/// <reference lib="dom" />
// Callbacks passed to page.evaluate run in the browser.
/**
 * The preview renders text written by strangers. Each payload goes into every place an article can hold text (title,
 * fact id, statement, source title and url, sources, known gaps, disputed statements, the body as a paragraph, a link
 * target and a citation), through the real pipeline (YAML frontmatter → engine → article view → renderer), and is
 * loaded in Chromium twice: with the page's Content-Security-Policy, and without it, so escaping alone is shown to
 * hold. Nothing may run, and no link may have a scheme other than http, https or mailto.
 */
import * as assert from 'assert';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { viewOf } from './articleViews';
import { Needs } from '../needs';
import { ensureChromium, launchChromium, openPage, pageHtml, startPreviewServer, type PageRecord, type PreviewServer } from './previewPage';

const RUN = 'window.top.__pwned=1';

export const PAYLOADS: string[] = [
  `<script>${RUN}</script>`,
  `<img src=x onerror="${RUN}">`,
  `<img src=x onerror=${RUN}>`,
  `<svg onload="${RUN}">`,
  `<svg><script>${RUN}</script></svg>`,
  `<svg/onload=${RUN}>`,
  `<iframe src="javascript:${RUN}"></iframe>`,
  `<iframe srcdoc="<script>${RUN}</script>"></iframe>`,
  `<body onload="${RUN}">`,
  `"><script>${RUN}</script>`,
  `'><img src=x onerror=${RUN}>`,
  `</title><script>${RUN}</script>`,
  `</textarea><script>${RUN}</script>`,
  `javascript:${RUN}`,
  `JaVaScRiPt:${RUN}`,
  ` javascript:${RUN}`,
  `java\tscript:${RUN}`,
  `java\nscript:${RUN}`,
  `\u0001javascript:${RUN}`,
  `&#106;avascript:${RUN}`,
  `&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;:${RUN}`,
  `&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058${RUN}`,
  `javascript&colon;${RUN}`,
  `%6A%61%76%61%73%63%72%69%70%74:${RUN}`,
  `data:text/html,<script>${RUN}</script>`,
  'data:text/html;base64,PHNjcmlwdD53aW5kb3cudG9wLl9fcHduZWQ9MTwvc2NyaXB0Pg==',
  `data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg" onload="${RUN}"/>`,
  'vbscript:msgbox(1)',
  'VBScript:msgbox(1)',
  'command:workbench.action.terminal.new',
  'command:_workbench.downloadResource?%5B%22file%3A%2F%2F%2Fetc%2Fpasswd%22%5D',
  'file:///etc/passwd',
  'vscode://file/etc/passwd',
  '//evil.example/steal',
  `[click](javascript:${RUN})`,
  `[click](<javascript:${RUN}>)`,
  `[click](JAVASCRIPT:${RUN} "title")`,
  `[click][ref]\n\n[ref]: javascript:${RUN}`,
  `<javascript:${RUN}>`,
  `![x](javascript:${RUN})`,
  `![x](x" onerror="${RUN})`,
  `[x](https://a.example/" onmouseover="${RUN})`,
  `[x](command:workbench.action.terminal.new)`,
  `[x](data:text/html;base64,PHNjcmlwdD53aW5kb3cudG9wLl9fcHduZWQ9MTwvc2NyaXB0Pg==)`,
  `[@"><img src=x onerror=${RUN}>]`,
  `[@f1"><script>${RUN}</script>]`,
  `[@<svg/onload=${RUN}>]`,
  `[@f1; @x"onmouseover="${RUN}]`,
  `<a href="javascript:${RUN}">x</a>`,
  `<math><mtext><table><mglyph><style><img src=x onerror=${RUN}>`,
  `<style>@import 'http://evil.example/x.css';</style>`,
  `<meta http-equiv="refresh" content="0;url=javascript:${RUN}">`,
  `<object data="javascript:${RUN}"></object>`,
  `<embed src="javascript:${RUN}">`,
  '<base href="javascript:/">',
  `<form action="javascript:${RUN}"><button>x</button></form>`,
  `<details open ontoggle="${RUN}">`,
  `<input autofocus onfocus="${RUN}">`,
  `<video><source onerror="${RUN}"></video>`,
  `<!--<img src="--><img src=x onerror=${RUN}//">`,
  `<noscript><p title="</noscript><img src=x onerror=${RUN}>">`,
  `&lt;script&gt;${RUN}&lt;/script&gt;`,
  `\\u003cscript\\u003e${RUN}\\u003c/script\\u003e`,
  `<scr<script>ipt>${RUN}</script>`,
  '```html\n<script>window.top.__pwned=1</script>\n```',
  `\`<img src=x onerror=${RUN}>\``,
  `<img src="x\u0000" onerror="${RUN}">`,
  `https://ok.example/"><script>${RUN}</script>`,
  `mailto:a@b.example?body=<script>${RUN}</script>`,
  `http://x.example/#<img src=x onerror=${RUN}>`,
  `{{constructor.constructor('${RUN}')()}}`,
  `<svg><a xlink:href="javascript:${RUN}"><text y="20">x</text></a></svg>`,
  `<x onclick="${RUN}">click</x>`,
];

/** A whole article with the payload in every place that holds text; the YAML quoting is JSON's (valid YAML). */
function articleWith(payload: string): string {
  const q = JSON.stringify(payload);
  return `---
id: xss-case
title: ${q}
schema_type: TechArticle
category: ai
language: en
confidence: high
last_verified: "2026-05-24"
created_date: "2026-05-24"
generation_method: human_only
atomic_facts:
  - id: f1
    statement: ${q}
    source_title: ${q}
    source_url: ${q}
    confidence: ${q}
  - id: ${q}
    statement: A second fact whose id is the payload.
    source_title: Safe title
    source_url: https://safe.example/
    source_doi: ${q}
primary_sources:
  - title: ${q}
    type: ${q}
    year: 2024
    url: ${q}
    institution: ${q}
    doi: ${q}
    authors:
      - ${q}
secondary_sources:
  - title: Safe secondary
    url: ${q}
known_gaps:
  - ${q}
disputed_statements:
  - statement: ${q}
    context: ${q}
---
## TL;DR
${payload}

## Core Explanation
Cited here [@f1] and by the payload's id [@${payload}].

A [link to it](${payload}) and an image ![alt](${payload}).

## Source-Mapped Facts
- ${payload} ([source](${payload}))

## Further Reading
- ${payload}
`;
}

// Outside CI a Chromium that cannot be installed skips this file's tests, saying why; in CI it fails (test/needs.ts).
const needs = new Needs();
const chromiumPath = needs.get('Chromium', ensureChromium);

describe('XSS: hostile article text in the preview (Chromium, with a canary)', { skip: needs.reason }, () => {
  let browser: Browser;
  let server: PreviewServer;

  before(async () => {
    browser = await launchChromium(chromiumPath!);
    server = await startPreviewServer();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it(`has at least 50 payloads (${PAYLOADS.length})`, () => {
    assert.ok(PAYLOADS.length >= 50);
    assert.strictEqual(new Set(PAYLOADS).size, PAYLOADS.length);
  });

  async function inspect(page: Page, record: PageRecord): Promise<string[]> {
    // onerror and onload fire after the load event; give them a moment.
    await page.waitForTimeout(60);
    return page.evaluate(
      ({ dialogs, errors }) => {
        const problems: string[] = [];
        const w = window as unknown as { __pwned?: unknown };
        if (w.__pwned !== undefined) problems.push(`the canary ran: __pwned = ${String(w.__pwned)}`);
        if (dialogs.length) problems.push(`dialogs opened: ${dialogs.join(', ')}`);
        for (const e of errors) problems.push(`page error: ${e}`);
        const scripts = document.querySelectorAll('script');
        if (scripts.length !== 1 || !/\/media\/preview\.js$/.test(scripts[0].getAttribute('src') ?? '')) problems.push(`${scripts.length} script elements`);
        for (const el of Array.from(document.querySelectorAll('*'))) {
          for (const attr of Array.from(el.attributes)) {
            if (/^on/i.test(attr.name)) problems.push(`<${el.localName} ${attr.name}> handler`);
          }
          if (['iframe', 'object', 'embed', 'base', 'form', 'style', 'svg', 'math', 'video', 'input', 'details', 'noscript', 'textarea'].includes(el.localName)) {
            problems.push(`<${el.localName}> element`);
          }
          if (el.localName === 'meta' && el.getAttribute('http-equiv')?.toLowerCase() === 'refresh') problems.push('<meta refresh>');
        }
        for (const a of Array.from(document.querySelectorAll('a'))) {
          const href = a.getAttribute('href');
          if (href === null) continue;
          if (href.startsWith('#')) continue;
          const scheme = new URL(a.href).protocol;
          if (!['http:', 'https:', 'mailto:'].includes(scheme)) problems.push(`a link with the scheme ${scheme}: ${href}`);
        }
        for (const el of Array.from(document.querySelectorAll('[src], [srcset], [action], [formaction], [data], [xlink\\:href]'))) {
          if (el.localName === 'script') continue;
          const src = el.getAttribute('src') ?? el.getAttribute('srcset') ?? el.getAttribute('action') ?? el.getAttribute('data') ?? '';
          let scheme = '';
          try {
            scheme = new URL(src, location.href).protocol;
          } catch {
            scheme = 'unparsable';
          }
          if (!['http:', 'https:'].includes(scheme)) problems.push(`<${el.localName}> loading ${scheme} ${src}`);
        }
        return problems;
      },
      { dialogs: record.dialogs, errors: record.errors },
    );
  }

  for (const withCsp of [true, false]) {
    it(`none of the payloads runs or leaves a non-web link ${withCsp ? 'with the CSP' : 'with the CSP removed (escaping alone)'}`, async () => {
      const failures: string[] = [];
      const { page, record } = await openPage(browser);
      for (const payload of PAYLOADS) {
        const view = viewOf(articleWith(payload), 'file:///ws/ai/xss-case.md');
        assert.strictEqual(view.isArticle, true, `payload ${JSON.stringify(payload)} broke the frontmatter`);
        assert.strictEqual(view.title, payload, 'the payload did not reach the title');
        let html = pageHtml(server, view);
        if (!withCsp) {
          const csp = /<meta http-equiv="Content-Security-Policy"[^>]*>/.exec(html);
          assert.ok(csp, 'no CSP meta to remove');
          html = html.replace(csp[0], '');
        }
        record.dialogs.length = 0;
        record.errors.length = 0;
        await page.goto(server.host(html));
        const problems = await inspect(page, record);
        // The payload is shown, as text, where it was written (NUL, which HTML drops, as U+FFFD).
        const shown = payload.replace(/\0/g, '\uFFFD');
        const title = await page.textContent('h1.kart-title');
        if (title !== shown) problems.push(`the title shows ${JSON.stringify(title)}`);
        const statement = await page.textContent('#fact-0 .kart-fact-statement');
        if (statement !== shown) problems.push(`the statement shows ${JSON.stringify(statement)}`);
        if (problems.length) failures.push(`${JSON.stringify(payload)}:\n    ${problems.join('\n    ')}`);
      }
      await page.close();
      assert.deepStrictEqual(failures, []);
    });
  }

  it('the canary can fire: the same page with the payload injected raw runs it (the check above is not blind)', async () => {
    const { page, record } = await openPage(browser);
    const view = viewOf(articleWith('safe text'), 'file:///ws/ai/xss-case.md');
    const html = pageHtml(server, view)
      .replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '')
      .replace('<h1 class="kart-title">safe text</h1>', `<h1 class="kart-title"><img src=x onerror="${RUN}"></h1><a href="javascript:void 0">x</a>`);
    await page.goto(server.host(html));
    const problems = await inspect(page, record);
    await page.close();
    assert.ok(problems.some((p) => p.startsWith('the canary ran')), problems.join('\n'));
    assert.ok(problems.some((p) => p.startsWith('<img onerror> handler')), problems.join('\n'));
    assert.ok(problems.some((p) => p.startsWith('a link with the scheme javascript:')), problems.join('\n'));
  });
});
