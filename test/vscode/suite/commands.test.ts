import * as assert from 'assert';
import * as vscode from 'vscode';
import { SEED, activeApi, codesOf, openDoc, positionOf, runCommand, seedCopy, waitFor, workspaceUri, writeFile } from './util';

interface Api {
  previewHtml(uri?: vscode.Uri | string): string | undefined;
}

const ALL_COMMANDS = [
  'knowledgeArticles.openPreview',
  'knowledgeArticles.openPreviewToSide',
  'knowledgeArticles.newArticle',
  'knowledgeArticles.insertFact',
  'knowledgeArticles.insertCitation',
  'knowledgeArticles.insertSource',
  'knowledgeArticles.checkWorkspace',
  'knowledgeArticles.showFactReferences',
  'knowledgeArticles.verifySources',
];

/** The `- ` lines of a top-level YAML list, at the list's own item indentation. */
function listItems(text: string, key: string): string[] {
  const lines = text.split(/\r?\n/);
  const start = lines.indexOf(`${key}:`);
  if (start < 0) return [];
  const body: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (/^[A-Za-z_-]+:|^---/.test(line)) break;
    body.push(line);
  }
  const dashes = body.filter((l) => /^\s*- /.test(l));
  const indent = Math.min(...dashes.map((l) => l.indexOf('-')));
  return dashes.filter((l) => l.indexOf('-') === indent);
}

suite('commands', () => {
  let api: Api;
  suiteSetup(async () => {
    api = await activeApi<Api>();
  });

  test('every contributed command is registered', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    const contributed: string[] = (vscode.extensions.getExtension('knowledge-articles.knowledge-articles')!.packageJSON.contributes.commands ?? []).map((c: { command: string }) => c.command);
    assert.deepStrictEqual([...contributed].sort(), [...ALL_COMMANDS].sort());
    for (const id of contributed) assert.ok(registered.has(id), `${id} is contributed but not registered`);
  });

  test('New Article creates the file from the title: slug id, category from the folder, today', async () => {
    const folder = workspaceUri('ai');
    const uri = await runCommand<vscode.Uri>('knowledgeArticles.newArticle', folder, 'Retrieval Augmented Generation');
    assert.ok(uri, 'New Article returned no file');
    assert.strictEqual(uri!.path, workspaceUri('ai/retrieval-augmented-generation.md').path);
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri!));
    assert.match(text, /^---\r?\n/);
    assert.match(text, /^id: "?retrieval-augmented-generation"?$/m);
    assert.match(text, /^title: "?Retrieval Augmented Generation"?$/m);
    assert.match(text, /^category: "?ai"?$/m);
    const today = new Date().toISOString().slice(0, 10);
    assert.ok(text.includes(today), `today's date ${today} is not in the new article`);
    assert.strictEqual(vscode.window.activeTextEditor?.document.uri.path, uri!.path, 'the new article is not opened');
  });

  test('Insert Fact adds the next fact id in the article\'s style, cursor on the statement', async () => {
    const editor = await seedCopy('ai/insert-fact.md');
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    const before = editor.document.getText();
    assert.ok(!before.includes('id: f4'));
    assert.strictEqual(await runCommand('knowledgeArticles.insertFact'), true);
    const text = editor.document.getText();
    assert.match(text, /^ {2}- id: f4$/m);
    const statementLine = editor.document.lineAt(editor.selection.active.line).text;
    assert.match(statementLine, /statement/, `the cursor is on "${statementLine}"`);
    // The new fact sits inside atomic_facts, before the next top-level key.
    assert.ok(text.indexOf('id: f4') > text.indexOf('id: f3') && text.indexOf('id: f4') < text.indexOf('completeness:'));
  });

  test('Insert Citation puts [@id] at the cursor', async () => {
    const editor = await seedCopy('ai/insert-citation.md');
    const at = positionOf(editor.document, 'Evol-Instruct (WizardLM) iteratively');
    const end = editor.document.lineAt(at.line).range.end;
    editor.selection = new vscode.Selection(end, end);
    assert.strictEqual(await runCommand('knowledgeArticles.insertCitation', 'f2'), true);
    assert.ok(editor.document.lineAt(at.line).text.endsWith('versions. [@f2]'), editor.document.lineAt(at.line).text);
  });

  test('Insert Source adds a primary source at the end of primary_sources', async () => {
    const editor = await seedCopy('ai/insert-source.md');
    const before = listItems(editor.document.getText(), 'primary_sources');
    assert.strictEqual(before.length, 2);
    assert.strictEqual(await runCommand('knowledgeArticles.insertSource', 'primary_sources'), true);
    const after = listItems(editor.document.getText(), 'primary_sources');
    assert.strictEqual(after.length, 3, `primary_sources items now: ${after.join(' | ')}`);
    assert.match(after[2], /^ {2}- \S/, `the new source is indented like the others: "${after[2]}"`);
    assert.strictEqual(listItems(editor.document.getText(), 'secondary_sources').length, 4, 'secondary_sources changed');
  });

  test('Check Workspace checks every article, also those never opened, into the Problems panel', async () => {
    // Written to disk only: no editor ever opens it.
    const seed = new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceUri(SEED)));
    const unopened = await writeFile('ai/unopened-broken.md', seed.replace('id: instruction-tuning', 'id: unopened-broken').replace('modern LLMs [@f1]', 'modern LLMs [@f7]'));
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === unopened.toString()));
    const result = await runCommand<{ files: number; problems: { errors: number } }>('knowledgeArticles.checkWorkspace');
    assert.ok(result, 'no result');
    assert.ok(result!.files >= 2, `${result!.files} files checked`);
    assert.ok(result!.problems.errors >= 1, `${result!.problems.errors} errors`);
    await waitFor(() => codesOf(unopened).includes('citation-unknown-fact'), 'the unopened article\'s problem in the Problems panel');
  });

  test('Show Fact References lists where a fact is cited', async () => {
    const doc = (await openDoc(workspaceUri(SEED))).document;
    const locations = await vscode.commands.executeCommand<vscode.Location[]>('knowledgeArticles.showFactReferences', doc.uri, positionOf(doc, 'id: f1', 4));
    assert.ok(Array.isArray(locations) && locations.length >= 1, `${locations?.length} references`);
    assert.ok(locations.some((l) => doc.getText(l.range).includes('f1')));
    await vscode.commands.executeCommand('closeReferenceSearch');
  });

  test('Open Preview and Open Preview to the Side run from the command palette with the active editor', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const uri = workspaceUri(SEED);
    await openDoc(uri);
    await vscode.commands.executeCommand('knowledgeArticles.openPreview');
    await waitFor(() => api.previewHtml(uri), 'a preview of the active article');
    await openDoc(uri);
    await vscode.commands.executeCommand('knowledgeArticles.openPreviewToSide');
    await waitFor(() => api.previewHtml(uri), 'a side preview of the active article');
  });
});
