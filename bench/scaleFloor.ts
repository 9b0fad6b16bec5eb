// The parse floor over a base, as a whole process: list the Markdown files, read each, split off the frontmatter and
// give it to yaml's parseDocument (default options). What any tool that reads these files with yaml pays; `kart
// check` is measured against it, side by side, by bench/scale.ts.
//   node out/bench/scaleFloor.js DIR
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
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

const files = walk(process.argv[2], []).sort();
let docs = 0;
for (const f of files) {
  const text = readFileSync(f, 'utf8');
  const fm = splitFrontmatter(text).frontmatter;
  if (fm) {
    parseDocument(text.slice(fm.content.start, fm.content.end));
    docs++;
  }
}
process.stdout.write(`${files.length} files, ${docs} frontmatters parsed\n`);
