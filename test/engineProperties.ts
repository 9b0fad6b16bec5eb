// The engine's promises under any input, as fast-check properties. Shared by test/unit/fuzz.test.ts (a fixed seed,
// a few thousand cases in `npm test`) and scripts/fuzz.mjs (`npm run fuzz`, 100,000 cases).
import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative } from 'path';
import * as fc from 'fast-check';
import { checkArticle } from '../server/src/check';
import { parseConfig, type ResolvedConfig } from '../server/src/config';
import { applyEdits } from '../server/src/core/edits';
import type { Finding, TextRange } from '../server/src/core/types';
import { parseArticle, type Article } from '../server/src/model/article';
import { allRules } from '../server/src/rules';
import { ArticleService } from '../server/src/service';
import { summarize, WorkspaceIndex, type ArticleSummary } from '../server/src/workspaceIndex';

export const FUZZ_TODAY = '2026-06-01';

export interface CorpusFile {
  /** Path relative to the corpus root, e.g. `ai/instruction-tuning.md`. */
  path: string;
  text: string;
}

export function loadCorpus(root: string): CorpusFile[] {
  const files: CorpusFile[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.md')) files.push({ path: relative(root, p).split('\\').join('/'), text: readFileSync(p, 'utf8') });
    }
  };
  walk(root);
  return files;
}

// ---------------------------------------------------------------------------------------------------------------
// Inputs

/** Characters that break parsers: line breaks of every kind, NUL, BOM, lone surrogates, YAML and Markdown syntax. */
const SPECIAL = [
  '\0', '\r', '\n', '\r\n', '\t', ' ', '  ', '\ufeff', '\ud800', '\udbff', '\udc00', '\udfff', '😀', '\u{10ffff}', '\u2028', '\u2029', '\u0085', '\u00a0', '\u200b',
  '---', '...', ':', ': ', '- ', '-', '"', "'", '[', ']', '@', '[@', '(', ')', '#', '# ', '## ', '*', '&a ', '*a', '!!str ', '!!binary ', '|', '>-', '{', '}', ',', '?', '%YAML 1.2',
  '`', '```', '<', '>', '<!--', '-->', '\\', '%', '&amp;', '[@f1]', '[@f1; @f2]', '](', 'https://', 'http://x', 'undefined', '~', 'null', '0x1F', '1e400', '.nan', '2026-02-30',
  'kart-disable-next-line', 'é', 'Ã©', '中文', '\u0301', '\u202e',
];

const anyUnit: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...SPECIAL), weight: 4 },
  { arbitrary: fc.constantFrom('\0', '\t', '\r', '\ud800', '\udc00'), weight: 1 },
  { arbitrary: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), weight: 2 },
  { arbitrary: fc.integer({ min: 0x10000, max: 0x10ffff }).map((c) => String.fromCodePoint(c)), weight: 1 },
  { arbitrary: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), weight: 4 },
);

/** Any short string: every UTF-16 code unit, lone surrogates and NUL included. */
export const junk = fc.string({ unit: anyUnit, maxLength: 24 });

/** Lines that look like the format, to build documents the parsers get further into. */
const FRAGMENTS = [
  '---', '...', 'id: kb-2026-00001', 'id:"kb-2026-00388"', 'title: "Instruction tuning', 'title: Instruction tuning', 'schema_type: TechArticle', 'category: ai',
  'language: en', 'confidence: hihg', 'created_date: "2026-05-24"', 'last_verified: 2026/5/3', 'updated: 2099-01-01', 'generation_method: human_only', 'ai_models: [gpt]',
  'atomic_facts:', 'atomic_facts: []', '  - id: f1', '  - id: f1', '    statement: FLAN showed that instruction tuning helps.', '    statement: "# heading"',
  '    source_title: Finetuned Language Models', '    source_url: https://arxiv.org/abs/2109.01652', '    source_url: https://example.com/', '    confidence: high',
  'primary_sources:', '  - title: Finetuned Language Models', '    url: https://arxiv.org/abs/2109.01652', '    type: academic_paper', 'secondary_sources:', '  - title: Blog',
  '    url: "not a url"', '    doi: 10.1000/xyz', 'disputed_statements:', '  - statement: TODO', '  - statement: "[placeholder]"', 'known_gaps:', '  - none', 'a: &a [x, x]',
  'b: &b [*a, *a, *a]', 'c: [*b, *b, *b]', 'key: [[[[', 'key: {a: {b:', '\tid: tab', '  bad: indent', '# kart-disable-next-line yaml-syntax', '<!-- kart-disable-next-line -->',
  '## TL;DR', '## Core Explanation', '## Source-Mapped Facts', '## Further Reading', '# Title', 'A claim [@f1].', 'Two [@f1; @f2, p. 3] and [-@f3].', '[@unknown]',
  '- FLAN showed that instruction tuning helps. ([source](https://arxiv.org/abs/2109.01652))', '- A bullet with no link', '[x](undefined)', '[empty]()', '[rel](../ai/other.md)',
  '[rel](other)', '<https://auto.link>', '```', '    indented code [@f1]', '> quote [@f1]', 'id: x', 'atomic_facts:', '', '', '',
];

