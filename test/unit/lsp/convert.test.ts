import * as assert from 'assert';
import { describe, it } from 'node:test';
import { LineIndex } from '../../../server/src/core/lineIndex';
import type { Finding } from '../../../server/src/core/types';
import type { CompletionEntry } from '../../../server/src/features/types';
import { limitCompletions, markup, snippetToText, toCodeLens, toCompletionItem, toDiagnostic, toHover, toLocation, toWorkspaceEdit, type ConvertOptions } from '../../../server/src/lsp/convert';
import { readInitOptions, readSettings } from '../../../server/src/lsp/settings';

const text = 'ab\r\n😀x\ny';
const lines = new LineIndex(text);
const other = new LineIndex('one\ntwo\n');
const options = (over: Partial<ConvertOptions> = {}): ConvertOptions => ({
  docsBase: 'https://docs.example/rules.md',
  relatedInformation: true,
  unnecessaryTag: true,
  snippets: true,
  markdown: true,
  linesOf: (uri) => (uri === 'file:///other.md' ? other : uri === 'file:///doc.md' ? lines : undefined),
  clientUri: (uri) => uri.replace('file:///', 'file:///client/'),
  ...over,
});

describe('offsets to LSP', () => {
  it('a diagnostic: UTF-16 positions across CRLF and emoji, code, link, related info in another file, tag', () => {
    const f: Finding = {
      uri: 'file:///doc.md',
      rule: 'some-rule',
      severity: 'warning',
      message: 'm',
      range: { start: 4, end: 7 },
      unnecessary: true,
      related: [
        { uri: 'file:///other.md', range: { start: 4, end: 7 }, message: 'there' },
        { uri: 'file:///gone.md', range: { start: 0, end: 1 }, message: 'unreadable: left out' },
      ],
    };
    assert.deepStrictEqual(toDiagnostic(lines, f, options()), {
      range: { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } },
      severity: 2,
      code: 'some-rule',
      source: 'kart',
      message: 'm',
      codeDescription: { href: 'https://docs.example/rules.md#some-rule' },
      relatedInformation: [{ location: { uri: 'file:///client/other.md', range: { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } } }, message: 'there' }],
      tags: [1],
    });
    const plain = toDiagnostic(lines, f, options({ relatedInformation: false, unnecessaryTag: false, docsBase: undefined }));
    assert.deepStrictEqual(Object.keys(plain).sort(), ['code', 'message', 'range', 'severity', 'source']);
  });

  it('completion: a snippet stays one for clients that take them, becomes its defaults for the others', () => {
    const entry: CompletionEntry = { label: 'id', kind: 'property', insertText: 'id: ${1:f1}$0', snippet: true, range: { start: 8, end: 9 }, additionalEdits: [{ range: { start: 0, end: 2 }, newText: 'x' }] };
    assert.deepStrictEqual(toCompletionItem(lines, entry, options()), {
      label: 'id',
      kind: 10,
      textEdit: { range: { start: { line: 2, character: 0 }, end: { line: 2, character: 1 } }, newText: 'id: ${1:f1}$0' },
      insertTextFormat: 2,
      additionalTextEdits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 2 } }, newText: 'x' }],
    });
    const plain = toCompletionItem(lines, entry, options({ snippets: false }));
    assert.deepStrictEqual([plain.textEdit, plain.insertTextFormat], [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 1 } }, newText: 'id: f1' }, 1]);
  });

  it('snippet syntax to plain text: placeholders, nested ones, choices, tab stops, escapes', () => {
    assert.strictEqual(snippetToText('a ${1:b ${2:c}} $3 ${4|x,y|} ${5} \\$ \\} end$0'), 'a b c  x  $ } end');
  });

  it('Markdown on its way out: a link to anything but the web or mail is turned to text; plain text stays as is', () => {
    const risky = '**f1**\n\nSource: [Docs](command:workbench.action.terminal.sendSequence) <vscode://x>';
    assert.deepStrictEqual(toHover(lines, { contents: risky, range: { start: 0, end: 1 } }, options()).contents, {
      kind: 'markdown',
      value: '\\*\\*f1\\*\\*\n\nSource: \\[Docs\\](command:workbench.action.terminal.sendSequence) \\<vscode://x\\>',
    });
    const entry: CompletionEntry = { label: 'f1', kind: 'reference', insertText: 'f1', range: { start: 0, end: 0 }, documentation: '[a](javascript:alert(1))' };
    assert.deepStrictEqual(toCompletionItem(lines, entry, options()).documentation, { kind: 'markdown', value: '\\[a\\](javascript:alert(1))' });
    const safe = '**f1**\n\nSource: [Docs](<https://example.org/docs>)';
    assert.deepStrictEqual(markup(safe, options()), { kind: 'markdown', value: safe });
    assert.deepStrictEqual(markup(risky, options({ markdown: false })), { kind: 'plaintext', value: risky });
  });

  it('a location in an unreadable file is left out unless it is the whole file', () => {
    assert.strictEqual(toLocation({ uri: 'file:///gone.md', range: { start: 3, end: 4 } }, options()), undefined);
    assert.deepStrictEqual(toLocation({ uri: 'file:///gone.md', range: { start: 0, end: 0 } }, options()), { uri: 'file:///client/gone.md', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } });
    assert.strictEqual(toWorkspaceEdit({ 'file:///gone.md': [] }, options()), undefined);
  });

  it('the fact-references code lens carries a position instead of an offset', () => {
    const lens = toCodeLens(lines, { range: { start: 4, end: 6 }, title: 'cited 2×', command: { id: 'knowledgeArticles.showFactReferences', arguments: ['file:///doc.md', 6] } }, options());
    assert.deepStrictEqual(lens.command, { title: 'cited 2×', command: 'knowledgeArticles.showFactReferences', arguments: ['file:///client/doc.md', { line: 1, character: 2 }] });
    assert.deepStrictEqual(toCodeLens(lines, { range: { start: 0, end: 1 }, title: 'info' }, options()).command, { title: 'info', command: '' });
  });

  it('a long completion list is cut to the best matches of what is typed, and marked incomplete', () => {
    const doc = 'see [x](../go';
    const entries: CompletionEntry[] = Array.from({ length: 500 }, (_, i) => ({ label: `t${i}`, kind: 'file', insertText: `../a${i}.md`, filterText: i % 2 ? `../go-${i}.md` : `../zz-${i}.md`, sortText: String(1000 - i), range: { start: 8, end: doc.length } }));
    const cut = limitCompletions(entries, doc, doc.length, 100);
    assert.strictEqual(cut.incomplete, true);
    assert.strictEqual(cut.entries.length, 100);
    assert.ok(cut.entries.every((e) => e.filterText!.startsWith('../go')));
    assert.strictEqual(cut.entries[0].label, 't499', 'best sortText first');
    assert.deepStrictEqual(limitCompletions(entries.slice(0, 10), doc, doc.length, 100), { entries: entries.slice(0, 10), incomplete: false });
  });
});

