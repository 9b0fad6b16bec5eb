// Helpers for the tests that run inside VS Code's extension host.
import * as vscode from 'vscode';

export const EXTENSION_ID = 'knowledge-articles.knowledge-articles';

export function extension(): vscode.Extension<any> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not installed in this VS Code`);
  return ext;
}

export function workspaceUri(relativePath: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the test VS Code has no workspace folder open');
  return vscode.Uri.joinPath(folder.uri, ...relativePath.split('/'));
}

export async function openDoc(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(doc, { preview: false });
}

export function diagnosticsOf(uri: vscode.Uri): Array<{ message: string; line: number; code?: unknown }> {
  return vscode.languages.getDiagnostics(uri).map((d) => ({
    message: d.message,
    line: d.range.start.line,
    code: typeof d.code === 'object' && d.code ? d.code.value : d.code,
  }));
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls until `check` returns a truthy value; fails with `what` when the time runs out. */
export async function waitFor<T>(check: () => T | Promise<T>, what: string, timeoutMs = 15_000, everyMs = 100): Promise<NonNullable<T>> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
    } catch (e) {
      last = e;
    }
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await sleep(everyMs);
  }
}

/** Writes a new file into the workspace (tests change copies, never the fixtures). */
export async function writeFile(relativePath: string, text: string): Promise<vscode.Uri> {
  const uri = workspaceUri(relativePath);
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
  return uri;
}

/** Activates the extension (by opening an article) and returns its exported API. */
export async function activeApi<T = any>(): Promise<T> {
  const ext = extension();
  if (!ext.isActive) await openDoc(workspaceUri('ai/instruction-tuning.md'));
  await waitFor(() => ext.isActive, 'the extension to activate', 20_000);
  return ext.exports as T;
}

/** The position of the first occurrence of `needle` in the document (plus `offset` characters). */
export function positionOf(doc: vscode.TextDocument, needle: string, offset = 0): vscode.Position {
  const at = doc.getText().indexOf(needle);
  if (at < 0) throw new Error(`"${needle}" is not in ${doc.uri.path}`);
  return doc.positionAt(at + offset);
}

/** True when an outer driver (test/vscode/harness.mjs) answers checkpoints; not under @vscode/test-electron. */
export const hasDriver = process.env.KART_TEST_DRIVER === 'code-server';

/**
 * Asks the driver outside VS Code (Playwright on the workbench page) to run its checkpoint `name`, and returns what
 * it found. See harness.mjs for the protocol: a log line out, a file back.
 */
export async function checkpoint<T = unknown>(name: string, data: unknown = null, timeoutMs = 30_000): Promise<T> {
  const { tmpdir } = await import('os');
  const { join } = await import('path');
  const { readFileSync, existsSync, rmSync } = await import('fs');
  const reply = join(tmpdir(), `kart-checkpoint-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.json`);
  console.log(`[kart-checkpoint] ${JSON.stringify({ name, reply, data })}`);
  await waitFor(() => existsSync(reply), `the driver to answer checkpoint "${name}"`, timeoutMs, 50);
  const answer = JSON.parse(readFileSync(reply, 'utf8')) as { result?: T; error?: string };
  rmSync(reply, { force: true });
  if (answer.error) throw new Error(`checkpoint "${name}": ${answer.error}`);
  return answer.result as T;
}

export const SEED = 'ai/instruction-tuning.md';

/**
 * Writes a copy of the seed article under a new name and id, with `change` applied to its text, and opens it.
 * The id changes so the copies do not collide with the seed (article-id-duplicate).
 */
export async function seedCopy(relativePath: string, change: (text: string) => string = (t) => t): Promise<vscode.TextEditor> {
  const seed = new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceUri(SEED)));
  const id = relativePath.replace(/^.*\//, '').replace(/\.md$/, '');
  const text = change(seed.replace(/^id: instruction-tuning$/m, `id: ${id}`));
  const uri = await writeFile(relativePath, text);
  return openDoc(uri);
}

export function codesOf(uri: vscode.Uri): string[] {
  return diagnosticsOf(uri).map((d) => String(d.code));
}

/** Replaces the first `from` in the document by `to` through a WorkspaceEdit, as an extension or a refactoring would. */
export async function replaceInDoc(doc: vscode.TextDocument, from: string, to: string): Promise<void> {
  const start = positionOf(doc, from);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(start, start.translate(0, from.length)), to);
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`could not replace "${from}" in ${doc.uri.path}`);
}

/**
 * Runs a command and returns its result. The extension's commands report a failure as an error notification and
 * return undefined; then this fails with the notifications' text (as the driver sees them) instead.
 */
export async function runCommand<T>(id: string, ...args: unknown[]): Promise<T> {
  const result = await vscode.commands.executeCommand<T>(id, ...args);
  if (result === undefined) {
    const shown = hasDriver ? await checkpoint<string[]>('notifications').catch(() => []) : [];
    if (hasDriver && process.env.KART_TEST_RESULTS) {
      await checkpoint('screenshot', { path: `${process.env.KART_TEST_RESULTS}/failed-${id}.png` }).catch(() => undefined);
    }
    throw new Error(`${id} returned nothing${shown.length ? `; notifications: ${shown.join(' | ')}` : ''}`);
  }
  return result;
}