/** A line picked from the real articles, so that random documents hold real keys and text. */
function corpusLines(corpus: readonly CorpusFile[]): string[] {
  const set = new Set<string>();
  for (const f of corpus.slice(0, 400)) for (const l of f.text.split(/\r\n|\r|\n/)) set.add(l);
  return [...set].sort();
}

type Mutation =
  | { k: 'del'; at: number; len: number }
  | { k: 'ins'; at: number; s: string }
  | { k: 'dupChunk'; at: number; len: number }
  | { k: 'delLine'; line: number; count: number }
  | { k: 'dupLine'; line: number }
  | { k: 'insLine'; line: number; s: string }
  | { k: 'swapLines'; a: number; b: number }
  | { k: 'indent'; line: number; how: 'tab' | 'more' | 'less' | 'none' | 'odd' }
  | { k: 'cut'; at: number }
  | { k: 'eol'; to: '\r\n' | '\r' | '\n' }
  | { k: 'bom' };

function mutationArb(lineArb: fc.Arbitrary<string>): fc.Arbitrary<Mutation> {
  const pos = fc.nat();
  return fc.oneof(
    fc.record({ k: fc.constant('del' as const), at: pos, len: fc.integer({ min: 1, max: 60 }) }),
    fc.record({ k: fc.constant('ins' as const), at: pos, s: junk }),
    fc.record({ k: fc.constant('dupChunk' as const), at: pos, len: fc.integer({ min: 1, max: 200 }) }),
    fc.record({ k: fc.constant('delLine' as const), line: pos, count: fc.integer({ min: 1, max: 4 }) }),
    fc.record({ k: fc.constant('dupLine' as const), line: pos }),
    fc.record({ k: fc.constant('insLine' as const), line: pos, s: fc.oneof(lineArb, junk) }),
    fc.record({ k: fc.constant('swapLines' as const), a: pos, b: pos }),
    fc.record({ k: fc.constant('indent' as const), line: pos, how: fc.constantFrom('tab' as const, 'more' as const, 'less' as const, 'none' as const, 'odd' as const) }),
    fc.record({ k: fc.constant('cut' as const), at: pos }),
    fc.record({ k: fc.constant('eol' as const), to: fc.constantFrom('\r\n' as const, '\r' as const, '\n' as const) }),
    fc.record({ k: fc.constant('bom' as const) }),
  );
}

