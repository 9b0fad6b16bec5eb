/*
 * Issue 10 at the server level, over the real protocol: the flows an author goes through in VS Code (entry snippets
 * in the frontmatter, findings beside a syntax error, Fix All, "did you mean", values after `: `, template
 * placeholders). The real-editor scenarios (test/vscode/) drive the same answers from the keyboard.
 */
import * as assert from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import { after, before, describe, it } from 'node:test';
import { find, makeWorkspace, REPO, startServer, textAt, type Diagnostic, type Pos, type Range, type TestClient } from './client';

const small = readFileSync(path.join(REPO, 'test', 'fixtures', 'protocol', 'ai', 'small-article.md'), 'utf8');

interface CompletionItem {
  label: string;
  kind: number;
  detail?: string;
  filterText?: string;
  preselect?: boolean;
  textEdit: { range: Range; newText: string };
  insertTextFormat: number;
}
interface CodeAction {
  title: string;
  kind: string;
  isPreferred?: boolean;
  edit: { changes: Record<string, { range: Range; newText: string }[]> };
}

const SNIPPET = 2;
const TRIGGER_CHARACTER = 2;

/** Applies LSP edits (positions in lines of the text; no edit spans a line break here but Fix All's). */
function applyLsp(text: string, edits: { range: Range; newText: string }[]): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  const off = (p: Pos) => starts[p.line] + p.character;
  return [...edits].sort((a, b) => off(b.range.start) - off(a.range.start)).reduce((t, e) => t.slice(0, off(e.range.start)) + e.newText + t.slice(off(e.range.end)), text);
}

