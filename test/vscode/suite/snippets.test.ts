import * as assert from 'assert';
import * as vscode from 'vscode';
import { extension, waitFor, writeFile, openDoc } from './util';

interface SnippetDef {
  prefix: string | string[];
  body: string | string[];
  description?: string;
}

/** Snippet files are JSON with comments; these have none inside strings that matter here. */
function parseJsonc(text: string): Record<string, SnippetDef> {
  return JSON.parse(text.replace(/^\s*\/\/.*$/gm, ''));
}

suite('snippets', () => {
  let snippets: Record<string, SnippetDef> = {};

  suiteSetup(async () => {
    const contributed: Array<{ language: string; path: string }> = extension().packageJSON.contributes.snippets ?? [];
    assert.ok(contributed.length > 0, 'no snippets contributed');
    for (const c of contributed) {
      assert.strictEqual(c.language, 'markdown');
      const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extension().extensionUri, c.path));
      snippets = { ...snippets, ...parseJsonc(new TextDecoder().decode(bytes)) };
    }
  });

  test('they cover what belongs to plain Markdown: a whole article, a citation, a mapped bullet (list entries come from the server)', () => {
    const bodies = Object.values(snippets).map((s) => (Array.isArray(s.body) ? s.body.join('\n') : s.body));
    const has = (what: string, re: RegExp) => assert.ok(bodies.some((b) => re.test(b)), `no snippet for ${what}`);
    has('a whole article', /^---[\s\S]*atomic_facts:[\s\S]*primary_sources:[\s\S]*---/m);
    has('today\'s date in the article', /\$CURRENT_YEAR-\$CURRENT_MONTH-\$CURRENT_DATE/);
    has('a citation', /\[@\$\{?\d/);
    has('a Source-Mapped Facts bullet', /^- .*\(\[source\]\(/m);
    assert.ok(!bodies.some((b) => /^- id: /.test(b)), 'a fact entry left in the static file: the server offers it in the frontmatter');
  });

  test('VS Code offers them in a Markdown file', async () => {
    const article = Object.values(snippets).find((s) => /^---/.test(Array.isArray(s.body) ? s.body[0] : s.body));
    assert.ok(article, 'no whole-article snippet');
    const prefix = Array.isArray(article!.prefix) ? article!.prefix[0] : article!.prefix;
    const uri = await writeFile('drafts/empty.md', prefix);
    const doc = (await openDoc(uri)).document;
    const labels = await waitFor(async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(0, prefix.length));
      const items = list.items.filter((i) => i.kind === vscode.CompletionItemKind.Snippet).map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
      return items.includes(prefix) ? items : undefined;
    }, `the snippet "${prefix}" in the completion list`);
    assert.ok(labels.includes(prefix));
  });
});
