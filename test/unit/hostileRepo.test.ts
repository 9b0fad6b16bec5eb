// A hostile repository, built here in os.tmpdir(): links to /dev/zero, named pipes, a file over the size cap, UTF-16
// articles, a frontmatter nested 10,000 deep, a planted cache, a planted configuration in a shared folder above the
// repository, extra schemas that point out of it. The built `kart check`, `kart fix` and language server run over it as
// child processes, each under a time limit, with their resident memory read from /proc/<pid>/status; every case must
// end with a clear message, and no file outside the tree (or named by a link) may change.
// (test/unit/hostile.test.ts gives the engine hostile *documents* in process; this is about hostile *files*.)
import * as assert from 'assert';
import { spawn } from 'child_process';
import { createHash } from 'crypto';
import { chownSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'fs';
import { after, before, describe, it } from 'node:test';
import { tmpdir } from 'os';
import * as path from 'path';
import { version } from '../../package.json';
import { cacheKey, saveCache } from '../../server/src/cli/checkCache';
import { parseConfig } from '../../server/src/config';
import { validArticle } from '../helpers';
import { startServer, uriOf, type TestClient } from '../protocol/client';

const REPO = path.resolve(__dirname, '..', '..', '..');
const KART = path.join(REPO, 'dist', 'kart.js');
const TODAY = '2026-06-01';
// Generous bounds a slow, shared machine still meets; the old code went past both (5 GB in 13 s, or never ended).
const TIME_LIMIT_MS = 60_000;
const MEMORY_LIMIT_KIB = 600 * 1024;
const MiB = 1024 * 1024;

const made: string[] = [];
after(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

/** Peak and current resident memory of a live process, from /proc (kB). */
function memoryOf(pid: number): { hwm: number; rss: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
    return { hwm: kb('VmHWM'), rss: kb('VmRSS') };
  } catch {
    return undefined;
  }
}

/** Watches a process's memory every 20 ms; `over` is called when it passes the limit. */
function watchMemory(pid: number, over: () => void): { peak: () => number; stop: () => void } {
  let peak = 0;
  const look = () => {
    const m = memoryOf(pid);
    if (!m) return;
    peak = Math.max(peak, m.hwm, m.rss);
    if (peak > MEMORY_LIMIT_KIB) over();
  };
  look();
  const timer = setInterval(look, 20);
  return {
    peak: () => {
      look();
      return peak;
    },
    stop: () => clearInterval(timer),
  };
}

interface Run {
  code: number | null;
  out: string;
  err: string;
  ms: number;
  peakKiB: number;
  /** Set when the run was stopped: over the time or the memory limit. */
  stopped?: string;
}

/** Runs the built kart; stops it (and says why) past the time or memory limit. */
function kart(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [KART, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let stopped: string | undefined;
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const stop = (why: string) => {
      stopped ??= why;
      child.kill('SIGKILL');
    };
    const memory = watchMemory(child.pid!, () => stop(`over ${MEMORY_LIMIT_KIB / 1024} MiB resident`));
    const timer = setTimeout(() => stop(`still running after ${TIME_LIMIT_MS / 1000} s`), TIME_LIMIT_MS);
    child.on('exit', (code) => {
      clearTimeout(timer);
      const peakKiB = memory.peak();
      memory.stop();
      resolve({ code, out: out.trimEnd(), err: err.trimEnd(), ms: Date.now() - started, peakKiB, stopped });
    });
  });
}

function assertBounded(r: Run, what: string): void {
  assert.strictEqual(r.stopped, undefined, `${what}: ${r.stopped}\n${r.out}\n${r.err}`);
  assert.ok(r.peakKiB > 0, `${what}: no memory reading from /proc`);
  assert.ok(r.peakKiB < MEMORY_LIMIT_KIB, `${what}: ${r.peakKiB} kB resident`);
}

const show = (r: Run) => `exit ${r.code}, ${r.ms} ms, peak ${Math.round(r.peakKiB / 1024)} MiB resident`;

const write = (file: string, content: string | Buffer) => {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
};

const fifo = (file: string) => {
  mkdirSync(path.dirname(file), { recursive: true });
  const r = spawn('mkfifo', [file]);
  return new Promise<void>((resolve, reject) => r.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`mkfifo ${file}: ${code}`)))));
};

