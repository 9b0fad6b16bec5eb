// A hostile repository cannot make checking it take unbounded time: patterns from its kart.config.json run in linear
// time (or are a configuration error naming the key), and documents built to hit a quadratic path finish. The bounds
// are generous (CPU time of this process) and far below what each case took before; bench/ shows the real times.
import * as assert from 'assert';
import { describe, it } from 'node:test';
import picomatch from 'picomatch';
import { checkArticle } from '../../server/src/check';
import { MAX_DOCUMENT_CHARS } from '../../server/src/core/limits';
import { parseConfig, type ResolvedConfig } from '../../server/src/config';
import type { Finding } from '../../server/src/core/types';
import { parseArticle } from '../../server/src/model/article';
import { globMatcher, linearRegExp } from '../../server/src/safePatterns';
import { ArticleService } from '../../server/src/service';
import { frame, longParagraph, manyAliases } from '../hostileInputs';

const BOUND_MS = 5_000;
const TODAY = '2026-06-01';

function cpu<T>(fn: () => T): { value: T; ms: number } {
  const since = process.cpuUsage();
  const value = fn();
  const d = process.cpuUsage(since);
  return { value, ms: Math.round((d.user + d.system) / 1000) };
}

function check(text: string, config: ResolvedConfig = parseConfig(undefined)): { findings: Finding[]; ms: number } {
  const { value, ms } = cpu(() => checkArticle(parseArticle('file:///ws/ai/hostile-input.md', text, 1), { config, today: TODAY }));
  return { findings: value, ms };
}

/** The frame article with its fact renamed. */
const withFactId = (id: string) => frame().replace('  - id: f1', `  - id: ${id}`).replace('[@f1]', `[@${id}]`);

