import * as assert from 'assert';
import { describe, it } from 'node:test';
import { checkArticle } from '../../server/src/check';
import { parseConfig } from '../../server/src/config';
import type { Finding } from '../../server/src/core/types';
import { parseArticle, type Article } from '../../server/src/model/article';
import { allRules } from '../../server/src/rules';
import { ArticleService } from '../../server/src/service';
import { summarize, WorkspaceIndex } from '../../server/src/workspaceIndex';
import { hasLoneSurrogate, splitsSurrogatePair } from '../engineProperties';
import { aliasBomb, deepFlowUnclosed, frame, hostileInputs, longIds, MB } from '../hostileInputs';

// A generous bound that a slow machine still meets, on the CPU time the process spent (a busy machine stretches the
// wall-clock time without bound); the real times are shown by `npm run bench`.
const BOUND_MS = 20_000;
const TODAY = '2026-06-01';
// The configuration claims every file, so that even a document without frontmatter is checked.
const config = parseConfig(JSON.stringify({ include: ['**/*.md'] }));

const cpuMs = (since: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(since);
  return Math.round((d.user + d.system) / 1000);
};

function engine(text: string, uri = 'file:///ws/ai/hostile-input.md'): { article: Article; findings: Finding[]; ms: number } {
  const started = process.cpuUsage();
  const article = parseArticle(uri, text, 1);
  const index = new WorkspaceIndex();
  if (article.isArticle) index.set(summarize(article));
  const findings = checkArticle(article, { config, today: TODAY, index, rules: allRules });
  const ms = cpuMs(started);
  const wellFormed = !hasLoneSurrogate(text);
  for (const f of findings) {
    assert.notStrictEqual(f.rule, 'internal-error', f.message);
    assert.ok(f.message.length <= 1000, `${f.rule}: a message of ${f.message.length} characters`);
    assert.ok(f.range.start >= 0 && f.range.start <= f.range.end && f.range.end <= text.length, `${f.rule}: range ${f.range.start}-${f.range.end} outside 0-${text.length}`);
    if (wellFormed) {
      assert.ok(!splitsSurrogatePair(text, f.range.start) && !splitsSurrogatePair(text, f.range.end), `${f.rule}: range ${f.range.start}-${f.range.end} splits a surrogate pair`);
    }
  }
  return { article, findings, ms };
}

const at = (text: string, f: Finding) => text.slice(f.range.start, f.range.end);
const show = (fs: Finding[]) => fs.map((f) => `${f.rule}@${f.range.start}-${f.range.end} ${f.message}`).join('\n');

describe('hostile input: the engine answers every document, in bounded time', () => {
  for (const input of hostileInputs) {
    it(`${input.name}: ${input.what}`, (t) => {
      const text = input.make();
      const { findings, ms } = engine(text);
      assert.ok(ms < BOUND_MS, `${input.name} took ${ms} ms of CPU time`);
      assert.ok(Array.isArray(findings));
      t.diagnostic(`${ms} ms CPU, ${(text.length / MB).toFixed(2)} M characters, ${findings.length} findings`);
    });
  }

  it('kart fix on hostile input: never throws, and a second pass changes nothing', () => {
    const service = new ArticleService({ workspace: { roots: ['file:///ws'], readFile: async () => undefined, listFiles: async () => [] }, today: () => TODAY });
    service.setConfig(config);
    for (const input of hostileInputs) {
      const text = input.make();
      if (text.length > MB) continue; // the big ones are parsed above; here each would be parsed several times over
      const started = process.cpuUsage();
      const once = service.fixText('file:///ws/ai/hostile-input.md', text);
      const twice = service.fixText('file:///ws/ai/hostile-input.md', once.text);
      assert.strictEqual(twice.text, once.text, `${input.name}: a second fix pass changed the text`);
      assert.ok(cpuMs(started) < BOUND_MS, `${input.name}: fixing took ${cpuMs(started)} ms of CPU time`);
    }
  });
});

