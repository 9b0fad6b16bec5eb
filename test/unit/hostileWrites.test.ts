// A hostile repository against the built `kart`, run as a child process as a user or CI runs it: what it writes
// (never through a planted link, never outside the tree, never over a save made meanwhile) and what it prints
// (no raw control character; nothing a file name or a key holds can pass for a finding).
import * as assert from 'assert';
import { spawn, spawnSync } from 'child_process';
import { appendFileSync, chmodSync, chownSync, closeSync, existsSync, openSync, writeSync, linkSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, watch, writeFileSync } from 'fs';
import { after, describe, it } from 'node:test';
import { tmpdir } from 'os';
import { join } from 'path';
import { validArticle } from '../helpers';

const repo = join(__dirname, '../../..');
const kartJs = join(repo, 'bin/kart.js');
const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
const MATCHER = new RegExp(manifest.contributes.problemMatchers[0].pattern.regexp);
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

const made: string[] = [];
after(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

/** A temporary place with `tree/` (the repository, where kart runs) and `victim/` (the user's other files). */
function place(files: Record<string, string | Buffer>): { tree: string; victim: string } {
  const base = mkdtempSync(join(tmpdir(), 'kart-hostile-'));
  made.push(base);
  const tree = join(base, 'tree');
  const victim = join(base, 'victim');
  mkdirSync(tree);
  mkdirSync(victim);
  writeFileSync(join(tree, 'kart.config.json'), '{}\n');
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(tree, name, '..'), { recursive: true });
    writeFileSync(join(tree, name), content);
  }
  return { tree, victim };
}

