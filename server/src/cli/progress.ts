/**
 * A progress line on stderr when stderr is a terminal ("kart check: 1200/5000 files"), rewritten in place with \r
 * at most every 100 ms and wiped when the work is done; nothing at all when stderr is a file or a pipe. A run shorter
 * than the first 100 ms shows none.
 */
import { visible } from './escape';

export interface ProgressLine {
  update: (s: string) => void;
  clear: () => void;
}

export function progressLine(io: { err: (s: string) => void; isTTY: boolean }, o: { now?: () => number; columns?: number } = {}): ProgressLine {
  if (!io.isTTY) return { update: () => undefined, clear: () => undefined };
  const now = o.now ?? Date.now;
  let last = now();
  let shown = false;
  const width = Math.max(40, (o.columns ?? process.stderr.columns ?? 80) - 1);
  return {
    update(s) {
      const t = now();
      if (t - last < 100) return;
      last = t;
      shown = true;
      s = visible(s);
      io.err(`\r${s.length > width ? s.slice(0, width - 1) + '…' : s.padEnd(width)}`);
    },
    clear() {
      if (shown) io.err(`\r${' '.repeat(width)}\r`);
      shown = false;
    },
  };
}
