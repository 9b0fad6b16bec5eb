import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { after, before, describe, it } from 'node:test';
import { tmpdir } from 'os';
import { join } from 'path';
import { parse } from 'yaml';

const repo = join(__dirname, '../../..');
const corpus = join(repo, 'test/corpus/anchorfact');
const kart = join(repo, 'bin/kart.js');

interface Step {
  name?: string;
  run?: string;
  uses?: string;
}

/** The workflow docs/ci.md tells users to save. */
function workflow(): { jobs: Record<string, { steps: Step[] }> } {
  const md = readFileSync(join(repo, 'docs/ci.md'), 'utf8');
  const start = md.indexOf('```yaml\n') + '```yaml\n'.length;
  return parse(md.slice(start, md.indexOf('\n```', start)));
}

interface JsonProblem {
  path: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
  rule: string;
  message: string;
}

describe('the CI workflow of docs/ci.md, run locally', () => {
  let dir: string;
  let expected: JsonProblem[];
  const runStep = (command: string) =>
    spawnSync('bash', ['-c', command.replace(/npx kart/g, `node ${JSON.stringify(kart)}`)], { cwd: dir, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'kart-ci-'));
    cpSync(join(corpus, 'history'), join(dir, 'history'), { recursive: true });
    cpSync(join(corpus, 'arts'), join(dir, 'arts'), { recursive: true });
    // A broken article, so that error-level results are among the output.
    writeFileSync(join(dir, 'arts', 'broken.md'), '---\nid:"kb-2026-00388"\ntitle: Broken 😀\natomic_facts: []\n---\nText [@nope].\n');
    const json = spawnSync(process.execPath, [kart, 'check', '--format', 'json'], { cwd: dir, encoding: 'utf8' });
    expected = JSON.parse(json.stdout).problems;
    assert.ok(expected.length > 10, 'the fixture has problems to report');
    assert.ok(expected.some((p) => p.severity === 'error'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('has the steps a user needs: check with annotations, SARIF, upload', () => {
    const steps = Object.values(workflow().jobs)[0].steps;
    assert.ok(steps.some((s) => s.run?.includes('kart check --format github')));
    assert.ok(steps.some((s) => s.run?.includes('kart check --format sarif')));
    assert.ok(steps.some((s) => s.uses?.startsWith('github/codeql-action/upload-sarif')));
  });

  it('its annotation step prints one valid workflow command per problem and fails on errors', () => {
    const step = Object.values(workflow().jobs)[0].steps.find((s) => s.run?.includes('--format github'))!;
    const r = runStep(step.run!);
    assert.strictEqual(r.status, 1);
    const lines = r.stdout.split('\n').filter((l) => l.startsWith('::'));
    // Annotations are errors and warnings only (GitHub shows 10 of a kind per step): infos and hints are left out.
    const annotated = expected.filter((p) => p.severity === 'error' || p.severity === 'warning');
    assert.ok(annotated.length < expected.length, 'the fixture has infos or hints to leave out');
    assert.strictEqual(lines.length, annotated.length);
    const command = /^::(error|warning|notice) file=([^,:]+),line=(\d+),col=(\d+),endLine=(\d+),endColumn=(\d+),title=kart ([a-z0-9-]+)::(.+)$/;
    lines.forEach((line, i) => {
      const m = command.exec(line);
      assert.ok(m, `not a workflow command: ${line}`);
      const p = annotated[i];
      assert.deepStrictEqual(
        [m[2], Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), m[7]],
        [p.path, p.line, p.column, p.endLine, p.endColumn, p.rule],
      );
      assert.strictEqual(m[1], p.severity === 'error' ? 'error' : p.severity === 'warning' ? 'warning' : 'notice');
      // Messages are escaped: no raw line breaks can end the command early.
      assert.ok(!m[8].includes('\n') && !m[8].includes('\r'));
    });
  });

  it('its SARIF step writes SARIF 2.1.0 that validates against the official schema', () => {
    const step = Object.values(workflow().jobs)[0].steps.find((s) => s.run?.includes('--format sarif'))!;
    const r = runStep(step.run!);
    assert.strictEqual(r.status, 0, r.stderr);
    interface Sarif {
      runs: { results: { ruleId: string; ruleIndex: number; locations: { physicalLocation: { region: { startLine: number; startColumn: number } } }[] }[]; tool: { driver: { rules: { id: string }[] } } }[];
    }
    const sarif = JSON.parse(readFileSync(join(dir, 'kart.sarif'), 'utf8')) as Sarif;
    const schema = JSON.parse(readFileSync(join(repo, 'test/fixtures/sarif/sarif-2.1.0.json'), 'utf8'));
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    assert.ok(validate(sarif), JSON.stringify(validate.errors?.slice(0, 5), null, 2));
    const results = sarif.runs[0].results;
    assert.strictEqual(results.length, expected.length);
    const rules = sarif.runs[0].tool.driver.rules;
    for (const [i, res] of results.entries()) {
      assert.strictEqual(rules[res.ruleIndex].id, res.ruleId);
      const region = res.locations[0].physicalLocation.region;
      assert.deepStrictEqual([res.ruleId, region.startLine, region.startColumn], [expected[i].rule, expected[i].line, expected[i].column]);
    }
  });

  it('a schema-invalid SARIF is caught by that validation (the check can fail)', () => {
    const schema = JSON.parse(readFileSync(join(repo, 'test/fixtures/sarif/sarif-2.1.0.json'), 'utf8'));
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    assert.strictEqual(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ level: 'bogus', message: {} }] }] }), false);
  });

  it('the problem matcher in the manifest reads every line of the text output', () => {
    const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
    const matcher = manifest.contributes.problemMatchers.find((m: { name: string }) => m.name === 'kart');
    const pattern = matcher.pattern;
    const re = new RegExp(pattern.regexp);
    const r = spawnSync(process.execPath, [kart, 'check'], { cwd: dir, encoding: 'utf8' });
    const lines = r.stdout.split('\n').filter((l) => l.length > 0);
    const matched = lines.map((l) => re.exec(l)).filter((m): m is RegExpExecArray => m !== null);
    assert.strictEqual(matched.length, expected.length, 'every problem line and nothing else (not the summary)');
    matched.forEach((m, i) => {
      const p = expected[i];
      assert.deepStrictEqual(
        [m[pattern.file], Number(m[pattern.line]), Number(m[pattern.column]), m[pattern.severity], m[pattern.code], m[pattern.message]],
        [p.path, p.line, p.column, p.severity, p.rule, p.message],
      );
    });
  });
});

