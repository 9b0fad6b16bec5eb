/// <reference lib="dom" />
// Callbacks passed to page.evaluate run in the browser.
import * as assert from 'assert';
import { mkdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { renderPreviewContent } from '../../client/src/preview/render';
import { viewOf } from './articleViews';
import { Needs } from '../needs';
import { ROOT, ensureChromium, launchChromium, openPage, pageHtml, startPreviewServer, type PageRecord, type PreviewServer } from './previewPage';

const text = readFileSync(join(ROOT, 'test/fixtures/preview/instruction-tuning.md'), 'utf8');
const lineOf = (line: string) => text.split('\n').indexOf(line);
// A test artifact, under the ignored test-results/: a test run leaves the work tree as it found it.
const SCREENSHOT = join(ROOT, 'test-results/preview/preview.png');

type Posted = { type: string; line?: number; href?: string; id?: string };
const posted = (page: Page) => page.evaluate(() => (window as unknown as { __posted: Posted[] }).__posted.slice());

async function waitForPosted(page: Page, type: string): Promise<Posted> {
  const h = await page.waitForFunction((t) => (window as unknown as { __posted: Posted[] }).__posted.filter((m) => m.type === t).pop(), type, { timeout: 5000 });
  return (await h.jsonValue()) as Posted;
}

// Outside CI a Chromium that cannot be installed skips this file's tests, saying why; in CI it fails (test/needs.ts).
const needs = new Needs();
const chromiumPath = needs.get('Chromium', ensureChromium);

describe('preview page in Chromium', { skip: needs.reason }, () => {
  let browser: Browser;
  let server: PreviewServer;
  let page: Page;
  let record: PageRecord;

  before(async () => {
    browser = await launchChromium(chromiumPath!);
    server = await startPreviewServer();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  async function load(html: string): Promise<void> {
    ({ page, record } = await openPage(browser));
    await page.goto(server.host(html));
    await waitForPosted(page, 'ready');
  }

  it('shows the seed article: header, citation chips, mapped facts, facts table, sources, gaps, disputed (screenshot kept)', async () => {
    const view = viewOf(text);
    await load(pageHtml(server, view));
    assert.strictEqual(await page.textContent('h1.kart-title'), 'Instruction Tuning: Teaching LLMs to Follow Directions');
    assert.match((await page.textContent('.kart-meta'))!, /ai.*confidence\s*high.*last verified\s*2026-05-24 \(8 days ago\)/s);

    const chips = await page.$$eval('.kart-citation .kart-chip', (els) => els.map((e) => ({ id: e.textContent, title: e.getAttribute('title'), href: e.getAttribute('href') })));
    assert.deepStrictEqual(chips.map((c) => c.id), ['@f1', '@f3', '@f2', '@f3']);
    assert.deepStrictEqual(chips.map((c) => c.href), ['#fact-0', '#fact-2', '#fact-1', '#fact-2']);
    assert.strictEqual(chips[2].title, view.facts[1].statement);
    assert.match(chips[2].title!, /^Scaling instruction tuning \(Chung et al\. 2022/);
    // The locator stays as text around the chip: [see @f3, p. 2].
    assert.deepStrictEqual(await page.$$eval('.kart-citation', (els) => els.map((e) => e.textContent)), ['[@f1; @f3]', '[@f2]', '[see @f3, p. 2]']);

    const mapped = await page.$$eval('li.kart-mapped', (els) => els.map((e) => ({ chip: e.querySelector('.kart-chip')?.textContent, unmatched: e.classList.contains('kart-mapped-unmatched') })));
    assert.deepStrictEqual(mapped, [
      { chip: '@f1', unmatched: false },
      { chip: '@f2', unmatched: false },
      { chip: '@f3', unmatched: false },
    ]);

    const rows = await page.$$eval('.kart-facts tbody tr', (trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => (td.textContent ?? '').trim())));
    assert.strictEqual(rows.length, 3);
    assert.deepStrictEqual(rows.map((r) => r[0]), ['f1', 'f2', 'f3']);
    assert.match(rows[0][1], /^FLAN \(Wei et al\. 2022, Google, ICLR\)/);
    assert.strictEqual(rows[0][2], 'Wei, Jason, et al. Finetuned Language Models Are Zero-Shot Learners. ICLR 2022');
    assert.deepStrictEqual(rows.map((r) => r[3]), ['high', 'high', 'high']);
    assert.deepStrictEqual(rows.map((r) => r[4]), ['1 + 1 mapped', '1 + 1 mapped', '2 + 1 mapped']);

    assert.strictEqual(await page.locator('.kart-sources h3:text("Primary") + ol > li').count(), 2);
    assert.strictEqual(await page.locator('.kart-sources h3:text("Secondary") + ol > li').count(), 4);
    assert.deepStrictEqual(await page.$$eval('.kart-gaps li', (els) => els.map((e) => e.textContent)), ['Instruction diversity impact on generalization', 'Multilingual instruction tuning']);
    assert.deepStrictEqual(await page.$$eval('.kart-disputed li', (els) => els.map((e) => e.textContent)), ['No major disputed statements identified']);
    const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => a.getAttribute('href')!));
    assert.ok(hrefs.every((h) => h.startsWith('#fact-') || h.startsWith('https://')), hrefs.join(' '));
    assert.deepStrictEqual(record.errors, []);
    assert.deepStrictEqual(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations), []);

    mkdirSync(join(ROOT, 'test-results/preview'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    assert.ok(statSync(SCREENSHOT).size > 20_000, 'the screenshot is suspiciously small');
    await page.close();
  });

  it('shows the seed article exactly as shipped (no citations yet): its three facts, six sources, no chips', async () => {
    const seed = readFileSync(join(ROOT, 'test/corpus/seeds/000_aa1be8cad8dc091c.txt'), 'utf8');
    await load(pageHtml(server, viewOf(seed)));
    assert.strictEqual(await page.locator('.kart-facts tbody tr').count(), 3);
    assert.strictEqual(await page.locator('.kart-sources li').count(), 6);
    assert.strictEqual(await page.locator('.kart-chip').count(), 0);
    // Nothing cites the facts yet: the table says so.
    assert.deepStrictEqual(await page.$$eval('.kart-facts tbody tr', (trs) => trs.map((tr) => tr.classList.contains('kart-fact-uncited'))), [true, true, true]);
    assert.deepStrictEqual(await page.$$eval('.kart-body h2', (hs) => hs.map((h) => h.textContent)), ['TL;DR', 'Core Explanation', 'Detailed Analysis', 'Further Reading']);
    await page.close();
  });

  it('a chip jumps to its fact card; a card reveals its fact in the editor', async () => {
    await load(pageHtml(server, viewOf(text)));
    await page.click('.kart-citation .kart-chip[data-fact="f2"]');
    await page.waitForFunction(() => {
      const card = document.getElementById('fact-1')!;
      const r = card.getBoundingClientRect();
      return card.classList.contains('kart-flash') && r.top >= 0 && r.bottom <= window.innerHeight;
    });
    await page.click('#fact-1 .kart-fact-statement');
    const reveal = await waitForPosted(page, 'revealFact');
    assert.deepStrictEqual(reveal, { type: 'revealFact', line: lineOf('  - id: f2'), id: 'f2' });
    await page.close();
  });

  it('links go to the extension to open, the page never navigates', async () => {
    await load(pageHtml(server, viewOf(text)));
    const url = page.url();
    await page.click('.kart-sources a[href="https://arxiv.org/abs/2212.10560"]');
    assert.deepStrictEqual(await waitForPosted(page, 'openLink'), { type: 'openLink', href: 'https://arxiv.org/abs/2212.10560' });
    assert.strictEqual(page.url(), url);
    await page.close();
  });

  it('scroll sync: the editor line moves the page, and scrolling the page reports its top line', async () => {
    await load(pageHtml(server, viewOf(text)));
    const heading = lineOf('## Detailed Analysis');
    await page.evaluate((line) => window.postMessage({ type: 'scrollToLine', line }, '*'), heading);
    await page.waitForFunction((line) => {
      const h = document.querySelector(`[data-line="${line}"]`)!;
      return Math.abs(h.getBoundingClientRect().top) < 20;
    }, heading);
    await page.waitForTimeout(300);
    const mapped = lineOf('## Source-Mapped Facts');
    await page.evaluate((line) => document.querySelector(`[data-line="${line}"]`)!.scrollIntoView({ block: 'start' }), mapped);
    await page.waitForFunction((line) => (window as unknown as { __posted: Posted[] }).__posted.some((m) => m.type === 'revealLine' && m.line === line), mapped);
    await page.close();
  });

  it('scroll sync maps the facts table to atomic_facts and the source lists to theirs, both ways', async () => {
    await load(pageHtml(server, viewOf(text)));
    // Short, so that every row and list can reach the top of the page.
    await page.setViewportSize({ width: 1100, height: 400 });
    const f2 = lineOf('  - id: f2');
    // At the top of the page, or as far down as the page goes with it in view.
    const near = (selector: string) =>
      page.waitForFunction(
        (sel) => {
          const top = document.querySelector(sel)!.getBoundingClientRect().top;
          const atEnd = Math.ceil(window.scrollY + window.innerHeight) >= document.documentElement.scrollHeight;
          return Math.abs(top) < 20 || (atEnd && top > 0 && top < window.innerHeight);
        },
        selector,
        { timeout: 5000 },
      );
    // The editor at a fact (or inside it) shows its row, not the end of the body.
    await page.evaluate((line) => window.postMessage({ type: 'scrollToLine', line }, '*'), f2 + 2);
    await near('#fact-1');
    const secondary = lineOf('secondary_sources:') + 1;
    await page.evaluate((line) => window.postMessage({ type: 'scrollToLine', line }, '*'), secondary);
    await near('.kart-sources h3:nth-of-type(2)');
    await page.waitForTimeout(300);
    // The page scrolled to a row or a list: the editor goes to its block in the frontmatter.
    await page.evaluate(() => document.getElementById('fact-2')!.scrollIntoView({ block: 'start' }));
    await page.waitForFunction((line) => (window as unknown as { __posted: Posted[] }).__posted.at(-1)?.line === line, lineOf('  - id: f3'));
    await page.waitForTimeout(300);
    await page.evaluate(() => document.querySelector('.kart-sources h2')!.scrollIntoView({ block: 'start' }));
    await page.waitForFunction((line) => (window as unknown as { __posted: Posted[] }).__posted.at(-1)?.line === line, lineOf('primary_sources:') + 1);
    await page.close();
  });

  it('a click on a fact row keeps the page where it is, even when the editor scrolls back', async () => {
    await load(pageHtml(server, viewOf(text)));
    await page.evaluate(() => document.getElementById('fact-1')!.scrollIntoView({ block: 'center' }));
    await page.waitForTimeout(300);
    const before = await page.evaluate(() => Math.round(window.scrollY));
    assert.ok(before > 300, `the page scrolled to the facts (${before})`);
    await page.click('#fact-1 .kart-fact-statement');
    await waitForPosted(page, 'revealFact');
    // What the editor's move to `- id: f2` would send back.
    await page.evaluate((line) => window.postMessage({ type: 'scrollToLine', line }, '*'), lineOf('  - id: f2'));
    await page.waitForTimeout(300);
    assert.strictEqual(await page.evaluate(() => Math.round(window.scrollY)), before);
    await page.close();
  });

  it('an update replaces the content in place: no reload, the scroll position kept', async () => {
    await load(pageHtml(server, viewOf(text)));
    await page.evaluate(() => {
      (window as unknown as { __sameDocument: boolean }).__sameDocument = true;
      window.scrollTo(0, 500);
    });
    const edited = viewOf(text.replace('## Further Reading', 'A sentence typed just now [@f2].\n\n## Further Reading'));
    const update = { type: 'update', html: renderPreviewContent(edited), uri: edited.uri, version: 2, bodyStartLine: edited.bodyStartLine };
    await page.evaluate((m) => window.postMessage(m, '*'), update);
    await page.waitForFunction(() => document.body.textContent!.includes('A sentence typed just now'));
    assert.strictEqual(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument), true);
    assert.strictEqual(await page.evaluate(() => Math.round(window.scrollY)), 500);
    assert.strictEqual(await page.locator('.kart-citation .kart-chip').count(), 5);
    await page.close();
  });

  it('a <script> or onerror= written in an article does not run', async () => {
    const hostile = text
      .replace('title: "Instruction Tuning: Teaching LLMs to Follow Directions"', 'title: "<img src=x onerror=window.__pwned=1>Tuning"')
      .replace('## Core Explanation\n', '## Core Explanation\n<script>window.__pwned=1</script>\n\n<img src=x onerror="window.__pwned=2">\n\n');
    const view = viewOf(hostile);
    await load(pageHtml(server, view));
    await page.waitForTimeout(200);
    assert.strictEqual(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned), undefined);
    assert.strictEqual(await page.textContent('h1.kart-title'), '<img src=x onerror=window.__pwned=1>Tuning');
    const body = (await page.textContent('.kart-body'))!;
    assert.ok(body.includes('<script>window.__pwned=1</script>'), 'the script tag is not shown as text');
    assert.ok(body.includes('<img src=x onerror="window.__pwned=2">'), 'the img tag is not shown as text');
    assert.strictEqual(await page.locator('script').count(), 1);
    assert.strictEqual(await page.locator('img').count(), 0);
    assert.deepStrictEqual(record.dialogs, []);
    await page.close();
  });
});
