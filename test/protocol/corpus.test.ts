import * as assert from 'assert';
import { readdirSync, readFileSync, statSync } from 'fs';
import * as path from 'path';
import { after, before, describe, it } from 'node:test';
import { CORPUS, fullCapabilities, positionOf, SEED, startServer, uriOf, type Pos, type TestClient } from './client';

/** Every Markdown file under a folder, sorted. */
function articles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.md')) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/** Offsets of the first `limit` occurrences of a needle, shifted by `delta`. */
function offsets(text: string, needle: string, delta: number, limit: number): number[] {
  const out: number[] = [];
  for (let at = text.indexOf(needle); at >= 0 && out.length < limit; at = text.indexOf(needle, at + 1)) out.push(at + delta);
  return out;
}

/** Places worth asking about: citations, fact ids, source urls, links, frontmatter keys and values, the body. */
function placesIn(text: string): { kind: string; pos: Pos }[] {
  const firstLine = text.indexOf('\n') + 1;
  const places = [
    ...offsets(text, '[@', 3, 3).map((o) => ({ kind: 'citation', o })),
    ...offsets(text, '- id: ', 7, 2).map((o) => ({ kind: 'fact id', o })),
    ...offsets(text, 'source_url: ', 14, 1).map((o) => ({ kind: 'source url', o })),
    ...offsets(text, '](', 4, 2).map((o) => ({ kind: 'link', o })),
    ...offsets(text, 'confidence: ', 2, 1).map((o) => ({ kind: 'key', o })),
    ...offsets(text, 'confidence: ', 12, 1).map((o) => ({ kind: 'value', o })),
    ...offsets(text, '## ', 4, 2).map((o) => ({ kind: 'heading', o })),
    { kind: 'second line', o: firstLine },
    { kind: 'end', o: text.length },
  ];
  return places.map((p) => ({ kind: p.kind, pos: positionOf(text, Math.min(p.o, text.length)) }));
}

describe('every feature over every corpus article, opened one by one', () => {
  let client: TestClient;
  const files = [...articles(CORPUS), SEED];

  before(async () => {
    // The corpus folder itself is the workspace: the server reads it and never writes.
    client = await startServer({ root: CORPUS, capabilities: fullCapabilities({ pull: true }) });
    await client.waitFor('indexing to end', () => client.progress.find((p) => p.value.kind === 'end'), 120_000);
  });
  after(async () => {
    await client.stop();
  });

  it(`answers every request on ${files.length} articles without an error response`, async (t) => {
    assert.ok(files.length > 1600, `the corpus has ${files.length} articles`);
    const errors: string[] = [];
    const counts = new Map<string, number>();
    const started = Date.now();
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const uri = uriOf(file);
      const doc = { textDocument: { uri } };
      await client.open(uri, text, 1);
      const asks: [string, unknown][] = [
        ['textDocument/diagnostic', doc],
        ['textDocument/documentSymbol', doc],
        ['textDocument/foldingRange', doc],
        ['textDocument/documentLink', doc],
        ['textDocument/codeLens', doc],
        ['textDocument/codeAction', { ...doc, range: { start: { line: 0, character: 0 }, end: positionOf(text, text.length) }, context: { diagnostics: [] } }],
        ['textDocument/codeAction', { ...doc, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll'] } }],
        ['kart/articleView', { uri }],
        ['kart/factSnippet', { uri }],
        ['kart/sourceSnippet', { uri, list: 'secondary_sources' }],
      ];
      const places = placesIn(text);
      for (const { pos } of places) {
        asks.push(['textDocument/hover', { ...doc, position: pos }]);
        asks.push(['textDocument/completion', { ...doc, position: pos }]);
        asks.push(['textDocument/definition', { ...doc, position: pos }]);
        asks.push(['textDocument/references', { ...doc, position: pos, context: { includeDeclaration: true } }]);
      }
      const factId = places.find((p) => p.kind === 'fact id');
      if (factId) {
        asks.push(['textDocument/prepareRename', { ...doc, position: factId.pos }]);
        asks.push(['textDocument/rename', { ...doc, position: factId.pos, newName: 'renamed-fact-9' }]);
      }
      await Promise.all(
        asks.map(([method, params]) =>
          client.request(method, params).then(
            (result) => {
              const key = `${method}${result === null || (Array.isArray(result) && result.length === 0) ? ' (empty)' : ''}`;
              counts.set(key, (counts.get(key) ?? 0) + 1);
            },
            (e: { code: number; message: string }) => errors.push(`${path.relative(CORPUS, file)} ${method} ${JSON.stringify(params).slice(0, 200)}: ${e.code} ${e.message}`),
          ),
        ),
      );
      await client.close(uri);
    }
    const seconds = (Date.now() - started) / 1000;
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    t.diagnostic(`${files.length} articles, ${total} answers in ${seconds.toFixed(1)} s`);
    t.diagnostic([...counts].sort().map(([k, n]) => `${k}: ${n}`).join('; '));
    assert.deepStrictEqual(errors.slice(0, 20), [], `${errors.length} error responses`);
    // Each feature answered something somewhere: the run did not pass by answering nothing.
    for (const method of ['textDocument/hover', 'textDocument/completion', 'textDocument/definition', 'textDocument/references', 'textDocument/rename', 'textDocument/documentSymbol', 'textDocument/foldingRange', 'textDocument/documentLink', 'textDocument/codeLens', 'textDocument/codeAction', 'kart/factSnippet']) {
      assert.ok((counts.get(method) ?? 0) > 100, `${method} answered with content only ${counts.get(method) ?? 0} times`);
    }
    assert.deepStrictEqual(client.logs.filter((l) => l.type === 1).map((l) => l.message).slice(0, 5), [], 'no error logged by the server');
  });
});
