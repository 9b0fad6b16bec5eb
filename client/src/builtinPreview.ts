/**
 * `[@id]` chips in VS Code's own Markdown preview: the same markdown-it plugins as the article preview, fed with the
 * facts of the last article view the server sent (the built-in preview renders synchronously, so it cannot ask).
 */
import type MarkdownIt from 'markdown-it';
import * as vscode from 'vscode';
import type { ArticleView } from '../../server/src/protocol';
import { citationPlugin, type CitedFact } from './preview/citationPlugin';
import { mappedFactsPlugin } from './preview/mappedFactsPlugin';
import type { KartServer } from './server';

function factsOf(view: ArticleView | undefined): ReadonlyMap<string, CitedFact> | undefined {
  if (!view?.isArticle) return undefined;
  const facts = new Map<string, CitedFact>();
  for (const f of view.facts) if (!facts.has(f.id)) facts.set(f.id, { statement: f.statement });
  return facts;
}

function documentOf(env: unknown): string | undefined {
  const current = (env as { currentDocument?: unknown } | undefined)?.currentDocument;
  if (typeof current === 'string') return current;
  if (current && typeof current === 'object' && typeof (current as { toString?: unknown }).toString === 'function') return String(current);
  return undefined;
}

export function builtinPreviewSupport(server: KartServer): { extendMarkdownIt(md: MarkdownIt): MarkdownIt; disposable: vscode.Disposable } {
  const facts = (env: unknown) => {
    const uri = documentOf(env);
    return uri ? factsOf(server.peek(uri)) : undefined;
  };
  const signatures = new Map<string, string>();
  // Re-render open Markdown previews when the facts they cite change (not on every keystroke).
  const disposable = server.onDidChangeView((view) => {
    const signature = JSON.stringify(view.facts.map((f) => [f.id, f.statement]));
    if (signatures.get(view.uri) === signature) return;
    signatures.set(view.uri, signature);
    void vscode.commands.executeCommand('markdown.preview.refresh').then(undefined, () => undefined);
  });
  return {
    extendMarkdownIt(md: MarkdownIt): MarkdownIt {
      return md.use(citationPlugin, { facts }).use(mappedFactsPlugin, { facts });
    },
    disposable,
  };
}
