// --jobs N: the main thread and N-1 worker threads share the files the cache does not know; the results are those of one thread.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { describe, it } from 'node:test';
import { join } from 'path';
import { FILES_PER_WORKER, workerCount } from '../../server/src/cli/checkWorkers';

const repo = join(__dirname, '../../..');

describe('kart check --jobs', () => {
  it('uses up to N threads (N-1 workers beside the main thread), each with at least FILES_PER_WORKER files; no worker for one thread\'s worth or --jobs 1', () => {
    assert.strictEqual(FILES_PER_WORKER, 50);
    assert.strictEqual(workerCount(1, 5000), 0);
    assert.strictEqual(workerCount(2, 1627), 1);
    assert.strictEqual(workerCount(4, 1627), 3);
    assert.strictEqual(workerCount(8, 150), 2);
    assert.strictEqual(workerCount(4, 99), 0);
    assert.strictEqual(workerCount(4, 100), 1);
  });

  it('on the vendored corpus, --jobs 2 starts 1 worker thread beside the main thread and reports exactly what --jobs 1 reports', () => {
    const corpus = join(repo, 'test/corpus/anchorfact');
    const run = (jobs: string) =>
      spawnSync(process.execPath, [join(repo, 'bin/kart.js'), 'check', corpus, '--no-cache', '--format', 'json', '--jobs', jobs, '--today', '2026-06-01'], {
        cwd: repo,
        encoding: 'utf8',
        maxBuffer: 256 * 1024 * 1024,
        env: { ...process.env, KART_DEBUG_WORKERS: '1' },
      });
    const one = run('1');
    const two = run('2');
    assert.strictEqual(one.status, 1, one.stderr);
    assert.strictEqual(two.status, 1, two.stderr);
    assert.match(one.stderr, /^kart: 0 worker threads$/m);
    assert.match(two.stderr, /^kart: 1 worker thread$/m);
    const a = JSON.parse(one.stdout);
    const b = JSON.parse(two.stdout);
    assert.ok(a.problems.length > 1000, 'the corpus has problems to compare');
    assert.deepStrictEqual(b, a);
  });
});
