import * as assert from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import { after, before, describe, it } from 'node:test';
import { find, makeWorkspace, positionOf, REPO, startServer, textAt, type Diagnostic, type Pos, type Range, type TestClient } from './client';

const FIXTURES = path.join(REPO, 'test', 'fixtures', 'protocol');
const small = readFileSync(path.join(FIXTURES, 'ai', 'small-article.md'), 'utf8');
const seed = readFileSync(path.join(FIXTURES, 'ai', 'instruction-tuning.md'), 'utf8');

interface Hover {
  contents: { kind: string; value: string };
  range: Range;
}
interface Location {
  uri: string;
  range: Range;
}
interface CompletionItem {
  label: string;
  kind: number;
  detail?: string;
  textEdit: { range: Range; newText: string };
  insertTextFormat: number;
}
interface CodeAction {
  title: string;
  kind: string;
  isPreferred?: boolean;
  edit: { changes: Record<string, { range: Range; newText: string }[]> };
  diagnostics?: Diagnostic[];
}

/** A position inside the n-th occurrence of `needle`, `delta` code units after its start. */
function at(text: string, needle: string, delta = 0, nth = 0): Pos {
  const r = find(text, needle, nth);
  return { line: r.start.line, character: r.start.character + delta };
}

/** The three shapes of one article every feature is asked on: as written, with emoji before the cursor, with CRLF. */
const emoji = small
  .replace('Transformers replaced recurrence', '🚀🤖 Transformers 👩🏽‍💻 replaced recurrence')
  .replace('BERT reads text', '🧠 BERT reads text');
const crlf = small.replace(/\n/g, '\r\n');