interface Workflow {
  permissions?: Record<string, string>;
  jobs: Record<string, { if?: string; steps: (Step & { if?: string; with?: Record<string, unknown> })[] }>;
}

/** Every workflow docs/ci.md shows (its ```yaml blocks). */
function workflows(): Workflow[] {
  const md = readFileSync(join(repo, 'docs/ci.md'), 'utf8');
  return [...md.matchAll(/^```yaml\n([\s\S]*?)^```$/gm)].map((m) => parse(m[1]));
}

/**
 * Evaluates a step's `if:` for one event, as GitHub would: the contexts it names replaced by their values, then the
 * expression (==, !=, &&, || and parentheses, the same in JavaScript for strings) evaluated. Anything else it names
 * is left in place and makes the evaluation throw, so an unknown condition fails the test.
 */
function runsOn(condition: string | undefined, event: { name: string; headRepo?: string }): boolean {
  if (condition === undefined) return true;
  const values: Record<string, string> = {
    'github.event.pull_request.head.repo.full_name': JSON.stringify(event.headRepo ?? ''),
    'github.event_name': JSON.stringify(event.name),
    'github.repository': JSON.stringify('octo/articles'),
    'always()': 'true',
  };
  let js = condition;
  for (const [k, v] of Object.entries(values)) js = js.split(k).join(v);
  js = js.replace(/'([^']*)'/g, (_, s: string) => JSON.stringify(s));
  assert.doesNotMatch(js, /[A-Za-z_]+\.|[A-Za-z_]+\(/, `unknown context in: ${condition}`);
  return Boolean(new Function(`return (${js});`)());
}

// The current majors (each on the Node 24 runtime; the v4 majors of the actions/* ones ran on Node 20, and
// upload-sarif v3 is deprecated from December 2026).
const CURRENT: Record<string, string> = {
  'actions/checkout': 'v6',
  'actions/setup-node': 'v6',
  'actions/upload-artifact': 'v7',
  'actions/download-artifact': 'v8',
  'github/codeql-action/upload-sarif': 'v4',
};

describe('the workflows of docs/ci.md, as GitHub runs them now', () => {
  const all = workflows();

  it('are the single-job and the sharded one', () => {
    assert.strictEqual(all.length, 2);
    assert.deepStrictEqual(all.map((w) => Object.keys(w.jobs)), [['kart'], ['check', 'sarif']]);
  });

  it('use the current major of every action, and Node 24', () => {
    const seen = new Set<string>();
    for (const w of all) {
      for (const step of Object.values(w.jobs).flatMap((j) => j.steps)) {
        if (!step.uses) continue;
        const [action, version] = step.uses.split('@');
        seen.add(action);
        assert.strictEqual(version, CURRENT[action], `${step.uses}: not the current major of a known action`);
        if (action === 'actions/setup-node') assert.strictEqual(step.with?.['node-version'], 24);
      }
    }
    assert.deepStrictEqual([...seen].sort(), Object.keys(CURRENT).sort());
  });

  it('grant what upload-sarif needs, in a private repository too (actions: read)', () => {
    for (const w of all) assert.deepStrictEqual(w.permissions, { contents: 'read', 'security-events': 'write', actions: 'read' });
  });

  it('upload SARIF on a push and on a pull request from the repository, never from a fork (a read-only token), whose SARIF is kept as an artifact', () => {
    const push = { name: 'push' };
    const own = { name: 'pull_request', headRepo: 'octo/articles' };
    const fork = { name: 'pull_request', headRepo: 'someone/articles' };
    for (const w of all) {
      const uploads = Object.values(w.jobs).flatMap((j) => j.steps).filter((s) => s.uses?.startsWith('github/codeql-action/upload-sarif'));
      assert.strictEqual(uploads.length, 1);
      assert.deepStrictEqual([push, own, fork].map((e) => runsOn(uploads[0].if, e)), [true, true, false]);
    }
    const kept = all[0].jobs.kart.steps.find((s) => s.uses?.startsWith('actions/upload-artifact'))!;
    assert.deepStrictEqual([push, own, fork].map((e) => runsOn(kept.if, e)), [false, false, true]);
    assert.strictEqual(kept.with?.path, 'kart.sarif');
  });

  it('the condition check itself can tell the cases apart (a plain always() uploads from a fork)', () => {
    assert.strictEqual(runsOn('always()', { name: 'pull_request', headRepo: 'someone/articles' }), true);
    assert.throws(() => runsOn("github.actor == 'me'", { name: 'push' }), /unknown context/);
  });
});
