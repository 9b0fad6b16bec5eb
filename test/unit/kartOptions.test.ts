// kart's command line read strictly from one table of options (server/src/cli/args.ts): unknown options, values
// left out, --help per command; and what CI reaches for in kart check: --quiet, --min-severity, --max-warnings.
import * as assert from 'assert';
import { existsSync, readFileSync } from 'fs';
import { describe, it } from 'node:test';
import { join } from 'path';
import { COMMANDS, parseCommandLine } from '../../server/src/cli/args';
import { fourSeverities, folder, kart, kartRaw } from '../cliHelpers';
import { validArticle } from '../helpers';

const clean = { 'ai/test-article.md': validArticle() };

describe('kart: options read strictly', () => {
  it('an unknown option is bad usage (exit 2) naming the option it resembles, and nothing runs', async () => {
    const dir = folder(clean);
    const r = await kartRaw(['check', '--fromat', 'json'], dir);
    assert.strictEqual(r.code, 2);
    assert.match(r.err, /^kart: unknown option --fromat for kart check \(did you mean --format\?\)\n\nkart \S+: kart check /);
    assert.strictEqual(r.out, '');
  });

  it('kart fix --dry-rn writes nothing: exit 2 before any file is touched', async () => {
    const broken = validArticle().replace('confidence: high', 'confidence: High');
    const dir = folder({ 'ai/test-article.md': broken });
    const r = await kartRaw(['fix', '--dry-rn', '.'], dir);
    assert.strictEqual(r.code, 2);
    assert.match(r.err, /unknown option --dry-rn for kart fix \(did you mean --dry-run\?\)/);
    assert.strictEqual(readFileSync(join(dir, 'ai/test-article.md'), 'utf8'), broken);
  });

  it('a value left out, a value given to a switch, a bad number or choice: exit 2 with what was wrong', async () => {
    const dir = folder(clean);
    const cases: [string[], RegExp][] = [
      [['check', '--max-warnings'], /--max-warnings needs a value \(N\)/],
      [['check', '--format', '--quiet'], /--format needs a value/],
      [['check', '--max-warnings', 'many'], /--max-warnings needs a whole number of at least 0, not "many"/],
      [['check', '--max-warnings', '-1'], /--max-warnings needs a whole number of at least 0, not "-1"/],
      [['check', '--format', 'jsn'], /--format "jsn" is not one of text, json, sarif, github \(did you mean json\?\)/],
      [['check', '--quiet=yes'], /--quiet takes no value/],
      [['check', '--fix'], /unknown option --fix for kart check \(kart fix applies the fixes\)/],
      [['check', '--unsafe'], /unknown option --unsafe for kart check \(it is an option of kart fix\)/],
      [['check', '-x'], /unknown option -x for kart check/],
      [['init', '--forse'], /unknown option --forse for kart init \(did you mean --force\?\)/],
      [['mv', 'a.md', 'b.md', '--dryrun'], /did you mean --dry-run\?/],
      [['new', 'x', '--titel', 'X'], /did you mean --title\?/],
      [['merge-sarif', 'a.sarif', '--outptu', 'b'], /did you mean --output\?/],
      [['verify', '--ofline'], /unknown option --ofline for kart verify \(did you mean --offline\?\)/],
      [['verify', '--rate', '0'], /--rate needs a number above 0, not "0"/],
      [['chek'], /unknown command "chek" \(did you mean check\?\)/],
    ];
    for (const [args, message] of cases) {
      const r = await kartRaw(args, dir);
      assert.strictEqual(r.code, 2, `${args.join(' ')}: ${r.err}`);
      assert.match(r.err, message, args.join(' '));
      assert.strictEqual(r.out, '', args.join(' '));
    }
    assert.ok(!existsSync(join(dir, 'x.md')), 'kart new wrote nothing');
  });

  it('-q is --quiet, --opt=value is --opt value, and -- ends the options', () => {
    const a = parseCommandLine(['check', '-q', '--format=json', '--', '--odd-name.md']);
    assert.deepStrictEqual([...a.flags], [['quiet', true], ['format', 'json']]);
    assert.deepStrictEqual(a.positional, ['--odd-name.md']);
  });

  it('every command has --help, written from its table: each option it accepts is listed', async () => {
    const dir = folder({});
    for (const [name, spec] of Object.entries(COMMANDS)) {
      const r = await kartRaw([name, '--help'], dir);
      assert.strictEqual(r.code, 0, name);
      assert.match(r.out, new RegExp(`^kart \\S+: kart ${name} `), name);
      for (const option of Object.keys(spec.options)) assert.match(r.out, new RegExp(`^  (-\\w, )?--${option}\\b`, 'm'), `${name} --${option}`);
    }
    const general = await kartRaw(['--help'], dir);
    for (const name of Object.keys(COMMANDS)) assert.match(general.out, new RegExp(`^  kart ${name}\\b`, 'm'));
    assert.strictEqual((await kartRaw(['help', 'fix'], dir)).out, (await kartRaw(['fix', '-h'], dir)).out);
  });
});

