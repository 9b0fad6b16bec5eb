// Importing a source through the real protocol: a DOI looked up at kart.config.json's verify.doiEndpoint (the local
// verification server the test starts on 127.0.0.1), BibTeX, CSL JSON, bad input, and the workspace's bibliography.
import * as assert from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import { after, before, describe, it } from 'node:test';
import { CSL, startWebServer, type WebServer } from '../verifyServer';
import { makeWorkspace, REPO, startServer, type Pos, type TestClient } from './client';

const FIXTURES = path.join(REPO, 'test', 'fixtures', 'protocol');
const small = readFileSync(path.join(FIXTURES, 'ai', 'small-article.md'), 'utf8');

interface Imported {
  range: { start: Pos; end: Pos };
  newText: string;
  entryStart: Pos;
  title?: string;
}

CSL['10.5555/import.test'] = {
  type: 'article-journal',
  DOI: '10.5555/import.test',
  title: ['Scaling Instruction-Finetuned Language Models'],
  author: [{ given: 'Hyung Won', family: 'Chung' }, { given: 'Le', family: 'Hou' }],
  publisher: 'JMLR',
  issued: { 'date-parts': [[2024, 3]] },
};

const BIB = String.raw`@misc{wei2022,
  title = {Finetuned Language Models Are Zero-Shot Learners},
  author = {Wei, Jason and Bosma, Maarten},
  year = {2022},
  url = {https://arxiv.org/abs/2109.01652},
  publisher = {Google Research}
}`;