/** Every entry under a folder: regular files by content hash, links by target, the rest by kind. */
function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = path.join(dir, name);
      const st = lstatSync(p);
      const rel = path.relative(root, p);
      if (st.isSymbolicLink()) out[rel] = `link ${readlinkSync(p)}`;
      else if (st.isDirectory()) walk(p);
      else if (st.isFile()) out[rel] = `file ${st.mode.toString(8)} ${createHash('sha1').update(readFileSync(p)).digest('hex')}`;
      else out[rel] = st.isFIFO() ? 'fifo' : 'special';
    }
  };
  walk(root);
  return out;
}

const article = (id: string, fm = '') => validArticle({ fm }).replace('id: test-article', `id: ${id}`);
const utf16 = (text: string, order: 'le' | 'be') => {
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  return order === 'le' ? le : Buffer.from(le).swap16();
};
const decode16 = (b: Buffer) => (b[0] === 0xff ? b.subarray(2).toString('utf16le') : Buffer.from(b.subarray(2)).swap16().toString('utf16le'));
// `confidence: Medium`: an error with a safe fix (to `medium`), on line 7, column 13.
const medium = (id: string) => article(id).replace('confidence: medium', 'confidence: Medium');

/**
 * The shared folder (another user's) and, in it, the repository:
 *   shared/kart.config.json, shared/node_modules/  planted above the repository
 *   shared/secret.txt                              what must never be read or quoted
 *   shared/repo/.git                               the repository
 *   shared/repo/ai/…                               the hostile files
 */
let shared: string;
let repo: string;
let xdg: string;
const PIPES = ['ai/pipe-1.md', 'ai/pipe-2.md', 'ai/pipe-3.md', 'ai/pipe-4.md'];

before(async () => {
  shared = mkdtempSync(path.join(tmpdir(), 'kart-hostile-'));
  made.push(shared);
  xdg = path.join(shared, 'xdg-cache');
  repo = path.join(shared, 'repo');
  // Above the repository: a configuration that would turn the schema rules off, and a node_modules for its cache.
  write(path.join(shared, 'kart.config.json'), JSON.stringify({ rules: { 'schema-enum': 'off' } }));
  mkdirSync(path.join(shared, 'node_modules'));
  write(path.join(shared, 'secret.txt'), 'SECRET-TOKEN-4242 root:x:0:0\n');
  mkdirSync(path.join(repo, '.git'), { recursive: true });
  // Read by every walk (kart honours .gitignore): a FIFO here would hold up every command.
  await fifo(path.join(repo, '.gitignore'));
  // The verification report kart verify reads: a link to /dev/zero.
  symlinkSync('/dev/zero', path.join(repo, 'kart-verification.json'));
  // An extra schema that is a FIFO is a configuration problem, which stops kart (exit 2): its cases are below.
  write(path.join(repo, 'kart.config.json'), JSON.stringify({}));
  write(path.join(repo, 'ai/good.md'), article('good'));
  write(path.join(repo, 'ai/broken.md'), medium('broken'));
  symlinkSync('/dev/zero', path.join(repo, 'ai/zero.md'));
  for (const p of PIPES) await fifo(path.join(repo, p));
  write(path.join(repo, 'ai/utf16le.md'), utf16(medium('utf16le'), 'le'));
  write(path.join(repo, 'ai/utf16be.md'), utf16(medium('utf16be'), 'be'));
  // Over the 10 MiB cap: a real article with 11 MiB of body.
  write(path.join(repo, 'ai/huge.md'), article('huge') + 'x'.repeat(11 * MiB) + '\n');
  write(path.join(repo, 'ai/deep.md'), article('deep', `deep: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`));
  write(path.join(repo, 'ai/infinite.md'), article('infinite').replace('confidence: medium', 'confidence: 1e999999'));
});

