import { promises as fs } from 'fs';
import * as path from 'path';
import { CONFIG_FILE, DEFAULT_CONFIG } from '../config';
import { parseArticle } from '../model/article';
import { SOURCE_MAPPED_FACTS } from '../model/body';
import { articleIdStyle, factIdStyle, FACT_ID_STYLE_LABELS, FACT_ID_STYLE_PATTERNS, type FactIdStyle } from '../model/idStyles';
import { toUri } from '../node/fsWorkspace';
import { allRules } from '../rules';
import { listMarkdown } from './files';
import { writeNewFile } from '../node/safeWrite';
import { readText } from '../node/safeRead';

export interface FolderSurvey {
  articles: number;
  /** Folders (relative, `/`-separated; '' for the root) holding articles, with their counts. */
  folders: Map<string, number>;
  articleIdStyles: Map<string, number>;
  factIdStyles: Map<FactIdStyle, number>;
  /** Articles whose body has a `## Source-Mapped Facts` section. */
  withSourceMappedFacts: number;
}

export async function surveyFolder(root: string): Promise<FolderSurvey> {
  const { files } = await listMarkdown([root], { cwd: root });
  const survey: FolderSurvey = { articles: 0, folders: new Map(), articleIdStyles: new Map(), factIdStyles: new Map(), withSourceMappedFacts: 0 };
  const inc = <K>(m: Map<K, number>, k: K) => m.set(k, (m.get(k) ?? 0) + 1);
  for (const file of files) {
    // A FIFO or a link to /dev/zero among the files: passed over, never waited on.
    const r = await readText(file);
    if (!r.ok) continue;
    const article = parseArticle(toUri(file), r.text);
    if (!article.isArticle) continue;
    survey.articles++;
    inc(survey.folders, path.relative(root, path.dirname(file)).split(path.sep).join('/'));
    const id = article.data?.id;
    if (typeof id === 'string') inc(survey.articleIdStyles, articleIdStyle(id, article.uri));
    const category = typeof article.data?.category === 'string' ? article.data.category : undefined;
    for (const f of article.facts) if (f.id) inc(survey.factIdStyles, factIdStyle(f.id, category));
    if (article.body.headings.some((h) => h.level === 2 && h.text === SOURCE_MAPPED_FACTS)) survey.withSourceMappedFacts++;
  }
  return survey;
}

/** Include globs covering the folders that hold articles: their common top-level folders. */
function includeGlobs(folders: Map<string, number>): string[] {
  const tops = new Set<string>();
  for (const f of folders.keys()) tops.add(f === '' ? '' : f.split('/')[0]);
  if (tops.has('') || tops.size === 0) return DEFAULT_CONFIG.include;
  return [...tops].sort().map((t) => `${t}/**/*.md`);
}

function dominant<K>(m: Map<K, number>): { key: K; share: number } | undefined {
  let total = 0;
  let best: K | undefined;
  for (const [k, n] of m) {
    total += n;
    if (best === undefined || n > m.get(best)!) best = k;
  }
  return best === undefined ? undefined : { key: best, share: m.get(best)! / total };
}

/** The configuration `kart init` writes: every default spelled out, adjusted to what the folder holds. */
export function configFor(survey: FolderSurvey): Record<string, unknown> {
  const style = dominant(survey.factIdStyles);
  const requiredSections = [...DEFAULT_CONFIG.requiredSections];
  if (survey.articles > 0 && survey.withSourceMappedFacts / survey.articles >= 0.9) requiredSections.push(SOURCE_MAPPED_FACTS);
  const config: Record<string, unknown> = {
    include: includeGlobs(survey.folders),
    exclude: DEFAULT_CONFIG.exclude,
    staleAfterDays: DEFAULT_CONFIG.staleAfterDays,
    requiredSections,
    sectionOrder: DEFAULT_CONFIG.sectionOrder,
  };
  if (style && style.key !== 'other' && style.share >= 0.9) config.factIdPattern = FACT_ID_STYLE_PATTERNS[style.key];
  config.rules = Object.fromEntries(allRules.map((r) => [r.id, r.severity]));
  return config;
}

const pct = (n: number, total: number) => (total ? `${Math.round((100 * n) / total)}%` : '0%');

export function describeSurvey(survey: FolderSurvey, config: Record<string, unknown>): string[] {
  const lines = [`Found ${survey.articles} article${survey.articles === 1 ? '' : 's'} in ${survey.folders.size} folder${survey.folders.size === 1 ? '' : 's'}.`];
  if (survey.articles === 0) return [...lines, 'No articles yet: the defaults are written.'];
  const ids = [...survey.articleIdStyles].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`);
  lines.push(`Article ids: ${ids.join(', ')}.`);
  const totalFacts = [...survey.factIdStyles.values()].reduce((a, b) => a + b, 0);
  const facts = [...survey.factIdStyles].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${FACT_ID_STYLE_LABELS[k]} ${pct(n, totalFacts)}`);
  lines.push(`Fact ids: ${facts.join(', ') || 'none'}${config.factIdPattern ? ` → factIdPattern ${config.factIdPattern}` : ' → no single style, factIdPattern left unset (fact-id-style still keeps each article to one style)'}.`);
  lines.push(`Source-Mapped Facts sections: ${survey.withSourceMappedFacts} of ${survey.articles} bodies${(config.requiredSections as string[]).includes(SOURCE_MAPPED_FACTS) ? ' → required' : ''}.`);
  lines.push(`include: ${(config.include as string[]).join(', ')}`);
  return lines;
}

export async function init(root: string, force: boolean): Promise<{ file: string; written: boolean; lines: string[] }> {
  const file = path.join(root, CONFIG_FILE);
  const survey = await surveyFolder(root);
  const config = configFor(survey);
  const lines = describeSurvey(survey, config);
  try {
    // --force replaces the file, never what a committed link of that name points to (RefusedWrite).
    if (force) await writeNewFile(file, JSON.stringify(config, null, 2) + '\n', root);
    else await fs.writeFile(file, JSON.stringify(config, null, 2) + '\n', { flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return { file, written: false, lines };
    throw e;
  }
  return { file, written: true, lines };
}
