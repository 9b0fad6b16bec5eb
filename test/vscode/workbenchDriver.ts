/// <reference lib="dom" />
// Callbacks passed to page.evaluate run in the browser.
/**
 * Drives the code-server workbench from outside, as a person does: the keyboard and the mouse through Playwright, and
 * what the screen shows read back from the page (editor lines, squiggles, widgets, the preview's iframe). No VS Code API.
 */
import { mkdirSync } from 'fs';
import { dirname } from 'path';
import type { Frame, Locator, Page } from 'playwright-core';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls until `check` gives a truthy value; fails with `what` (and the last value seen) when time runs out. */
export async function until<T>(check: () => Promise<T> | T, what: string, timeoutMs = 20_000): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v as NonNullable<T>;
      last = v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${String(last)})`);
    await sleep(150);
  }
}

export class Workbench {
  constructor(readonly page: Page) {}

  /** Ctrl+P, the file's path, Enter: the editor for it is active. */
  async openFile(relativePath: string): Promise<void> {
    const page = this.page;
    const name = relativePath.split('/').pop()!;
    const input = page.locator('.quick-input-widget input');
    await page.keyboard.press('Control+P');
    await input.waitFor({ state: 'visible' });
    await page.keyboard.type(relativePath);
    await until(async () => (await input.inputValue()) === relativePath, `the quick open box to read ${relativePath}`, 5_000);
    // Enter takes the focused row: wait for the search to put the file there (the recent files come first).
    await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: name }).waitFor({ timeout: 30_000 });
    await page.keyboard.press('Enter');
    await page.locator('.tab.active', { hasText: name }).waitFor({ timeout: 15_000 });
    await this.page.locator('.editor-group-container.active .monaco-editor .view-lines').waitFor();
  }

  /** Ctrl+G to a 1-based line and column. */
  async goTo(line: number, column = 1): Promise<void> {
    await this.page.keyboard.press('Control+G');
    await this.page.locator('.quick-input-widget input').waitFor({ state: 'visible' });
    await this.page.keyboard.type(`${line}:${column}`);
    await this.page.keyboard.press('Enter');
    await until(async () => (await this.cursor()).line === line, `the cursor on line ${line}`, 5_000);
  }

  /** The cursor as the status bar shows it ("Ln 24, Col 5"). */
  async cursor(): Promise<{ line: number; column: number }> {
    const text = await this.page.locator('.statusbar-item[id="status.editor.selection"]').innerText();
    const m = /Ln (\d+), Col (\d+)/.exec(text);
    return m ? { line: Number(m[1]), column: Number(m[2]) } : { line: -1, column: -1 };
  }

  /**
   * The active group's text editor; when the active group holds none (a click in the preview can leave the webview's
   * group active, its focus message arriving after the editor was shown), the text editor beside it.
   */
  private async textEditor(): Promise<Locator> {
    const active = this.page.locator('.editor-group-container.active .monaco-editor');
    if (await active.count()) return active.first();
    return this.page.locator('.editor-group-container .monaco-editor').first();
  }

  /** The text editor's visible lines as shown: line number and text (a wrapped line joined back). */
  async visibleLines(): Promise<Map<number, string>> {
    const rows = await (await this.textEditor()).evaluate((editor) => {
      const top = (el: Element) => parseFloat((el as HTMLElement).style.top || '0');
      const numbers = Array.from(editor.querySelectorAll('.margin-view-overlays .line-numbers'), (el) => ({ top: top(el.parentElement!), n: Number(el.textContent) }))
        .filter((x) => Number.isFinite(x.n) && x.n > 0)
        .sort((a, b) => a.top - b.top);
      const lines = Array.from(editor.querySelectorAll('.view-lines .view-line'), (el) => ({ top: top(el), text: (el.textContent ?? '').replace(/\u00a0/g, ' ') })).sort((a, b) => a.top - b.top);
      return numbers.map((num, i) => {
        const next = numbers[i + 1]?.top ?? Infinity;
        return [num.n, lines.filter((l) => l.top >= num.top && l.top < next).map((l) => l.text).join('')] as [number, string];
      });
    });
    return new Map(rows);
  }

  async lineText(line: number): Promise<string | undefined> {
    return (await this.visibleLines()).get(line);
  }

  /** Where the first visible occurrence of `needle` in the active editor is painted, or undefined. */
  private async textBox(needle: string): Promise<{ left: number; top: number; right: number; bottom: number; width: number; height: number } | undefined> {
    return this.page.locator('.editor-group-container.active .monaco-editor').first().evaluate((editor, text) => {
      const walker = document.createTreeWalker(editor.querySelector('.view-lines')!, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const value = (node.textContent ?? '').replace(/\u00a0/g, ' ');
        const at = value.indexOf(text);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + text.length);
        const r = range.getBoundingClientRect();
        return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height };
      }
      return undefined;
    }, needle);
  }

  /**
   * The squiggles drawn over the first visible occurrence of `needle`: for each, its severity class. Found by where
   * they are painted, the way an eye finds them.
   */
  async squigglesOver(needle: string): Promise<string[]> {
    const rect = await this.textBox(needle);
    if (!rect) return ['(text not visible)'];
    return this.page.locator('.editor-group-container.active .monaco-editor').first().evaluate((editor, r) => {
      return Array.from(editor.querySelectorAll('[class*="squiggly-"]'))
        .filter((el) => {
          const s = el.getBoundingClientRect();
          return s.left < r.right && s.right > r.left && s.top < r.bottom + 4 && s.bottom > r.top - 4;
        })
        .map((el) => /squiggly-(\w+)/.exec(el.className)![1]);
    }, rect);
  }

  /** The centre of the first visible occurrence of `needle`, once two measures 250 ms apart agree. */
  private async restingCentre(needle: string): Promise<{ x: number; y: number }> {
    let last: { x: number; y: number } | undefined;
    for (let i = 0; i < 20; i++) {
      const r = await this.textBox(needle);
      if (!r) throw new Error(`"${needle}" is not on screen`);
      const box = { x: r.left + r.width / 2, y: r.top + r.height / 2 };
      if (last && Math.abs(last.x - box.x) < 1 && Math.abs(last.y - box.y) < 1) return box;
      last = box;
      await sleep(250);
    }
    throw new Error(`"${needle}" kept moving on screen for 5 s`);
  }

  /** Hovers the first visible occurrence of `needle` with the mouse and returns the hover's text. */
  async hoverText(needle: string): Promise<string> {
    const hover = this.page.locator('.monaco-hover:not(.hidden) .hover-contents').first();
    // The editor shows its hover on mouse movement that comes to rest over the word. The word is found where it rests:
    // an editor still scrolling (revealing a line, a widget closing) moves it between the measure and the mouse, so
    // the measure is repeated until it holds still. A pointer already resting there may fire no hover, so the mouse
    // comes in from the side in steps, and once more if no hover opened, as a person nudges it.
    for (let attempt = 0; ; attempt++) {
      const box = await this.restingCentre(needle);
      await this.page.mouse.move(box.x - 40, box.y);
      await this.page.mouse.move(box.x, box.y, { steps: 5 });
      try {
        await hover.waitFor({ state: 'visible', timeout: attempt === 0 ? 6_000 : 10_000 });
        break;
      } catch (e) {
        if (attempt > 0) throw e;
      }
    }
    await sleep(300);
    return this.page.locator('.monaco-hover:not(.hidden)').first().innerText();
  }

  /** Rows of the suggest widget once it shows one containing `label`. */
  async suggestions(label: string, timeoutMs = 15_000): Promise<string[]> {
    const row = this.page.locator('.suggest-widget.visible .monaco-list-row', { hasText: label });
    await row.first().waitFor({ state: 'visible', timeout: timeoutMs });
    return this.page.locator('.suggest-widget.visible .monaco-list-row').allInnerTexts();
  }

  /** The webview frame whose page shows `needle` (webviews are nested iframes). */
  async webviewFrame(needle: string, timeoutMs = 20_000): Promise<Frame> {
    return until(async () => {
      for (const frame of this.page.frames()) {
        if (frame === this.page.mainFrame()) continue;
        const text = await frame.evaluate(() => document.body?.innerText ?? '').catch(() => '');
        if (text.includes(needle)) return frame;
      }
      return undefined;
    }, `a webview showing "${needle}"`, timeoutMs);
  }

  async screenshot(path: string): Promise<void> {
    mkdirSync(dirname(path), { recursive: true });
    await sleep(300);
    await this.page.screenshot({ path });
  }

  /** Runs a command from the palette (F1) by its title, as a person does. */
  async command(title: string): Promise<void> {
    const page = this.page;
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input').waitFor({ state: 'visible' });
    await page.keyboard.type(title);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: title.replace(/^.*: /, '') }).first().waitFor({ timeout: 15_000 });
    await page.keyboard.press('Enter');
  }

  /** Dismisses widgets and closes every editor of every group: the next scenario starts from an empty window. */
  async closeAll(): Promise<void> {
    for (let attempt = 0; attempt < 3; attempt++) {
      await this.page.keyboard.press('Escape');
      await this.page.keyboard.press('Escape');
      await this.command('View: Close All Editors');
      const closed = await until(async () => (await this.page.locator('.tab').count()) === 0, 'every editor closed', 5_000).catch(() => false);
      if (closed) return;
    }
    throw new Error('the editors did not close');
  }
}
