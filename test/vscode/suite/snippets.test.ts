import * as assert from 'assert';
import * as vscode from 'vscode';
import { extension, waitFor, writeFile, openDoc, seedCopy, positionOf } from './util';

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

  test('the static file holds what belongs to plain Markdown: a whole article, a citation, a mapped bullet', () => {
    const bodies = Object.values(snippets).map((s) => (Array.isArray(s.body) ? s.body.join('\n') : s.body));
    const has = (what: string, re: RegExp) => assert.ok(bodies.some((b) => re.test(b)), `no snippet for ${what}`);
    has('a whole article', /^---[\s\S]*atomic_facts:[\s\S]*primary_sources:[\s\S]*---/m);
    has('today\'s date in the article', /\$CURRENT_YEAR-\$CURRENT_MONTH-\$CURRENT_DATE/);
    has('a citation', /\[@\$\{?\d/);
    has('a Source-Mapped Facts bullet', /^- .*\(\[source\]\(/m);
  });

  test('the entries of the frontmatter\'s lists come from the server, each at a new item of its list and not in the body', async () => {
    // An empty line at the two-space level of each list, as Enter then Backspace leaves it.
    const editor = await seedCopy('ai/entry-snippets.md', (t) =>
      t
        .replace(/(ChatGPT-style conversational abilities\.\n[\s\S]*?confidence: high)\n/, '$1\n  \n')
        .replace('    institution: ACL\n', '    institution: ACL\n  \n')
        .replace('  - Multilingual instruction tuning\n', '  - Multilingual instruction tuning\n  \n')
        .replace('  - statement: No major disputed statements identified\n', '  - statement: No major disputed statements identified\n  \n')
        .replace('    url: https://doi.org/10.1145/3635100\n', '    url: https://doi.org/10.1145/3635100\n  \n'),
    );
    const doc = editor.document;
    const labelsAt = async (position: vscode.Position) => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, position);
      return list.items.filter((i) => i.kind === vscode.CompletionItemKind.Snippet).map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    };
    const blankLines = doc
      .getText()
      .split('\n')
      .map((line, i) => (line === '  ' ? i : -1))
      .filter((i) => i >= 0);
    assert.equal(blankLines.length, 5, 'five new items');
    const expected = ['kart-fact', 'kart-primary-source', 'kart-gap', 'kart-disputed', 'kart-secondary-source'];
    await waitFor(async () => (await labelsAt(new vscode.Position(blankLines[0], 2))).includes('kart-fact'), 'the server\'s kart-fact');
    for (const [i, line] of blankLines.entries()) {
      const labels = await labelsAt(new vscode.Position(line, 2));
      assert.ok(labels.includes(expected[i]), `line ${line + 1}: ${labels.join(', ')}`);
    }
    const body = await labelsAt(positionOf(doc, 'Stanford Alpaca', 0));
    assert.deepEqual(body.filter((l) => expected.includes(l)), [], 'an entry snippet offered in the body');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
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