describe('author flows over the protocol (issue 10)', () => {
  const ws = makeWorkspace({ 'ai/small-article.md': small });
  const uri = ws.uri('ai/small-article.md');
  const doc = { textDocument: { uri } };
  let client: TestClient;
  let version = 1;

  before(async () => {
    client = await startServer({ root: ws.root });
    await client.waitFor('indexing to end', () => client.progress.find((p) => p.value.kind === 'end'));
    await client.open(uri, small, version);
  });
  after(async () => {
    await client.stop();
    ws.dispose();
  });

  async function show(text: string): Promise<Diagnostic[]> {
    const since = client.published.length;
    version++;
    await client.replace(uri, version, text);
    return (await client.diagnosticsFor(uri, { since, version })).diagnostics;
  }
  const complete = (position: Pos, trigger?: string) =>
    client.request<{ items: CompletionItem[] }>('textDocument/completion', { ...doc, position, context: trigger ? { triggerKind: TRIGGER_CHARACTER, triggerCharacter: trigger } : { triggerKind: 1 } });

  it('Enter after `    confidence: high`, two spaces, `fact`: kart-fact as a snippet with the next id, replacing the word', async () => {
    const after2 = '    confidence: high\n  - id: fact-ai-small-2';
    for (const typed of ['', 'fact', 'kart-fact']) {
      const text = small.replace(after2, `    confidence: high\n  ${typed}\n  - id: fact-ai-small-2`);
      await show(text);
      const line = find(text, '  - id: fact-ai-small-2').start.line - 1;
      const { items } = await complete({ line, character: 2 + typed.length });
      assert.deepStrictEqual(
        items.map((i) => [i.label, i.insertTextFormat, i.detail, i.filterText, i.preselect, i.textEdit.range]),
        [['kart-fact', SNIPPET, 'new atomic fact fact-ai-small-3', 'kart-fact fact', true, { start: { line, character: 2 }, end: { line, character: 2 + typed.length } }]],
        typed,
      );
      assert.strictEqual(
        items[0].textEdit.newText,
        '- id: ${2:fact-ai-small-3}\n  statement: ${1:One checkable claim, in one sentence.}\n  source_title: ${3:Attention Is All You Need}\n  source_url: ${4:https://arxiv.org/abs/1706.03762}\n  confidence: ${5|medium,high,low|}$0',
      );
    }
  });

  it('after `  - ` in each list its own entry first; in the body no entry snippet', async () => {
    const text = small.replace('primary_sources:\n', 'primary_sources:\n  - \n').replace('known_gaps: []', 'known_gaps:\n  - ').replace('## Core Explanation\n', '## Core Explanation\nfact\n');
    await show(text);
    const source = await complete({ line: find(text, 'primary_sources:').start.line + 1, character: 4 });
    assert.strictEqual(source.items[0].label, 'kart-primary-source');
    assert.match(source.items[0].textEdit.newText, /^title: \$\{1:Title of the Source\}\n {2}type: \$\{2\|documentation,academic_paper,/);
    const gap = await complete({ line: find(text, 'known_gaps:').start.line + 1, character: 4 });
    assert.deepStrictEqual(gap.items.map((i) => [i.label, i.textEdit.newText]), [['kart-gap', '${1:An aspect this article does not cover yet}$0']]);
    const body = await complete({ line: find(text, '\nfact\n').start.line + 1, character: 4 });
    assert.deepStrictEqual(body.items, []);
  });

  it('in the body, a heading being typed gets the missing sections as snippets; the frontmatter never does', async () => {
    const text = `${small}\n## \n`;
    await show(text);
    const line = text.split('\n').length - 2;
    const { items } = await complete({ line, character: 3 });
    assert.deepStrictEqual(
      items.map((i) => [i.label, i.insertTextFormat, i.textEdit.newText, i.textEdit.range]),
      ['Detailed Analysis', 'Related Articles'].map((n) => [`## ${n}`, SNIPPET, `## ${n}\n$0`, { start: { line, character: 0 }, end: { line, character: 3 } }]),
    );
  });

  it('a syntax error on line 2 leaves the misspelt key and "hgih" below it their findings, facts named by id', async () => {
    const text = small.replace('id: small-article', 'id:"small-article"').replace('    confidence: high\n  - id: fact-ai-small-2', '    confidnce: high\n  - id: fact-ai-small-2').replace(/(fact-ai-small-2[\s\S]*?)confidence: high/, '$1confidence: hgih');
    const diagnostics = await show(text);
    assert.deepStrictEqual(
      diagnostics.filter((d) => /^(yaml|schema)-/.test(String(d.code))).map((d) => [d.code, textAt(text, d.range), d.message]),
      [
        ['yaml-syntax', 'id:', 'Missing space after the colon: YAML reads "id:"small-article"" as one word, not as the key "id" and a value.'],
        ['schema-unknown-key', 'confidnce', 'Unknown key "confidnce" in fact fact-ai-small-1: did you mean "confidence"?'],
        ['schema-enum', 'hgih', 'fact fact-ai-small-2: "hgih" is not a valid confidence: did you mean "high"? Allowed: low, medium, high.'],
      ],
    );
    const hgih = diagnostics.find((d) => d.code === 'schema-enum')!;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { ...doc, range: hgih.range, context: { diagnostics: [hgih], only: ['quickfix'] } });
    assert.deepStrictEqual(
      actions.map((a) => [a.title, a.isPreferred === true]),
      [
        ['Change to "high"', true],
        ['Change to "low"', false],
        ['Change to "medium"', false],
        ['Disable schema-enum for this line', false],
      ],
    );
    // Fix All once: the space, the key, the value, and what the mended text shows next; nothing left for a second run.
    const [all] = await client.request<CodeAction[]>('textDocument/codeAction', { ...doc, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll'] } });
    const fixed = applyLsp(text, all.edit.changes[uri]);
    assert.strictEqual(fixed, small.replace('id: small-article', 'id: "small-article"'));
    await show(fixed);
    const again = await client.request<CodeAction[]>('textDocument/codeAction', { ...doc, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll'] } });
    assert.deepStrictEqual(again, []);
  });

  it('a space typed after `confidence:` opens the values; a space anywhere else opens nothing', async () => {
    const text = small.replace('confidence: medium', 'confidence: ').replace('title: "A Small Article"', 'title: "A Small Article" ');
    await show(text);
    const line = find(text, 'confidence: \n').start.line;
    const values = await complete({ line, character: 'confidence: '.length }, ' ');
    assert.deepStrictEqual(values.items.map((i) => [i.label, i.textEdit.range]), ['low', 'medium', 'high'].map((l) => [l, { start: { line, character: 12 }, end: { line, character: 12 } }]));
    const title = await complete({ line: 2, character: 'title: "A Small Article" '.length }, ' ');
    assert.deepStrictEqual(title.items, []);
    const body = await complete({ line: find(text, 'Transformers replaced').start.line, character: 'Transformers '.length }, ' ');
    assert.deepStrictEqual(body.items, []);
  });

  it('field names while a key is being typed: a partial key in a fact and at the top level', async () => {
    const text = small.replace('    confidence: high\n  - id: fact-ai-small-2', '    conf\n  - id: fact-ai-small-2').replace('data_period: static\n', 'data_period: static\nupd\n');
    await show(text);
    const inFact = find(text, '    conf\n').start.line;
    const fact = await complete({ line: inFact, character: 8 });
    const typedRange = { start: { line: inFact, character: 4 }, end: { line: inFact, character: 8 } };
    assert.deepStrictEqual(fact.items.map((i) => [i.label, i.textEdit.range]).sort(), [['confidence', typedRange], ['source_doi', typedRange]]);
    const top = find(text, 'upd\n').start.line;
    const keys = await complete({ line: top, character: 3 });
    const updated = keys.items.find((i) => i.label === 'updated')!;
    assert.deepStrictEqual([updated.textEdit.range, updated.textEdit.newText], [{ start: { line: top, character: 0 }, end: { line: top, character: 3 } }, 'updated: "${1:2026-06-01}"']);
  });

  it('an untouched New Article gets its placeholder findings, and no error', async () => {
    const made = await client.request<{ uri: string; text: string; titleTaken: boolean; select: Range }>('kart/newArticle', { title: 'Fresh Article', folderUri: ws.uri('ai') });
    assert.strictEqual(made.titleTaken, false);
    assert.strictEqual(textAt(made.text, made.select), 'One checkable claim, in one sentence.');
    const since = client.published.length;
    await client.open(made.uri, made.text, 1);
    const { diagnostics } = await client.diagnosticsFor(made.uri, { since, version: 1 });
    assert.deepStrictEqual(diagnostics.filter((d) => d.severity === 1), []);
    const frontmatterEnd = find(made.text, '---\n## TL;DR').start.line;
    assert.deepStrictEqual(
      diagnostics.filter((d) => d.code === 'placeholder-text' && d.range.start.line < frontmatterEnd).map((d) => textAt(made.text, d.range)),
      ['One checkable claim, in one sentence.', 'Title of the Source', 'https://example.org/source', 'Title of the Source', 'https://example.org/source', 'Publisher'],
    );
    await client.close(made.uri);
  });
});
