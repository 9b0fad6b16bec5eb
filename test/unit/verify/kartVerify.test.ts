// `kart verify` through the CLI's main(), against a local web on 127.0.0.1 (test/verifyServer.ts): what it finds,
// how politely it asks, what it keeps, and that a second run, --offline and robots.txt make it ask nothing.
import * as assert from 'assert';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import { after, before, beforeEach, describe, it } from 'node:test';
import { join } from 'path';
import { readReportFile, writeReportFile } from '../../../server/src/node/verifyRun';
import type { VerifyResult } from '../../../server/src/verify/report';
import { articleText, PLAIN_BODY } from '../../articleText';
import { folder, kartRaw } from '../../cliHelpers';
import { startWebServer, type WebServer } from '../../verifyServer';

let web: WebServer;
before(async () => {
  web = await startWebServer({ slowMs: 1500 });
});
after(async () => {
  await web.close();
});
beforeEach(() => web.reset());

function source(title: string, url: string, extra = ''): string {
  return `  - title: ${title}\n    type: documentation\n    url: ${url}\n${extra}`;
}

function articleWith(sources: string, facts = '[]\n'): string {
  return articleText({ id: 'sources-article', title: 'Sources', facts: ` ${facts}`, sources, body: PLAIN_BODY });
}

const workspace = (files: Record<string, string>) => folder(files, 'kart-verify-');

async function verify(cwd: string, args: string[] = []) {
  const { code, out, err } = await kartRaw(['verify', '--doi-endpoint', `${web.base}/doi`, '--arxiv-endpoint', `${web.base}/arxiv`, ...args], cwd);
  return { code, out, err };
}

interface Problem {
  line: number;
  column: number;
  rule: string;
  severity: string;
  message: string;
}
const problems = (json: string): Problem[] => (JSON.parse(json) as { problems: Problem[] }).problems;
const brief = (ps: Problem[]) => ps.map((p) => `${p.line}:${p.column} ${p.rule}`);