describe('a hostile repository: kart check', () => {
  it('ends, bounded in time and memory, with a message for each hostile file; the checkable ones are checked', async () => {
    const before = snapshot(shared);
    const r = await kart(['check', '--today', TODAY, '--jobs', '1'], repo, { XDG_CACHE_HOME: xdg });
    assertBounded(r, 'kart check');
    assert.strictEqual(r.code, 1, r.out + r.err);
    const lines = r.out.split('\n');
    const line = (file: string) => lines.filter((l) => l.startsWith(`${file}:`));
    for (const p of PIPES) assert.deepStrictEqual(line(p), [`${p}:1:1 warning file-unreadable The file is a named pipe (FIFO), not a regular file: skipped.`]);
    assert.deepStrictEqual(line('ai/zero.md'), ['ai/zero.md:1:1 warning file-unreadable The file is a character device, not a regular file: skipped.']);
    assert.deepStrictEqual(line('ai/huge.md'), ['ai/huge.md:1:1 error file-unreadable The file is 11 MiB, over the 10 MiB limit on a file kart reads (maxFileBytes in kart.config.json): not read.']);
    for (const f of ['ai/utf16le.md', 'ai/utf16be.md', 'ai/broken.md']) {
      assert.deepStrictEqual(line(f), [`${f}:7:13 error schema-enum "Medium" is not a valid confidence: did you mean "medium"? Allowed: low, medium, high.`]);
    }
    assert.deepStrictEqual(
      line('ai/deep.md').map((l) => l.replace(/:\d+:\d+ /, ' ')),
      ['ai/deep.md error yaml-syntax The frontmatter nests too deeply to be read (lists or mappings inside one another thousands of levels deep): flatten it.'],
    );
    assert.deepStrictEqual(line('ai/infinite.md'), ['ai/infinite.md:7:13 error schema-enum "1e999999" is not a valid confidence. Allowed: low, medium, high.', 'ai/infinite.md:7:13 error schema-type "confidence" should be text, not a number.']);
    assert.deepStrictEqual(line('ai/good.md'), []);
    // The planted configuration above the repository (schema-enum off) was not used: the errors above show it.
    assert.match(lines.at(-1)!, /^6 files checked: 12 problems \(7 errors, 5 warnings\)\.$/);
    // The cache went to the user's own folder, one folder for this tree; nothing in or above the tree changed.
    const cached = readdirSync(path.join(xdg, 'kart'));
    assert.strictEqual(cached.length, 1);
    assert.ok(statSync(path.join(xdg, 'kart', cached[0], 'check.json')).isFile());
    const after = snapshot(shared);
    for (const k of Object.keys(after)) if (k.startsWith('xdg-cache')) delete after[k];
    assert.deepStrictEqual(after, before);
    console.log(`kart check over the hostile repository: ${show(r)}`);
  });

  it('UTF-16 articles named on the command line are checked, not "0 files checked: no problems."', async () => {
    const r = await kart(['check', 'ai/utf16le.md', 'ai/utf16be.md', '--today', TODAY, '--no-cache'], repo);
    assertBounded(r, 'kart check utf16');
    assert.strictEqual(r.code, 1, r.out + r.err);
    assert.match(r.out, /\n2 files checked: 2 problems \(2 errors\)\.$/);
  });

  it('a named pipe or /dev/zero named on the command line: skipped with a message, at once', async () => {
    const r = await kart(['check', 'ai/pipe-1.md', 'ai/zero.md', '--today', TODAY, '--no-cache'], repo);
    assertBounded(r, 'kart check pipe zero');
    assert.strictEqual(r.code, 0, r.out + r.err);
    assert.strictEqual(r.out, ['ai/pipe-1.md:1:1 warning file-unreadable The file is a named pipe (FIFO), not a regular file: skipped.', 'ai/zero.md:1:1 warning file-unreadable The file is a character device, not a regular file: skipped.', '0 files checked: 2 problems (2 warnings).'].join('\n'));
  });

  it('the size cap is maxFileBytes of kart.config.json', async () => {
    const dir = path.join(shared, 'capped');
    mkdirSync(path.join(dir, '.git'), { recursive: true });
    write(path.join(dir, 'kart.config.json'), JSON.stringify({ maxFileBytes: 2048 }));
    write(path.join(dir, 'ai/good.md'), article('good'));
    write(path.join(dir, 'ai/long.md'), article('long') + 'y'.repeat(4096) + '\n');
    const r = await kart(['check', '--today', TODAY, '--no-cache'], dir);
    assertBounded(r, 'kart check capped');
    assert.match(r.out, /^ai\/long\.md:1:1 error file-unreadable The file is 4\.7 KiB, over the 2 KiB limit on a file kart reads \(maxFileBytes in kart\.config\.json\): not read\.$/m);
    assert.match(r.out, /\n1 file checked: 1 problem \(1 error\)\.$/);
  });
});

