// A knowledge base of any size made from the AnchorFact corpus: copy 0 is the corpus as it is; copy k (k ≥ 1) puts
// every article in the folder `<category>-c<k>`, with its category, its article id and every id of its frontmatter
// lists (facts, sources) suffixed with `-c<k>` wherever they occur in the file (citations included), and its relative
// links into other categories sent to that copy's folders. So no id, fact id or category is shared between copies,
// and the copies link among themselves as the corpus does.
//   node bench/scaleBase.mjs --articles 16270 [--out DIR]   (default: the OS temp folder's kart-bench-base-16270,
//   outside the checkout, whose .gitignore leaves out/ out)
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join, relative } from 'path';
import { fileURLToPath } from 'url';
import { parseDocument } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function listMarkdown(dir) {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.md')) out.push(p);
    }
  };
  walk(dir);
  return out;
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The ids a copy renames in one article: its own and every `id` of its frontmatter lists, read with yaml. */
function idsOf(text) {
  const m = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
  if (!m) return { id: undefined, category: undefined, listIds: [] };
  let data;
  try {
    data = parseDocument(m[1]).toJS();
  } catch {
    return { id: undefined, category: undefined, listIds: [] };
  }
  if (!data || typeof data !== 'object') return { id: undefined, category: undefined, listIds: [] };
  const listIds = [];
  for (const v of Object.values(data)) {
    if (!Array.isArray(v)) continue;
    for (const item of v) if (item && typeof item === 'object' && typeof item.id === 'string' && item.id.length >= 3) listIds.push(item.id);
  }
  return { id: typeof data.id === 'string' ? data.id : undefined, category: typeof data.category === 'string' ? data.category : undefined, listIds };
}

/** Prepares the corpus once: each file's text and the rewrites a copy applies to it. */
export function prepareCorpus(corpus) {
  const files = listMarkdown(corpus).map((p) => ({ rel: relative(corpus, p), text: readFileSync(p, 'utf8') }));
  const categories = [...new Set(files.map((f) => f.rel.split('/')[0]))].filter((c) => files.some((f) => f.rel.startsWith(c + '/')));
  for (const f of files) {
    const { id, category, listIds } = idsOf(f.text);
    const tokens = [...new Set([...(id ? [id] : []), ...listIds])].sort((a, b) => b.length - a.length);
    // An id is replaced as a whole token only: `fact-1` must not rewrite `fact-10`.
    f.idPattern = tokens.length ? new RegExp(`(?<![\\w-])(${tokens.map(escape).join('|')})(?![\\w-])`, 'g') : undefined;
    f.category = category;
  }
  const folderPattern = new RegExp(`(\\]\\((?:\\.\\./)+)(${categories.map(escape).join('|')})/`, 'g');
  return { files, categories, folderPattern };
}

/** The text of a corpus file in copy k. */
export function copyText(prepared, f, k) {
  if (k === 0) return f.text;
  const suffix = `-c${k}`;
  let t = f.idPattern ? f.text.replace(f.idPattern, (s) => s + suffix) : f.text;
  t = t.replace(/^category:[ \t]*(["']?)([^"'\r\n]+)\1[ \t]*$/m, (_s, q, c) => `category: ${q}${c}${suffix}${q}`);
  t = t.replace(prepared.folderPattern, (_s, up, c) => `${up}${c}${suffix}/`);
  return t;
}

/** Writes a base of `articles` files under `out` (emptied first); returns the number written. */
export function writeBase({ corpus = join(root, 'test', 'corpus', 'anchorfact'), articles, out }) {
  const prepared = prepareCorpus(corpus);
  rmSync(out, { recursive: true, force: true });
  let written = 0;
  for (let k = 0; written < articles; k++) {
    for (const f of prepared.files) {
      if (written >= articles) break;
      const [folder, ...rest] = f.rel.split('/');
      const rel = k === 0 ? f.rel : join(`${folder}-c${k}`, ...rest);
      const p = join(out, rel);
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, copyText(prepared, f, k));
      written++;
    }
  }
  return written;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : fallback;
  };
  const articles = Number(arg('--articles', '16270'));
  const out = arg('--out', join(tmpdir(), `kart-bench-base-${articles}`));
  if (!Number.isInteger(articles) || articles < 1) throw new Error('--articles needs a positive whole number');
  const t0 = Date.now();
  const n = writeBase({ ...(arg('--corpus') ? { corpus: arg('--corpus') } : {}), articles, out });
  process.stderr.write(`wrote ${n} articles to ${out} in ${((Date.now() - t0) / 1000).toFixed(1)} s${existsSync(out) ? '' : ' (nothing)'}\n`);
}
