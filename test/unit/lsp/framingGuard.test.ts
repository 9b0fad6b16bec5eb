// The guard in front of the server's stdin: good frames pass byte for byte, however the input is cut into chunks;
// a frame with a bad header is dropped up to the next Content-Length header; a body is never read as a header.
import * as assert from 'assert';
import { describe, it } from 'node:test';
import { FramingGuard, MAX_BODY } from '../../../server/src/lsp/framingGuard';

const frame = (body: string, header = `Content-Length: ${Buffer.byteLength(body)}`) => `${header}\r\n\r\n${body}`;
const msg = (id: number | string) => JSON.stringify({ jsonrpc: '2.0', id, method: 'textDocument/hover', params: { note: 'ünïcødé 😀' } });

/** Everything the guard lets through for `input` written in chunks of `size` bytes, and what it logged. */
async function through(input: string | Buffer, size = Infinity): Promise<{ out: string; logs: string[] }> {
  const logs: string[] = [];
  const guard = new FramingGuard((m) => logs.push(m));
  const chunks: Buffer[] = [];
  guard.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise((resolve) => guard.on('end', resolve));
  const bytes = Buffer.isBuffer(input) ? input : Buffer.from(input);
  for (let i = 0; i < bytes.length; i += Math.min(size, bytes.length)) guard.write(bytes.subarray(i, i + Math.min(size, bytes.length)));
  guard.end();
  await ended;
  return { out: Buffer.concat(chunks).toString(), logs };
}

describe('the stdin framing guard', () => {
  it('passes good frames through unchanged, whole or split at every byte (multi-byte characters cut too)', async () => {
    const input = frame(msg(1)) + frame(msg(2), `Content-Type: application/vscode-jsonrpc; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(msg(2))}`) + frame(msg(3));
    for (const size of [Infinity, 1, 2, 3, 7, 16, 33]) {
      const { out, logs } = await through(input, size);
      assert.strictEqual(out, input, `chunks of ${size}`);
      assert.deepStrictEqual(logs, [], `chunks of ${size}`);
    }
  });

  for (const [what, header] of [
    ['a negative Content-Length', 'Content-Length: -5'],
    ['a non-numeric Content-Length', 'Content-Length: abc'],
    ['a fractional Content-Length', 'Content-Length: 1.5'],
    ['an empty Content-Length', 'Content-Length: '],
    ['a header block without Content-Length', 'X-Nonsense: 1'],
    ['two Content-Length fields', 'Content-Length: 3\r\nContent-Length: 4'],
    ['a Content-Length past the limit', `Content-Length: ${MAX_BODY + 1}`],
  ] as const) {
    it(`${what}: that frame is dropped, the next is read, in any chunking`, async () => {
      const bad = frame(msg('lost'), header);
      const input = frame(msg(1)) + bad + frame(msg(2));
      for (const size of [Infinity, 1, 5, 64]) {
        const { out, logs } = await through(input, size);
        assert.strictEqual(out, frame(msg(1)) + frame(msg(2)), `chunks of ${size}`);
        assert.strictEqual(logs.length, 2, `chunks of ${size}: ${JSON.stringify(logs)}`);
        assert.match(logs[0], /not a well-framed LSP message \(.+\) is dropped up to the next Content-Length header/);
        assert.strictEqual(logs[1], `Knowledge Articles server: ${Buffer.byteLength(bad)} bytes dropped; reading on from the well-formed header that follows.`);
      }
    });
  }

  it('a Content-Length too small: the cut body passes (the JSON reader drops it), its rest is dropped, the next frame is read', async () => {
    const body = msg('cut');
    const input = frame(body, 'Content-Length: 10') + frame(msg(2));
    for (const size of [Infinity, 1, 9]) {
      const { out, logs } = await through(input, size);
      assert.strictEqual(out, frame(body.slice(0, 10), 'Content-Length: 10') + frame(msg(2)), `chunks of ${size}`);
      assert.strictEqual(logs[1], `Knowledge Articles server: ${Buffer.byteLength(body) - 10} bytes dropped; reading on from the well-formed header that follows.`);
    }
  });

  it('a body is counted off, never searched: one holding header text passes whole', async () => {
    // Raw CRLFs cannot stand in a JSON string, but a body is bytes: the guard must not look inside it at all.
    const tricky = 'Content-Length: 2\r\n\r\n{}';
    const input = frame(tricky) + frame(msg(1));
    for (const size of [Infinity, 1, 4]) assert.deepStrictEqual(await through(input, size), { out: input, logs: [] });
  });

  it('a bad frame\'s body (its length unknown) is searched for the next header: header text in its JSON strings is not one', async () => {
    const inner = frame(msg('inner'));
    assert.strictEqual((await through(frame(inner, 'Content-Length: nope') + frame(msg(2)))).out, inner + frame(msg(2)), 'a whole frame inside is read');
    const escaped = JSON.stringify({ jsonrpc: '2.0', method: 'x', params: { text: 'Content-Length: 5\r\n\r\nhello' } });
    for (const size of [Infinity, 1, 8]) {
      assert.strictEqual((await through(frame(escaped, 'Content-Length: -1') + frame(msg(2)), size)).out, frame(msg(2)), `chunks of ${size}`);
    }
  });

  it('junk with no header at all is dropped as it comes, keeping only a possible header start; input end logs it', async () => {
    const junk = Buffer.alloc(100_000, 'x');
    const { out, logs } = await through(Buffer.concat([junk, Buffer.from('Content-Le')]), 4096);
    assert.strictEqual(out, '');
    assert.deepStrictEqual(logs.slice(1), ['Knowledge Articles server: 100010 bytes dropped; the input ended.']);
    const recovered = await through(Buffer.concat([junk, Buffer.from(frame(msg(1)))]), 4096);
    assert.strictEqual(recovered.out, frame(msg(1)));
  });

  it('each write returns promptly: the guard never spins on input it cannot use yet', async () => {
    const guard = new FramingGuard(() => undefined);
    const started = Date.now();
    // A header start that never completes, a lone CR, junk that looks like a header prefix: all wait or drop.
    for (const piece of ['Cont', 'ent-Length: 4', '\r', '\n', '\r']) guard.write(piece);
    guard.write('\n{}{}');
    const out: string[] = [];
    guard.on('data', (c: Buffer) => out.push(c.toString()));
    await new Promise((resolve) => setImmediate(resolve));
    assert.strictEqual(out.join(''), 'Content-Length: 4\r\n\r\n{}{}');
    assert.ok(Date.now() - started < 20_000);
  });
});