function kart(args: string[], cwd: string) {
  // A fixed today for the commands whose rules read the date.
  const today = ['check', 'fix', 'verify'].includes(args[0]) ? ['--today', '2026-06-01'] : [];
  const r = spawnSync(process.execPath, [kartJs, ...args, ...today], { cwd, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Every file under a folder with its bytes, mode, owner and inode: what "nothing changed" compares. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const p = join(dir, name);
    const st = lstatSync(p);
    out[name] = st.isFile() ? `${st.mode.toString(8)} ${st.uid} ${st.ino} ${readFileSync(p, 'base64')}` : st.isSymbolicLink() ? 'link' : 'dir';
  }
  return out;
}

const DEPLOY = '#!/bin/sh\necho deploying\n';
// A key whose name holds line feeds: written raw, it would put `echo INJECTED` on a line of its own.
const injectedKey = validArticle({ fm: '"x\\"\\necho INJECTED\\n: \\"": 1\n' });

describe('kart --output never writes through a planted link', () => {
  for (const [command, args] of [
    ['kart check', ['check', '--no-cache']],
    ['kart verify', ['verify', '--offline']],
  ] as const) {
    it(`${command} --output kart-report.txt, a committed link to the user's deploy.sh: deploy.sh unchanged, mode kept, refused`, () => {
      const { tree, victim } = place({ 'ai/test-article.md': injectedKey });
      writeFileSync(join(victim, 'deploy.sh'), DEPLOY, { mode: 0o755 });
      symlinkSync(join(victim, 'deploy.sh'), join(tree, 'kart-report.txt'));
      const before = snapshot(victim);
      const r = kart([...args, '--output', 'kart-report.txt'], tree);
      assert.deepStrictEqual(snapshot(victim), before, 'a file outside the tree changed');
      assert.strictEqual(readFileSync(join(victim, 'deploy.sh'), 'utf8'), DEPLOY);
      assert.ok(lstatSync(join(tree, 'kart-report.txt')).isSymbolicLink());
      assert.strictEqual(r.code, 2);
      assert.match(r.err, /kart: kart-report\.txt: not written: it is a symbolic link \(to .*deploy\.sh\); kart does not write through it/);
    });
  }

  it('kart check --output reports/kart.txt, reports a committed link to a folder outside: nothing written there', () => {
    const { tree, victim } = place({ 'ai/test-article.md': injectedKey });
    symlinkSync(victim, join(tree, 'reports'));
    const r = kart(['check', '--no-cache', '--output', 'reports/kart.txt'], tree);
    assert.deepStrictEqual(readdirSync(victim), []);
    assert.strictEqual(r.code, 2);
    assert.match(r.err, /not written: the folder reports is a symbolic link/);
  });

  it('kart merge-sarif --output through a link: refused, the target unchanged', () => {
    const { tree, victim } = place({ 'ai/test-article.md': validArticle() });
    const sarif = kart(['check', '--no-cache', '--format', 'sarif'], tree).out;
    writeFileSync(join(tree, 'a.sarif'), sarif);
    writeFileSync(join(victim, 'notes.txt'), 'mine\n');
    symlinkSync(join(victim, 'notes.txt'), join(tree, 'merged.sarif'));
    const r = kart(['merge-sarif', 'a.sarif', '--output', 'merged.sarif'], tree);
    assert.strictEqual(readFileSync(join(victim, 'notes.txt'), 'utf8'), 'mine\n');
    assert.strictEqual(r.code, 2);
    assert.match(r.err, /merged\.sarif: not written: it is a symbolic link/);
  });

  it('kart verify --report through a dangling link: no file made where it points', () => {
    // No source to ask about (nothing goes online); a report that is missing is written all the same.
    const { tree, victim } = place({ 'notes.md': '# Notes\n' });
    symlinkSync(join(victim, 'planted.json'), join(tree, 'kart-verification.json'));
    const r = kart(['verify', '--report', 'kart-verification.json'], tree);
    assert.deepStrictEqual(readdirSync(victim), []);
    assert.ok(lstatSync(join(tree, 'kart-verification.json')).isSymbolicLink());
    assert.match(r.err, /kart-verification\.json: not written: it is a symbolic link/);
  });

  it('kart init --force with kart.config.json a committed link to the user\'s file: that file unchanged, refused', () => {
    const { tree, victim } = place({ 'ai/test-article.md': validArticle() });
    writeFileSync(join(victim, '.bashrc'), 'alias ll="ls -l"\n');
    rmSync(join(tree, 'kart.config.json'));
    symlinkSync(join(victim, '.bashrc'), join(tree, 'kart.config.json'));
    const r = kart(['init', '--force'], tree);
    assert.strictEqual(readFileSync(join(victim, '.bashrc'), 'utf8'), 'alias ll="ls -l"\n');
    assert.strictEqual(r.code, 1);
    assert.match(r.err, /kart: kart\.config\.json: not written: it is a symbolic link/);
  });

  it('a plain --output file is written, and the injected key stays inside its finding', () => {
    const { tree } = place({ 'ai/test-article.md': injectedKey });
    const r = kart(['check', '--no-cache', '--output', 'kart-report.txt'], tree);
    assert.strictEqual(r.code, 0, r.err);
    const lines = readFileSync(join(tree, 'kart-report.txt'), 'utf8').trimEnd().split('\n');
    assert.ok(!lines.some((l) => l.startsWith('echo INJECTED')), lines.join('\n'));
    assert.match(lines[0], /^ai\/test-article\.md:13:1 warning schema-unknown-key Unknown key "x"\\necho INJECTED\\n: ""\./);
    assert.strictEqual(lines.length, 2);
  });

  it('--output /dev/stdout (a link to the pipe) is written as asked', () => {
    const { tree } = place({ 'ai/test-article.md': validArticle() });
    const r = spawnSync('bash', ['-c', `${JSON.stringify(process.execPath)} ${JSON.stringify(kartJs)} check --no-cache --output /dev/stdout | cat; exit "\${PIPESTATUS[0]}"`], { cwd: tree, encoding: 'utf8' });
    assert.strictEqual(r.status, 0, r.stderr);
    assert.strictEqual(r.stdout, '1 file checked: no problems.\n');
  });
});

describe('kart check output: control characters escaped, no forged finding', () => {
  // File names and contents a repository can hold: a line feed, a carriage return, an escape sequence, a bidi
  // override, and a name that holds a whole location.
  const forged = 'forged.md:1:1 error forged-rule INJECTED';
  const files = {
    'ai/test-article.md': validArticle({ fm: '"x\\"\\nai/test-article.md:2:2 error forged-rule INJECTED\\n: \\"": 1\n' }).replace('confidence: medium', 'confidence: "\x1b]0;pwned\x07\x1b[2K\rmeduim\u202e"'),
    [`x\n${forged}\n.md`]: validArticle().replace('id: test-article', 'id: second').replace('confidence: medium', 'confidence: meduim'),
    [`${forged} y.md`]: validArticle().replace('id: test-article', 'id: third').replace('confidence: medium', 'confidence: meduim'),
    'esc\x1b[31m\r.md': validArticle().replace('id: test-article', 'id: fourth').replace('confidence: medium', 'confidence: meduim'),
  };

  it('text: every line the $kart problem matcher takes for a finding is one of kart\'s findings, at its own file, line and rule', () => {
    const { tree } = place(files);
    const text = kart(['check', '--no-cache'], tree);
    const json = JSON.parse(kart(['check', '--no-cache', '--format', 'json'], tree).out) as { problems: { path: string; line: number; column: number; severity: string; rule: string }[] };
    assert.deepStrictEqual(new Set(json.problems.map((p) => p.path)), new Set(Object.keys(files)), JSON.stringify(json.problems));
    for (const stream of [text.out, text.err]) assert.doesNotMatch(stream, RAW_CONTROL);
    const matched = text.out.split('\n').flatMap((l) => {
      const m = MATCHER.exec(l);
      return m ? [{ file: m[1], line: Number(m[2]), column: Number(m[3]), severity: m[4], rule: m[5] }] : [];
    });
    assert.strictEqual(matched.length, json.problems.length, text.out);
    const shown = (p: string) => p.replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\x1b/g, '\\u001b');
    json.problems.forEach((p, i) => {
      const m = matched[i];
      assert.deepStrictEqual([m.line, m.column, m.severity, m.rule], [p.line, p.column, p.severity, p.rule], text.out);
      // The file is the finding's own, escaped; a name that looks like a location has its colons escaped too.
      assert.strictEqual(m.file.replace(/\\u003a/g, ':'), shown(p.path));
    });
    assert.ok(!matched.some((m) => m.rule === 'forged-rule'), text.out);
    assert.match(text.out, /"\\u001b\]0;pwned\\u0007\\u001b\[2K\\rmeduim\\u202e" is not a valid confidence/);
  });

  it('json: no raw control character on the terminal, still JSON with the same paths and messages', () => {
    const { tree } = place({ ...files, 'c1\u009b31m.md': validArticle().replace('id: test-article', 'id: fifth') });
    const r = kart(['check', '--no-cache', '--format', 'json'], tree);
    assert.doesNotMatch(r.out, RAW_CONTROL);
    const paths = (JSON.parse(r.out) as { problems: { path: string }[] }).problems.map((p) => p.path);
    assert.deepStrictEqual(new Set(paths), new Set([...Object.keys(files), 'c1\u009b31m.md']));
  });

  it('github: one workflow command per finding, nothing else starts a command, the message and file round-trip', () => {
    const { tree } = place(files);
    const r = kart(['check', '--no-cache', '--format', 'github'], tree);
    const json = JSON.parse(kart(['check', '--no-cache', '--format', 'json'], tree).out) as { problems: { path: string; message: string }[] };
    assert.doesNotMatch(r.out, RAW_CONTROL);
    const lines = r.out.trimEnd().split('\n');
    assert.strictEqual(lines.length, json.problems.length + 1, r.out);
    assert.match(lines.at(-1)!, new RegExp(`^4 files checked: ${json.problems.length} problems`));
    const unescape = (s: string) => s.replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
    lines.slice(0, -1).forEach((l, i) => {
      const m = /^::(error|warning|notice) file=([^,:]*),line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=kart [a-z-]+::([^]*)$/.exec(l);
      assert.ok(m, l);
      assert.strictEqual(unescape(m[2]), json.problems[i].path.replace(/\x1b/g, '\\u001b').replace(/\r/g, '\\r'));
      // Other control characters are shown, not sent: the message's line feeds stay GitHub's %0A.
      assert.strictEqual(unescape(m[3]), json.problems[i].message.replace(/[\x00-\x09\x0b-\x1f\u202e]/g, (c) => (c === '\r' ? '\\r' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)));
    });
  });
});

