// Counts what the corpus holds, independently of the engine (only the yaml package and plain string work), so that
// test/unit/corpus.test.ts can assert figures that were not produced by the code under test.
//   node scripts/corpus-figures.mjs [corpus folder]
import { readFileSync, existsSync } from 'fs';
import { join, dirname, relative, resolve, posix } from 'path';
import { parse } from 'yaml';
import { markdownFiles } from './corpusFiles.mjs';

const root = resolve(process.argv[2] ?? 'test/corpus/anchorfact');
const files = markdownFiles(root);

const split = (text) => {
  const t = text.replace(/^\ufeff/, '').replace(/\r\n/g, '\n');
  const lines = t.split('\n');
  if (lines[0].trim() !== '---') return { fm: undefined, body: t };
  for (let i = 1; i < lines.length; i++) {
    const l = lines[i].trimEnd();
    if (l === '---' || l === '...') return { fm: lines.slice(1, i).join('\n'), body: lines.slice(i + 1).join('\n') };
  }
  return { fm: lines.slice(1).join('\n'), body: '' };
};

// Body text outside fenced code blocks.
const prose = (body) => {
  let inFence = false;
  return body
    .split('\n')
    .filter((l) => {
      if (/^\s*(```|~~~)/.test(l)) {
        inFence = !inFence;
        return false;
      }
      return !inFence;
    })
    .join('\n');
};
const withoutInlineCode = (s) => s.replace(/`[^`\n]*`/g, '');

const fig = {
  files: files.length,
  parsed: 0,
  articleIdsShared: 0,
  filesWithSharedId: 0,
  articlesWithDuplicateFactId: 0,
  articlesWithUndefinedLink: 0,
  undefinedLinks: 0,
  emptyTargetLinks: 0,
  humanOnlyWithAiModels: 0,
  humanOnlyWithAiModelsKey: 0,
  categoryNotFolder: 0,
  missingRequiredSection: 0,
  missingRequiredSections: 0,
  mappedBullets: 0,
  mappedBulletsExact: 0,
  // Not exact, but the same words once Markdown marks (`code`, *emphasis*) are taken out.
  mappedBulletsMarkdownOnly: 0,
  articleLinks: { site: 0, file: 0, neither: 0 },
  filesWithBrokenArticleLink: 0,
  factIdMaxArticles: ['', 0],
  factIdsInSeveralArticles: 0,
  mojibakeFiles: 0,
  bodyFrontmatterKeyFiles: 0,
};
// Every key the corpus' own frontmatters use, at the top level and in facts and sources.
const knownKeys = new Set();
const ids = new Map();
const bodies = [];
const factArticles = new Map();
const norm = (s) => String(s).split(/\s+/).filter(Boolean).join(' ');
const urlKey = (u) => {
  let s = String(u ?? '').trim().split('#')[0];
  const m = /^(?:https?:)?\/\/([^/?]*)(.*)$/i.exec(s);
  if (!m) return s.replace(/\/+$/, '');
  return m[1].toLowerCase().replace(/^www\./, '') + m[2].replace(/\/+$/, '');
};

for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const { fm, body } = split(text);
  let data;
  try {
    data = parse(fm ?? '');
  } catch {
    data = undefined;
  }
  if (!data || typeof data !== 'object') continue;
  fig.parsed++;
  for (const k of Object.keys(data)) knownKeys.add(k);
  for (const list of ['atomic_facts', 'primary_sources', 'secondary_sources']) {
    if (Array.isArray(data[list])) for (const x of data[list]) if (x && typeof x === 'object') for (const k of Object.keys(x)) knownKeys.add(k);
  }
  if (data.id) (ids.get(String(data.id)) ?? ids.set(String(data.id), []).get(String(data.id))).push(file);
  const facts = Array.isArray(data.atomic_facts) ? data.atomic_facts.filter((f) => f && typeof f === 'object') : [];
  const fids = facts.map((f) => f.id).filter((x) => x !== undefined && x !== null).map(String);
  if (new Set(fids).size !== fids.length) fig.articlesWithDuplicateFactId++;
  for (const id of new Set(fids)) factArticles.set(id, (factArticles.get(id) ?? 0) + 1);
  if (data.generation_method === 'human_only' && 'ai_models' in data) {
    fig.humanOnlyWithAiModelsKey++;
    if (Array.isArray(data.ai_models) ? data.ai_models.length > 0 : data.ai_models) fig.humanOnlyWithAiModels++;
  }
  const folder = relative(root, dirname(file)).split(/[\\/]/).pop();
  if (data.category !== folder) fig.categoryNotFolder++;
  const p = prose(body);
  // The usual marks of UTF-8 read as Windows-1252: Ã or Â before a continuation character, â€ (a quote or dash), and U+FFFD.
  if (/[ÂÃ][\u0080-\u00bf]|â€|\ufffd/.test(fm + p)) fig.mojibakeFiles++;
  const h2 = [...p.matchAll(/^##[ \t]+(.+?)[ \t#]*$/gm)].map((m) => m[1].trim());
  // Evidence Notes and Core Claims stand for Core Explanation (the default sectionEquivalents).
  const core = ['Core Explanation', 'Evidence Notes', 'Core Claims'].some((n) => h2.includes(n));
  if (!h2.includes('TL;DR') || !core) fig.missingRequiredSection++;
  fig.missingRequiredSections += Number(!h2.includes('TL;DR')) + Number(!core);
  // Source-Mapped Facts bullets.
  const smf = /^## Source-Mapped Facts[ \t]*$/m.exec(p);
  if (smf) {
    const rest = p.slice(smf.index + smf[0].length);
    const next = /^#{1,2} /m.exec(rest);
    const section = next ? rest.slice(0, next.index) : rest;
    for (const m of section.matchAll(/^[-*] (.*)$/gm)) {
      fig.mappedBullets++;
      const lm = /^(.*?)\s*\(\[[^\]]*\]\(([^)]*)\)\)\s*$/.exec(m[1]);
      const statement = norm(lm ? lm[1] : m[1]);
      const url = lm ? lm[2] : undefined;
      if (facts.some((f) => f.statement !== undefined && norm(f.statement) === statement && urlKey(f.source_url) === urlKey(url))) fig.mappedBulletsExact++;
      else if (facts.some((f) => f.statement !== undefined && norm(String(f.statement).replace(/[`*_]/g, '')) === norm(statement.replace(/[`*_]/g, '')))) fig.mappedBulletsMarkdownOnly++;
    }
  }
  bodies.push([file, p]);
  let undef = 0;
  let broken = 0;
  for (const m of withoutInlineCode(p).matchAll(/(!?)\[([^\]\n]*)\]\(([^)\s]*)\)/g)) {
    const target = m[3];
    if (m[1]) continue;
    if (target === 'undefined') undef++;
    if (target === '' || target === 'undefined' || target === 'null' || target === '#') fig.emptyTargetLinks++;
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#') || target.startsWith('/') || target === '' || target === 'undefined' || target === 'null') continue;
    const clean = decodeURIComponent(target.split('#')[0].split('?')[0]);
    const ext = posix.extname(clean.replace(/\/$/, ''));
    if (ext && ext !== '.md') continue;
    const candidates = (base) => {
      const r = resolve(base, clean);
      return clean.endsWith('.md') ? [r] : [r + '.md', join(r, 'index.md')];
    };
    const ok = (base) => candidates(base).some((c) => c.startsWith(root + '/') && existsSync(c));
    if (ok(file.replace(/\.md$/, ''))) fig.articleLinks.site++;
    else if (ok(dirname(file))) fig.articleLinks.file++;
    else {
      fig.articleLinks.neither++;
      if (process.env.SHOW) console.error(relative(root, file), target);
      broken++;
    }
  }
  if (undef) fig.articlesWithUndefinedLink++;
  fig.undefinedLinks += undef;
  if (broken) fig.filesWithBrokenArticleLink++;
}
for (const [file, p] of bodies) {
  const lines = p.split('\n').filter((l) => {
    const m = /^\s*(?:- )?([a-z_]+):(?:\s|$)/.exec(l);
    return m && knownKeys.has(m[1]);
  });
  if (lines.length) {
    fig.bodyFrontmatterKeyFiles++;
    if (process.env.SHOW) console.error(relative(root, file), lines);
  }
}
for (const [, fs] of ids) {
  if (fs.length > 1) {
    fig.articleIdsShared++;
    fig.filesWithSharedId += fs.length;
  }
}
for (const [id, n] of factArticles) {
  if (n > 1) fig.factIdsInSeveralArticles++;
  if (n > fig.factIdMaxArticles[1]) fig.factIdMaxArticles = [id, n];
}
console.log(JSON.stringify(fig, null, 2));
