// A local web for the verification tests, on 127.0.0.1: pages, redirects, dead pages, rate limiting, slow answers,
// robots.txt, a DOI resolver answering CSL JSON and an arXiv API answering Atom feeds. It records every request
// (method, path, time, how many were in flight) so that tests can assert what kart asked and how politely.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http';
import type { AddressInfo } from 'net';

export interface Seen {
  method: string;
  path: string;
  at: number;
  userAgent?: string;
  accept?: string;
  /** Requests in flight when this one arrived, itself included. */
  inFlight: number;
}

export interface WebServer {
  base: string;
  seen: Seen[];
  /** Requests to a path (query included), any method. */
  count(path: string): number;
  maxInFlight(): number;
  reset(): void;
  close(): Promise<void>;
}

export const CSL = {
  '10.1234/attention': { type: 'article-journal', DOI: '10.1234/attention', title: ['Attention Is All You Need'], issued: { 'date-parts': [[2017, 6, 12]] } },
  '10.1234/resnet': { type: 'paper-conference', DOI: '10.1234/resnet', title: 'Deep Residual Learning for Image Recognition', issued: { 'date-parts': [[2016, 6]] }, 'published-online': { 'date-parts': [[2016, 12, 12]] } },
} as Record<string, object>;

/** The arXiv API's answer for one paper, in the shape export.arxiv.org gives it. */
export function arxivFeed(id: string, title: string, published: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <link href="http://arxiv.org/api/query?search_query%3D%26id_list%3D${id}%26start%3D0%26max_results%3D1" rel="self" type="application/atom+xml"/>
  <title type="html">ArXiv Query: search_query=&amp;id_list=${id}&amp;start=0&amp;max_results=1</title>
  <id>http://arxiv.org/api/cHxbiOdZaP56ODnBPIenZhzg5f8</id>
  <updated>2026-12-02T00:00:00-05:00</updated>
  <opensearch:totalResults xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">1</opensearch:totalResults>
  <opensearch:startIndex xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">0</opensearch:startIndex>
  <opensearch:itemsPerPage xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">1</opensearch:itemsPerPage>
  <entry>
    <id>http://arxiv.org/abs/${id}v7</id>
    <updated>2023-08-02T00:41:18Z</updated>
    <published>${published}</published>
    <title>${title}</title>
    <summary>  The dominant sequence transduction models are based on complex recurrent or
convolutional neural networks in an encoder-decoder configuration.</summary>
    <author>
      <name>Ashish Vaswani</name>
    </author>
    <author>
      <name>Noam Shazeer</name>
    </author>
    <arxiv:comment xmlns:arxiv="http://arxiv.org/schemas/atom">15 pages, 5 figures</arxiv:comment>
    <link href="http://arxiv.org/abs/${id}v7" rel="alternate" type="text/html"/>
    <link title="pdf" href="http://arxiv.org/pdf/${id}v7" rel="related" type="application/pdf"/>
    <arxiv:primary_category xmlns:arxiv="http://arxiv.org/schemas/atom" term="cs.CL" scheme="http://arxiv.org/schemas/atom"/>
    <category term="cs.CL" scheme="http://arxiv.org/schemas/atom"/>
  </entry>
</feed>
`;
}

/** An empty feed: what the arXiv API answers for an id it does not have. */
export function emptyArxivFeed(id: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title type="html">ArXiv Query: search_query=&amp;id_list=${id}&amp;start=0&amp;max_results=1</title>
  <id>http://arxiv.org/api/x</id>
  <opensearch:totalResults xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">0</opensearch:totalResults>
</feed>
`;
}

const ARXIV: Record<string, [string, string]> = {
  '1706.03762': ['Attention Is All You\n  Need', '2017-06-12T17:57:34Z'],
  '2109.01652': ['Finetuned Language Models Are Zero-Shot Learners', '2021-09-03T17:55:52Z'],
};

type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => void;

export async function startWebServer(options: { slowMs?: number } = {}): Promise<WebServer> {
  const seen: Seen[] = [];
  let inFlight = 0;
  const hits = new Map<string, number>();
  const slowMs = options.slowMs ?? 2000;
  const page = (res: ServerResponse, body = '<html><title>ok</title></html>') => {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end(body);
  };
  const routes: Record<string, Handler> = {
    '/robots.txt': (_q, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end('# test robots\nUser-agent: *\nDisallow: /private/\nAllow: /private/open$\n\nUser-agent: otherbot\nDisallow: /\n');
    },
    '/ok': (_q, res) => page(res),
    '/slow-ok': (_q, res) => setTimeout(() => page(res), 150),
    '/moved-301': (_q, res) => redirect(res, 301, '/new-home'),
    '/moved-308': (_q, res) => redirect(res, 308, '/moved-301'),
    '/temp-302': (_q, res) => redirect(res, 302, '/ok?session=1'),
    '/new-home': (_q, res) => page(res),
    '/gone': (_q, res) => status(res, 410),
    '/missing': (_q, res) => status(res, 404),
    '/moved-then-dead': (_q, res) => redirect(res, 301, '/missing'),
    '/head-refused': (req, res) => (req.method === 'HEAD' ? status(res, 405) : page(res)),
    '/busy-once': (_q, res, url) => {
      const n = (hits.get(url.pathname) ?? 0) + 1;
      hits.set(url.pathname, n);
      if (n === 1) {
        res.writeHead(429, { 'Retry-After': '1' });
        return res.end();
      }
      page(res);
    },
    '/busy-always': (_q, res) => {
      res.writeHead(429, { 'Retry-After': '1' });
      res.end();
    },
    '/server-error': (_q, res) => status(res, 503),
    '/hang': (_q, res) => setTimeout(() => page(res), slowMs),
    '/private/secret': (_q, res) => page(res),
    '/private/open': (_q, res) => page(res),
  };
  const redirect = (res: ServerResponse, code: number, location: string) => {
    res.writeHead(code, { Location: location });
    res.end();
  };
  const status = (res: ServerResponse, code: number) => {
    res.writeHead(code, { 'Content-Type': 'text/plain' });
    res.end(String(code));
  };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    inFlight++;
    res.on('close', () => inFlight--);
    seen.push({ method: req.method ?? 'GET', path: url.pathname + url.search, at: Date.now(), userAgent: req.headers['user-agent'], accept: req.headers.accept, inFlight });
    if (url.pathname.startsWith('/doi/')) {
      const doi = decodeURIComponent(url.pathname.slice('/doi/'.length)).toLowerCase();
      const item = CSL[doi];
      if (!item) return status(res, 404);
      if (req.headers.accept !== 'application/vnd.citationstyles.csl+json') return status(res, 406);
      res.writeHead(200, { 'Content-Type': 'application/vnd.citationstyles.csl+json' });
      return res.end(JSON.stringify(item));
    }
    if (url.pathname === '/arxiv/api/query') {
      const id = url.searchParams.get('id_list') ?? '';
      const known = ARXIV[id.replace(/v\d+$/, '')];
      res.writeHead(200, { 'Content-Type': 'application/atom+xml; charset=utf-8' });
      return res.end(known ? arxivFeed(id, known[0], known[1]) : emptyArxivFeed(id));
    }
    const route = routes[url.pathname];
    if (route) return route(req, res, url);
    status(res, 404);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    seen,
    count: (p) => seen.filter((s) => s.path === p).length,
    maxInFlight: () => Math.max(0, ...seen.map((s) => s.inFlight)),
    reset() {
      seen.length = 0;
      hits.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