for (const [variant, text] of [
  ['LF', small],
  ['emoji before the cursor', emoji],
  ['CRLF', crlf],
] as const) {
  describe(`every feature over the protocol (${variant})`, () => {
    const ws = makeWorkspace({ 'ai/small-article.md': text, 'ai/instruction-tuning.md': seed });
    const uri = ws.uri('ai/small-article.md');
    const seedUri = ws.uri('ai/instruction-tuning.md');
    const doc = { textDocument: { uri } };
    let client: TestClient;

    before(async () => {
      client = await startServer({ root: ws.root });
      await client.waitFor('indexing to end', () => client.progress.find((p) => p.value.kind === 'end'));
      await client.open(uri, text, 1);
    });
    after(async () => {
      await client.stop();
      ws.dispose();
    });

    it('hover on a citation: the fact, its source linked, how long ago verified, over the key', async () => {
      const h = await client.request<Hover>('textDocument/hover', { ...doc, position: at(text, '[@fact-ai-small-1]', 5) });
      assert.deepStrictEqual(h.range, find(text, '@fact-ai-small-1'));
      assert.strictEqual(h.contents.kind, 'markdown');
      assert.strictEqual(
        h.contents.value,
        '**fact-ai-small-1** · confidence: high\n\nTransformers use self-attention.\n\nSource: [Attention Is All You Need](<https://arxiv.org/abs/1706.03762>)\n\nVerified 12 days ago (2026-05-20)',
      );
    });

    it('hover on a frontmatter key: the schema description and allowed values', async () => {
      const h = await client.request<Hover>('textDocument/hover', { ...doc, position: at(text, 'confidence: medium', 3) });
      assert.deepStrictEqual(h.range, find(text, 'confidence'));
      assert.match(h.contents.value, /^\*\*confidence\*\* · field of the article, required\n\n.+\n\nAllowed values: `low`, `medium`, `high`$/);
    });

    it('hover on a link to another article: its title and confidence', async () => {
      const h = await client.request<Hover>('textDocument/hover', { ...doc, position: at(text, '(../instruction-tuning.md)', 4) });
      assert.match(h.contents.value, /^\*\*Instruction Tuning: Teaching LLMs to Follow Directions\*\* · confidence: high/);
      assert.strictEqual(textAt(text, h.range), '[Instruction Tuning](../instruction-tuning.md)');
    });

    it('hover where there is nothing to say answers null', async () => {
      assert.strictEqual(await client.request('textDocument/hover', { ...doc, position: at(text, 'in both directions', 3) }), null);
    });

    it('completion inside [@ offers the fact ids with their statements, replacing the key typed so far', async () => {
      const pos = at(text, '[@fact-ai-small-1]', 2);
      const list = await client.request<{ isIncomplete: boolean; items: CompletionItem[] }>('textDocument/completion', { ...doc, position: pos });
      assert.deepStrictEqual(
        list.items.map((i) => [i.label, i.detail, i.textEdit.newText]),
        [
          ['fact-ai-small-1', 'Transformers use self-attention.', 'fact-ai-small-1'],
          ['fact-ai-small-2', 'BERT is an encoder-only transformer.', 'fact-ai-small-2'],
        ],
      );
      assert.deepStrictEqual(list.items[0].textEdit.range, find(text, 'fact-ai-small-1', 1));
    });

    it('completion of an enum value in the frontmatter', async () => {
      const pos = at(text, 'confidence: medium', 'confidence: '.length);
      const list = await client.request<{ items: CompletionItem[] }>('textDocument/completion', { ...doc, position: pos });
      assert.deepStrictEqual(list.items.map((i) => i.label).sort(), ['high', 'low', 'medium']);
      for (const i of list.items) assert.strictEqual(textAt(text, i.textEdit.range), 'medium');
    });

    it('go to definition: citation to the fact, article link to the file', async () => {
      const defs = await client.request<Location[]>('textDocument/definition', { ...doc, position: at(text, '[@fact-ai-small-2]', 4) });
      assert.deepStrictEqual(defs, [{ uri, range: find(text, 'fact-ai-small-2') }]);
      const file = await client.request<Location[]>('textDocument/definition', { ...doc, position: at(text, '(../instruction-tuning.md)', 4) });
      assert.deepStrictEqual(file, [{ uri: seedUri, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }]);
    });

    it('find references: the declaration, the citation and the Source-Mapped Facts bullet', async () => {
      const refs = await client.request<Location[]>('textDocument/references', { ...doc, position: at(text, 'id: fact-ai-small-1', 6), context: { includeDeclaration: true } });
      assert.deepStrictEqual(refs, [
        { uri, range: find(text, 'fact-ai-small-1') },
        { uri, range: find(text, 'fact-ai-small-1', 1) },
        { uri, range: find(text, 'Transformers use self-attention.', 1) },
      ]);
      const without = await client.request<Location[]>('textDocument/references', { ...doc, position: at(text, 'id: fact-ai-small-1', 6), context: { includeDeclaration: false } });
      assert.deepStrictEqual(without, refs.slice(1));
    });

    it('rename a fact id: prepareRename gives the id, rename edits the declaration and the citation', async () => {
      const pos = at(text, '[@fact-ai-small-1]', 4);
      const prepared = await client.request<{ range: Range; placeholder: string }>('textDocument/prepareRename', { ...doc, position: pos });
      assert.deepStrictEqual(prepared, { range: find(text, 'fact-ai-small-1', 1), placeholder: 'fact-ai-small-1' });
      const edit = await client.request<{ changes: Record<string, { range: Range; newText: string }[]> }>('textDocument/rename', { ...doc, position: pos, newName: 'fact-ai-small-one' });
      assert.deepStrictEqual(edit, {
        changes: {
          [uri]: [
            { range: find(text, 'fact-ai-small-1'), newText: 'fact-ai-small-one' },
            { range: find(text, 'fact-ai-small-1', 1), newText: 'fact-ai-small-one' },
          ],
        },
      });
    });

    it('prepareRename refuses what is not a fact id with a message, and the server keeps serving', async () => {
      await assert.rejects(client.request('textDocument/prepareRename', { ...doc, position: at(text, 'BERT reads', 1) }), (e: { code: number; message: string }) => {
        assert.strictEqual(e.code, -32803);
        assert.match(e.message, /Only a fact id can be renamed/);
        return true;
      });
      await assert.rejects(client.request('textDocument/rename', { ...doc, position: at(text, '[@fact-ai-small-1]', 4), newName: 'has space' }), /cannot be a fact id/);
    });

    it('document symbols: metadata, facts, sources and sections, with exact ranges', async () => {
      const symbols = await client.request<{ name: string; detail?: string; range: Range; selectionRange: Range; children: { name: string; selectionRange: Range }[] }[]>('textDocument/documentSymbol', doc);
      assert.deepStrictEqual(
        symbols.map((s) => s.name),
        ['Metadata', 'Facts', 'Sources', 'TL;DR', 'Core Explanation', 'Source-Mapped Facts', 'Further Reading'],
      );
      const facts = symbols[1];
      assert.deepStrictEqual(
        facts.children.map((c) => [c.name, c.selectionRange]),
        [
          ['fact-ai-small-1', find(text, 'fact-ai-small-1')],
          ['fact-ai-small-2', find(text, 'fact-ai-small-2')],
        ],
      );
      assert.deepStrictEqual(symbols[3].selectionRange, find(text, '## TL;DR'));
    });

    it('folding ranges: the frontmatter, each list and item, each section (in lines)', async () => {
      const folds = await client.request<{ startLine: number; endLine: number; kind?: string }[]>('textDocument/foldingRange', doc);
      assert.deepStrictEqual(
        folds.map((f) => [f.startLine, f.endLine]),
        [
          [0, 38],
          [13, 23],
          [14, 18],
          [19, 23],
          [26, 31],
          [27, 31],
          [32, 37],
          [33, 37],
          [39, 40],
          [42, 43],
          [45, 46],
          [48, 49],
        ],
      );
    });

    it('document links: fact source urls, source urls, the link to another article as a file URI', async () => {
      const links = await client.request<{ range: Range; target: string }[]>('textDocument/documentLink', doc);
      assert.deepStrictEqual(
        links.map((l) => [l.range, l.target]),
        [
          [find(text, 'https://arxiv.org/abs/1706.03762'), 'https://arxiv.org/abs/1706.03762'],
          [find(text, 'https://arxiv.org/abs/1810.04805'), 'https://arxiv.org/abs/1810.04805'],
          [find(text, 'https://arxiv.org/abs/1706.03762', 1), 'https://arxiv.org/abs/1706.03762'],
          [find(text, 'https://arxiv.org/abs/1810.04805', 1), 'https://arxiv.org/abs/1810.04805'],
          [find(text, '../instruction-tuning.md'), seedUri],
        ],
      );
    });

    it('code lens: "cited N×" on each fact id, its command carrying a position', async () => {
      const all = await client.request<{ range: Range; command: { title: string; command: string; arguments: unknown[] } }[]>('textDocument/codeLens', doc);
      // The lenses on the title and the sources (links and sources across articles) are tested in knowledgeBase.test.ts.
      const lenses = all.filter((l) => l.command.title.startsWith('cited'));
      assert.deepStrictEqual(lenses, [
        { range: find(text, 'fact-ai-small-1'), command: { title: 'cited 1× · mapped 1×', command: 'knowledgeArticles.showFactReferences', arguments: [uri, find(text, 'fact-ai-small-1').start] } },
        { range: find(text, 'fact-ai-small-2'), command: { title: 'cited 1×', command: 'knowledgeArticles.showFactReferences', arguments: [uri, find(text, 'fact-ai-small-2').start] } },
      ]);
    });

    it('code actions: the quick fix of a finding, and source.fixAll.kart for the safe ones', async () => {
      const broken = text.replace('schema_type: TechArticle', 'schema_type: article').replace('[@fact-ai-small-2]', '[@fact-ai-small-3]');
      const since = client.published.length;
      await client.replace(uri, 2, broken);
      const published = await client.diagnosticsFor(uri, { since, version: 2 });
      const enumDiag = published.diagnostics.find((d) => d.code === 'schema-enum')!;
      const line = find(broken, 'schema_type: article');
      assert.deepStrictEqual(enumDiag.range, { start: { line: line.start.line, character: 'schema_type: '.length }, end: line.end });
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', { ...doc, range: enumDiag.range, context: { diagnostics: [enumDiag], only: ['quickfix'] } });
      // The nearest value first and preferred (Ctrl+. then Enter takes it); the other values follow, not preferred.
      assert.deepStrictEqual(
        actions.slice(0, 2).map((a) => [a.title, a.kind, a.isPreferred === true, a.edit.changes[uri], a.diagnostics?.map((d) => d.code)]),
        [
          ['Change to "Article"', 'quickfix', true, [{ range: enumDiag.range, newText: 'Article' }], ['schema-enum']],
          ['Change to "TechArticle"', 'quickfix', false, [{ range: enumDiag.range, newText: 'TechArticle' }], ['schema-enum']],
        ],
      );
      assert.ok(actions.slice(1).every((a) => a.isPreferred !== true));
      const cite = published.diagnostics.find((d) => d.code === 'citation-unknown-fact')!;
      assert.deepStrictEqual(cite.range, find(broken, 'fact-ai-small-3'));
      const lineLength = (n: number) => broken.split(/\r?\n/)[n].length;
      const citeActions = await client.request<CodeAction[]>('textDocument/codeAction', { ...doc, range: cite.range, context: { diagnostics: [cite], only: ['quickfix'] } });
      assert.deepStrictEqual(
        citeActions.map((a) => [a.title, a.edit.changes[uri]]),
        [
          ['Cite "fact-ai-small-1"', [{ range: cite.range, newText: 'fact-ai-small-1' }]],
          // The last resort after the rule's own fixes: a comment at the end of the line (markdownlint's convention).
          ['Disable citation-unknown-fact for this line', [{ range: { start: { line: cite.range.start.line, character: lineLength(cite.range.start.line) }, end: { line: cite.range.start.line, character: lineLength(cite.range.start.line) } }, newText: ' <!-- kart-disable-line citation-unknown-fact -->' }]],
        ],
      );
      // Fix on save asks for `source.fixAll.kart` ("editor.codeActionsOnSave": {"source.fixAll.kart": "explicit"});
      // a client asking for every fixer's `source.fixAll` gets it too (LSP kinds are hierarchical).
      const fixAll = (only: string[]) => client.request<CodeAction[]>('textDocument/codeAction', { ...doc, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only } });
      const all = await fixAll(['source.fixAll']);
      assert.strictEqual(all.length, 1);
      assert.strictEqual(all[0].kind, 'source.fixAll.kart');
      // Only the safe fix: the citation's suggestion is a guess and stays for the author to choose.
      assert.deepStrictEqual(all[0].edit.changes[uri], [{ range: enumDiag.range, newText: 'Article' }]);
      assert.deepStrictEqual(await fixAll(['source.fixAll.kart']), all);
      assert.deepStrictEqual(await fixAll(['source.fixAll.eslint']), []);
      assert.deepStrictEqual((client.initializeResult!.capabilities.codeActionProvider as { codeActionKinds: string[] }).codeActionKinds, ['quickfix', 'source.fixAll.kart', 'refactor']);
      await client.replace(uri, 3, text);
    });

    it('diagnostics carry the unnecessary tag for an unused source, ranges counted in UTF-16', async () => {
      const extra = text.replace(
        'secondary_sources:',
        ['  - title: Unused Source 🧪', '    type: documentation', '    year: 2020', '    url: https://example.org/unused', '    institution: Nobody', 'secondary_sources:'].join(text.includes('\r\n') ? '\r\n' : '\n'),
      );
      const since = client.published.length;
      await client.replace(uri, 4, extra);
      const p = await client.diagnosticsFor(uri, { since, version: 4 });
      const unused = p.diagnostics.find((d) => d.code === 'source-unused');
      assert.ok(unused, JSON.stringify(p.diagnostics.map((d) => d.code)));
      assert.deepStrictEqual(unused.tags, [1]);
      assert.strictEqual(textAt(extra, unused.range), 'Unused Source 🧪');
      assert.deepStrictEqual(unused.range.end, positionOf(extra, extra.indexOf('Unused Source 🧪') + 'Unused Source 🧪'.length));
      await client.replace(uri, 5, text);
    });
  });
}

