/**
 * VS Code's built-in Markdown language features answer in articles too, and VS Code lists every provider's answer: a
 * heading came twice in Go to Symbol ("TL;DR" from the server, "## TL;DR" from the built-in) and a citation twice in
 * Find All References (the built-in takes `[@f1]` for a shortcut reference link and reports `@f1`; the server reported
 * the id `f1`). The fix lives here, in the VS Code client, so that other editors (Neovim) keep the server's whole answer.
 */
import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';

export const BUILTIN_MARKDOWN = 'vscode.markdown-language-features';

/** The built-in extension is installed and not disabled (a disabled extension is not listed). */
export function builtinMarkdownAnswers(): boolean {
  return vscode.extensions.getExtension(BUILTIN_MARKDOWN) !== undefined;
}

/** The server's heading symbols are its only String symbols; the built-in lists every heading itself. */
function withoutHeadings<T extends vscode.DocumentSymbol | vscode.SymbolInformation>(symbols: T[]): T[] {
  return symbols.filter((s) => s.kind !== vscode.SymbolKind.String);
}

async function documentOf(uri: vscode.Uri): Promise<vscode.TextDocument | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open;
  try {
    return await vscode.workspace.openTextDocument(uri);
  } catch {
    return undefined;
  }
}

/**
 * A citation's location widened from `f1` to `@f1`, the range the built-in reports for `[@f1]`: VS Code keeps one of
 * two equal locations, so each citation is listed once whether or not the built-in answers. Frontmatter ids and
 * Source-Mapped Facts bullets have no `@` before them and stay as they are.
 */
async function withCitationKeys(locations: vscode.Location[]): Promise<vscode.Location[]> {
  const documents = new Map<string, Promise<vscode.TextDocument | undefined>>();
  return Promise.all(
    locations.map(async (location) => {
      const start = location.range.start;
      if (start.character === 0 || !location.range.isSingleLine) return location;
      const key = location.uri.toString();
      if (!documents.has(key)) documents.set(key, documentOf(location.uri));
      const document = await documents.get(key);
      const before = new vscode.Range(start.translate(0, -1), start);
      if (document?.getText(before) !== '@') return location;
      return new vscode.Location(location.uri, new vscode.Range(before.start, location.range.end));
    }),
  );
}

export const builtinMarkdownMiddleware: Middleware = {
  async provideDocumentSymbols(document, token, next) {
    const symbols = await next(document, token);
    if (!symbols || !builtinMarkdownAnswers()) return symbols;
    return withoutHeadings(symbols as (vscode.DocumentSymbol | vscode.SymbolInformation)[]) as typeof symbols;
  },
  async provideReferences(document, position, options, token, next) {
    const locations = await next(document, position, options, token);
    if (!locations) return locations;
    return withCitationKeys(locations);
  },
};
