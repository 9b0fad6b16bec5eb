// Counts, independently of the engine (the yaml package, the URL class and plain string work), what the corpus holds
// for the evidence rules: boilerplate disputes, home-page sources, body placeholders, source years, DOIs that vouch
// for another page, sources in both lists, confidence above what the sources carry, AI models.
// test/unit/corpus.test.ts asserts these figures next to the engine's.
//   node scripts/corpus-figures-evidence.mjs [corpus folder] [today YYYY-MM-DD]
import { readFileSync } from 'fs';
import { relative } from 'path';
import { parse } from 'yaml';
import { markdownFiles } from './corpusFiles.mjs';

const root = process.argv[2] ?? 'test/corpus/anchorfact';
const thisYear = Number((process.argv[3] ?? new Date().toISOString()).slice(0, 4));
const files = markdownFiles(root);

// The configuration schema's defaults are data the engine reads too; the formula below is written again here.
const configSchema = JSON.parse(readFileSync(new URL('../schemas/kart-config.schema.json', import.meta.url), 'utf8'));
const conf = Object.fromEntries(Object.entries(configSchema.properties.confidence.properties).map(([k, v]) => [k, v.default]));

const split = (text) => {
  // YAML breaks lines at \n and \r\n only: a lone \r inside a quoted string is a character.
  const lines = text.replace(/^\ufeff/, '').split(/\r?\n/);
  if (lines[0].trim() !== '---') return undefined;
  for (let i = 1; i < lines.length; i++) if (lines[i].trimEnd() === '---') return { fm: lines.slice(1, i).join('\n'), body: lines.slice(i + 1).join('\n').split(/\r?\n|\r/) };
  return undefined;
};
const norm = (u) => String(u).trim().toLowerCase().replace(/^https?:\/\//, '').replace(/^www\./, '').replace(/#.*$/, '').replace(/\/+$/, '');
const doiOf = (d) => String(d).trim().toLowerCase().replace(/^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:)/, '');
const languages = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
const homePage = (u) => {
  try {
    const x = new URL(String(u).trim());
    if (!/^https?:$/.test(x.protocol) || x.search) return false;
    const path = x.pathname.replace(/\/+$/, '');
    if (path === '' || /^\/index\.(?:html?|php)$/i.test(path)) return true;
    // A bare language folder (`/en`, `/pt-br`) is a home page too; ICU knows which two letters name a language.
    const lang = /^\/([a-z]{2})(?:[-_][a-z]{2})?$/i.exec(path);
    return !!lang && languages.of(lang[1].toLowerCase()) !== undefined;
  } catch {
    return false;
  }
};
const maps = (v) => (Array.isArray(v) ? v.filter((x) => x && typeof x === 'object' && !Array.isArray(x)) : []);

const fig = {
  files: files.length,
  // The quality gate's own test for generic dispute text (src/lib/content-hygiene.js), entries and files.
  gateGenericDisputes: 0,
  gateGenericDisputeFiles: 0,
  boilerplateDisputes: 0,
  gateOnlyDisputes: [],
  homepageSources: 0,
  homepageSourcesUnused: 0,
  homepageUnusedFiles: 0,
  filesWithHomepageSource: 0,
  bodyPlaceholders: 0,
  bodyPlaceholderFiles: 0,
  bodyPlaceholderExamples: [],
  sourceYearsFuture: 0,
  sourceYearsAfterCreated: 0,
  doiVouchesForOtherPage: 0,
  inBothLists: 0,
  inBothListsFiles: 0,
  confidence: {},
  factConfidenceAboveTier: 0,
  aiWithoutModels: 0,
  aiModelNames: [],
};
const models = new Set();

const tierOf = (s) => {
  if (s.doi) return 'S';
  let t = String(s.type ?? '').trim().toLowerCase();
  t = conf.aliases[t] ?? t;
  return ['S', 'A', 'B'].find((k) => conf.tiers[k].includes(t)) ?? 'C';
};
const rank = { low: 1, medium: 2, high: 3 };

