// Types of harness.mjs for the TypeScript tests that import it.
import type { Browser, Page } from 'playwright-core';

export interface CodeServerInstall {
  node: string;
  entry: string;
  chromium: string;
}

export interface RunningCodeServer {
  url: string;
  port: number;
  userData: string;
  extensionsDir: string;
  stop(): Promise<void>;
  output(): string;
}

export interface SuiteRun {
  code: number | null;
  timedOut: boolean;
  seconds: number;
  logs: string[];
}

export function ensureCodeServer(root: string): CodeServerInstall;
export function bundleSuite(options: { root: string; suiteDir: string; outFile: string; grep?: string; index?: string; suffix?: string }): Promise<{ outFile: string; files: string[] }>;
export function freePort(): Promise<number>;
export function startCodeServer(options: {
  install: CodeServerInstall;
  dataDir: string;
  folder: string;
  extensionsDir?: string;
  settings?: Record<string, unknown>;
  logFile?: string;
  env?: Record<string, string>;
  timeoutMs?: number;
}): Promise<RunningCodeServer>;
export function codeServerCli(install: CodeServerInstall, args: string[]): { status: number | null; stdout: string; stderr: string };
export function launchChromium(install: CodeServerInstall): Promise<Browser>;
export function remoteUri(absPath: string): string;
export function runSuiteInWorkbench(options: {
  browser: Browser;
  server: RunningCodeServer;
  folder: string;
  extensionDevelopmentPath?: string;
  extensionTestsPath: string;
  timeoutMs?: number;
  screenshotOnTimeout?: string;
  onLog?: (line: string, type: string) => void;
  onPage?: (page: Page) => void | Promise<void>;
  checkpoints?: Record<string, (page: Page, data: any) => unknown>;
  viewport?: { width: number; height: number };
}): Promise<SuiteRun>;
export function scratch(prefix: string): { dir: string; remove(): void };
export function webviewText(page: Page, data: { needle: string; timeoutMs?: number }): Promise<{ frames: number; text: string; chips: number }>;
export function notifications(page: Page): Promise<string[]>;
export function screenshot(page: Page, data: { path: string; waitFor?: string; viewport?: { width: number; height: number }; settleMs?: number }): Promise<string>;
export function waitForSelector(page: Page, data: { selector: string; timeoutMs?: number }): Promise<boolean>;
export function pageText(page: Page, data: { needle: string; timeoutMs?: number }): Promise<string>;