describe('kart verify: URLs', () => {
  it('finds dead, moved and redirected pages, follows HEAD-refused to GET, and reports each at its url', async () => {
    const b = web.base;
    const text = articleWith(
      [
        source('Fine', `${b}/ok`),
        source('Moved', `${b}/moved-301`),
        source('Moved twice', `${b}/moved-308`),
        source('Temporary', `${b}/temp-302`),
        source('Gone', `${b}/gone`),
        source('Missing', `${b}/missing`),
        source('Moved then dead', `${b}/moved-then-dead`),
        source('Head refused', `${b}/head-refused`),
      ].join(''),
    );
    const dir = workspace({ 'ai/sources.md': text });
    const r = await verify(dir, ['--format', 'json', '--rate', '50']);
    assert.strictEqual(r.code, 1, r.err);
    const ps = problems(r.out);
    const col = '    url: '.length + 1;
    // Sources start on line 13, four lines each; the url is each entry's third line.
    const urlLine = (i: number) => 13 + i * 3 + 2;
    assert.deepStrictEqual(brief(ps), [
      `${urlLine(1)}:${col} source-moved`,
      `${urlLine(2)}:${col} source-moved`,
      `${urlLine(3)}:${col} source-redirected`,
      `${urlLine(4)}:${col} source-unreachable`,
      `${urlLine(5)}:${col} source-unreachable`,
      `${urlLine(6)}:${col} source-unreachable`,
    ]);
    assert.match(ps[0].message, new RegExp(`moved permanently \\(301\\) to ${b}/new-home`));
    assert.match(ps[1].message, new RegExp(`moved permanently \\(301\\) to ${b}/new-home`), 'a chain of permanent redirects leads to its end');
    assert.match(ps[3].message, /410 Gone/);
    assert.match(ps[4].message, /404 Not Found/);
    assert.match(ps[5].message, /404 Not Found after a redirect/);
    assert.strictEqual(ps[3].severity, 'error');
    assert.strictEqual(web.count('/head-refused'), 2, 'HEAD, then GET');
    assert.deepStrictEqual(
      web.seen.filter((s) => s.path === '/head-refused').map((s) => s.method),
      ['HEAD', 'GET'],
    );
    assert.ok(web.seen.every((s) => /^kart\/\d/.test(s.userAgent ?? '')), 'every request names the tool');
    const report = JSON.parse(readFileSync(join(dir, 'kart-verification.json'), 'utf8'));
    assert.strictEqual(report.tool, 'kart');
    const moved = report.results[`url:${b}/moved-308`];
    assert.deepStrictEqual(moved.redirects, [
      { url: `${b}/moved-308`, status: 308 },
      { url: `${b}/moved-301`, status: 301 },
    ]);
    assert.strictEqual(moved.movedTo, `${b}/new-home`);
    assert.ok(!Number.isNaN(Date.parse(moved.checkedAt)));
  });

  it('counts timeouts, 429 and 5xx as "could not verify", never dead; retries a 429 after its Retry-After', async () => {
    const b = web.base;
    const dir = workspace({
      'ai/sources.md': articleWith([source('Hang', `${b}/hang`), source('Busy once', `${b}/busy-once`), source('Busy always', `${b}/busy-always`), source('Server error', `${b}/server-error`)].join('')),
    });
    const started = Date.now();
    const r = await verify(dir, ['--format', 'json', '--timeout', '400', '--retries', '1', '--rate', '50']);
    assert.strictEqual(r.code, 0, 'nothing dead: no error');
    const ps = problems(r.out);
    assert.deepStrictEqual(
      ps.map((p) => [p.rule, p.severity]),
      [
        ['source-unverified', 'info'],
        ['source-unverified', 'info'],
        ['source-unverified', 'info'],
      ],
    );
    assert.match(ps[0].message, /timed out after 400 ms/);
    assert.match(ps[1].message, /429 Too Many Requests/);
    assert.match(ps[2].message, /503 Service Unavailable/);
    // busy-once: 429, a wait of Retry-After (1 s), then 200.
    const busy = web.seen.filter((s) => s.path === '/busy-once');
    assert.deepStrictEqual(
      busy.map((s) => s.method),
      ['HEAD', 'HEAD'],
    );
    assert.ok(busy[1].at - busy[0].at >= 990, `waited ${busy[1].at - busy[0].at} ms`);
    // busy-always: one retry, no more (HEAD 429, HEAD 429: 429 is not a refused HEAD).
    assert.strictEqual(web.count('/busy-always'), 2);
    // 503 is retried too (1 s backoff without Retry-After), then GET since HEAD failed.
    assert.ok(Date.now() - started < 10_000);
  });

  it('obeys robots.txt: a disallowed page is not fetched, an allowed one is', async () => {
    const b = web.base;
    const dir = workspace({ 'ai/sources.md': articleWith([source('Secret', `${b}/private/secret`), source('Open', `${b}/private/open`)].join('')) });
    const r = await verify(dir, ['--format', 'json', '--rate', '50']);
    assert.strictEqual(web.count('/private/secret'), 0);
    assert.strictEqual(web.count('/private/open'), 1);
    assert.strictEqual(web.count('/robots.txt'), 1, 'robots.txt read once per host');
    const ps = problems(r.out);
    assert.deepStrictEqual(brief(ps), ['15:10 source-unverified']);
    assert.match(ps[0].message, /robots\.txt of 127\.0\.0\.1:\d+ disallows kart/);
  });
});

