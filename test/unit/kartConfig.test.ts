// kart.config.json as the built `kart` reads it (run as a child process): a broken one stops CI with its place,
// each file's nearest one applies (not above the repository root), `extends`, comments and --config.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { after, describe, it } from 'node:test';
import { tmpdir } from 'os';
import { join } from 'path';
import { validArticle } from '../helpers';

const repo = join(__dirname, '../../..');
const made: string[] = [];
after(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

/** A folder of files; `.git/` names a folder (the repository root). */
function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kart-config-'));
  made.push(dir);
  for (const [name, content] of Object.entries(files)) {
    if (name.endsWith('/')) mkdirSync(join(dir, name), { recursive: true });
    else {
      mkdirSync(join(dir, name, '..'), { recursive: true });
      writeFileSync(join(dir, name), content);
    }
  }
  return dir;
}

function kart(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [join(repo, 'bin/kart.js'), ...args, '--today', '2026-06-01', '--no-cache', '--jobs', '1'], { cwd, encoding: 'utf8' });
  return { code: r.status, out: r.stdout.trimEnd(), err: r.stderr.trimEnd() };
}

// `confidence: meduim` on line 7, column 13: schema-enum, an error by default.
const typo = (id: string) => validArticle().replace('id: test-article', `id: ${id}`).replace('confidence: medium', 'confidence: meduim');
/** Each finding's place, severity and rule; the summary line whole. */
const heads = (out: string) => out.split('\n').map((l) => (/^\d+ files? checked/.test(l) ? l : l.split(' ').slice(0, 3).join(' ')));
const enumAt = (file: string, severity: string) => `${file}:7:13 ${severity} schema-enum `;

describe('kart check: a broken kart.config.json exits 2 with its place', () => {
  it('invalid JSON: file:line:col and what is wrong, nothing checked, exit 2', () => {
    const dir = folder({ '.git/': '', 'kart.config.json': '{\n  "rules": {"fact-uncited": "off"}\n  "staleAfterDays": 30\n}\n', 'ai/a.md': typo('a') });
    const r = kart(['check'], dir);
    assert.strictEqual(r.code, 2, r.err);
    assert.strictEqual(r.out, '');
    assert.strictEqual(r.err, 'kart.config.json:3:3 error config-invalid not valid JSON: a comma is expected\nkart: the configuration has a problem; nothing checked');
  });

  it('an unknown rule id under rules: its key, with "did you mean"', () => {
    const dir = folder({ '.git/': '', 'kart.config.json': '{ "rules": { "fact-uncitd": "off", "zzz": "off" } }', 'ai/a.md': validArticle() });
    const r = kart(['check'], dir);
    assert.strictEqual(r.code, 2, r.err);
    assert.deepStrictEqual(r.err.split('\n'), [
      'kart.config.json:1:14 error config-invalid unknown rule "fact-uncitd" in rules: did you mean "fact-uncited"?',
      'kart.config.json:1:36 error config-invalid unknown rule "zzz" in rules',
      'kart: the configuration has 2 problems; nothing checked',
    ]);
  });

  it('a severity that is none and an unknown setting, at their places; kart fix refuses too', () => {
    const dir = folder({ '.git/': '', 'kart.config.json': '{\n  "rules": { "fact-uncited": "warn" },\n  "staleAfterDay": 3\n}', 'ai/a.md': validArticle() });
    const r = kart(['check'], dir);
    assert.strictEqual(r.code, 2, r.err);
    assert.deepStrictEqual(r.err.split('\n').slice(0, 2), [
      'kart.config.json:3:3 error config-invalid unknown setting "staleAfterDay": did you mean "staleAfterDays"?',
      'kart.config.json:2:30 error config-invalid rules.fact-uncited: "warn" is not a severity (off, hint, info, warning or error)',
    ]);
    assert.strictEqual(kart(['fix'], dir).code, 2);
  });
});