describe('a hostile repository: extraSchema', () => {
  const cases: [string, string, (dir: string) => Promise<void> | void][] = [
    ['/etc/passwd', /is outside the workspace: not read$/.source, () => undefined],
    ['../secret.txt', /is outside the workspace: not read$/.source, () => undefined],
    ['schema/secret-link.json', /cannot be read \(is outside the workspace \(or a link to a file outside it\): not read\)$/.source, (dir) => symlinkSync(path.join(shared, 'secret.txt'), path.join(dir, 'schema/secret-link.json'))],
    ['schema/environ.json', /cannot be read \(is outside the workspace \(or a link to a file outside it\): not read\)$/.source, (dir) => symlinkSync('/proc/self/environ', path.join(dir, 'schema/environ.json'))],
    ['schema/zero.json', /cannot be read \(is a character device, not a regular file: skipped\)$/.source, (dir) => symlinkSync('/dev/zero', path.join(dir, 'schema/zero.json'))],
    ['schema/pipe.json', /cannot be read \(is a named pipe \(FIFO\), not a regular file: skipped\)$/.source, (dir) => fifo(path.join(dir, 'schema/pipe.json'))],
    ['schema/not-json.json', /cannot be used: it is not valid JSON$/.source, (dir) => write(path.join(dir, 'schema/not-json.json'), 'SECRET-TOKEN-4242 root:x:0:0\n')],
  ];
  for (const [extra, message, plant] of cases) {
    it(`"${extra}": a configuration error that quotes nothing of it (exit 2, as every configuration error), bounded`, async () => {
      const dir = mkdtempSync(path.join(shared, 'extra-'));
      mkdirSync(path.join(dir, '.git'));
      mkdirSync(path.join(dir, 'schema'));
      await plant(dir);
      write(path.join(dir, 'kart.config.json'), JSON.stringify({ extraSchema: extra }));
      write(path.join(dir, 'ai/broken.md'), medium('broken'));
      const r = await kart(['check', '--today', TODAY, '--no-cache'], dir);
      assertBounded(r, `extraSchema ${extra}`);
      const escaped = extra.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
      assert.match(r.err, new RegExp(`^kart\\.config\\.json:\\d+:\\d+ error config-invalid .*${escaped}.*${message}`, 'm'));
      assert.doesNotMatch(r.out + r.err, /SECRET-TOKEN|root:x|PATH=/);
      assert.strictEqual(r.code, 2, r.out + r.err);
      assert.strictEqual(r.out, '');
    });
  }
});