/** An article with two safe fixes (a date and an enum typo). */
const fixable = validArticle().replace('confidence: medium', 'confidence: meduim').replace('created_date: "2026-05-24"', 'created_date: 2026/5/24');
const fixed = validArticle();

describe('kart fix writes only what it may', () => {
  it('a link to a file outside the tree: refused with a message, the outside file unchanged', () => {
    const { tree, victim } = place({});
    writeFileSync(join(victim, 'notes.md'), fixable);
    mkdirSync(join(tree, 'ai'));
    symlinkSync(join(victim, 'notes.md'), join(tree, 'ai/notes.md'));
    const before = snapshot(victim);
    for (const args of [['fix'], ['fix', 'ai/notes.md'], ['fix', '--force']]) {
      const r = kart(args, tree);
      assert.deepStrictEqual(snapshot(victim), before, args.join(' '));
      assert.strictEqual(r.code, 1);
      assert.match(r.err, /ai\/notes\.md: not written: is a symbolic link to .*victim\/notes\.md, outside the folder kart works on; kart never writes there/);
    }
  });

  it('a read-only (0444) file: refused unless --force, which keeps the mode', () => {
    const { tree } = place({ 'ai/test-article.md': fixable });
    const file = join(tree, 'ai/test-article.md');
    chmodSync(file, 0o444);
    const r = kart(['fix'], tree);
    assert.strictEqual(r.code, 1);
    assert.match(r.err, /ai\/test-article\.md: not written: is read-only \(mode 0444\) \(kart fix --force writes it\)/);
    assert.strictEqual(readFileSync(file, 'utf8'), fixable);
    assert.strictEqual(kart(['fix', '--force'], tree).code, 0);
    assert.strictEqual(readFileSync(file, 'utf8'), fixed);
    assert.strictEqual(statSync(file).mode & 0o7777, 0o444);
  });

  it('another user\'s file: refused (the owner would change); --force keeps the owner or writes nothing', { skip: process.getuid?.() !== 0 && 'needs root to make a file of another user' }, () => {
    const { tree } = place({ 'ai/test-article.md': fixable });
    const file = join(tree, 'ai/test-article.md');
    chownSync(file, 12345, 12345);
    const r = kart(['fix'], tree);
    assert.strictEqual(r.code, 1);
    assert.match(r.err, /not written: belongs to another user \(uid 12345\)/);
    assert.deepStrictEqual([readFileSync(file, 'utf8'), statSync(file).uid, statSync(file).gid], [fixable, 12345, 12345]);
    assert.strictEqual(kart(['fix', '--force'], tree).code, 0);
    assert.deepStrictEqual([readFileSync(file, 'utf8'), statSync(file).uid, statSync(file).gid], [fixed, 12345, 12345]);
  });

  it('a file hard-linked from outside the tree: refused; --force splits it and the outside name keeps its text', () => {
    const { tree, victim } = place({ 'ai/test-article.md': fixable });
    const file = join(tree, 'ai/test-article.md');
    linkSync(file, join(victim, 'same.md'));
    const r = kart(['fix'], tree);
    assert.strictEqual(r.code, 1);
    assert.match(r.err, /not written: has 2 hard links; replacing it would split them/);
    assert.strictEqual(readFileSync(join(victim, 'same.md'), 'utf8'), fixable);
    assert.strictEqual(statSync(file).nlink, 2);
    assert.strictEqual(kart(['fix', '--force'], tree).code, 0);
    assert.strictEqual(readFileSync(file, 'utf8'), fixed);
    assert.strictEqual(readFileSync(join(victim, 'same.md'), 'utf8'), fixable);
  });

  it('kart fix names a crafted file escaped: its line feed, carriage return and escape sequence stay on the line', () => {
    const name = 'x\nai/other.md: 9 fixes\r\x1b[2K.md';
    const { tree } = place({ [name]: fixable });
    chmodSync(join(tree, name), 0o444);
    const r = kart(['fix'], tree);
    assert.doesNotMatch(r.out + r.err, RAW_CONTROL);
    assert.deepStrictEqual(r.err.trimEnd().split('\n'), ['kart: x\\nai/other.md: 9 fixes\\r\\u001b[2K.md: not written: is read-only (mode 0444) (kart fix --force writes it)']);
    assert.strictEqual(r.out, 'Fixed 0 problems in 0 files.\n');
  });

  it('kart fix --dry-run: the diff keeps tabs (it must still apply) and shows an escape sequence escaped', () => {
    const { tree } = place({ 'ai/test-article.md': fixable.replace('language: en', 'language: en #\tnote \x1b[2J.') });
    const r = kart(['fix', '--dry-run'], tree);
    assert.strictEqual(r.code, 0, r.err);
    assert.doesNotMatch(r.out, /\x1b/);
    assert.match(r.out, /^ language: en #\tnote \\u001b\[2J\.$/m);
    assert.match(r.out, /^-confidence: meduim$/m);
  });

  it('kart mv: a linking file that is read-only stops the move before anything is written', () => {
    const linking = validArticle({ body: '## TL;DR\nSee [the other](other.md) [@f1].\n\n## Core Explanation\nMore.\n' });
    const { tree } = place({ 'ai/test-article.md': linking, 'ai/other.md': validArticle().replace('id: test-article', 'id: other') });
    chmodSync(join(tree, 'ai/test-article.md'), 0o444);
    const before = snapshot(tree);
    const r = kart(['mv', 'ai/other.md', 'ai/renamed.md'], tree);
    assert.strictEqual(r.code, 1, r.out + r.err);
    assert.match(r.err, /ai\/test-article\.md: not written: is read-only/);
    assert.deepStrictEqual(snapshot(tree), before);
  });
});

describe('kart fix and a save made while it writes', () => {
  const RUNS = 8;

  /** Runs kart fix while `onTemp` reacts (once) to kart's temporary file appearing beside the article. */
  async function fixDuring(onTemp: (file: string) => void): Promise<{ code: number | null; out: string; err: string; file: string }> {
    const { tree } = place({ 'ai/test-article.md': fixable });
    const file = join(tree, 'ai/test-article.md');
    let fired = false;
    const watcher = watch(join(tree, 'ai'), (_event, name) => {
      if (!fired && name && /^\.test-article\.md\.kart-.*\.tmp$/.test(String(name))) {
        fired = true;
        onTemp(file);
      }
    });
    try {
      const child = spawn(process.execPath, [kartJs, 'fix', '--today', '2026-06-01'], { cwd: tree });
      let out = '';
      let err = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (err += d));
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      assert.ok(fired, 'the watcher never saw the temporary file');
      return { code, out, err, file };
    } finally {
      watcher.close();
    }
  }

  it(`an append made when the temporary file appears survives, and kart says it did not write (${RUNS} of ${RUNS} runs)`, async () => {
    for (let run = 0; run < RUNS; run++) {
      const saved = `\nSaved by the author, run ${run}.\n`;
      const r = await fixDuring((file) => appendFileSync(file, saved));
      assert.strictEqual(readFileSync(r.file, 'utf8'), fixable + saved, `run ${run}: the save was lost or the fix went in over it`);
      assert.strictEqual(r.code, 1, `run ${run}: ${r.out}${r.err}`);
      assert.match(r.err, /ai\/test-article\.md: not written: the file changed while kart was fixing it/, `run ${run}`);
      assert.match(r.out, /Fixed 0 problems in 0 files\./, `run ${run}`);
      assert.deepStrictEqual(readdirSync(join(r.file, '..')), ['test-article.md'], `run ${run}: a temporary file was left`);
    }
  });

  it('a write into the old file after the rename (a program that had it open) is put back', async () => {
    for (let run = 0; run < 4; run++) {
      const saved = `\nWritten through an open descriptor, run ${run}.\n`;
      let wrote: Promise<void> = Promise.resolve();
      const r = await fixDuring((file) => {
        const fd = openSync(file, 'a');
        const ino = statSync(file).ino;
        // Waits for kart's rename, then writes to the file it replaced.
        wrote = new Promise((resolve) => {
          const poll = setInterval(() => {
            if (!existsSync(file) || statSync(file).ino === ino) return;
            clearInterval(poll);
            writeSync(fd, saved);
            closeSync(fd);
            resolve();
          }, 2);
        });
      });
      await wrote;
      assert.strictEqual(readFileSync(r.file, 'utf8'), fixable + saved, `run ${run}: ${r.err}`);
      assert.match(r.err, /not written: the file changed while kart was fixing it; the version saved meanwhile was put back/, `run ${run}`);
      assert.strictEqual(r.code, 1);
    }
  });
});
