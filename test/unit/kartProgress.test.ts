// "On a terminal it shows progress": a line on stderr rewritten with \r, only when stderr is a terminal.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { describe, it } from 'node:test';
import { join } from 'path';
import { progressLine } from '../../server/src/cli/progress';
import { folder } from '../cliHelpers';
import { validArticle } from '../helpers';

const repo = join(__dirname, '../../..');

describe('progress on a terminal', () => {
  it('rewrites one line with \\r at most every 100 ms, padded to the width, and wipes it at the end', () => {
    const err: string[] = [];
    let t = 1000;
    const p = progressLine({ err: (s) => err.push(s), isTTY: true }, { now: () => t, columns: 41 });
    p.update('kart check: 1/5000 files');
    t += 150;
    p.update('kart check: 1200/5000 files');
    t += 50;
    p.update('kart check: 1300/5000 files');
    p.clear();
    assert.deepStrictEqual(err, ['\r' + 'kart check: 1200/5000 files'.padEnd(40), '\r' + ' '.repeat(40) + '\r']);
  });

  it('prints nothing when stderr is not a terminal', () => {
    const err: string[] = [];
    let t = 0;
    const p = progressLine({ err: (s) => err.push(s), isTTY: false }, { now: () => (t += 1000) });
    p.update('kart check: 1/2 files');
    p.clear();
    assert.deepStrictEqual(err, []);
  });

  const script = spawnSync('script', ['--version'], { encoding: 'utf8' });
  it('kart check under a pseudo-terminal (util-linux script) shows "kart check: n/N files" lines; through a pipe none', { skip: script.status !== 0 && 'no script(1) here' }, () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 400; i++) files[`ai/a${i}.md`] = validArticle().replace('id: test-article', `id: a${i}`);
    const dir = folder(files);
    const cmd = `${JSON.stringify(process.execPath)} ${JSON.stringify(join(repo, 'bin/kart.js'))} check --no-cache --jobs 1 --today 2026-06-01`;
    const tty = spawnSync('script', ['-qec', cmd, '/dev/null'], { cwd: dir, encoding: 'utf8' });
    assert.strictEqual(tty.status, 0, tty.stdout);
    assert.match(tty.stdout, /\rkart check: \d+\/400 files/);
    assert.match(tty.stdout, /400 files checked: no problems\./);
    const piped = spawnSync(process.execPath, [join(repo, 'bin/kart.js'), 'check', '--no-cache', '--jobs', '1', '--today', '2026-06-01'], { cwd: dir, encoding: 'utf8' });
    assert.strictEqual(piped.stderr, '');
  });
});
