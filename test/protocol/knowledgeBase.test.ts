// Across the knowledge base, through the real protocol: workspace symbols, link updates on willRenameFiles, references
// and code lenses across articles, inlay hints after citations.
import * as assert from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import { after, before, describe, it } from 'node:test';
import { find, fullCapabilities, makeWorkspace, REPO, startServer, textAt, type Range, type TestClient } from './client';

const FIXTURES = path.join(REPO, 'test', 'fixtures', 'protocol');
const small = readFileSync(path.join(FIXTURES, 'ai', 'small-article.md'), 'utf8');
const seed = readFileSync(path.join(FIXTURES, 'ai', 'instruction-tuning.md'), 'utf8');
// The seed links to the small article in the site style; a second article links to it file-relative.
const linking = seed.replace('## TL;DR\n', '## TL;DR\nSee [the small one](../small-article.md#facts).\n');
const other = small
  .replace(/^id: .*$/m, 'id: other-article')
  .replace(/^title: .*$/m, 'title: "Another article"')
  .replace(/fact-ai-small-/g, 'fact-ai-other-')
  .replace(/\n## TL;DR\n/, '\n## TL;DR\nCompare [small](small-article.md).\n');

interface TextEdit {
  range: Range;
  newText: string;
  annotationId?: string;
}

function capabilities(extra: { resolve?: boolean; annotations?: boolean }): Record<string, unknown> {
  const caps = fullCapabilities() as { workspace: Record<string, unknown>; textDocument: Record<string, unknown> };
  if (extra.resolve) caps.workspace.symbol = { resolveSupport: { properties: ['location.range'] } };
  if (extra.annotations) caps.workspace.workspaceEdit = { documentChanges: true, changeAnnotationSupport: { groupsOnLabel: true } };
  caps.workspace.inlayHint = { refreshSupport: true };
  caps.workspace.fileOperations = { willRename: true };
  caps.textDocument.inlayHint = { dynamicRegistration: false };
  return caps;
}

describe('across the knowledge base over the protocol', () => {
  const ws = makeWorkspace({ 'ai/small-article.md': small, 'ai/instruction-tuning.md': linking, 'ai/other-article.md': other });
  const smallUri = ws.uri('ai/small-article.md');
  let plain: TestClient;
  let rich: TestClient;

  before(async () => {
    plain = await startServer({ root: ws.root, capabilities: capabilities({}) });
    rich = await startServer({ root: ws.root, capabilities: capabilities({ resolve: true, annotations: true }), settings: { inlayHints: { citedStatements: true } } });
    for (const c of [plain, rich]) await c.waitFor('indexing to end', () => c.progress.find((p) => p.value.kind === 'end'));
  });

  after(async () => {
    await plain?.stop();
    await rich?.stop();
    ws.dispose();
  });

  it('advertises workspace symbols, inlay hints and willRenameFiles for Markdown files and folders', () => {
    const caps = plain.initializeResult!.capabilities as Record<string, unknown> & { workspace: { fileOperations: { willRename: { filters: unknown[] } } } };
    assert.deepStrictEqual(caps.workspaceSymbolProvider, { resolveProvider: true });
    assert.deepStrictEqual(caps.inlayHintProvider, { resolveProvider: false });
    assert.deepStrictEqual(caps.workspace.fileOperations.willRename.filters, [
      { scheme: 'file', pattern: { glob: '**/*.{md,markdown}', matches: 'file' } },
      { scheme: 'file', pattern: { glob: '**/*', matches: 'folder' } },
    ]);
  });

  it('workspace/symbol: an article by a fuzzy query, with its title range for a client without resolve', async () => {
    const found = await plain.request<{ name: string; kind: number; containerName?: string; location: { uri: string; range: Range } }[]>('workspace/symbol', { query: 'instr tun' });
    const first = found[0];
    assert.strictEqual(first.kind, 1);
    assert.match(first.name, /^Instruction Tuning/);
    assert.strictEqual(first.location.uri, ws.uri('ai/instruction-tuning.md'));
    assert.strictEqual(textAt(linking, first.location.range).replace(/^"|"$/g, ''), first.name.replace(/ \(.*\)$/, ''));
  });

  it('workspace/symbol with resolve support: no range until workspaceSymbol/resolve fills it', async () => {
    const found = await rich.request<{ name: string; kind: number; location: { uri: string; range?: Range }; data?: unknown }[]>('workspace/symbol', { query: 'fact-ai-small-1' });
    const fact = found.find((s) => s.kind === 20)!;
    assert.ok(fact, JSON.stringify(found));
    assert.match(fact.name, /^fact-ai-small-1: /);
    assert.strictEqual(fact.location.range, undefined);
    const resolved = await rich.request<{ location: { uri: string; range: Range } }>('workspaceSymbol/resolve', fact);
    assert.strictEqual(resolved.location.uri, smallUri);
    assert.deepStrictEqual(resolved.location.range, find(small, 'fact-ai-small-1'));
  });

  it('workspace/willRenameFiles: the links to the article in both conventions, as annotated edits', async () => {
    const edit = await rich.request<{ documentChanges: { textDocument: { uri: string; version: number | null }; edits: TextEdit[] }[]; changeAnnotations: Record<string, { label: string; needsConfirmation: boolean }> }>(
      'workspace/willRenameFiles',
      { files: [{ oldUri: smallUri, newUri: ws.uri('science/small.md') }] },
    );
    const byUri = Object.fromEntries(edit.documentChanges.map((d) => [d.textDocument.uri, d.edits]));
    assert.deepStrictEqual(Object.keys(byUri).sort(), [ws.uri('ai/instruction-tuning.md'), ws.uri('ai/other-article.md'), smallUri]);
    assert.deepStrictEqual(byUri[ws.uri('ai/instruction-tuning.md')], [{ range: find(linking, '../small-article.md#facts'), newText: '../../science/small.md#facts', annotationId: 'kart.moveLinks' }]);
    assert.deepStrictEqual(byUri[ws.uri('ai/other-article.md')], [{ range: find(other, 'small-article.md'), newText: '../science/small.md', annotationId: 'kart.moveLinks' }]);
    // The moved article itself (by its old uri: the client applies the edits before the move): its category follows
    // the folder, and its own site-style link to the seed now climbs one folder more.
    assert.deepStrictEqual(byUri[smallUri], [
      { range: { start: { line: 4, character: 10 }, end: { line: 4, character: 12 } }, newText: 'science', annotationId: 'kart.moveCategory' },
      { range: find(small, '../instruction-tuning.md'), newText: '../../ai/instruction-tuning.md', annotationId: 'kart.moveLinks' },
    ]);
    assert.strictEqual(textAt(small, { start: { line: 4, character: 0 }, end: { line: 4, character: 12 } }), 'category: ai');
    assert.deepStrictEqual(edit.changeAnnotations['kart.moveLinks'], { label: 'Update links to moved articles', needsConfirmation: false, description: '3 links for 1 moved article' });
    assert.deepStrictEqual(edit.changeAnnotations['kart.moveCategory'].label, 'Set category to the new folder');
  });

  it('workspace/willRenameFiles for a client without annotations: plain changes; nothing to change gives null', async () => {
    const edit = await plain.request<{ changes: Record<string, TextEdit[]> }>('workspace/willRenameFiles', { files: [{ oldUri: smallUri, newUri: ws.uri('ai/renamed.md') }] });
    assert.deepStrictEqual(Object.keys(edit.changes).sort(), [ws.uri('ai/instruction-tuning.md'), ws.uri('ai/other-article.md')]);
    assert.deepStrictEqual(edit.changes[ws.uri('ai/instruction-tuning.md')].map((e) => e.newText), ['../renamed.md#facts']);
    assert.deepStrictEqual(edit.changes[ws.uri('ai/other-article.md')].map((e) => e.newText), ['renamed.md']);
    assert.strictEqual(await plain.request('workspace/willRenameFiles', { files: [{ oldUri: ws.uri('ai/other-article.md'), newUri: ws.uri('ai/other-2.md') }] }), null);
  });

  it('references on the title: the links from the other articles; a code lens on the title says how many', async () => {
    await plain.open(smallUri, small);
    const title = find(small, 'Small', 0);
    const refs = await plain.request<{ uri: string; range: Range }[]>('textDocument/references', { textDocument: { uri: smallUri }, position: title.start, context: { includeDeclaration: false } });
    assert.deepStrictEqual(
      refs.map((r) => [path.basename(r.uri), r.uri.endsWith('instruction-tuning.md') ? textAt(linking, r.range) : textAt(other, r.range)]),
      [
        ['instruction-tuning.md', '[the small one](../small-article.md#facts)'],
        ['other-article.md', '[small](small-article.md)'],
      ],
    );
    const lenses = await plain.request<{ range: Range; command: { title: string; command: string; arguments: unknown[] } }[]>('textDocument/codeLens', { textDocument: { uri: smallUri } });
    const onTitle = lenses.find((l) => l.command.title.startsWith('linked from'))!;
    assert.strictEqual(onTitle.command.title, 'linked from 2 articles');
    assert.deepStrictEqual(onTitle.command.arguments, [smallUri, onTitle.range.start]);
    assert.ok(lenses.some((l) => l.command.title.startsWith('also in')), JSON.stringify(lenses.map((l) => l.command.title)));
    await plain.close(smallUri);
  });

  it('inlay hints: none while the setting is off; the cited statement after each citation when on', async () => {
    const whole = { start: { line: 0, character: 0 }, end: { line: 500, character: 0 } };
    await plain.open(smallUri, small);
    assert.deepStrictEqual(await plain.request('textDocument/inlayHint', { textDocument: { uri: smallUri }, range: whole }), []);
    await plain.close(smallUri);
    await rich.open(smallUri, small);
    const hints = await rich.request<{ position: { line: number; character: number }; label: string; paddingLeft: boolean; tooltip: { kind: string; value: string } }[]>('textDocument/inlayHint', { textDocument: { uri: smallUri }, range: whole });
    const cite = find(small, '[@fact-ai-small-1]');
    const first = hints.find((h) => h.position.line === cite.end.line && h.position.character === cite.end.character);
    assert.ok(first, JSON.stringify(hints));
    assert.strictEqual(first.label, 'Transformers use self-attention.');
    assert.strictEqual(first.tooltip.value, '**fact-ai-small-1**: Transformers use self-attention.');
    assert.strictEqual(first.paddingLeft, true);
    await rich.close(smallUri);
  });
});
