/// <reference lib="dom" />
// Callbacks passed to evaluate() run in the browser.
/**
 * An author's flows in a real VS Code (code-server), done as a person does them: Playwright types and clicks on the
 * workbench, and each scenario asserts what the screen then shows (editor lines, squiggles, widgets, the preview's
 * page) and keeps a screenshot in test-results/scenarios/. One code-server and one window serve every scenario; the
 * extension is this checkout's (extensionDevelopmentPath), with no test code inside VS Code.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { join, resolve } from 'path';
import { pathToFileURL } from 'url';
import type { Browser, BrowserContext } from 'playwright-core';
import { Workbench, until } from './workbenchDriver';
import { Needs } from '../needs';

type Harness = typeof import('./harness.mjs');

/** What a scenario saw on screen, in the test's output. */
const saw = (scenario: string, what: string) => process.stderr.write(`[scenario ${scenario}] ${what}\n`);

const ROOT = resolve(__dirname, '../../..');
const SHOTS = join(ROOT, 'test-results', 'scenarios');
const SEED = readFileSync(join(ROOT, 'test/vscode/workspace/ai/instruction-tuning.md'), 'utf8');

/** The seed article under another id (so the copies do not collide), with `change` applied. */
const seedAs = (id: string, change: (t: string) => string = (t) => t) => change(SEED.replace(/^id: instruction-tuning$/m, `id: ${id}`));

/** 1-based line and column of the `nth` (0-based) occurrence of `needle` in `text`, plus `offset` characters. */
function where(text: string, needle: string, nth = 0, offset = 0): { line: number; column: number } {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" (#${nth}) is not in the scenario's text`);
  }
  at += offset;
  const before = text.slice(0, at).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

/** f2's confidence misspelt, as an author's fingers do it. */
const withHgih = (t: string) => t.replace(/(- id: f2[\s\S]*?confidence: )high/, '$1hgih');

const FILES: Record<string, string> = {
  'ai/snippet-entry.md': seedAs('snippet-entry'),
  'ai/syntax-error.md': seedAs('syntax-error', (t) => withHgih(t.replace('id: syntax-error', 'id:"syntax-error"'))),
  'ai/did-you-mean.md': seedAs('did-you-mean', withHgih),
  'ai/preview-scroll.md': seedAs('preview-scroll'),
  'ai/field-names.md': seedAs('field-names'),
  'ai/insert-source.md': seedAs('insert-source'),
  'ai/references.md': seedAs('references', (t) =>
    t
      .replace('Data quality matters more than quantity', 'Data quality matters more than quantity [@f1]')
      .replace('Evol-Instruct (WizardLM) iteratively', 'Evol-Instruct (WizardLM), after FLAN [@f1], iteratively'),
  ),
};

