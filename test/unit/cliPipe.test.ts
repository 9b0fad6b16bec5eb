import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { describe, it } from 'node:test';
import { join } from 'path';

const repo = join(__dirname, '../../..');

describe('kart check into a pipe closed early', () => {
  it('stops quietly with its exit code when the reader stops reading (`kart check | head -1`)', () => {
    const corpus = join(repo, 'test/corpus/anchorfact');
    const r = spawnSync('bash', ['-c', `node bin/kart.js check ${JSON.stringify(corpus)} | head -1; exit "\${PIPESTATUS[0]}"`], { cwd: repo, encoding: 'utf8' });
    assert.strictEqual(r.stdout.split('\n').filter(Boolean).length, 1);
    assert.doesNotMatch(r.stderr, /EPIPE|Error/);
    assert.strictEqual(r.status, 1, 'the corpus has error-level problems: exit 1, not a crash');
  });
});