describe('custom requests of the client', () => {
  const ws = makeWorkspace({ 'ai/small-article.md': small, 'ai/instruction-tuning.md': seed, 'ai/empty-facts.md': small.replace('id: small-article', 'id: empty-facts').replace(/atomic_facts:\n[\s\S]*?known_gaps/, 'atomic_facts: []\nknown_gaps') });
  const uri = ws.uri('ai/small-article.md');
  let client: TestClient;

  before(async () => {
    client = await startServer({ root: ws.root });
    await client.waitFor('indexing to end', () => client.progress.find((p) => p.value.kind === 'end'));
  });
  after(async () => {
    await client.stop();
    ws.dispose();
  });

  it('kart/articleView: the article as the preview shows it, read from disk when not open', async () => {
    const view = await client.request<Record<string, unknown>>('kart/articleView', { uri });
    assert.strictEqual(view.uri, uri);
    assert.strictEqual(view.title, 'A Small Article');
    assert.strictEqual(view.category, 'ai');
    assert.strictEqual(view.lastVerified, '2026-05-20');
    assert.strictEqual(view.daysSinceVerified, 12);
    assert.strictEqual(view.stale, false);
    assert.deepStrictEqual(
      (view.facts as { id: string; cited: number; mapped: number; line: number }[]).map((f) => [f.id, f.cited, f.mapped, f.line]),
      [
        ['fact-ai-small-1', 1, 1, 14],
        ['fact-ai-small-2', 1, 0, 19],
      ],
    );
    assert.strictEqual(view.bodyStartLine, 39);
    assert.deepStrictEqual(view.problems, { errors: 0, warnings: 0, infos: 0, hints: 0 });
    assert.strictEqual(await client.request('kart/articleView', { uri: ws.uri('ai/missing.md') }), null);
  });

  it('kart/factSnippet: a new fact after the last one, its id in the article\'s style', async () => {
    const s = await client.request<{ position: Pos; snippet: string; replace?: unknown }>('kart/factSnippet', { uri });
    assert.deepStrictEqual(s.position, { line: 23, character: 20 });
    assert.strictEqual(
      s.snippet,
      '\n  - id: ${2:fact-ai-small-3}\n    statement: ${1:One checkable claim, in one sentence.}\n    source_title: ${3:Attention Is All You Need}\n    source_url: ${4:https://arxiv.org/abs/1706.03762}\n    confidence: ${5|medium,high,low|}$0',
    );
    assert.strictEqual(s.replace, undefined);
    const empty = await client.request<{ position: Pos; snippet: string; replace?: { start: Pos; end: Pos } }>('kart/factSnippet', { uri: ws.uri('ai/empty-facts.md') });
    assert.deepStrictEqual(empty.replace, { start: { line: 13, character: 13 }, end: { line: 13, character: 16 } });
    // The id of a first fact is the model's choice (nextFactId); here it matters where the snippet goes.
    assert.match(empty.snippet, /^\n {2}- id: \$\{2:[\w-]+\}\n {4}statement: /);
  });

  it('kart/sourceSnippet: a new source at the end of the list asked for', async () => {
    const s = await client.request<{ position: Pos; snippet: string }>('kart/sourceSnippet', { uri, list: 'secondary_sources' });
    assert.deepStrictEqual(s.position, { line: 37, character: 23 });
    assert.match(s.snippet, /^\n {2}- title: \$\{1:Title of the Source\}\n {4}type: \$\{2\|survey_paper,book,/);
    assert.match(s.snippet, /\n {4}year: \$\{3:2026\}\n/);
  });

  it('kart/newArticle: a file named after the title in the folder, category from the folder', async () => {
    const made = await client.request<{ uri: string; text: string }>('kart/newArticle', { title: 'Small Article', folderUri: ws.uri('ai') });
    assert.strictEqual(made.uri, ws.uri('ai/small-article-2.md'), 'small-article.md is taken');
    assert.match(made.text, /^---\nid: small-article-2\ntitle: "Small Article"\n/);
    assert.match(made.text, /\ncategory: ai\n/);
    assert.match(made.text, /\nlast_verified: "2026-06-01"\n/);
  });

  it('kart/checkWorkspace: every article checked, with progress, counts returned and diagnostics published', async () => {
    ws.write('ai/bad.md', small.replace('id: small-article', 'id: bad').replace('schema_type: TechArticle', 'schema_type: article').replace(/fact-ai-small-/g, 'fact-ai-bad-'));
    const since = client.published.length;
    const progressBefore = client.progress.length;
    const result = await client.request<{ files: number; problems: Record<string, number> }>('kart/checkWorkspace', {});
    assert.strictEqual(result.files, 4);
    // The counts are those of the diagnostics now standing on the four files.
    const counts = { errors: 0, warnings: 0, infos: 0, hints: 0 };
    const names = ['errors', 'warnings', 'infos', 'hints'] as const;
    for (const rel of ['ai/small-article.md', 'ai/instruction-tuning.md', 'ai/empty-facts.md', 'ai/bad.md']) {
      const last = client.publishedFor(ws.uri(rel)).pop();
      for (const d of last?.diagnostics ?? []) counts[names[d.severity! - 1]]++;
    }
    assert.deepStrictEqual(result.problems, counts);
    assert.ok(counts.errors >= 3, JSON.stringify(counts));
    const bad = client.published.slice(since).find((p) => p.uri === ws.uri('ai/bad.md'));
    assert.deepStrictEqual(bad?.diagnostics.map((d) => d.code), ['schema-enum']);
    const empty = client.published.slice(since).find((p) => p.uri === ws.uri('ai/empty-facts.md'));
    assert.deepStrictEqual(empty?.diagnostics.filter((d) => d.severity === 1).map((d) => d.code), ['citation-unknown-fact', 'citation-unknown-fact']);
    assert.ok(client.progress.slice(progressBefore).some((p) => p.value.title === 'Checking knowledge articles'));
  });
});