describe('patterns from kart.config.json run in linear time', () => {
  it('factIdPattern ^(a+)+$ against a 30-character id that does not match (exponential in a backtracking engine)', () => {
    const config = parseConfig(JSON.stringify({ factIdPattern: '^(a+)+$' }));
    assert.deepStrictEqual(config.problems, []);
    const id = `${'a'.repeat(29)}1`;
    const { findings, ms } = check(withFactId(id), config);
    assert.ok(ms < BOUND_MS, `${ms} ms of CPU time`);
    const style = findings.filter((f) => f.rule === 'fact-id-style');
    assert.deepStrictEqual(
      style.map((f) => f.message),
      [`The fact id "${id}" does not match the pattern ^(a+)+$ that kart.config.json sets (factIdPattern).`],
    );
  });

  it('a plausible factIdPattern with nested repetition, against an id that almost matches', () => {
    const config = parseConfig(JSON.stringify({ factIdPattern: '^fact-([a-z0-9]+-?)*[0-9]+$' }));
    const id = `fact-${'a1'.repeat(16)}-`;
    const { findings, ms } = check(withFactId(id), config);
    assert.ok(ms < BOUND_MS, `${ms} ms of CPU time`);
    assert.strictEqual(findings.filter((f) => f.rule === 'fact-id-style').length, 1);
    assert.ok(config.factIdPattern!.test('fact-ai-001'));
    assert.ok(!config.factIdPattern!.test(id));
  });

  it('a factIdPattern the linear engine cannot run (lookahead) is a configuration error naming the key', () => {
    const config = parseConfig(JSON.stringify({ factIdPattern: '^(?!x)f[0-9]+$' }));
    assert.strictEqual(config.factIdPattern, undefined);
    assert.strictEqual(config.problems.length, 1);
    assert.match(config.problems[0].message, /^factIdPattern is not a valid regular expression: .*`\(\?!`.*lookahead/);
  });

  it('an extra schema pattern ^(a+)+$ is validated in linear time and still reported', () => {
    const extra = JSON.stringify({ properties: { team: { type: 'string', pattern: '^(a+)+$' } } });
    const config = parseConfig(JSON.stringify({ extraSchema: 'extra.schema.json' }), extra);
    assert.deepStrictEqual(config.problems, []);
    const text = frame().replace('language: en', `language: en\nteam: ${'a'.repeat(40)}!`);
    const { findings, ms } = check(text, config);
    assert.ok(ms < BOUND_MS, `${ms} ms of CPU time`);
    const bad = findings.filter((f) => f.message.includes('team'));
    assert.strictEqual(bad.length, 1, findings.map((f) => f.message).join('\n'));
    assert.strictEqual(text.slice(bad[0].range.start, bad[0].range.end), `${'a'.repeat(40)}!`);
  });

  it('an extra schema pattern the linear engine cannot run is a configuration error naming the schema', () => {
    const extra = JSON.stringify({ properties: { team: { type: 'string', pattern: '^(a)\\1$' } } });
    const config = parseConfig(JSON.stringify({ extraSchema: 'extra.schema.json' }), extra);
    assert.strictEqual(config.problems.length, 1);
    assert.match(config.problems[0].message, /^the extra schema extra\.schema\.json cannot be used: .*back-references/);
  });

  it('an include glob with an extglob (**/@(a+)+b.md) is a configuration error naming the key; the defaults stand', () => {
    const config = parseConfig(JSON.stringify({ include: ['**/@(a+)+b.md'] }));
    assert.deepStrictEqual(config.include, ['**/*.md']);
    assert.deepStrictEqual(
      config.problems.map((p) => p.message),
      ['kart.config.json: include: the glob "**/@(a+)+b.md" cannot be used: extglob @(…) is not supported: use braces ({a,b}) for alternatives; using the default include'],
    );
  });

  it('an include glob of many stars matches a long file name in linear time (picomatch took minutes)', () => {
    const service = new ArticleService({ workspace: { roots: ['file:///ws'], readFile: async () => undefined, listFiles: async () => [] }, today: () => TODAY });
    service.setConfig(parseConfig(JSON.stringify({ include: ['*a*a*a*a*a*a*a*a*b.md'] })));
    const { value, ms } = cpu(() => [service.isIncluded(`file:///ws/${'a'.repeat(200)}.md`), service.isIncluded(`file:///ws/${'a'.repeat(200)}b.md`)]);
    assert.ok(ms < BOUND_MS, `${ms} ms of CPU time`);
    assert.deepStrictEqual(value, [false, true]);
  });

  it('ordinary globs match what picomatch matches', () => {
    const globs = ['**/*.md', '*.md', 'docs/**', 'docs/**/*.md', '**/node_modules/**', '**/.git/**', 'content/**/*.md', 'a/*/b.md', '**/*.{md,markdown}', 'ai/?.md', 'ai/[abc]*.md', '**', 'sports/**/*.md', '**/drafts/**', '.github/**/*.md', '**/_*.md', 'a{b,c{d,e}}.md'];
    const paths = ['README.md', 'a.md', '.hidden.md', 'docs/a.md', 'docs/.x/a.md', 'docs/sub/b.md', 'docs', 'x/node_modules/y/z.md', 'node_modules/a.md', '.git/x.md', 'a/.git/x.md', 'content/x/y/z.md', 'a/x/b.md', 'a/.x/b.md', 'a/x/y/b.md', 'notes.markdown', 'ai/a.md', 'ai/ab.md', 'ai/d.md', 'ai/.md', 'drafts/y.md', 'x/drafts/y.md', '.github/x/a.md', 'x/_a.md', 'abd.md', 'ac.md', 'ace.md'];
    const differ: string[] = [];
    for (const dot of [false, true]) {
      for (const g of globs) {
        const theirs = picomatch(g, { dot });
        const ours = globMatcher([g], { dot });
        for (const p of paths) if (theirs(p) !== ours(p)) differ.push(`${g} ${p} dot=${dot}: picomatch ${theirs(p)}`);
      }
    }
    assert.deepStrictEqual(differ, []);
  });

  it('linearRegExp finds a match anywhere, as RegExp.test does', () => {
    assert.ok(linearRegExp('f[0-9]+').test('a f12 b'));
    assert.ok(!linearRegExp('^f[0-9]+$').test('a f12 b'));
    assert.ok(linearRegExp('^caf\\u00e9$').test('café'));
  });
});