describe('an author in a real VS Code: keyboard and mouse on the workbench', () => {
  let h: Harness;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let server: Awaited<ReturnType<Harness['startCodeServer']>> | undefined;
  let tmp: { dir: string; remove(): void } | undefined;
  let wb: Workbench;
  let folder = '';

  const needs = new Needs();

  before(async () => {
    h = await import(pathToFileURL(join(ROOT, 'test/vscode/harness.mjs')).href);
    // Outside CI a code-server that cannot be installed skips these tests, saying why; in CI it fails (test/needs.ts).
    const install = needs.get('code-server (scripts/ensure-code-server.sh)', () => h.ensureCodeServer(ROOT));
    if (!install) return;
    tmp = h.scratch('kart-scenarios-');
    folder = join(tmp.dir, 'workspace');
    cpSync(join(ROOT, 'test/vscode/workspace'), folder, { recursive: true });
    for (const [path, text] of Object.entries(FILES)) writeFileSync(join(folder, path), text);
    rmSync(SHOTS, { recursive: true, force: true });
    mkdirSync(SHOTS, { recursive: true });
    server = await h.startCodeServer({
      install,
      dataDir: join(tmp.dir, 'data'),
      folder,
      logFile: join(ROOT, 'test-results', 'code-server-scenarios.log'),
      settings: {
        'workbench.editor.enablePreview': false,
        'workbench.secondarySideBar.defaultVisibility': 'hidden',
        'editor.minimap.enabled': false,
        'editor.hover.delay': 200,
        // Closing a changed editor between scenarios must not stop at a save dialog.
        'files.autoSave': 'afterDelay',
        'files.autoSaveDelay': 300,
      },
    });
    browser = await h.launchChromium(install);
    context = await browser.newContext({ viewport: { width: 1400, height: 900 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    const payload = [['extensionDevelopmentPath', h.remoteUri(ROOT)]];
    await page.goto(`${server.url}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    await page.locator('.monaco-workbench .part.editor').waitFor({ timeout: 60_000 });
    wb = new Workbench(page);
    // The extension is up once an article shows its status bar item ("3 facts").
    await wb.openFile('ai/instruction-tuning.md');
    await until(() => page.locator('.statusbar-item', { hasText: /\d+ facts?/ }).count(), 'the extension to activate (its status bar item)', 60_000);
    await wb.closeAll();
  });

  /** A scenario: on failure the screen as it was is kept (failed-<name>.png) and the window is emptied for the next. */
  const grep = process.env.KART_SCENARIO_GREP ? new RegExp(process.env.KART_SCENARIO_GREP) : undefined;
  const scenario = (name: string, title: string, timeout: number, run: () => Promise<void>) =>
    it(title, { timeout, skip: grep && !grep.test(`${name} ${title}`) ? 'KART_SCENARIO_GREP' : false }, async (t) => {
      if (needs.skip(t)) return;
      try {
        await run();
      } catch (e) {
        await wb.screenshot(join(SHOTS, `failed-${name}.png`)).catch(() => undefined);
        await wb.closeAll().catch(() => undefined);
        throw e;
      }
    });

  after(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await server?.stop();
    tmp?.remove();
  });

  scenario('snippet', 'a snippet prefix typed at a new atomic_facts item is offered as kart-fact and accepted into a new fact f4', 120_000, async () => {
    const text = FILES['ai/snippet-entry.md'];
    await wb.openFile('ai/snippet-entry.md');
    const last = where(text, '    confidence: high', 2);
    await wb.goTo(last.line, 1);
    await wb.page.keyboard.press('End');
    await wb.page.keyboard.press('Enter');
    await until(async () => (await wb.cursor()).line === last.line + 1, 'the cursor on the new line', 5_000);
    // Back to the list's two-space level, as an author does with Backspace (each press waits for the status bar).
    let column = (await wb.cursor()).column;
    while (column > 3) {
      const was = column;
      await wb.page.keyboard.press('Backspace');
      column = await until(async () => {
        const c = (await wb.cursor()).column;
        return c < was ? c : undefined;
      }, 'Backspace to take the cursor left', 5_000);
    }
    if (column < 3) await wb.page.keyboard.type(' '.repeat(3 - column));
    assert.equal((await wb.lineText(last.line + 1))?.length, 2, 'the new line holds the two spaces of the list level');
    // The suggestions open while typing; when the list that opened is the word list of a moment before the server
    // answered, the author presses Ctrl+Space, as the flow does.
    await wb.page.keyboard.type('fact', { delay: 120 });
    const rows = await wb.suggestions('kart-fact', 5_000).catch(async () => {
      saw('snippet', 'kart-fact not offered 5 s after typing "fact": Ctrl+Space');
      await wb.page.keyboard.press('Control+Space');
      return wb.suggestions('kart-fact');
    });
    const focused = await wb.page.locator('.suggest-widget.visible .monaco-list-row.focused').innerText();
    await wb.screenshot(join(SHOTS, 'snippet-offered.png'));
    saw('snippet', `suggestions while typing "fact": ${rows.map((r) => r.replace(/\s+/g, ' ').trim()).join(' | ')}`);
    assert.match(focused, /kart-fact/, `the focused suggestion (of ${rows.join(' | ')})`);
    await wb.page.keyboard.press('Enter');
    const line = last.line + 1;
    await until(async () => (await wb.lineText(line)) === '  - id: f4', `line ${line} to read "  - id: f4"`, 10_000).catch(async (e) => {
      throw new Error(`${(e as Error).message}; the editor shows: ${JSON.stringify([...(await wb.visibleLines())].filter(([n]) => n >= line - 1 && n <= line + 5))}`);
    });
    const shown = await wb.visibleLines();
    saw('snippet', `after Enter: ${JSON.stringify([line, line + 1, line + 2, line + 3, line + 4].map((n) => shown.get(n)))}`);
    assert.match(shown.get(line + 1) ?? '', /^    statement: /);
    await wb.screenshot(join(SHOTS, 'snippet-accepted.png'));
    await wb.page.keyboard.press('Escape');
    await wb.closeAll();
  });

  scenario('field-names', 'field names are suggested while typing a key in the frontmatter, without Ctrl+Space', 60_000, async () => {
    const text = FILES['ai/field-names.md'];
    await wb.openFile('ai/field-names.md');
    await wb.goTo(where(text, 'updated: "2026-05-24"').line, 1);
    await wb.page.keyboard.press('End');
    await wb.page.keyboard.press('Enter');
    await wb.page.keyboard.type('sta', { delay: 120 });
    const rows = await wb.suggestions('status');
    await wb.screenshot(join(SHOTS, 'field-names-while-typing.png'));
    saw('field-names', `suggestions while typing "sta": ${rows.map((r) => r.replace(/\s+/g, ' ').trim()).join(' | ')}`);
    assert.ok(rows.some((r) => /^status/.test(r.trim())), rows.join(' | '));
    await wb.page.keyboard.press('Escape');
    // The body is prose: typing there opens nothing.
    await wb.goTo(where(text, '## Further Reading').line + 1, 1);
    await wb.page.keyboard.type('Sta', { delay: 120 });
    await new Promise((r) => setTimeout(r, 1000));
    assert.equal(await wb.page.locator('.suggest-widget.visible').count(), 0, 'a suggestion list opened in the body');
    await wb.closeAll();
  });

  scenario('symbols', 'Go to Symbol lists the TL;DR heading once', 60_000, async () => {
    await wb.openFile('ai/preview-scroll.md');
    await wb.page.keyboard.press('Control+Shift+O');
    await wb.page.locator('.quick-input-widget input').waitFor({ state: 'visible' });
    await wb.page.keyboard.type('TL;DR');
    const rows = await until(async () => {
      const all = await wb.page.locator('.quick-input-list .monaco-list-row').allInnerTexts();
      return all.some((r) => r.includes('TL;DR')) ? all : undefined;
    }, 'the TL;DR symbol');
    await new Promise((r) => setTimeout(r, 500));
    const final = await wb.page.locator('.quick-input-list .monaco-list-row').allInnerTexts();
    await wb.screenshot(join(SHOTS, 'symbols-once.png'));
    saw('symbols', `Go to Symbol "TL;DR": ${final.map((r) => r.trim()).join(' | ')}`);
    assert.equal(final.filter((r) => r.includes('TL;DR')).length, 1, `rows: ${final.join(' | ')} (first seen: ${rows.join(' | ')})`);
    await wb.closeAll();
  });

  scenario('insert-source', 'Insert Source leaves no error in the article', 60_000, async () => {
    await wb.openFile('ai/insert-source.md');
    await until(async () => wb.page.locator('.statusbar-item', { hasText: /\d+ facts?/ }).count(), 'the article status');
    await wb.command('Knowledge Articles: Insert Source');
    // Insert Source first asks how (an empty entry, an import, the bibliography), then into which list.
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Empty entry' }).first().waitFor();
    await wb.page.keyboard.press('Enter');
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Primary source' }).first().waitFor();
    await wb.page.keyboard.press('Enter');
    const inserted = await until(async () => {
      const lines = [...(await wb.visibleLines()).values()];
      return lines.some((l) => /^\s+url: /.test(l)) && lines.filter((l) => /^  - title: /.test(l)).length >= 1 ? lines : undefined;
    }, 'the inserted source');
    await wb.page.keyboard.press('Escape');
    await new Promise((r) => setTimeout(r, 2500));
    const errors = await wb.page.locator('.editor-group-container.active .monaco-editor [class*="squiggly-error"]').count();
    await wb.screenshot(join(SHOTS, 'insert-source.png'));
    saw('insert-source', `inserted: ${inserted.filter((l) => /^  - title: |^    (type|year|url|institution): /.test(l)).slice(-5).join(' / ')}; error squiggles on screen: ${errors}`);
    assert.ok(!inserted.some((l) => /url: https:\/\/$/.test(l.trimEnd())), inserted.join('\n'));
    assert.equal(errors, 0, 'error squiggles on screen after Insert Source');
    await wb.closeAll();
  });

  scenario('syntax-error', 'a schema squiggle shows on hgih while a YAML syntax error stands on line 2', 90_000, async () => {
    await wb.openFile('ai/syntax-error.md');
    const at = where(FILES['ai/syntax-error.md'], 'confidence: hgih');
    await wb.goTo(at.line, 1);
    const overValue = await until(async () => {
      const s = await wb.squigglesOver('hgih');
      return s.length && !s.includes('(text not visible)') ? s : undefined;
    }, 'a squiggle under hgih');
    const hover = await wb.hoverText('hgih');
    await wb.screenshot(join(SHOTS, 'squiggle-despite-syntax-error.png'));
    saw('syntax-error', `squiggles under hgih: ${overValue.join(', ')}; hover: ${hover.replace(/\s+/g, ' ').slice(0, 200)}`);
    assert.match(hover, /high/, `the hover on hgih: ${hover}`);
    await wb.goTo(2, 1);
    const overSyntax = await until(async () => {
      const s = await wb.squigglesOver('id:"syntax-error"');
      return s.length && !s.includes('(text not visible)') ? s : undefined;
    }, 'the syntax error squiggle on line 2');
    saw('syntax-error', `squiggles on line 2 (id:"syntax-error"): ${overSyntax.join(', ')}`);
    assert.ok(overSyntax.includes('error'), `line 2's squiggles: ${overSyntax.join(', ')}`);
    assert.ok(overValue.length >= 1, `hgih's squiggles: ${overValue.join(', ')}`);
    await wb.closeAll();
  });

  scenario('did-you-mean', 'Ctrl+. then Enter on hgih writes high', 90_000, async () => {
    await wb.openFile('ai/did-you-mean.md');
    const at = where(FILES['ai/did-you-mean.md'], 'hgih');
    await wb.goTo(at.line, at.column + 1);
    await until(async () => (await wb.squigglesOver('hgih')).some((s) => s !== '(text not visible)'), 'the squiggle under hgih');
    await wb.page.keyboard.press('Control+.');
    const menu = wb.page.locator('.action-widget .monaco-list-row');
    await menu.first().waitFor({ state: 'visible', timeout: 15_000 });
    const offered = await menu.allInnerTexts();
    const focused = await wb.page.locator('.action-widget .monaco-list-row.focused').innerText().catch(() => '');
    await wb.screenshot(join(SHOTS, 'did-you-mean-menu.png'));
    saw('did-you-mean', `Ctrl+. menu: ${offered.map((r) => r.trim()).join(' | ')}; focused: ${focused.trim()}`);
    assert.match(focused, /high/, `the focused fix (of ${offered.join(' | ')})`);
    await wb.page.keyboard.press('Enter');
    await until(async () => (await wb.lineText(at.line)) === '    confidence: high', `line ${at.line} to read "    confidence: high"`, 10_000);
    saw('did-you-mean', `after Enter, line ${at.line}: ${await wb.lineText(at.line)}`);
    await wb.screenshot(join(SHOTS, 'did-you-mean-fixed.png'));
    await wb.closeAll();
  });

  scenario('preview', 'scrolling the preview to the facts moves the editor to atomic_facts; a click on the f2 row selects it and the preview keeps its scroll', 120_000, async () => {
    const text = FILES['ai/preview-scroll.md'];
    // A plain Markdown file keeps VS Code's own preview button, and has none of the extension's.
    await wb.openFile('README.md');
    const builtin = wb.page.locator('.editor-group-container.active .editor-actions .action-label[aria-label^="Open Preview to the Side"]');
    await builtin.waitFor({ state: 'visible', timeout: 20_000 });
    assert.equal(await wb.page.locator('.editor-actions .action-label[aria-label^="Open Article Preview"]').count(), 0);
    await wb.openFile('ai/preview-scroll.md');
    const button = wb.page.locator('.editor-actions .action-label[aria-label^="Open Article Preview to the Side"]');
    await button.waitFor({ state: 'visible', timeout: 20_000 });
    // One preview button on an article: the built-in one is not shown beside it.
    const previewButtons: (string | null)[] = await wb.page.locator('.editor-group-container.active .editor-actions .action-label[aria-label*="Preview"]').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
    saw('preview', `preview buttons on the article: ${JSON.stringify(previewButtons.map((l) => l!.split('\n')[0]))}`);
    assert.deepEqual(previewButtons.map((l) => l!.split('\n')[0]), ['Open Article Preview to the Side (Ctrl+K Alt+V)']);
    await button.click();
    const frame = await wb.webviewFrame('Self-Instruct: Aligning Language Models');
    const iframe = await wb.page.locator('iframe.webview.ready').last().boundingBox();
    assert.ok(iframe, 'the preview webview is on screen');
    // The mouse wheel over the preview until the f2 row is in view.
    await wb.page.mouse.move(iframe.x + iframe.width / 2, iframe.y + iframe.height / 2);
    for (let i = 0; i < 40; i++) {
      const top = await frame.evaluate(() => document.getElementById('fact-1')!.getBoundingClientRect().top);
      if (top < 300) break;
      await wb.page.mouse.wheel(0, 200);
      await new Promise((r) => setTimeout(r, 120));
    }
    await new Promise((r) => setTimeout(r, 800));
    const before = await frame.evaluate(() => window.scrollY);
    assert.ok(before > 300, `the preview scrolled down to the facts (scrollY ${before})`);
    // The editor followed to the facts block of the frontmatter, not to the end of the body.
    const facts = { from: where(text, 'atomic_facts:').line, to: where(text, 'completeness:').line };
    const shownTop = Math.min(...(await wb.visibleLines()).keys());
    saw('preview', `preview scrolled to the facts: scrollY ${before}; the editor's top line ${shownTop} (atomic_facts: lines ${facts.from}–${facts.to})`);
    assert.ok(shownTop >= facts.from - 1 && shownTop <= facts.to, `the editor's top line ${shownTop} is in atomic_facts (lines ${facts.from}–${facts.to})`);
    await frame.locator('#fact-1 .kart-fact-statement').click();
    const f2 = where(text, '  - id: f2').line;
    await until(async () => (await wb.cursor()).line === f2, `the editor's cursor on line ${f2} (- id: f2)`, 10_000);
    await new Promise((r) => setTimeout(r, 1500));
    const afterClick = await frame.evaluate(() => window.scrollY);
    await wb.screenshot(join(SHOTS, 'preview-click-keeps-scroll.png'));
    saw('preview', `after the click on the f2 row: the editor's line ${f2} "${(await wb.visibleLines()).get(f2)}", preview scrollY ${afterClick}`);
    assert.ok(Math.abs(afterClick - before) <= 4, `the preview's scroll: ${before} before the click, ${afterClick} after`);
    assert.equal((await wb.visibleLines()).get(f2), '  - id: f2');
    await wb.closeAll();
  });

  scenario('references', 'Shift+F12 on [@f1] lists each citation once', 90_000, async () => {
    const text = FILES['ai/references.md'];
    await wb.openFile('ai/references.md');
    const at = where(text, '[@f1]', 0, 2);
    await wb.goTo(at.line, at.column + 1);
    await new Promise((r) => setTimeout(r, 1000));
    await wb.page.keyboard.press('Shift+F12');
    const title = wb.page.locator('.peekview-widget .peekview-title');
    await title.waitFor({ state: 'visible', timeout: 15_000 });
    const heading = await title.innerText();
    const rows = await until(async () => {
      const all = await wb.page.locator('.peekview-widget .monaco-list-row').allInnerTexts();
      return all.length ? all : undefined;
    }, 'the rows of the references peek');
    await wb.screenshot(join(SHOTS, 'references-once.png'));
    // Three citations and the fact's id in the frontmatter, each once.
    assert.equal((text.match(/\[@f1\]/g) ?? []).length, 3);
    const seen = `the peek's title: ${heading.split('\n').pop()}; rows: ${rows.join(' | ')}`;
    saw('references', seen);
    assert.match(heading, /References \(4\)/, seen);
    assert.equal(rows.filter((r) => r.includes('[@f1]')).length, 3, seen);
    assert.equal(rows.filter((r) => r.includes('- id: f1')).length, 1, seen);
    await wb.closeAll();
  });

  scenario('new-article', 'New Article: the untouched template gets its placeholder findings; the same title again asks first', 120_000, async () => {
    const page = wb.page;
    const newArticle = async (title: string) => {
      await wb.command('Knowledge Articles: New Article');
      await page.locator('.quick-input-widget .quick-input-title', { hasText: 'New Article' }).waitFor({ state: 'visible' });
      await page.keyboard.type(title);
      await page.keyboard.press('Enter');
    };
    await newArticle('Untouched Template');
    await page.locator('.tab.active', { hasText: 'untouched-template.md' }).waitFor({ timeout: 20_000 });
    await page.keyboard.press('Control+Shift+M');
    // The Problems panel lists the whole workspace; its filter, as an author narrows it, keeps the new file's rows on screen.
    const filter = page.locator('.markers-panel-action-filter input, .viewpane-filter input').first();
    await filter.waitFor({ state: 'visible', timeout: 10_000 });
    await filter.click();
    await page.keyboard.type('**/untouched-template.md');
    const rows = page.locator('.markers-panel .monaco-list-row');
    const placeholderRows = await until(async () => {
      const all = await rows.allInnerTexts();
      const found = all.filter((r) => /placeholder-text/.test(r));
      return found.length >= 3 ? found : undefined;
    }, 'placeholder-text findings in the Problems panel', 30_000);
    await wb.screenshot(join(SHOTS, 'template-placeholders.png'));
    saw('new-article', `${placeholderRows.length} placeholder-text rows in Problems: ${placeholderRows.map((r) => r.replace(/\s+/g, ' ').slice(0, 90)).join(' | ')}`);
    // The template's fact and source, left as they came: each of their placeholders is named.
    for (const what of [/statement of fact "f1"/, /source_url of fact "f1"/, /title of primary_sources/]) {
      assert.ok(placeholderRows.some((r) => what.test(r)), `${what} among:\n${placeholderRows.join('\n')}`);
    }
    await filter.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Control+Shift+M');

    // The same title again: a question first, and Cancel writes nothing.
    await newArticle('Untouched Template');
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible', timeout: 15_000 });
    const question = await dialog.innerText();
    await wb.screenshot(join(SHOTS, 'new-article-title-taken.png'));
    saw('new-article', `same title again: ${question.replace(/\s+/g, ' ')}`);
    assert.match(question, /already exists/);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await new Promise((r) => setTimeout(r, 1000));
    assert.equal(await page.locator('.tab', { hasText: 'untouched-template-2.md' }).count(), 0);
    await wb.closeAll();
  });
});