describe('kart verify: politeness', () => {
  it('keeps the global rate: never more than N requests in any second, as the server sees them', async () => {
    const b = web.base;
    const list = Array.from({ length: 14 }, (_, i) => source(`Page ${i}`, `${b}/ok?page=${i}`)).join('');
    const dir = workspace({ 'ai/sources.md': articleWith(list) });
    await verify(dir, ['--rate', '5', '--per-host', '8']);
    const times = web.seen.map((s) => s.at).sort((x, y) => x - y);
    assert.strictEqual(times.length, 15, 'robots.txt and 14 pages');
    // kart sends them at least 200 ms apart. What the server sees may jitter on a loaded machine: allow one request
    // more in a second than the rate, and check that the whole run took the time the rate asks.
    for (let i = 0; i + 6 < times.length; i++) assert.ok(times[i + 6] - times[i] >= 1000, `7 requests (${i}..${i + 6}) within ${times[i + 6] - times[i]} ms`);
    assert.ok(times[times.length - 1] - times[0] >= 14 * 200 - 50, `15 requests in ${times[times.length - 1] - times[0]} ms`);
  });

  it('keeps the per-host limit: at most --per-host requests in flight to one host', async () => {
    const b = web.base;
    const list = Array.from({ length: 8 }, (_, i) => source(`Slow ${i}`, `${b}/slow-ok?page=${i}`)).join('');
    const dir = workspace({ 'ai/sources.md': articleWith(list) });
    await verify(dir, ['--rate', '100', '--per-host', '2']);
    assert.strictEqual(web.count('/robots.txt'), 1);
    assert.strictEqual(web.seen.length, 9);
    assert.strictEqual(web.maxInFlight(), 2);
  });
});

describe('kart verify: the report', () => {
  it('a second run asks nothing; --force asks again; an old result is asked again after --max-age', async () => {
    const b = web.base;
    const dir = workspace({ 'ai/sources.md': articleWith([source('Fine', `${b}/ok`), source('Missing', `${b}/missing`)].join('')) });
    const first = await verify(dir, ['--rate', '50']);
    assert.strictEqual(first.code, 1);
    const asked = web.seen.length;
    assert.ok(asked >= 3);
    web.reset();
    const second = await verify(dir, ['--rate', '50']);
    assert.strictEqual(web.seen.length, 0, 'everything came from the report');
    assert.strictEqual(second.out, first.out, 'the same findings');
    assert.match(second.err, /2 sources: 0 checked \(0 requests\), 2 from kart-verification\.json\./);
    const forced = await verify(dir, ['--rate', '50', '--force']);
    assert.ok(web.count('/ok') >= 1 && web.count('/missing') >= 1, 'asked again');
    assert.strictEqual(forced.out, first.out);
    // A result from 40 days ago is stale by the default maxAgeDays (30) and fresh by --max-age 60.
    const file = join(dir, 'kart-verification.json');
    const report = JSON.parse(readFileSync(file, 'utf8'));
    for (const r of Object.values(report.results) as { checkedAt: string }[]) r.checkedAt = new Date(Date.now() - 40 * 86_400_000).toISOString();
    writeFileSync(file, JSON.stringify(report));
    web.reset();
    await verify(dir, ['--rate', '50', '--max-age', '60']);
    assert.strictEqual(web.seen.length, 0);
    await verify(dir, ['--rate', '50']);
    assert.strictEqual(web.count('/ok'), 1);
    assert.strictEqual(web.count('/missing'), 2, 'HEAD 404, then GET 404');
  });

  it('--offline makes no request and reports from the report alone; --report names the file', async () => {
    const b = web.base;
    const dir = workspace({ 'ai/sources.md': articleWith([source('Gone', `${b}/gone`), source('Fine', `${b}/ok`)].join('')) });
    const none = await verify(dir, ['--offline', '--report', 'reports/verify.json']);
    assert.strictEqual(web.seen.length, 0);
    assert.strictEqual(none.code, 0);
    assert.match(none.err, /2 not verified \(offline\)/);
    assert.ok(!existsSync(join(dir, 'reports/verify.json')), 'offline writes nothing');
    mkdirSync(join(dir, 'reports'));
    await verify(dir, ['--report', 'reports/verify.json', '--rate', '50']);
    assert.ok(web.seen.length > 0);
    web.reset();
    const offline = await verify(dir, ['--offline', '--report', 'reports/verify.json', '--format', 'json', '--force']);
    assert.strictEqual(web.seen.length, 0, '--offline wins over --force');
    assert.strictEqual(offline.code, 1);
    assert.deepStrictEqual(brief(problems(offline.out)), ['15:10 source-unreachable']);
  });

  it("reads AnchorFact's verification-report.json for what its own report lacks", async () => {
    const b = web.base;
    const anchor = {
      summary: { generated: new Date().toISOString() },
      articles: [
        {
          file: 'content/ai/sources.md',
          verification_results: [
            { source_title: 'Fine', results: [{ method: 'url', identifier: `${b}/ok`, verified: true, metadata: { status: 200, final_url: `${b}/ok` } }] },
            { source_title: 'Gone', results: [{ method: 'url', identifier: `${b}/gone`, verified: false, metadata: { status: 410 } }] },
            { source_title: 'Timeout', results: [{ method: 'url', identifier: `${b}/hang`, verified: false, metadata: { error: 'This operation was aborted', error_name: 'AbortError' } }] },
          ],
        },
      ],
    };
    const dir = workspace({
      'ai/sources.md': articleWith([source('Fine', `${b}/ok`), source('Gone', `${b}/gone`), source('Timeout', `${b}/hang`)].join('')),
      'verification-report.json': JSON.stringify(anchor),
    });
    const r = await verify(dir, ['--format', 'json', '--timeout', '200', '--rate', '50']);
    assert.strictEqual(web.count('/ok'), 0, 'verified by AnchorFact: not asked');
    assert.strictEqual(web.count('/gone'), 0, '410 by AnchorFact: not asked');
    assert.strictEqual(web.count('/hang'), 1, 'an AnchorFact failure says nothing certain: asked');
    const ps = problems(r.out);
    assert.deepStrictEqual(brief(ps), ['18:10 source-unreachable', '21:10 source-unverified']);
    assert.match(ps[0].message, /checked \d{4}-\d\d-\d\d by AnchorFact/);
  });
});

