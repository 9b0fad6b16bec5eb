/**
 * A guard in front of the server's stdin. vscode-jsonrpc trusts each frame's `Content-Length`: a negative or
 * non-numeric one, or a header block without one, leaves its reader out of step with the stream for good, and the
 * server alive but deaf until stdin closes. The guard passes well-framed messages through byte for byte and drops
 * whatever is not one, reading on from the next `Content-Length:` header; each drop is logged.
 *
 * A frame whose length is too small passes (nothing in the framing shows it): its cut body fails to parse in
 * vscode-jsonrpc, which drops it, and the rest of that body, arriving where a header should be, is dropped here.
 * Once a header is accepted, its body is counted off, never searched: a body is never read as a header.
 */
import { Transform, type TransformCallback } from 'stream';

/** The LSP base protocol's header fields (a frame with any other is not one a client sends). */
const FIELDS = ['content-length', 'content-type'];
/** A header block longer than this is not one. */
const MAX_HEADER = 1024;
/** A body longer than this is refused (a length this large is a corrupted number, not a message). */
export const MAX_BODY = 512 * 1024 * 1024;
const CRLF2 = Buffer.from('\r\n\r\n');
/** Where a resync may start: the first bytes of a header field, lower-cased. */
const STARTS = FIELDS.map((f) => `${f}:`);

/** A refused header says where the search for the next one starts: past a whole header block, or at its second byte. */
type Verdict = { ok: true; length: number; end: number } | { ok: false; reason: string; resumeAt: number } | { ok: 'more' };

/** Whether `line` is, or could still grow into, a valid header field line. */
function lineOk(line: string, complete: boolean): string | undefined {
  const colon = line.indexOf(':');
  const name = (colon < 0 ? line : line.slice(0, colon)).toLowerCase();
  if (colon < 0) return complete || !FIELDS.some((f) => f.startsWith(name)) ? `a header line without a known field: ${JSON.stringify(line.slice(0, 60))}` : undefined;
  if (!FIELDS.includes(name)) return `an unknown header field ${JSON.stringify(name.slice(0, 60))}`;
  const value = line.slice(colon + 1);
  if (name === 'content-length' && !/^[ \t]*\d*[ \t]*$/.test(value)) return `Content-Length ${JSON.stringify(value.trim().slice(0, 40))} is not a number of bytes`;
  if (!/^[\x20-\x7e\t]*$/.test(value)) return `a header value with control characters`;
  return undefined;
}

/** Reads the header block at the start of `buf` (latin1: one character per byte). */
function readHeader(buf: Buffer): Verdict {
  const endAt = buf.indexOf(CRLF2);
  const block = buf.toString('latin1', 0, endAt < 0 ? Math.min(buf.length, MAX_HEADER + 4) : endAt);
  const lines = block.split('\r\n');
  // A block of `field: value` lines that starts as a header is one header, wrong as a whole: another Content-Length
  // inside it starts no frame. Anything else (the rest of a body cut short, say) may have a header glued on after it.
  const oneHeader = STARTS.some((f) => block.toLowerCase().startsWith(f)) && lines.every((l) => /^[A-Za-z0-9-]+:[^:]*$/.test(l));
  const resumeAt = endAt >= 0 && oneHeader ? endAt + CRLF2.length : 1;
  for (let i = 0; i < lines.length; i++) {
    const complete = endAt >= 0 || i < lines.length - 1;
    // A line still coming may end in the `\r` of its line break.
    const problem = lineOk(complete ? lines[i] : lines[i].replace(/\r$/, ''), complete);
    if (problem) return { ok: false, reason: problem, resumeAt };
  }
  if (endAt < 0) return buf.length > MAX_HEADER ? { ok: false, reason: `a header block longer than ${MAX_HEADER} bytes`, resumeAt } : { ok: 'more' };
  const lengths = lines.filter((l) => l.toLowerCase().startsWith('content-length:'));
  if (lengths.length !== 1) return { ok: false, reason: lengths.length ? 'two Content-Length fields' : 'a header block without Content-Length', resumeAt };
  const digits = lengths[0].slice('content-length:'.length).trim();
  if (digits === '') return { ok: false, reason: 'an empty Content-Length', resumeAt };
  const length = Number(digits);
  if (length > MAX_BODY) return { ok: false, reason: `Content-Length ${digits} is past the ${MAX_BODY}-byte limit`, resumeAt };
  return { ok: true, length, end: endAt + CRLF2.length };
}

/** The first place from `from` on where a header field begins (case-insensitive), or -1. */
function nextHeaderStart(buf: Buffer, from: number): number {
  const text = buf.toString('latin1', from).toLowerCase();
  let best = -1;
  for (const start of STARTS) {
    const at = text.indexOf(start);
    if (at >= 0 && (best < 0 || at < best)) best = at;
  }
  return best < 0 ? -1 : from + best;
}

export class FramingGuard extends Transform {
  private pending: Buffer = Buffer.alloc(0);
  /** Body bytes of the accepted frame still to pass through. */
  private bodyLeft = 0;
  /** Bytes dropped since the last good frame. */
  private dropped = 0;

  constructor(private readonly log: (message: string) => void) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    this.drain();
    done();
  }

  override _flush(done: TransformCallback): void {
    if (this.pending.length && this.bodyLeft === 0) this.discard(this.pending.length, 'an incomplete header at the end of the input');
    this.reportDiscarded('the input ended');
    done();
  }

  /** Each turn passes body bytes, accepts a header, or drops at least one byte; otherwise it waits for more input. */
  private drain(): void {
    while (this.pending.length) {
      if (this.bodyLeft > 0) {
        const n = Math.min(this.bodyLeft, this.pending.length);
        this.push(this.pending.subarray(0, n));
        this.pending = this.pending.subarray(n);
        this.bodyLeft -= n;
        continue;
      }
      const header = readHeader(this.pending);
      if (header.ok === 'more') return;
      if (header.ok === true) {
        this.reportDiscarded('reading on from the well-formed header that follows');
        this.push(this.pending.subarray(0, header.end));
        this.pending = this.pending.subarray(header.end);
        this.bodyLeft = header.length;
        continue;
      }
      const next = nextHeaderStart(this.pending, header.resumeAt);
      if (next > 0) {
        this.discard(next, header.reason);
        continue;
      }
      // No header start in sight: keep only a tail that could be the beginning of one cut by the chunk boundary.
      const tail = Math.max(...STARTS.map((s) => s.length)) - 1;
      this.discard(Math.max(header.resumeAt, this.pending.length - tail), header.reason);
      return;
    }
  }

  private discard(n: number, reason: string): void {
    if (this.dropped === 0) this.log(`Knowledge Articles server: input that is not a well-framed LSP message (${reason}) is dropped up to the next Content-Length header.`);
    this.dropped += n;
    this.pending = this.pending.subarray(n);
  }

  private reportDiscarded(how: string): void {
    if (this.dropped === 0) return;
    this.log(`Knowledge Articles server: ${this.dropped} bytes dropped; ${how}.`);
    this.dropped = 0;
  }
}

/** The stream the connection reads: `input` (stdin) through a guard that logs to `log` (stderr). */
export function guardedInput(input: NodeJS.ReadableStream, log: (message: string) => void): FramingGuard {
  const guard = new FramingGuard(log);
  // A broken stdin ends the input as its end does: the connection then exits.
  input.on('error', () => guard.end());
  input.pipe(guard);
  return guard;
}