describe('a hostile repository: the cache and the configuration are not the repository\'s to plant', () => {
  it('a committed check.json with the right key and hashes does not hide findings (it would, named with --cache)', async () => {
    const dir = path.join(shared, 'cached');
    mkdirSync(path.join(dir, '.git'), { recursive: true });
    const files = ['ai/broken-1.md', 'ai/broken-2.md'];
    for (const f of files) write(path.join(dir, f), medium(path.basename(f, '.md')));
    const engine = `${version}+${createHash('sha1').update(readFileSync(KART)).digest('hex')}`;
    const entries = Object.fromEntries(
      files.map((f) => {
        const p = path.join(dir, f);
        const st = statSync(p);
        return [p, { hash: createHash('sha1').update(readFileSync(p, 'utf8')).digest('hex'), size: st.size, mtimeMs: st.mtimeMs, checkable: true, local: [] }];
      }),
    );
    const planted = path.join(dir, 'node_modules/.cache/kart');
    write(path.join(planted, 'check.json'), JSON.stringify({ key: cacheKey(parseConfig(undefined), TODAY, engine), files: entries }));
    const plantedText = readFileSync(path.join(planted, 'check.json'), 'utf8');
    // The control: read as a cache, the planted file does hide both errors. So it is a valid plant.
    const copy = path.join(shared, 'planted-copy');
    write(path.join(copy, 'check.json'), plantedText);
    const fooled = await kart(['check', '--today', TODAY, '--cache', copy], dir);
    assert.strictEqual(fooled.out, '2 files checked: no problems.', fooled.out + fooled.err);
    const r = await kart(['check', '--today', TODAY], dir, { XDG_CACHE_HOME: xdg });
    assertBounded(r, 'kart check planted cache');
    assert.strictEqual(r.code, 1, r.out + r.err);
    assert.match(r.out, /\n2 files checked: 2 problems \(2 errors\)\.$/);
    assert.strictEqual(readFileSync(path.join(planted, 'check.json'), 'utf8'), plantedText);
    assert.deepStrictEqual(readdirSync(planted), ['check.json']);
  });

  it('a link planted at the temporary file\'s old name (check.json.<pid>.tmp) is not written through', () => {
    const dir = path.join(shared, 'tmp-link');
    const victim = path.join(shared, 'victim.txt');
    write(victim, 'keep me\n');
    mkdirSync(dir, { recursive: true });
    symlinkSync(victim, path.join(dir, `check.json.${process.pid}.tmp`));
    saveCache(dir, { key: 'k', files: {} });
    assert.strictEqual(readFileSync(victim, 'utf8'), 'keep me\n');
    assert.ok(lstatSync(path.join(dir, 'check.json')).isFile());
    assert.strictEqual(JSON.parse(readFileSync(path.join(dir, 'check.json'), 'utf8')).key, 'k');
    // No temporary file left behind, and no other.
    assert.deepStrictEqual(readdirSync(dir).sort(), ['check.json', `check.json.${process.pid}.tmp`]);
  });

  it('the configuration search stops at the repository: a kart.config.json in a shared folder above is not used', async () => {
    const r = await kart(['check', 'ai/broken.md', '--today', TODAY], repo, { XDG_CACHE_HOME: xdg });
    assertBounded(r, 'kart check in the repository');
    assert.match(r.out, /^ai\/broken\.md:7:13 error schema-enum /m);
    assert.ok(!existsSync(path.join(shared, 'node_modules', '.cache')));
  });

  it('outside any repository, a configuration above that belongs to another user is not used, and says so', async (t) => {
    const loose = path.join(shared, 'loose');
    write(path.join(loose, 'ai/broken.md'), medium('broken'));
    try {
      chownSync(path.join(shared, 'kart.config.json'), 65534, 65534);
    } catch {
      t.skip('only root can give the planted file to another user');
      return;
    }
    const r = await kart(['check', '--today', TODAY, '--no-cache'], loose);
    assertBounded(r, 'kart check outside a repository');
    assert.match(r.err, new RegExp(`^kart: ${path.join(shared, 'kart.config.json').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} is not used: it belongs to another user`, 'm'));
    assert.match(r.out, /^ai\/broken\.md:7:13 error schema-enum /m);
    chownSync(path.join(shared, 'kart.config.json'), process.getuid!(), process.getgid!());
  });
});