/** Lines with their line breaks, so that a document splits and joins back byte for byte. */
function splitLines(text: string): string[] {
  return text.match(/[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g) ?? [];
}

function eolOf(line: string): string {
  return line.endsWith('\r\n') ? '\r\n' : line.endsWith('\n') ? '\n' : line.endsWith('\r') ? '\r' : '';
}

export function mutate(text: string, m: Mutation): string {
  const L = text.length;
  const at = (n: number, extra = 0) => n % (L + 1 + extra);
  switch (m.k) {
    case 'del': {
      const s = at(m.at);
      return text.slice(0, s) + text.slice(s + m.len);
    }
    case 'ins': {
      const s = at(m.at);
      return text.slice(0, s) + m.s + text.slice(s);
    }
    case 'dupChunk': {
      const s = at(m.at);
      return text.slice(0, s + m.len) + text.slice(s, s + m.len) + text.slice(s + m.len);
    }
    case 'cut':
      return text.slice(0, at(m.at));
    case 'bom':
      return text.startsWith('\ufeff') ? text.slice(1) : '\ufeff' + text;
    case 'eol':
      return text.replace(/\r\n|\r|\n/g, m.to);
    default: {
      const lines = splitLines(text);
      const n = lines.length;
      if (m.k === 'insLine') {
        const i = m.line % (n + 1);
        const eol = eolOf(lines[Math.max(0, i - 1)] ?? '') || '\n';
        if (i === n && n > 0 && !eolOf(lines[n - 1])) lines[n - 1] += eol;
        lines.splice(i, 0, m.s + eol);
        return lines.join('');
      }
      if (n === 0) return text;
      const i = m.k === 'swapLines' ? 0 : m.line % n;
      switch (m.k) {
        case 'delLine':
          lines.splice(i, m.count);
          break;
        case 'dupLine':
          lines.splice(i, 0, eolOf(lines[i]) ? lines[i] : lines[i] + '\n');
          break;
        case 'swapLines': {
          const a = m.a % n;
          const b = m.b % n;
          const la = lines[a].slice(0, lines[a].length - eolOf(lines[a]).length);
          const lb = lines[b].slice(0, lines[b].length - eolOf(lines[b]).length);
          lines[a] = lb + eolOf(lines[a]);
          lines[b] = la + eolOf(lines[b]);
          break;
        }
        case 'indent': {
          const line = lines[i];
          const indent = /^[ \t]*/.exec(line)![0];
          const rest = line.slice(indent.length);
          const next = m.how === 'tab' ? indent.replace(/ {2}| /g, '\t') || '\t' : m.how === 'more' ? indent + '  ' : m.how === 'less' ? indent.slice(2) : m.how === 'odd' ? indent + ' ' : '';
          lines[i] = next + rest;
          break;
        }
      }
      return lines.join('');
    }
  }
}

export interface FuzzCase {
  /** Where the document came from: a corpus path, or `random`. */
  origin: string;
  uri: string;
  text: string;
  /** The unmutated article, indexed under another uri so that workspace rules see a twin. */
  twin?: string;
  configIndex: number;
}

/** Documents: corpus articles with a few mutations, and documents built from scratch out of format-like lines and junk. */
export function fuzzCaseArb(corpus: readonly CorpusFile[]): fc.Arbitrary<FuzzCase> {
  const pool = corpusLines(corpus);
  const lineArb = fc.oneof(fc.constantFrom(...FRAGMENTS), fc.nat({ max: pool.length - 1 }).map((i) => pool[i]));
  const config = fc.nat({ max: CONFIGS.length - 1 });
  const mutated = fc
    .record({ file: fc.nat({ max: corpus.length - 1 }), mutations: fc.array(mutationArb(lineArb), { minLength: 0, maxLength: 6 }), configIndex: config })
    .map(({ file, mutations, configIndex }) => {
      const f = corpus[file];
      return { origin: `${f.path} ${JSON.stringify(mutations)}`, uri: `file:///ws/${f.path}`, text: mutations.reduce(mutate, f.text), twin: f.text, configIndex };
    });
  const built = fc
    .record({
      lines: fc.array(fc.oneof({ arbitrary: lineArb, weight: 4 }, { arbitrary: junk, weight: 1 }), { maxLength: 40 }),
      eol: fc.constantFrom('\n', '\r\n', '\r'),
      fence: fc.boolean(),
      configIndex: config,
    })
    .map(({ lines, eol, fence, configIndex }) => {
      const text = (fence ? ['---', ...lines] : lines).join(eol);
      return { origin: 'built', uri: 'file:///ws/ai/built.md', text, configIndex };
    });
  const raw = fc.record({ text: fc.string({ unit: anyUnit, maxLength: 300 }), configIndex: config }).map(({ text, configIndex }) => ({ origin: 'random', uri: 'file:///ws/ai/random.md', text, configIndex }));
  return fc.oneof({ arbitrary: mutated, weight: 6 }, { arbitrary: built, weight: 3 }, { arbitrary: raw, weight: 1 });
}

// ---------------------------------------------------------------------------------------------------------------
// Properties

/** Two configurations: the defaults, and one that claims every file and sets a fact id pattern. */
const CONFIGS: (() => ResolvedConfig)[] = [
  () => parseConfig(undefined),
  () => parseConfig(JSON.stringify({ include: ['**/*.md'], factIdPattern: '^f[0-9]+$', staleAfterDays: 30, requiredSections: ['TL;DR', 'Core Explanation'] })),
];
const configCache = new Map<number, ResolvedConfig>();
const configAt = (i: number) => configCache.get(i) ?? configCache.set(i, CONFIGS[i]()).get(i)!;

export class PropertyFailure extends Error {}

function fail(message: string): never {
  throw new PropertyFailure(message);
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** Whether an offset falls between the two halves of a surrogate pair. */
export function splitsSurrogatePair(text: string, offset: number): boolean {
  return offset > 0 && offset < text.length && isHigh(text.charCodeAt(offset - 1)) && isLow(text.charCodeAt(offset));
}

export function hasLoneSurrogate(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isHigh(c)) {
      if (!isLow(text.charCodeAt(i + 1))) return true;
      i++;
    } else if (isLow(c)) return true;
  }
  return false;
}