describe('the report file shared by two runs', () => {
  it('a write keeps what another run wrote since (the newer result of a key wins), creating its folder', async () => {
    const dir = workspace({});
    const file = join(dir, 'reports', 'v.json');
    const r = (target: string, checkedAt: string, status: VerifyResult['status']): VerifyResult => ({ kind: 'url', target, checkedAt, status });
    await writeReportFile(file, { tool: 'kart', version: 1, results: { 'url:a': r('a', '2026-12-02T10:00:00.000Z', 'ok'), 'url:b': r('b', '2026-12-02T10:00:00.000Z', 'dead') } });
    // A run that read the file before those results, and learnt an older b and a new c.
    await writeReportFile(file, { tool: 'kart', version: 1, results: { 'url:b': r('b', '2026-12-01T10:00:00.000Z', 'ok'), 'url:c': r('c', '2026-12-02T11:00:00.000Z', 'ok') } });
    const { report } = await readReportFile(file);
    assert.deepStrictEqual(
      Object.entries(report.results).map(([k, v]) => [k, v.status]),
      [
        ['url:a', 'ok'],
        ['url:b', 'dead'],
        ['url:c', 'ok'],
      ],
    );
  });
});

describe('kart verify: DOIs and arXiv ids', () => {
  it('resolves DOIs (CSL JSON) and arXiv ids (Atom), comparing titles leniently and years', async () => {
    const b = web.base;
    const sources = [
      '  - title: "Attention is all you need: the Transformer"\n    type: academic_paper\n    year: 2017\n    doi: 10.1234/attention\n',
      '  - title: Deep Residual Networks for Vision\n    type: academic_paper\n    year: 2015\n    doi: https://doi.org/10.1234/RESNET\n',
      '  - title: Unknown Paper\n    type: academic_paper\n    doi: 10.1234/no-such-doi\n',
      '  - title: Not a DOI\n    type: academic_paper\n    doi: ISBN 978-0\n',
      '  - title: ATTENTION IS ALL YOU NEED.\n    type: academic_paper\n    url: https://arxiv.org/abs/1706.03762v5\n',
      '  - title: Instruction Tuning Survey\n    type: academic_paper\n    url: https://arxiv.org/pdf/2109.01652\n',
      '  - title: Missing Paper\n    type: academic_paper\n    url: https://arxiv.org/abs/2401.99999\n',
    ].join('');
    const facts = `\n  - id: f1\n    statement: A claim.\n    source_title: Attention Is All You Need\n    source_doi: 10.1234/attention\n`;
    const dir = workspace({ 'ai/papers.md': articleWith(sources, facts) });
    const r = await verify(dir, ['--format', 'json', '--rate', '50']);
    const ps = problems(r.out);
    assert.deepStrictEqual(
      ps.map((p) => `${p.line}:${p.column} ${p.rule}`),
      [
        // The fact takes lines 12-15; the sources start on line 17 (title, type, year, doi/url).
        '21:12 source-title-mismatch',
        '23:11 source-year-mismatch',
        '27:10 doi-unresolvable',
        '30:10 doi-unresolvable',
        '34:12 source-title-mismatch',
        '39:10 arxiv-unresolvable',
      ],
      r.out,
    );
    assert.match(ps[0].message, /"Deep Residual Networks for Vision" is not the title registered for the DOI https:\/\/doi\.org\/10\.1234\/RESNET: "Deep Residual Learning for Image Recognition"/);
    assert.match(ps[1].message, /registered for 2016, not 2015/);
    assert.match(ps[2].message, /does not resolve: not registered/);
    assert.match(ps[3].message, /is not a DOI/);
    assert.match(ps[4].message, /registered for arXiv 2109\.01652: "Finetuned Language Models Are Zero-Shot Learners"/);
    assert.strictEqual(r.code, 1);
    // Each DOI asked once although the fact and a source share one; the malformed one never.
    assert.strictEqual(web.count('/doi/10.1234/attention'), 1);
    assert.strictEqual(web.seen.filter((s) => s.path.startsWith('/doi/')).length, 3);
    assert.ok(web.seen.filter((s) => s.path.startsWith('/doi/')).every((s) => s.accept === 'application/vnd.citationstyles.csl+json'));
    assert.deepStrictEqual(
      web.seen.filter((s) => s.path.startsWith('/arxiv/')).map((s) => s.path).sort(),
      ['/arxiv/api/query?id_list=1706.03762v5&max_results=1', '/arxiv/api/query?id_list=2109.01652&max_results=1', '/arxiv/api/query?id_list=2401.99999&max_results=1'],
    );
    assert.strictEqual(web.count('/robots.txt'), 0, 'metadata APIs are asked without robots.txt; no page was fetched');
  });
});