describe('documents built to hit a quadratic path finish', () => {
  it('20,000 aliases of one fact anchor (160 KB): one finding on the frontmatter, in bounded time (22 s before)', () => {
    const text = manyAliases(20_000);
    const { findings, ms } = check(text);
    assert.ok(ms < BOUND_MS, `${ms} ms of CPU time`);
    assert.deepStrictEqual(
      findings.filter((f) => f.rule === 'yaml-syntax').map((f) => f.message),
      ['The frontmatter cannot be read: its aliases expand too far (an alias bomb?).'],
    );
  });

  it('an alias with no anchor among 20,000 that resolve is still named', () => {
    const text = manyAliases(20_000).replace('  - *f0\nprimary_sources:', '  - *nope\nprimary_sources:');
    const { findings, ms } = check(text);
    assert.ok(ms < BOUND_MS, `${ms} ms of CPU time`);
    const f = findings.find((x) => x.rule === 'yaml-syntax')!;
    assert.strictEqual(f.message, 'The alias *nope names no anchor: define &nope before it, or write the value itself.');
    assert.strictEqual(text.slice(f.range.start, f.range.end), '*nope');
  });

  it('one paragraph of 30,000 lines, each with a citation and a link: in bounded time, ranges exact on the last line', () => {
    const text = longParagraph(30_000).replace('Line 29999 cites [@f1]', 'Line 29999 cites [@nope]');
    const { findings, ms } = check(text);
    assert.ok(ms < BOUND_MS * 2, `${ms} ms of CPU time`);
    const broken = findings.filter((f) => f.rule === 'citation-unknown-fact');
    assert.strictEqual(broken.length, 1, findings.map((f) => f.rule).join(' '));
    assert.strictEqual(text.slice(broken[0].range.start, broken[0].range.end), 'nope');
    assert.strictEqual(text.lastIndexOf('nope'), broken[0].range.start);
  });
});

describe('a document past the size cap is not modelled: one finding says so', () => {
  /** An article whose body is repeated paragraphs with citations and links, `size` characters long. */
  const big = (size: number) => {
    const head = frame({ body: '' });
    const para = 'A paragraph that cites [@f1] and links [a page](https://example.org/page).\n\n';
    return (head + para.repeat(Math.ceil((size - head.length) / para.length))).slice(0, size);
  };

  it(`a 20 MB article: parsed and checked in bounded time, one warning on its first line naming the size`, () => {
    const text = big(20 * 1024 * 1024);
    const { findings, ms } = check(text);
    assert.ok(ms < BOUND_MS, `${ms} ms of CPU time`);
    assert.deepStrictEqual(
      findings.map((f) => [f.rule, f.severity, f.message, text.slice(f.range.start, f.range.end)]),
      [['document-too-large', 'warning', `This document is too large to check (20.0 MB > ${MAX_DOCUMENT_CHARS / 1024 / 1024} MB): split it into several articles.`, '---']],
    );
  });

  it('an open 20 MB document in the service: each keystroke is bounded, nothing of it is indexed or fixed', () => {
    const service = new ArticleService({ workspace: { roots: ['file:///ws'], readFile: async () => undefined, listFiles: async () => [] }, today: () => TODAY });
    service.setConfig(parseConfig(undefined));
    const uri = 'file:///ws/ai/big.md';
    const text = big(20 * 1024 * 1024);
    const { value, ms } = cpu(() => {
      const counts: number[] = [];
      for (let v = 1; v <= 5; v++) {
        const edited = `${text}${'x'.repeat(v)}`;
        counts.push(service.check({ uri, version: v, getText: () => edited }).length);
      }
      return counts;
    });
    assert.ok(ms < BOUND_MS, `${ms} ms of CPU time for five versions`);
    assert.deepStrictEqual(value, [1, 1, 1, 1, 1]);
    const article = service.getArticle({ uri, version: 5, getText: () => `${text}xxxxx` });
    assert.strictEqual(article.isArticle, false);
    assert.deepStrictEqual([article.facts.length, article.body.citations.length], [0, 0]);
    assert.strictEqual(service.fixText(uri, text).applied, 0);
  });

  it('just past the cap, the size is rounded up; a large file that is not an article (no frontmatter) gets no finding', () => {
    const service = new ArticleService({ workspace: { roots: ['file:///ws'], readFile: async () => undefined, listFiles: async () => [] }, today: () => TODAY });
    service.setConfig(parseConfig(undefined));
    const article = frame() + 'x'.repeat(MAX_DOCUMENT_CHARS);
    assert.deepStrictEqual(
      service.check({ uri: 'file:///ws/ai/a.md', version: 1, getText: () => article }).map((f) => f.message),
      [`This document is too large to check (10.1 MB > 10 MB): split it into several articles.`],
    );
    const notes = 'Plain notes.\n\n'.repeat(Math.ceil((MAX_DOCUMENT_CHARS + 10) / 14));
    assert.deepStrictEqual(service.check({ uri: 'file:///ws/ai/notes.md', version: 1, getText: () => notes }), []);
  });
});
