import * as assert from 'assert';
import { createServer, IncomingMessage, Server } from 'http';
import { AddressInfo } from 'net';
import { after, before, describe, it } from 'node:test';
import { cslYear, DoiLookupError, fetchDoiMetadata, normalizeDoi } from '../../../server/src/verify/doiMetadata';

describe('fetchDoiMetadata against a local DOI resolver', () => {
  let server: Server;
  let endpoint: string;
  const seen: IncomingMessage[] = [];
  before(async () => {
    server = createServer((req, res) => {
      seen.push(req);
      if (req.url === '/10.1234/known%23part') {
        res.writeHead(302, { Location: '/registry/10.1234/known' });
        return res.end();
      }
      if (req.url === '/registry/10.1234/known') {
        res.writeHead(200, { 'Content-Type': 'application/vnd.citationstyles.csl+json' });
        return res.end(JSON.stringify({ type: 'article-journal', DOI: '10.1234/known#part', title: ['Attention Is All You Need'], issued: { 'date-parts': [[2017, 6]] } }));
      }
      if (req.url === '/10.1234/busy') {
        res.writeHead(503, { 'Retry-After': '5' });
        return res.end();
      }
      res.writeHead(404);
      res.end('DOI Not Found');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => server.close());

  it('asks for CSL JSON at endpoint/encoded-doi, follows the redirect and gives one title string', async () => {
    const item = await fetchDoiMetadata('https://doi.org/10.1234/known%23part', { endpoint, userAgent: 'kart-test/1' });
    assert.strictEqual(item?.title, 'Attention Is All You Need');
    assert.strictEqual(cslYear(item!), 2017);
    assert.strictEqual(seen[0].url, '/10.1234/known%23part');
    assert.strictEqual(seen[0].headers.accept, 'application/vnd.citationstyles.csl+json');
    assert.strictEqual(seen[0].headers['user-agent'], 'kart-test/1');
  });

  it('is undefined for a DOI the resolver does not know, and throws (not undefined) when it could not say', async () => {
    assert.strictEqual(await fetchDoiMetadata('10.1234/nothing', { endpoint }), undefined);
    await assert.rejects(fetchDoiMetadata('10.1234/busy', { endpoint }), (e: unknown) => e instanceof DoiLookupError && e.status === 503 && e.retryAfter === '5');
  });

  it('normalizes what authors write for a DOI', () => {
    assert.strictEqual(normalizeDoi(' doi:10.1000/ABC.1 '), '10.1000/ABC.1');
    assert.strictEqual(normalizeDoi('https://dx.doi.org/10.1000/x'), '10.1000/x');
    assert.strictEqual(normalizeDoi('not a doi'), undefined);
  });
});