function checkRange(text: string, r: TextRange | undefined, what: string): void {
  if (!r || !Number.isInteger(r.start) || !Number.isInteger(r.end)) fail(`${what}: not a range ${JSON.stringify(r)}`);
  if (r.start < 0 || r.end > text.length || r.start > r.end) fail(`${what}: range ${r.start}-${r.end} outside the document (length ${text.length}) or reversed`);
}

/** The regions a fix may edit: the YAML between the fences, and the body. Without frontmatter, the whole document. */
function regionsOf(article: Article): { name: string; range: TextRange }[] {
  const fm = article.frontmatter;
  if (!fm) return [{ name: 'document', range: { start: 0, end: article.text.length } }];
  return [
    { name: 'frontmatter', range: fm.content },
    { name: 'body', range: { start: fm.bodyStart, end: article.text.length } },
  ];
}

/** Rules whose fixes are designed to reach beyond the region of their finding, with why. */
export const FIXES_ACROSS_REGIONS: ReadonlyMap<string, string> = new Map([
  ['frontmatter-block', 'its fixes add, move or remove the `---` fences themselves'],
]);

/** A rename reaches both regions by design: a fact id in the frontmatter and the citation keys in the body. */
function renamesAnId(article: Article, r: TextRange): boolean {
  const within = (x: TextRange | undefined) => x !== undefined && r.start >= x.start && r.end <= x.end;
  return article.body.citations.some((c) => c.keys.some((k) => within(k.range))) || article.facts.some((f) => within(f.fields.get('id')?.valueRange));
}

export interface EngineRun {
  article: Article;
  findings: Finding[];
}

export interface EngineEnv {
  config: ResolvedConfig;
  index: WorkspaceIndex;
}

/** Parses and checks with every rule; fails on a throw, an internal error or a range outside the document. */
export function runEngine(uri: string, text: string, env: EngineEnv, label = 'the document'): EngineRun {
  let article: Article;
  let findings: Finding[];
  try {
    article = parseArticle(uri, text, 1);
    findings = checkArticle(article, { config: env.config, today: FUZZ_TODAY, index: env.index, rules: allRules });
  } catch (e) {
    fail(`the engine threw on ${label}: ${(e as Error).stack ?? e}`);
  }
  const wellFormed = !hasLoneSurrogate(text);
  for (const f of findings) {
    const what = `${f.rule} "${f.message}" on ${label}`;
    if (f.rule === 'internal-error') fail(`internal error: ${f.message}`);
    checkRange(text, f.range, what);
    if (wellFormed && (splitsSurrogatePair(text, f.range.start) || splitsSurrogatePair(text, f.range.end))) fail(`${what}: range ${f.range.start}-${f.range.end} splits a surrogate pair`);
    for (const r of f.related ?? []) if (r.uri === uri) checkRange(text, r.range, `${what}, related "${r.message}"`);
    for (const fix of f.fixes ?? []) {
      const regions = regionsOf(article);
      const home = regions.find((g) => f.range.start >= g.range.start && f.range.start <= g.range.end);
      for (const e of fix.edits) {
        checkRange(text, e.range, `${what}, fix "${fix.title}"`);
        if (typeof e.newText !== 'string') fail(`${what}, fix "${fix.title}": newText is not a string`);
        if (wellFormed && (splitsSurrogatePair(text, e.range.start) || splitsSurrogatePair(text, e.range.end))) fail(`${what}, fix "${fix.title}": edit ${e.range.start}-${e.range.end} splits a surrogate pair`);
        const inside = regions.find((g) => e.range.start >= g.range.start && e.range.end <= g.range.end);
        if (FIXES_ACROSS_REGIONS.has(f.rule)) continue;
        if (!inside) fail(`${what}, fix "${fix.title}": edit ${e.range.start}-${e.range.end} crosses the frontmatter fences`);
        if (home && inside.name !== home.name && !renamesAnId(article, e.range)) {
          fail(`${what}, fix "${fix.title}": the finding is in the ${home.name} but the edit ${e.range.start}-${e.range.end} is in the ${inside.name}`);
        }
      }
    }
  }
  return { article, findings };
}

const stable = (findings: Finding[]) => JSON.stringify(findings);

function onlyCrlf(text: string): boolean {
  return /\r\n/.test(text) && !/\r(?!\n)|(?<!\r)\n/.test(text);
}

const summaryCache = new Map<string, ArticleSummary>();

