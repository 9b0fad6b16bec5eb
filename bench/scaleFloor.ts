// The parse floor over a base, as a whole process: list the Markdown files, read each, split off the frontmatter and
// give it to yaml's parseDocument (default options). What any tool that reads these files with yaml pays; `kart
// check` is measured against it, side by side, by bench/scale.ts.
//   node out/bench/scaleFloor.js DIR [--threads N]
// With --threads N the same files are parsed by this thread and N − 1 workers, every N-th file each: what two
// threads can gain on this machine for the floor itself, which bounds what kart's two threads can gain.
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { isMainThread, parentPort, Worker, workerData } from 'worker_threads';
import { parseDocument } from 'yaml';
import { splitFrontmatter } from '../server/src/model/frontmatter';

function walk(dir: string, out: string[]): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.name.endsWith('.md')) out.push(p);
  }
  return out;
}

function parseAll(files: string[]): number {
  let docs = 0;
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    const fm = splitFrontmatter(text).frontmatter;
    if (fm) {
      parseDocument(text.slice(fm.content.start, fm.content.end));
      docs++;
    }
  }
  return docs;
}

async function main(): Promise<void> {
  const at = process.argv.indexOf('--threads');
  const threads = at > 0 ? Math.max(1, Number(process.argv[at + 1]) || 1) : 1;
  const files = walk(process.argv[2], []).sort();
  const share = (i: number) => files.filter((_, j) => j % threads === i);
  const workers = Array.from({ length: threads - 1 }, (_, i) =>
    new Promise<number>((resolve, reject) => {
      const w = new Worker(__filename, { workerData: share(i + 1) });
      w.once('message', resolve);
      w.once('error', reject);
    }),
  );
  let docs = parseAll(share(0));
  for (const n of await Promise.all(workers)) docs += n;
  process.stdout.write(`${files.length} files, ${docs} frontmatters parsed${threads > 1 ? ` on ${threads} threads` : ''}\n`);
}

if (isMainThread) void main();
else parentPort!.postMessage(parseAll(workerData as string[]));