describe('hostile input: a clear message at the right place', () => {
  it('no frontmatter: reported on the first line', () => {
    const text = '# Instruction tuning\n\nNo fields at all.\n';
    const { findings } = engine(text);
    const f = findings.find((x) => /frontmatter/i.test(x.message));
    assert.ok(f, show(findings));
    assert.strictEqual(f.range.start, 0);
  });

  it('a lone `---`: reported on it', () => {
    for (const text of ['---', '---\n', '---\r\n']) {
      const { findings } = engine(text);
      assert.ok(findings.some((f) => f.range.start === 0 && at(text, f) === '---'), show(findings));
    }
  });

  it('unterminated frontmatter: reported at its opening fence', () => {
    const text = frame().replace('\n---\n## TL;DR', '\n## TL;DR');
    const { findings } = engine(text);
    const f = findings.find((x) => /never closed|not closed|unterminated/i.test(x.message));
    assert.ok(f, show(findings));
    assert.deepStrictEqual(f.range, { start: 0, end: 3 });
  });

  it('the alias bomb: reported, not expanded', () => {
    const text = aliasBomb();
    const { findings, article } = engine(text);
    assert.strictEqual(article.data, undefined);
    assert.ok(findings.some((f) => /alias/i.test(f.message)), show(findings));
  });

  it('10,000 unclosed brackets: a YAML error at the value', () => {
    const text = deepFlowUnclosed();
    const { findings } = engine(text);
    const start = text.indexOf('deep: [') + 6;
    const yaml = findings.filter((f) => f.rule === 'yaml-syntax');
    assert.ok(yaml.length > 0, show(findings));
    assert.ok(yaml.every((f) => f.range.start >= start && f.range.end <= text.indexOf('\n---\n')), show(yaml));
  });

  it('a NUL byte in a value: the article is still read', () => {
    const text = frame().replace('Hostile input', 'Hostile\0input');
    const { article } = engine(text);
    assert.strictEqual(article.isArticle, true);
    assert.strictEqual(article.facts.length, 1);
  });

  it('BOM with CRLF and lone CR: the same findings at the same places as LF', () => {
    const bad = (eol: string, bom = false) => frame({ eol, bom }).replace('confidence: medium', 'confidence: hihg').replace('[@f1]', '[@f2]');
    const lf = bad('\n');
    const base = engine(lf).findings;
    const where = (text: string, fs: Finding[]) => {
      const a = parseArticle('x', text);
      return fs.map((f) => `${f.rule} ${JSON.stringify(a.lines.positionAt(f.range.start))}-${JSON.stringify(a.lines.positionAt(f.range.end))} ${at(text, f)}`);
    };
    assert.ok(base.some((f) => at(lf, f) === 'hihg'), show(base));
    assert.ok(base.some((f) => at(lf, f) === 'f2'), show(base));
    for (const [eol, bom] of [['\r\n', true], ['\r', false], ['\r\n', false]] as const) {
      const text = bad(eol, bom);
      const { findings } = engine(text);
      const shift = (ps: string[]) => (bom ? ps.map((p) => p.replace(/"line":0,"character":(\d+)/g, (_, c) => `"line":0,"character":${Number(c) - 1}`)) : ps);
      assert.deepStrictEqual(shift(where(text, findings)), where(lf, base), `${JSON.stringify(eol)} bom=${bom}`);
    }
  });

  it('tab indentation: the YAML error says so, on the tab line', () => {
    const text = frame().replace('  - id: f1', '\t- id: f1');
    const { findings, article } = engine(text);
    const tabLine = article.lines.lineAt(text.indexOf('\t'));
    const f = findings.find((x) => x.rule === 'yaml-syntax' && /tab/i.test(x.message));
    assert.ok(f, show(findings));
    assert.strictEqual(article.lines.lineAt(f.range.start), tabLine);
  });

  it('surrogate pairs at the edge of a range: no range splits one', () => {
    const cases = [
      frame().replace('confidence: medium', 'confidence: 😀😀'),
      frame().replace('confidence: medium', 'confidence:😀 medium'),
      frame().replace('confidence: medium', '😀confidence: medium'),
      frame().replace('title: "Hostile input"', 'title: "😀'),
      frame().replace('title: "Hostile input"', 'title: !😀 x'),
      frame().replace('title: "Hostile input"', 'title: &😀 x\n😀: *😀'),
      frame().replace('  - id: f1', '  - id: f😀'),
      frame().replace('  - id: f1', '\t😀- id: f1'),
      frame().replace('[@f1]', '[@f1😀]').replace('More text.', '[@😀] [x](😀) [😀]() <!-- 😀'),
      frame().replace('https://arxiv.org/abs/2109.01652', 'https://😀.example/😀'),
      frame({ body: '## Source-Mapped Facts\n- 😀 ([source](https://😀))\n- 😀\n' }),
    ];
    for (const text of cases) engine(text);
  });

  it('10,000-character ids: read whole, the unknown citation reported on its key', () => {
    const text = longIds();
    const { findings, article } = engine(text);
    assert.strictEqual(article.facts[0].id?.length, 10_000);
    const unknown = findings.filter((f) => f.rule === 'citation-unknown-fact');
    assert.strictEqual(unknown.length, 1, show(findings));
    assert.strictEqual(at(text, unknown[0]).length, 10_000);
  });

  it('invalid UTF-8: the replacement characters are read as text, the fields after them still found', () => {
    const text = Buffer.concat([Buffer.from('---\nid: x\ntitle: "'), Buffer.from([0xff, 0xfe, 0xc0, 0x80]), Buffer.from('"\natomic_facts: []\n---\nBody \xff.\n', 'latin1')]).toString('utf8');
    const { article } = engine(text);
    assert.strictEqual(article.isArticle, true);
    assert.match(String(article.data?.title), /\ufffd/);
  });
});
