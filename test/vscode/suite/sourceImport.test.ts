// Insert Source with an import, in a real VS Code: a pasted BibTeX entry, and a DOI looked up at the verify.doiEndpoint
// of kart.config.json, here a DOI resolver this test starts on 127.0.0.1 inside the extension host.
import * as assert from 'assert';
import { createServer, type Server } from 'http';
import type { AddressInfo } from 'net';
import * as vscode from 'vscode';
import { activeApi, seedCopy, sleep, waitFor, workspaceUri, writeFile } from './util';

const BIB = String.raw`@inproceedings{ouyang2022,
  title     = {Training Language Models to Follow Instructions with Human Feedback},
  author    = {Ouyang, Long and Wu, Jeff and Jiang, Xu},
  booktitle = {Advances in Neural Information Processing Systems},
  publisher = {Curran Associates},
  year      = {2022},
  url       = {https://arxiv.org/abs/2203.02155}
}`;

const DOI = '10.5555/kart.import';
const CSL = {
  type: 'article-journal',
  DOI,
  title: 'Self-Instruct: Aligning Language Models with Self-Generated Instructions',
  author: [{ given: 'Yizhong', family: 'Wang' }, { literal: 'Allen Institute for AI' }],
  publisher: 'ACL',
  issued: { 'date-parts': [[2023, 7]] },
};

suite('importing a source', () => {
  let server: Server;
  const asked: { path: string; accept?: string }[] = [];
  const config = () => workspaceUri('kart.config.json');

  suiteSetup(async () => {
    await activeApi();
    server = createServer((req, res) => {
      asked.push({ path: req.url ?? '', accept: req.headers.accept });
      if (req.url === `/doi/${DOI}`) {
        res.writeHead(200, { 'Content-Type': 'application/vnd.citationstyles.csl+json' });
        res.end(JSON.stringify(CSL));
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    await writeFile('kart.config.json', JSON.stringify({ verify: { doiEndpoint: `http://127.0.0.1:${port}/doi` } }, null, 2));
  });

  suiteTeardown(async () => {
    await vscode.workspace.fs.delete(config()).then(undefined, () => undefined);
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  test('Insert Source with a pasted BibTeX entry writes the complete entry at the end of the chosen list', async () => {
    const editor = await seedCopy('ai/import-bibtex.md');
    const done = await vscode.commands.executeCommand<boolean>('knowledgeArticles.insertSource', 'primary_sources', BIB);
    assert.strictEqual(done, true);
    const text = editor.document.getText();
    // The seed's own style: the key order of its fullest source, authors as "Family, Given".
    const entry = [
      '  - title: Training Language Models to Follow Instructions with Human Feedback',
      '    type: conference_paper',
      '    year: 2022',
      '    authors:',
      '      - Ouyang, Long',
      '      - Wu, Jeff',
      '      - Jiang, Xu',
      '    institution: Curran Associates',
      '    url: https://arxiv.org/abs/2203.02155',
    ].join('\n');
    const at = text.indexOf(entry);
    assert.ok(at > 0, text.slice(0, 3000));
    // In primary_sources, before secondary_sources begins; the cursor on the new entry.
    assert.ok(at < text.indexOf('\nsecondary_sources:'));
    assert.strictEqual(editor.selection.active.line, editor.document.positionAt(at).line);
  });

  test('Insert Source with a DOI asks the configured DOI endpoint and writes what it registered', async () => {
    const editor = await seedCopy('ai/import-doi.md');
    // The server reads kart.config.json when it changes: until then a DOI goes to the default resolver, which the
    // test never lets it reach (the command fails); retry until the new endpoint is used.
    let done: boolean | undefined;
    await waitFor(
      async () => {
        done = await vscode.commands.executeCommand<boolean>('knowledgeArticles.insertSource', 'secondary_sources', `https://doi.org/${DOI}`);
        if (!done) await sleep(500);
        return done;
      },
      'the import from the local DOI endpoint',
      30_000,
    );
    assert.ok(asked.some((a) => a.path === `/doi/${DOI}` && a.accept === 'application/vnd.citationstyles.csl+json'), JSON.stringify(asked));
    const text = editor.document.getText();
    assert.ok(
      text.includes(['  - title: "Self-Instruct: Aligning Language Models with Self-Generated Instructions"', '    type: academic_paper', '    year: 2023'].join('\n')),
      text.slice(0, 4000),
    );
    assert.ok(text.includes(`    doi: ${DOI}`));
    assert.ok(text.includes('      - Wang, Yizhong\n      - Allen Institute for AI'));
    assert.ok(text.indexOf(DOI) > text.indexOf('\nsecondary_sources:'));
  });
});
