import * as assert from 'assert';
import * as vscode from 'vscode';
import { activeApi, codesOf, positionOf, replaceInDoc, seedCopy, waitFor } from './util';

const codeOf = (d: vscode.Diagnostic) => String(typeof d.code === 'object' ? d.code.value : d.code);

suite('diagnostics', () => {
  suiteSetup(async () => {
    await activeApi();
  });

  test('a citation of an unknown fact is flagged on the citation, and the flag goes when it is mended', async () => {
    const editor = await seedCopy('ai/broken-citation.md', (t) => t.replace('modern LLMs [@f1]', 'modern LLMs [@f9]'));
    const uri = editor.document.uri;
    const diagnostic = await waitFor(
      () => vscode.languages.getDiagnostics(uri).find((d) => codeOf(d) === 'citation-unknown-fact'),
      'a citation-unknown-fact diagnostic',
    );
    assert.strictEqual(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(editor.document.getText(diagnostic.range), 'f9');
    assert.match(diagnostic.message, /f9/);
    assert.strictEqual(diagnostic.source, 'kart');

    await replaceInDoc(editor.document, '[@f9]', '[@f1]');
    await waitFor(() => !codesOf(uri).includes('citation-unknown-fact'), 'the diagnostic to go once the citation names f1');
  });

  test('invalid YAML is reported on the line that breaks it, and mended the problem goes', async () => {
    // The corpus' most common YAML mistake: no space after the colon.
    const editor = await seedCopy('ai/broken-yaml.md', (t) => t.replace('language: en', 'language:"en"'));
    const uri = editor.document.uri;
    const line = positionOf(editor.document, 'language:"en"').line;
    const found = await waitFor(() => vscode.languages.getDiagnostics(uri).find((d) => codeOf(d) === 'yaml-syntax'), 'a yaml-syntax diagnostic');
    assert.strictEqual(found.range.start.line, line, `reported on line ${found.range.start.line + 1}: ${found.message}`);
    assert.strictEqual(found.severity, vscode.DiagnosticSeverity.Error);
    await replaceInDoc(editor.document, 'language:"en"', 'language: en');
    await waitFor(() => !codesOf(uri).some((c) => c === 'yaml-syntax' || c === 'schema-required'), 'no YAML error once mended');
  });
});