describe('kart check: each file its nearest kart.config.json', () => {
  const tree = () =>
    folder({
      '.git/': '',
      // Comments are allowed (JSONC).
      'kart.config.json': '{\n  // the whole base\n  "rules": { "schema-enum": "warning", "category-folder": "off" }\n}\n',
      'nest/sub/kart.config.json': '{ "rules": { "schema-enum": "info", "category-folder": "off" } /* here */ }',
      'ai/a.md': typo('a'),
      'nest/sub/b.md': typo('b'),
      'nest/c.md': typo('c'),
    });

  it('kart check nest/sub uses nest/sub/kart.config.json; the files above it keep the root one', () => {
    const dir = tree();
    const sub = kart(['check', 'nest/sub'], dir);
    assert.strictEqual(sub.code, 0, sub.err);
    assert.match(sub.out, new RegExp(`^${enumAt('nest/sub/b.md', 'info')}`));
    const all = kart(['check'], dir);
    assert.strictEqual(all.code, 0, all.err);
    assert.deepStrictEqual(heads(all.out), ['ai/a.md:7:13 warning schema-enum', 'nest/c.md:7:13 warning schema-enum', 'nest/sub/b.md:7:13 info schema-enum', '3 files checked: 3 problems (2 warnings, 1 info).']);
  });

  it('not above the repository root: a kart.config.json outside the folder holding .git does not apply', () => {
    const outer = folder({ 'kart.config.json': '{ "rules": { "schema-enum": "off" } }', 'repo/.git/': '', 'repo/ai/a.md': typo('a') });
    const r = kart(['check'], join(outer, 'repo'));
    assert.strictEqual(r.code, 1, r.out + r.err);
    assert.match(r.out, new RegExp(`^${enumAt('ai/a.md', 'error')}`));
  });

  it('extends: the base file applies under the file that names it (rules merged key by key)', () => {
    const dir = folder({
      '.git/': '',
      'shared/base.json': '{ "rules": { "schema-enum": "hint", "fact-uncited": "off" }, "staleAfterDays": 5 }',
      'nest/kart.config.json': '{ "extends": "../shared/base.json", "rules": { "fact-uncited": "error", "category-folder": "off" } }',
      'nest/a.md': typo('a').replace('[@f1]', ''),
    });
    const r = kart(['check'], dir);
    assert.strictEqual(r.code, 1, r.err);
    const found = r.out.split('\n').map((l) => l.split(' ').slice(1, 3).join(' '));
    assert.ok(found.includes('hint schema-enum'), r.out);
    assert.ok(found.includes('error fact-uncited'), r.out);
    // staleAfterDays 5 from the base: last_verified 2026-05-24 is 8 days before today.
    assert.ok(found.some((f) => f.endsWith(' date-stale')), r.out);
  });

  it('an extends cycle is reported at the extends that closes it; a missing base at its extends', () => {
    const cycle = folder({ '.git/': '', 'kart.config.json': '{ "extends": "b.json" }', 'b.json': '{\n  "extends": "kart.config.json"\n}', 'a.md': validArticle() });
    const r = kart(['check'], cycle);
    assert.strictEqual(r.code, 2, r.err);
    assert.strictEqual(r.err.split('\n')[0], 'b.json:2:14 error config-invalid extends "kart.config.json" makes a cycle: kart.config.json → b.json → kart.config.json');
    const missing = folder({ '.git/': '', 'kart.config.json': '{ "extends": "nowhere.json" }', 'a.md': validArticle() });
    const m = kart(['check'], missing);
    assert.strictEqual(m.code, 2, m.err);
    assert.strictEqual(m.err.split('\n')[0], 'kart.config.json:1:14 error config-invalid extends "nowhere.json": the file cannot be read');
  });

  it('--config FILE: that one file for every file, the nearest ones ignored; a missing one exits 2', () => {
    const dir = tree();
    writeFileSync(join(dir, 'ci.json'), '{ "rules": { "schema-enum": "hint", "category-folder": "off" } }');
    const r = kart(['check', '--config', 'ci.json'], dir);
    assert.strictEqual(r.code, 0, r.err);
    assert.deepStrictEqual(heads(r.out), ['ai/a.md:7:13 hint schema-enum', 'nest/c.md:7:13 hint schema-enum', 'nest/sub/b.md:7:13 hint schema-enum', '3 files checked: 3 problems (3 hints).']);
    const none = kart(['check', '--config', 'none.json'], dir);
    assert.strictEqual(none.code, 2);
    assert.match(none.err, /^none\.json:1:1 error config-invalid the configuration file cannot be read$/m);
  });
});
