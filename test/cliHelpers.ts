// Running `kart` in process (server/src/cli/kart.ts main()) on folders made in the temporary directory.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { after } from 'node:test';
import { tmpdir } from 'os';
import { join } from 'path';
import { main } from '../server/src/cli/kart';
import { validArticle } from './helpers';

const made: string[] = [];
after(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

/** A folder in the temporary directory holding `files` (path → content), removed after the tests. */
export function folder(files: Record<string, string | Buffer>, prefix = 'kart-cli-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

export interface Run {
  code: number;
  out: string;
  err: string;
  /** What was written to stdout as it is (`kart fix --stdin`). */
  raw: string;
}

/** `kart ARGS` in `cwd`, exactly the arguments given; `stdin` is what standard input holds. */
export async function kartRaw(args: string[], cwd: string, o: { stdin?: string; isTTY?: boolean } = {}): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  let raw = '';
  const io = { out: (s: string) => out.push(s), err: (s: string) => err.push(s), write: (s: string) => (raw += s), isTTY: o.isTTY ?? false, readStdin: async () => o.stdin ?? '' };
  const code = await main(args, io, cwd);
  return { code, out: out.join('\n'), err: err.join('\n'), raw };
}

/** `kart ARGS` with a fixed today and no cache, so that runs are repeatable. */
export function kart(args: string[], cwd: string, o: { stdin?: string; isTTY?: boolean } = {}): Promise<Run> {
  return kartRaw([...args, '--today', '2026-06-01', ...(args[0] === 'check' ? ['--no-cache'] : [])], cwd, o);
}

/** One problem of each severity: schema-enum (error), date-order (warning), date-stale (info), ai-model-unknown (made a hint). */
export const fourSeverities = {
  'kart.config.json': JSON.stringify({ rules: { 'ai-model-unknown': 'hint' } }),
  'ai/test-article.md': validArticle().replace('confidence: medium', 'confidence: meduim').replace('claude-opus', 'glorp-9').replace('last_verified: "2026-05-24"', 'last_verified: "2025-01-01"'),
};