describe('settings', () => {
  it('reads what is valid and ignores the rest', () => {
    assert.deepStrictEqual(readSettings({ diagnosticsDelay: 40, rules: { a: 'off', b: 'loud', c: 3 } }), { diagnosticsDelay: 40, rules: { a: 'off' }, diagnosticsScope: 'workspace', citedStatementHints: false });
    assert.deepStrictEqual(readSettings(null, 99), { diagnosticsDelay: 99, rules: {}, diagnosticsScope: 'workspace', citedStatementHints: false });
    assert.deepStrictEqual(readSettings({ diagnosticsDelay: -1 }), { diagnosticsDelay: 150, rules: {}, diagnosticsScope: 'workspace', citedStatementHints: false });
    assert.strictEqual(readSettings({ inlayHints: { citedStatements: true } }).citedStatementHints, true);
    assert.strictEqual(readSettings({ inlayHints: { citedStatements: 'yes' } }).citedStatementHints, false);
    assert.strictEqual(readSettings({ diagnostics: { scope: 'openFiles' } }).diagnosticsScope, 'openFiles');
    assert.strictEqual(readSettings({ diagnostics: { scope: 'all' } }).diagnosticsScope, 'workspace');
    assert.deepStrictEqual(readInitOptions({ today: '2026-01-02', diagnosticsDelay: 0, docsUrl: 'x' }), { today: '2026-01-02', diagnosticsDelay: 0, docsUrl: 'x' });
    assert.deepStrictEqual(readInitOptions({ today: 'tomorrow', diagnosticsDelay: 'soon', trusted: 'no' }), {});
    assert.deepStrictEqual(readInitOptions({ trusted: false }), { trusted: false });
  });
});
