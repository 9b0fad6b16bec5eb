// readTextSync reads a regular file whole in the fewest calls, and a file that stat calls empty (/proc) to its end.
import * as assert from 'assert';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { describe, it } from 'node:test';
import { tmpdir } from 'os';
import { join } from 'path';
import { readTextSync } from '../../server/src/node/safeRead';

describe('readTextSync', () => {
  it('reads regular files whole, at every size around a read chunk', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kart-read-'));
    try {
      for (const size of [0, 1, 4095, 4096, 65535, 65536, 65537, (1 << 20) - 1, 1 << 20, (1 << 20) + 1, 3 * (1 << 20) + 7]) {
        const text = 'ab\ncd\u00e9'.repeat(Math.ceil(size / 7)).slice(0, size);
        const file = join(dir, `f${size}.md`);
        writeFileSync(file, text);
        const r = readTextSync(file);
        assert.ok(r.ok, `${size}: ${!r.ok && r.message}`);
        assert.strictEqual(r.text, text, `${size} characters`);
        assert.ok(r.bytes.equals(readFileSync(file)), `${size}: the bytes as on disk`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads a file that stat says is empty but holds megabytes (/proc/kallsyms) to its end', (t) => {
    const file = '/proc/kallsyms';
    if (!existsSync(file)) return t.skip('no /proc/kallsyms here');
    const expected = readFileSync(file, 'utf8');
    if (expected.length < 100_000) return t.skip('/proc/kallsyms is small here');
    const r = readTextSync(file, { maxBytes: 64 * 1024 * 1024 });
    assert.ok(r.ok);
    assert.strictEqual(r.text.length, expected.length);
  });
});