describe('kart verify: output and usage', () => {
  it('prints text, github and sarif like kart check, and exits 2 on bad usage', async () => {
    const b = web.base;
    const dir = workspace({ 'ai/sources.md': articleWith(source('Gone', `${b}/gone`)), 'kart.config.json': JSON.stringify({ verify: { rate: 50 }, rules: { 'source-unreachable': 'warning' } }) });
    const text = await verify(dir);
    assert.strictEqual(text.code, 0, 'the config made it a warning');
    assert.match(text.out, new RegExp(`^ai/sources\\.md:15:10 warning source-unreachable ${b.replace(/\./g, '\\.')}/gone is dead: 410 Gone`));
    assert.match(text.out, /\n1 file checked: 1 problem \(1 warning\)\.$/);
    const gh = await verify(dir, ['--format', 'github', '--offline']);
    assert.match(gh.out, /^::warning file=ai\/sources\.md,line=15,col=10,endLine=15,endColumn=\d+,title=kart source-unreachable::/);
    const sarif = JSON.parse((await verify(dir, ['--format', 'sarif', '--offline'])).out);
    assert.strictEqual(sarif.runs[0].results[0].ruleId, 'source-unreachable');
    assert.ok(sarif.runs[0].tool.driver.rules.some((r: { id: string }) => r.id === 'doi-unresolvable'));
    assert.strictEqual((await verify(dir, ['--format', 'xml'])).code, 2);
    assert.strictEqual((await verify(dir, ['--bogus'])).code, 2);
    assert.strictEqual((await verify(dir, ['--rate', 'fast'])).code, 2);
  });
});