/** The workspace a case is checked in: a few real articles, the case's unmutated twin, and the case itself. */
function indexFor(c: FuzzCase, corpus: readonly CorpusFile[]): WorkspaceIndex {
  const index = new WorkspaceIndex();
  for (const f of corpus.slice(0, 3)) {
    const uri = `file:///ws/${f.path}`;
    const s = summaryCache.get(uri) ?? summaryCache.set(uri, summarize(parseArticle(uri, f.text, 0, { frontmatterOnly: true }))).get(uri)!;
    index.set(s);
  }
  if (c.twin !== undefined) index.set(summarize(parseArticle(c.uri.replace(/\.md$/, '-twin.md'), c.twin, 0, { frontmatterOnly: true })));
  let own: Article;
  try {
    own = parseArticle(c.uri, c.text, 0, { frontmatterOnly: true });
    if (own.isArticle) index.set(summarize(own));
  } catch (e) {
    fail(`indexing threw: ${(e as Error).stack ?? e}`);
  }
  return index;
}

/** Every property for one document. Throws PropertyFailure with what went wrong. */
export function checkCase(c: FuzzCase, corpus: readonly CorpusFile[]): void {
  const config = configAt(c.configIndex);
  const index = indexFor(c, corpus);
  const env = { config, index };
  const first = runEngine(c.uri, c.text, env);
  // The same input gives the same findings.
  const again = runEngine(c.uri, c.text, env);
  if (stable(first.findings) !== stable(again.findings)) fail('two runs on the same text gave different findings');

  // Each fix alone leaves a document the engine still reads (the first few fixes, to keep cases fast).
  let tried = 0;
  for (const f of first.findings) {
    for (const fix of f.fixes ?? []) {
      if (tried++ >= 3) break;
      runEngine(c.uri, applyEdits(c.text, fix.edits), env, `the text after the fix "${fix.title}" of ${f.rule}`);
    }
  }

  // All safe fixes, twice: the second time changes nothing; the line endings and the BOM stay.
  const service = new ArticleService({ workspace: { roots: ['file:///ws'], readFile: async () => undefined, listFiles: async () => [] }, today: () => FUZZ_TODAY });
  service.setConfig(config);
  for (const s of index.all()) service.index.set(s);
  let once: { text: string; applied: number };
  try {
    once = service.fixText(c.uri, c.text);
  } catch (e) {
    fail(`fixText threw: ${(e as Error).stack ?? e}`);
  }
  if (once.applied > 0) {
    runEngine(c.uri, once.text, env, 'the text after every safe fix');
    let twice: { text: string; applied: number };
    try {
      twice = service.fixText(c.uri, once.text);
    } catch (e) {
      fail(`fixText threw on its own output: ${(e as Error).stack ?? e}`);
    }
    if (twice.text !== once.text) fail(`fixing twice changed the text again (${twice.applied} more fixes):\n--- once\n${once.text}\n--- twice\n${twice.text}`);
    if (c.text.startsWith('\ufeff') !== once.text.startsWith('\ufeff')) fail('the fixes added or removed the BOM');
    if (onlyCrlf(c.text) && !onlyCrlf(once.text)) fail(`the fixes broke the CRLF line endings:\n${JSON.stringify(once.text)}`);
  } else if (once.text !== c.text) fail('fixText changed the text but reported no fix');
}

export function engineProperty(corpus: readonly CorpusFile[]): fc.IPropertyWithHooks<[FuzzCase]> {
  return fc.property(fuzzCaseArb(corpus), (c) => {
    checkCase(c, corpus);
  });
}

export interface FuzzOptions {
  corpusRoot: string;
  numRuns: number;
  seed?: number;
  path?: string;
  /** Called every `every` cases with the count so far. */
  progress?: (done: number) => void;
  every?: number;
}

/** Runs the property; returns fast-check's details and its report (seed, path, counterexample) when it failed. */
export function runFuzz(options: FuzzOptions): { details: fc.RunDetails<[FuzzCase]>; report?: string; seed: number } {
  const corpus = loadCorpus(options.corpusRoot);
  const seed = options.seed ?? (Date.now() ^ (Math.random() * 0x100000000)) | 0;
  let done = 0;
  const prop = fc.property(fuzzCaseArb(corpus), (c) => {
    done++;
    if (options.progress && options.every && done % options.every === 0) options.progress(done);
    checkCase(c, corpus);
  });
  const details = fc.check(prop, { numRuns: options.numRuns, seed, path: options.path, endOnFailure: false });
  return { details, seed, report: details.failed ? fc.defaultReportMessage(details) : undefined };
}