describe('importing a source over the protocol', () => {
  let web: WebServer;
  let client: TestClient;
  let ws: ReturnType<typeof makeWorkspace>;
  let uri: string;
  const lastLine = small.slice(0, small.indexOf('---\n## TL;DR')).split('\n').length - 2;

  before(async () => {
    web = await startWebServer();
    ws = makeWorkspace({
      'kart.config.json': JSON.stringify({ verify: { doiEndpoint: `${web.base}/doi` } }),
      'ai/small-article.md': small,
      'refs/library.bib': BIB,
      'refs/zotero.json': JSON.stringify([{ id: 'x', type: 'webpage', title: 'OWASP Cross Site Scripting', URL: 'https://owasp.org/www-community/attacks/xss/', publisher: 'OWASP' }]),
      'refs/not-csl.json': '{"name": "something else"}',
    });
    uri = ws.uri('ai/small-article.md');
    client = await startServer({ root: ws.root });
    await client.waitFor('indexing to end', () => client.progress.find((p) => p.value.kind === 'end'));
    await client.open(uri, small);
  });

  after(async () => {
    await client?.stop();
    await web?.close();
    ws?.dispose();
  });

  it('a DOI: the metadata from the configured DOI endpoint, as a complete entry after the list\'s last item', async () => {
    const r = await client.request<Imported>('kart/importSource', { uri, list: 'secondary_sources', input: ' https://doi.org/10.5555/import.test ' });
    assert.deepStrictEqual(r.range, { start: { line: lastLine, character: '    institution: Google'.length }, end: { line: lastLine, character: '    institution: Google'.length } });
    assert.strictEqual(
      r.newText,
      [
        '',
        '  - title: Scaling Instruction-Finetuned Language Models',
        '    type: academic_paper',
        '    year: 2024',
        '    url: https://doi.org/10.5555/import.test',
        // The article's sources put institution after url: so does the new one; doi and authors, which it lacks, follow.
        '    institution: JMLR',
        '    doi: 10.5555/import.test',
        '    authors:',
        '      - Hyung Won Chung',
        '      - Le Hou',
      ].join('\n'),
    );
    assert.deepStrictEqual(r.entryStart, { line: lastLine + 1, character: 0 });
    const asked = web.seen.find((s) => s.path === '/doi/10.5555/import.test')!;
    assert.strictEqual(asked.accept, 'application/vnd.citationstyles.csl+json');
    assert.match(asked.userAgent ?? '', /^knowledge-articles\//);
  });

  it('BibTeX and CSL JSON pasted; the article\'s key order kept', async () => {
    const bib = await client.request<Imported>('kart/importSource', { uri, list: 'primary_sources', input: BIB });
    // @misc is CSL's "document": the format's catch-all "reference".
    assert.strictEqual(bib.newText, '\n  - title: Finetuned Language Models Are Zero-Shot Learners\n    type: reference\n    year: 2022\n    url: https://arxiv.org/abs/2109.01652\n    institution: Google Research\n    authors:\n      - Jason Wei\n      - Maarten Bosma');
    const csl = await client.request<Imported>('kart/importSource', { uri, list: 'primary_sources', input: JSON.stringify({ type: 'standard', title: 'RFC 9110', URL: 'https://www.rfc-editor.org/rfc/rfc9110', publisher: 'IETF', issued: { 'date-parts': [[2022]] } }) });
    assert.strictEqual(csl.newText, '\n  - title: RFC 9110\n    type: standard\n    year: 2022\n    url: https://www.rfc-editor.org/rfc/rfc9110\n    institution: IETF');
  });

  it('bad input, an unknown DOI and broken BibTeX are error answers that say what is wrong', async () => {
    const message = (input: string) =>
      client.request('kart/importSource', { uri, list: 'primary_sources', input }).then(
        () => 'no error',
        (e: Error) => e.message,
      );
    assert.match(await message('hello'), /^Paste a BibTeX entry/);
    assert.match(await message('10.5555/unknown'), /^The DOI 10\.5555\/unknown is not registered/);
    assert.match(await message('@article{x, title = {open'), /^Not valid BibTeX: /);
    assert.match(await message('{"title": '), /^Not valid JSON: /);
  });

  it('kart/bibliography: the items of the workspace\'s .bib and CSL JSON files, for Insert Source to pick from', async () => {
    const entries = await client.request<{ title: string; detail: string; file: string; item: Record<string, unknown> }[]>('kart/bibliography', {});
    assert.deepStrictEqual(
      entries.map((e) => [e.title, e.detail, e.file]),
      [
        ['Finetuned Language Models Are Zero-Shot Learners', 'Jason Wei, Maarten Bosma · 2022', 'refs/library.bib'],
        ['OWASP Cross Site Scripting', 'OWASP', 'refs/zotero.json'],
      ],
    );
    const picked = await client.request<Imported>('kart/importSource', { uri, list: 'primary_sources', item: entries[1].item });
    assert.strictEqual(picked.newText, '\n  - title: OWASP Cross Site Scripting\n    type: documentation\n    url: https://owasp.org/www-community/attacks/xss/\n    institution: OWASP');
  });
  it('the bibliography files feed completion of a fact\'s source_title; a .bib changed on disk is read again', async () => {
    type Item = { label: string; detail?: string; textEdit?: { newText: string }; additionalTextEdits?: { newText: string }[] };
    const text = small.replace(/(atomic_facts:\n)/, '$1  - id: f9\n    statement: x\n    source_title: \n');
    const doc = ws.uri('ai/completing.md');
    await client.open(doc, text);
    const line = text.split('\n').indexOf('    source_title: ');
    const complete = async () =>
      (await client.request<{ items: Item[] }>('textDocument/completion', { textDocument: { uri: doc }, position: { line, character: '    source_title: '.length }, context: { triggerKind: 1 } })).items;
    const fromBib = (items: Item[]) => items.filter((i) => /^from /.test(i.detail ?? '')).map((i) => [i.label, i.detail, i.additionalTextEdits?.map((e) => e.newText.trim())]);
    assert.deepStrictEqual(fromBib(await complete()), [
      ['Finetuned Language Models Are Zero-Shot Learners', 'from library.bib (wei2022)', ['source_url: https://arxiv.org/abs/2109.01652']],
      ['OWASP Cross Site Scripting', 'from zotero.json (x)', ['source_url: https://owasp.org/www-community/attacks/xss/']],
    ]);
    ws.write('refs/library.bib', BIB + '\n@book{new2025, title = {A Book Added Later}, year = {2025}, url = {https://example.net/book}}\n');
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uri('refs/library.bib'), type: 2 }] });
    let after = fromBib(await complete());
    for (let i = 0; i < 50 && !after.some((e) => e[0] === 'A Book Added Later'); i++) {
      await new Promise((r) => setTimeout(r, 100));
      after = fromBib(await complete());
    }
    assert.deepStrictEqual(after.map((i) => i[0]), ['Finetuned Language Models Are Zero-Shot Learners', 'A Book Added Later', 'OWASP Cross Site Scripting']);
  });
});