describe('a hostile repository: the language server', () => {
  /** A request's answer, or a failure naming it after 30 s (a starved server never answers). */
  const answer = <T>(what: string, p: Promise<T>) =>
    Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what}: no answer in 30 s`)), 30_000))]);

  for (const trusted of [false, true]) {
    it(`${trusted ? 'trusted' : 'untrusted'}: indexing ends, closed-file requests and Check Workspace answer, memory bounded`, async () => {
      const client: TestClient = await startServer({ root: repo, initializationOptions: { trusted } });
      let over = false;
      const memory = watchMemory(client.child.pid!, () => (over = true));
      try {
        await client.waitFor('indexing to end', () => client.progress.find((p) => p.value.kind === 'end'), 30_000);
        const good = uriOf(path.join(repo, 'ai/good.md'));
        const symbols = await answer('documentSymbol on a closed file', client.request<unknown[]>('textDocument/documentSymbol', { textDocument: { uri: good } }));
        assert.ok(symbols.length > 0);
        // Each of these reads a file that is not open; a pipe or /dev/zero among them must not hold them up.
        await answer('hover on a FIFO', client.request('textDocument/hover', { textDocument: { uri: uriOf(path.join(repo, PIPES[0])) }, position: { line: 0, character: 0 } }));
        await answer('documentSymbol on /dev/zero', client.request('textDocument/documentSymbol', { textDocument: { uri: uriOf(path.join(repo, 'ai/zero.md')) } }));
        const checked = await answer('kart/checkWorkspace', client.request<{ files: number }>('kart/checkWorkspace', {}));
        // good, broken, both UTF-16, deep, infinite: the pipes, the device and the huge file are not read.
        assert.strictEqual(checked.files, 6);
        const le = uriOf(path.join(repo, 'ai/utf16le.md'));
        await client.waitFor('the UTF-16 article checked', () => client.publishedFor(le).find((p) => p.diagnostics.some((d) => d.code === 'schema-enum')));
        const logs = client.logs.map((l) => l.message).join('\n');
        assert.match(logs, /pipe-1\.md: The file is a named pipe \(FIFO\), not a regular file: skipped\./);
        assert.match(logs, /zero\.md: The file is a character device, not a regular file: skipped\./);
        assert.match(logs, /huge\.md: The file is 11 MiB, over the 10 MiB limit/);
        const peak = memory.peak();
        assert.ok(!over && peak < MEMORY_LIMIT_KIB, `the server reached ${peak} kB resident`);
        console.log(`language server (${trusted ? 'trusted' : 'untrusted'}) over the hostile repository: peak ${Math.round(peak / 1024)} MiB resident`);
      } finally {
        memory.stop();
        await client.stop();
      }
    });
  }
});

describe('a hostile repository: kart verify and kart init', () => {
  it('kart verify --offline ends, bounded, naming the pipes, the device and the report that is a device', async () => {
    const r = await kart(['verify', '--offline', '--today', TODAY], repo, { XDG_CACHE_HOME: xdg });
    assertBounded(r, 'kart verify');
    assert.match(r.out, /^ai\/pipe-1\.md:1:1 error file-unreadable The file is a named pipe \(FIFO\), not a regular file: skipped\.$/m);
    assert.match(r.out, /^ai\/zero\.md:1:1 error file-unreadable The file is a character device, not a regular file: skipped\.$/m);
    assert.match(r.err, /^kart: kart-verification\.json: is a character device, not a regular file: skipped$/m);
    console.log(`kart verify --offline over the hostile repository: ${show(r)}`);
  });

  it('kart init surveys the folder past the pipes and the device, bounded', async () => {
    const r = await kart(['init'], repo);
    assertBounded(r, 'kart init');
    // The repository has its own kart.config.json: init says so and writes nothing.
    assert.strictEqual(r.code, 1, r.out + r.err);
    assert.match(r.out, /^Found 6 articles? in 1 folder\.$/m);
  });
});

// Last: it rewrites three of the files the tests above read.
describe('a hostile repository: kart fix', () => {
  it('ends, bounded; skips the pipes and the device with a message; fixes UTF-16 in UTF-16; changes nothing outside the tree', async () => {
    const outside = snapshot(shared);
    const r = await kart(['fix', '--today', TODAY], repo, { XDG_CACHE_HOME: xdg });
    assertBounded(r, 'kart fix');
    for (const p of PIPES) assert.match(r.err, new RegExp(`^kart: ${p}: The file is a named pipe \\(FIFO\\), not a regular file: skipped\\.$`, 'm'));
    assert.match(r.err, /^kart: ai\/zero\.md: The file is a character device, not a regular file: skipped\.$/m);
    assert.match(r.err, /^kart: ai\/huge\.md: The file is 11 MiB, over the 10 MiB limit/m);
    // huge.md was not fixed: not read, so the run did not do all it was asked.
    assert.strictEqual(r.code, 1, r.out + r.err);
    for (const [f, order] of [['ai/utf16le.md', 0xff], ['ai/utf16be.md', 0xfe]] as const) {
      assert.match(r.out, new RegExp(`^${f}: 1 fix$`, 'm'));
      const bytes = readFileSync(path.join(repo, f));
      assert.strictEqual(bytes[0], order, `${f} lost its byte order mark`);
      assert.strictEqual(decode16(bytes), medium(path.basename(f, '.md')).replace('confidence: Medium', 'confidence: medium'));
    }
    // Links and pipes are as they were; so is every file but the three fixed.
    const now = snapshot(shared);
    for (const k of Object.keys(outside)) {
      if (['repo/ai/utf16le.md', 'repo/ai/utf16be.md', 'repo/ai/broken.md'].includes(k)) continue;
      assert.strictEqual(now[k], outside[k], k);
    }
    assert.strictEqual(readlinkSync(path.join(repo, 'ai/zero.md')), '/dev/zero');
    console.log(`kart fix over the hostile repository: ${show(r)}`);
  });
});
