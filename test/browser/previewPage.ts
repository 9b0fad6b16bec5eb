/// <reference lib="dom" />
// Callbacks passed to page.evaluate run in the browser.
/**
 * Loads preview pages made by the client's own renderer into Debian's Chromium (playwright-core), served from a
 * localhost origin that stands in for the webview's: `media/` is served as the extension's media folder, and a stub
 * `acquireVsCodeApi` records what the page's script posts to the extension.
 */
import { spawnSync } from 'child_process';
import { existsSync, readFileSync } from 'fs';
import { createServer, type Server } from 'http';
import type { AddressInfo } from 'net';
import { join } from 'path';
import type { Browser, Page } from 'playwright-core';
import type { ArticleView } from '../../server/src/protocol';
import { renderPreviewHtml } from '../../client/src/preview/render';

export const ROOT = join(__dirname, '../../..');
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'];

/** Debian's Chromium, installed with apt-get when missing (CI machines start without it); throws when it cannot be. */
export function ensureChromium(): string {
  if (existsSync(CHROMIUM)) return CHROMIUM;
  const script = 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=600 chromium';
  const r = spawnSync('bash', ['-c', script], { stdio: ['ignore', 'inherit', 'inherit'], timeout: 15 * 60_000 });
  if (r.status !== 0 || !existsSync(CHROMIUM)) throw new Error(`could not install chromium (apt-get exited with ${r.status ?? r.signal})`);
  return CHROMIUM;
}

/** Launches the Chromium at `executablePath` (from ensureChromium, through test/needs.ts). */
export async function launchChromium(executablePath: string): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
}

export interface PreviewServer {
  origin: string;
  /** Serves `html` at a fresh path and returns its URL. */
  host(html: string): string;
  close(): Promise<void>;
}

export async function startPreviewServer(): Promise<PreviewServer> {
  const pages = new Map<string, string>();
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const page = pages.get(path);
    if (page !== undefined) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(page);
      return;
    }
    const media = /^\/media\/([\w.-]+)$/.exec(path);
    if (media && existsSync(join(ROOT, 'media', media[1]))) {
      const type = media[1].endsWith('.js') ? 'text/javascript' : media[1].endsWith('.css') ? 'text/css' : 'application/octet-stream';
      res.writeHead(200, { 'content-type': type });
      res.end(readFileSync(join(ROOT, 'media', media[1])));
      return;
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let n = 0;
  return {
    origin,
    host(html) {
      const path = `/page-${++n}.html`;
      pages.set(path, html);
      return origin + path;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export const NONCE = 'dGVzdC1ub25jZS0xMjM0NTY3OA==';

export function pageHtml(server: PreviewServer, view: ArticleView): string {
  return renderPreviewHtml(view, {
    nonce: NONCE,
    cspSource: server.origin,
    styleUri: `${server.origin}/media/preview.css`,
    scriptUri: `${server.origin}/media/preview.js`,
  });
}

/** What the page did: messages its script posted, dialogs it opened, CSP violations, uncaught errors. */
export interface PageRecord {
  dialogs: string[];
  errors: string[];
}

/** A page with the VS Code webview API stubbed and a canary watch (`window.__pwned`, dialogs, CSP reports). */
export async function openPage(browser: Browser): Promise<{ page: Page; record: PageRecord }> {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  const record: PageRecord = { dialogs: [], errors: [] };
  page.on('dialog', (d) => {
    record.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => record.errors.push(e.message));
  await page.addInitScript(() => {
    const w = window as unknown as Record<string, unknown>;
    const posted: unknown[] = [];
    let state: unknown;
    w.__posted = posted;
    w.__violations = [];
    w.acquireVsCodeApi = () => ({
      postMessage: (m: unknown) => posted.push(m),
      getState: () => state,
      setState: (s: unknown) => {
        state = s;
      },
    });
    document.addEventListener('securitypolicyviolation', (e) => (w.__violations as string[]).push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return { page, record };
}
