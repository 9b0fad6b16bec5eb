// The corpus's Markdown files for the scripts that count what it holds without the engine (corpus-figures*.mjs).
import { readdirSync, statSync } from 'fs';
import { join } from 'path';

/** Every .md file under `root`, sorted. */
export function markdownFiles(root) {
  const files = [];
  const walk = (d) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (n.endsWith('.md')) files.push(p);
    }
  };
  walk(root);
  return files.sort();
}