for (const file of files) {
  const rel = relative(root, file);
  const parts = split(readFileSync(file, 'utf8'));
  if (!parts) continue;
  let d;
  try {
    d = parse(parts.fm);
  } catch {
    continue;
  }
  if (!d || typeof d !== 'object') continue;
  const primary = maps(d.primary_sources);
  const secondary = maps(d.secondary_sources);
  const sources = [...primary, ...secondary];
  const facts = maps(d.atomic_facts);

  // Disputes.
  let gateHit = false;
  for (const x of Array.isArray(d.disputed_statements) ? d.disputed_statements : []) {
    const statement = String((x && typeof x === 'object' ? x.statement : x) ?? '').trim().toLowerCase();
    if (!(x && typeof x === 'object' && x.source_url) && /subject to ongoing scholarly debate|multiple schools of thought|interpretation and significance|no scientific consensus/.test(statement)) {
      fig.gateGenericDisputes++;
      gateHit = true;
      if (statement.startsWith('the interpretation and significance of key findings')) fig.boilerplateDisputes++;
      else fig.gateOnlyDisputes.push(`${rel}: ${statement.slice(0, 80)}`);
    }
  }
  if (gateHit) fig.gateGenericDisputeFiles++;

  // Home pages, and whether a fact rests on them (its source_url, or its source_doi).
  let unusedHere = 0;
  let anyHome = false;
  for (const s of sources) {
    if (!homePage(s.url)) continue;
    anyHome = true;
    fig.homepageSources++;
    const used = facts.some((f) => (f.source_url && norm(f.source_url) === norm(s.url)) || (f.source_doi && s.doi && doiOf(f.source_doi) === doiOf(s.doi)));
    if (!used) unusedHere++;
  }
  fig.homepageSourcesUnused += unusedHere;
  if (unusedHere) fig.homepageUnusedFiles++;
  if (anyHome) fig.filesWithHomepageSource++;

  // Body placeholders, outside fenced code and inline code.
  let inFence = false;
  let here = 0;
  parts.body.forEach((line) => {
    if (/^\s*(```|~~~)/.test(line)) {
      inFence = !inFence;
      return;
    }
    if (inFence) return;
    let rest = line.replace(/`[^`]*`/g, (m) => ' '.repeat(m.length));
    const hits = [];
    rest = rest.replace(/\[[^\[\]]*待(?:后续)?(?:填充|补充|验证)[^\[\]]*\]/g, (m) => {
      hits.push(m);
      return ' '.repeat(m.length);
    });
    for (const m of rest.matchAll(/待后续补充|待补充|待填充|待验证/g)) hits.push(m[0]);
    here += hits.length;
    if (hits.length && fig.bodyPlaceholderExamples.length < 3 && !hits[0].includes('待填充')) fig.bodyPlaceholderExamples.push(`${rel}: ${hits[0]}`);
  });
  fig.bodyPlaceholders += here;
  if (here) fig.bodyPlaceholderFiles++;

  // Source years.
  const created = Number(String(d.created_date ?? '').slice(0, 4));
  const updated = Number(String(d.updated ?? '').slice(0, 4)) || 0;
  for (const s of sources) {
    const y = Number(s.year);
    if (!Number.isInteger(y)) continue;
    if (y > thisYear) fig.sourceYearsFuture++;
    else if (created && y > created && updated < y) fig.sourceYearsAfterCreated++;
  }

  // A fact whose source_doi names a listed source (with a url) while its source_url is a page no source lists.
  for (const f of facts) {
    if (!f.source_doi || !f.source_url || /doi\.org\//i.test(f.source_url)) continue;
    if (sources.some((s) => s.url && norm(s.url) === norm(f.source_url))) continue;
    if (sources.some((s) => s.url && ((s.doi && doiOf(s.doi) === doiOf(f.source_doi)) || doiOf(s.url) === doiOf(f.source_doi)))) fig.doiVouchesForOtherPage++;
  }

  // The same source in both lists: the same url, or the same DOI.
  const both = secondary.filter((s) => primary.some((p) => (p.url && s.url && norm(p.url) === norm(s.url) && String(p.url).split('#')[1] === String(s.url).split('#')[1]) || (p.doi && s.doi && doiOf(p.doi) === doiOf(s.doi)))).length;
  fig.inBothLists += both;
  if (both) fig.inBothListsFiles++;

  // Confidence: the public formula over the primary sources; a fact against the best tier of its sources.
  if (rank[d.confidence]) {
    let level = 'low';
    if (primary.length) {
      const w = conf.weights;
      const best = Math.max(...primary.map((s) => conf.tierScores[tierOf(s)]));
      const count = primary.length >= 3 ? 1 : primary.length === 2 ? 0.8 : 0.5;
      const verifiable = primary.some((s) => s.doi) ? 1 : primary.some((s) => s.url) ? 0.7 : 0.4;
      const years = primary.map((s) => Number(s.year)).filter((y) => Number.isInteger(y) && y !== 0);
      const age = years.length ? thisYear - Math.max(...years) : undefined;
      const fresh = age === undefined ? 0.5 : age <= 1 ? 1 : age <= 3 ? 0.9 : age <= 5 ? 0.7 : age <= 10 ? 0.5 : 0.3;
      const decay = (Array.isArray(d.disputed_statements) && d.disputed_statements.length ? 0.2 : 0) + (Array.isArray(d.known_gaps) && d.known_gaps.length ? 0.1 : 0);
      const score = Math.round((best * w.tier + count * w.count + verifiable * w.verifiable + fresh * w.freshness - decay * w.decay) * 10000) / 10000;
      level = score >= conf.thresholds.high ? 'high' : score >= conf.thresholds.medium ? 'medium' : 'low';
    }
    if (rank[d.confidence] > rank[level]) fig.confidence[`${d.confidence}>${level}`] = (fig.confidence[`${d.confidence}>${level}`] ?? 0) + 1;
  }
  for (const f of facts) {
    if (!rank[f.confidence] || !f.source_url) continue;
    const pointed = sources.filter((s) => (s.url && norm(s.url) === norm(f.source_url)) || (f.source_doi && s.doi && doiOf(s.doi) === doiOf(f.source_doi)));
    if (!pointed.length) continue;
    const tiers = pointed.map((s) => (homePage(s.url) && !s.doi ? 'C' : tierOf(s)));
    const best = tiers.sort((a, b) => conf.tierScores[b] - conf.tierScores[a])[0];
    if (rank[f.confidence] > rank[conf.factMaxLevel[best]]) fig.factConfidenceAboveTier++;
  }

  // AI models.
  const names = (Array.isArray(d.ai_models) ? d.ai_models : d.ai_models ? [d.ai_models] : []).filter((x) => String(x ?? '').trim());
  if ((d.generation_method === 'ai_structured' || d.generation_method === 'ai_assisted') && names.length === 0) fig.aiWithoutModels++;
  for (const n of names) models.add(String(n));
}
fig.aiModelNames = [...models].sort();
process.stdout.write(JSON.stringify(fig, null, 2) + '\n');
