import * as assert from 'assert';
import * as vscode from 'vscode';
import { SEED, activeApi, openDoc, positionOf, seedCopy, waitFor, workspaceUri } from './util';

const labelOf = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label);

async function completionsAt(doc: vscode.TextDocument, position: vscode.Position): Promise<string[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, position);
  return list.items.map(labelOf);
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

suite('language features', () => {
  suiteSetup(async () => {
    await activeApi();
  });

  test('completion offers the fields a fact still lacks', async () => {
    // A new fact with only its id, and an empty line under it where the next key goes.
    const editor = await seedCopy('ai/completion-fact.md', (t) => t.replace('completeness: 0.9', '  - id: f4\n    \ncompleteness: 0.9'));
    const doc = editor.document;
    const line = positionOf(doc, '  - id: f4').line + 1;
    const labels = await waitFor(async () => {
      const l = await completionsAt(doc, new vscode.Position(line, 4));
      return l.includes('statement') ? l : undefined;
    }, 'fact field completions');
    for (const field of ['statement', 'source_title', 'source_url', 'confidence']) assert.ok(labels.includes(field), `${field} missing from ${labels.join(', ')}`);
    assert.ok(!labels.includes('id'), 'offers id, which the fact has already');
  });

  test('completion offers source types after `type:`', async () => {
    const editor = await seedCopy('ai/completion-source.md', (t) => t.replace('    type: academic_paper\n    year: 2022', '    type: \n    year: 2022'));
    const doc = editor.document;
    const at = positionOf(doc, '    type: \n').translate(0, '    type: '.length);
    const labels = await waitFor(async () => {
      const l = await completionsAt(doc, at);
      return l.includes('academic_paper') ? l : undefined;
    }, 'source type completions');
    for (const type of ['academic_paper', 'documentation', 'standard', 'textbook']) assert.ok(labels.includes(type), `${type} missing from ${labels.slice(0, 40).join(', ')}`);
  });

  test('hover on a citation shows the fact it cites', async () => {
    const editor = await openDoc(workspaceUri(SEED));
    const doc = editor.document;
    const text = await waitFor(async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, positionOf(doc, '[@f2]', 3));
      return hoverText(hovers) || undefined;
    }, 'a hover on [@f2]');
    assert.match(text, /Scaling instruction tuning \(Chung et al\. 2022/);
    assert.match(text, /Scaling Instruction-Finetuned Language Models/, 'the hover names the source');
  });

  test('go to definition from a citation lands on the fact', async () => {
    const doc = (await openDoc(workspaceUri(SEED))).document;
    const locations = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>('vscode.executeDefinitionProvider', doc.uri, positionOf(doc, '[@f3]', 3));
    assert.ok(locations.length >= 1, 'no definition');
    const first = locations[0];
    const range = 'targetRange' in first ? (first.targetSelectionRange ?? first.targetRange) : first.range;
    assert.ok(doc.lineAt(range.start.line).text.includes('id: f3'), `lands on "${doc.lineAt(range.start.line).text}"`);
  });

  test('a quick fix applies and is undoable', async () => {
    const editor = await seedCopy('ai/quick-fix.md', (t) => t.replace('confidence: high\nlast_verified', 'confidence: hgih\nlast_verified'));
    const doc = editor.document;
    const start = positionOf(doc, 'hgih');
    const range = new vscode.Range(start, start.translate(0, 4));
    await waitFor(() => vscode.languages.getDiagnostics(doc.uri).some((d) => d.range.contains(start)), 'a diagnostic on "hgih"');
    const actions = await waitFor(async () => {
      const a = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, range, vscode.CodeActionKind.QuickFix.value);
      return a.find((x) => x.title === 'Change to "high"');
    }, 'the quick fix "Change to "high""');
    assert.ok(actions.edit, 'the quick fix carries an edit');
    const before = doc.getText();
    assert.ok(await vscode.workspace.applyEdit(actions.edit!), 'applyEdit refused the fix');
    assert.strictEqual(doc.getText(), before.replace('confidence: hgih', 'confidence: high'));
    await waitFor(() => !vscode.languages.getDiagnostics(doc.uri).some((d) => d.range.start.line === start.line && String(typeof d.code === 'object' ? d.code.value : d.code) === 'schema-enum'), 'the diagnostic to go after the fix');

    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('undo');
    await waitFor(() => doc.getText() === before, 'undo to restore "hgih"');
  });
});
