import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { closest } from '../core/text';
import type { Fix, TextEdit } from '../core/types';
import { nodeAtPath, type Article, type Fact, type Source } from '../model/article';
import { placeholderValue } from '../model/placeholders';
import { factSourceLinks, itemAnchor, sourceLabel } from './factSources';
import { doiKey, sameUrl } from '../model/urls';
import { replaceFix } from './fixes';
import type { Rule } from './rule';
import { columnOf, inSameQuotes, trimmedRange, yamlScalar } from './yamlValues';

/** A plausible source type for an address; the author reviews it, since the fix is not applied unasked. */
export function guessSourceType(url: string): string {
  const host = (/^\s*https?:\/\/([^/?#]+)/i.exec(url)?.[1] ?? '').toLowerCase();
  if (/(^|\.)(arxiv\.org|doi\.org|dl\.acm\.org|ieeexplore\.ieee\.org|link\.springer\.com|nature\.com|sciencedirect\.com|pubmed\.ncbi\.nlm\.nih\.gov|openreview\.net|aclanthology\.org)$/.test(host)) return 'academic_paper';
  if (/(^|\.)(github\.com|gitlab\.com)$/.test(host)) return 'repository';
  if (/(^|\.)wikipedia\.org$/.test(host)) return 'encyclopedia';
  if (/(^|\.)(rfc-editor\.org|datatracker\.ietf\.org)$/.test(host)) return 'rfc';
  return 'documentation';
}

/** Adds `- title/type/url` as the last entry of secondary_sources, creating the list if needed. */
export function addSecondarySourceEdit(article: Article, fact: Fact, url: string): TextEdit | undefined {
  const eol = article.eol;
  const title = fact.sourceTitle?.trim() ? yamlScalar(fact.sourceTitle.trim()) : placeholderValue(article, 'title', '');
  const lines = (dash: string, keys: string) => [`${dash}- title: ${title}`, `${keys}type: ${guessSourceType(url)}`, `${keys}url: ${yamlScalar(url.trim())}`];
  const field = article.fields.get('secondary_sources');
  const { node } = nodeAtPath(article, ['secondary_sources']);
  if (field && isSeq(node) && !node.flow && node.items.length > 0) {
    const first = node.items[0] as Node;
    const dash = ' '.repeat(columnOf(article, node.range![0] + article.yamlOffset));
    const keyCol = isMap(first) && first.range ? columnOf(article, first.range[0] + article.yamlOffset) : dash.length + 2;
    const end = trimmedRange(article, field.valueRange!).end;
    const at = article.lines.lineEnd(article.lines.lineAt(end));
    return { range: { start: at, end: at }, newText: eol + lines(dash, ' '.repeat(keyCol)).join(eol) };
  }
  // Indent the new list like primary_sources, else by two spaces.
  const primary = nodeAtPath(article, ['primary_sources']).node;
  const dashCol = isSeq(primary) && !primary.flow && primary.range ? columnOf(article, primary.range[0] + article.yamlOffset) : 2;
  const block = lines(' '.repeat(dashCol), ' '.repeat(dashCol + 2)).join(eol);
  if (field) {
    // `secondary_sources:` with nothing, `[]` or `~`: write the list in place of the value.
    const empty = !node || (isSeq(node) && node.items.length === 0) || (isScalar(node) && node.value === null);
    if (!empty) return undefined;
    const colon = article.text.indexOf(':', field.keyRange.end);
    if (colon < 0) return undefined;
    const end = field.valueRange ? trimmedRange(article, field.valueRange).end : colon + 1;
    if (article.text.slice(colon + 1, end).includes('#')) return undefined;
    return { range: { start: colon + 1, end }, newText: eol + block };
  }
  const close = article.frontmatter?.close;
  if (!close || !isMap(article.yaml?.contents)) return undefined;
  return { range: { start: close.start, end: close.start }, newText: `secondary_sources:${eol}${block}${eol}` };
}

/**
 * The source a fact reaches only through its source_doi while its source_url is a page no source lists: the DOI
 * vouches for a page that is not the one linked. Undefined when a doi.org link names the DOI, or the source has no url.
 */
function doiOnlyMatch(fact: Fact, pointed: readonly Source[]): Source | undefined {
  if (!fact.sourceDoi?.trim() || !fact.sourceUrl?.trim() || /^\s*https?:\/\/(?:dx\.)?doi\.org\//i.test(fact.sourceUrl)) return undefined;
  if (pointed.some((s) => sameUrl(s.url, fact.sourceUrl))) return undefined;
  const doi = doiKey(fact.sourceDoi);
  return pointed.find((s) => s.url?.trim() && ((s.doi?.trim() && doiKey(s.doi) === doi) || doiKey(s.url) === doi));
}

export const factSourceUnlisted: Rule = {
  id: 'fact-source-unlisted',
  category: 'facts',
  severity: 'warning',
  description: "A fact's source_url is in neither primary_sources nor secondary_sources, also when its source_doi names a listed source (the DOI then vouches for another page).",
  docs: {
    bad: 'atomic_facts:\n  - id: f1\n    source_title: Scaling Instruction-Finetuned Language Models\n    source_url: https://arxiv.org/abs/2210.11416\nprimary_sources:\n  - title: Finetuned Language Models Are Zero-Shot Learners\n    url: https://arxiv.org/abs/2109.01652',
    good: 'atomic_facts:\n  - id: f1\n    source_title: Scaling Instruction-Finetuned Language Models\n    source_url: https://arxiv.org/abs/2210.11416\nprimary_sources:\n  - title: Finetuned Language Models Are Zero-Shot Learners\n    url: https://arxiv.org/abs/2109.01652\nsecondary_sources:\n  - title: Scaling Instruction-Finetuned Language Models\n    type: academic_paper\n    url: https://arxiv.org/abs/2210.11416',
    why: 'The source lists are the article\'s bibliography: a fact whose source is missing from them has a source nobody reviewed (URLs are compared leniently: http/https, www., a trailing /, #fragment).',
  },
  check(ctx) {
    const { article } = ctx;
    const links = factSourceLinks(article);
    const urls = article.sources.flatMap((s) => (s.url?.trim() ? [s.url.trim()] : []));
    for (const fact of article.facts) {
      const field = fact.fields.get('source_url');
      if (!fact.sourceUrl?.trim() || !field?.valueRange) continue;
      const pointed = links.sourcesOf.get(fact.index) ?? [];
      const range = trimmedRange(article, field.valueRange);
      if (pointed.length > 0) {
        const byDoiOnly = doiOnlyMatch(fact, pointed);
        if (byDoiOnly) {
          const url = byDoiOnly.url!.trim();
          ctx.report(range, `${fact.sourceUrl.trim()} is in neither primary_sources nor secondary_sources, though source_doi ${fact.sourceDoi!.trim()} names ${sourceLabel(byDoiOnly)}, at ${url}: did you mean ${url}?`, {
            related: [{ uri: article.uri, range: itemAnchor(article, byDoiOnly, 'url'), message: 'the source the DOI names' }],
            fixes: [{ ...replaceFix(`Change to ${url}`, range, inSameQuotes(article, range, url), false), preferred: true }],
          });
        }
        continue;
      }
      const suggestion = closest(fact.sourceUrl.trim(), urls);
      const fixes: Fix[] = [];
      if (suggestion) fixes.push({ ...replaceFix(`Change to ${suggestion}`, range, inSameQuotes(article, range, suggestion), false), preferred: true });
      const add = addSecondarySourceEdit(article, fact, fact.sourceUrl);
      if (add) fixes.push({ title: 'Add it to secondary_sources', edits: [add], safe: false, preferred: !suggestion });
      ctx.report(range, `${fact.sourceUrl.trim()} is in neither primary_sources nor secondary_sources${suggestion ? `: did you mean ${suggestion}?` : ': add it to one of them.'}`, { fixes });
    }
  },
};