describe('kart check: what is reported and the exit code', () => {
  it('by default every severity is printed and the summary counts them', async () => {
    const r = await kart(['check'], folder(fourSeverities));
    assert.strictEqual(r.code, 1);
    const lines = r.out.split('\n');
    assert.deepStrictEqual(lines.slice(0, -1).map((l) => l.split(' ').slice(1, 3).join(' ')), ['error schema-enum', 'warning date-order', 'info date-stale', 'hint ai-model-unknown']);
    assert.strictEqual(lines.at(-1), '1 file checked: 4 problems (1 error, 1 warning, 1 info, 1 hint).');
  });

  it('--quiet (-q) prints errors only; the summary says how many it left out', async () => {
    for (const flag of ['--quiet', '-q']) {
      const r = await kart(['check', flag], folder(fourSeverities));
      assert.strictEqual(r.code, 1);
      const lines = r.out.split('\n');
      assert.strictEqual(lines.length, 2, r.out);
      assert.match(lines[0], /^ai\/test-article\.md:7:13 error schema-enum /);
      assert.strictEqual(lines[1], '1 file checked: 4 problems (1 error, 1 warning, 1 info, 1 hint). 3 below error not shown (--min-severity).');
    }
  });

  it('--min-severity info leaves out hints; in JSON too', async () => {
    const r = await kart(['check', '--min-severity', 'info', '--format', 'json'], folder(fourSeverities));
    const json = JSON.parse(r.out);
    assert.deepStrictEqual(json.problems.map((p: { rule: string }) => p.rule), ['schema-enum', 'date-order', 'date-stale']);
    assert.deepStrictEqual(json.summary.counts, { error: 1, warning: 1, info: 1, hint: 1 });
  });

  it('--format github annotates errors and warnings only unless --min-severity says more', async () => {
    const dir = folder(fourSeverities);
    const commands = (out: string) => out.split('\n').filter((l) => l.startsWith('::')).map((l) => l.slice(2, l.indexOf(' ')));
    assert.deepStrictEqual(commands((await kart(['check', '--format', 'github'], dir)).out), ['error', 'warning']);
    assert.deepStrictEqual(commands((await kart(['check', '--format', 'github', '--min-severity', 'hint'], dir)).out), ['error', 'warning', 'notice', 'notice']);
    assert.deepStrictEqual(commands((await kart(['check', '--format', 'github', '--quiet'], dir)).out), ['error']);
  });

  it('--max-warnings N: exit 1 past N warnings, even when none is an error and the warnings are not printed', async () => {
    const warningsOnly = { ...fourSeverities, 'kart.config.json': JSON.stringify({ rules: { 'ai-model-unknown': 'warning', 'schema-enum': 'off' } }) };
    const dir = folder(warningsOnly);
    assert.strictEqual((await kart(['check'], dir)).code, 0);
    assert.strictEqual((await kart(['check', '--max-warnings', '2'], dir)).code, 0);
    const over = await kart(['check', '--max-warnings', '1'], dir);
    assert.strictEqual(over.code, 1);
    assert.match(over.err, /kart: 2 warnings, more than --max-warnings 1/);
    assert.strictEqual((await kart(['check', '--max-warnings', '0', '--quiet'], dir)).code, 1);
    // `0` is the option's value, not a path to check.
    assert.doesNotMatch((await kart(['check', '--max-warnings', '0'], dir)).out, /file-unreadable|no such file/);
  });
});
