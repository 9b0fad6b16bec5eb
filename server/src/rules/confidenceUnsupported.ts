import type { Fix, TextRange } from '../core/types';
import { scalarString, type Article } from '../model/article';
import { estimateConfidence, factTier, isLevel, LEVEL_RANK, tierReason } from './confidenceEstimate';
import { factSourceLinks, itemAnchor, sourceLabel } from './factSources';
import { replaceFix } from './fixes';
import { isCanonicalHomepage } from './homepages';
import type { Rule } from './rule';
import { inSameQuotes, trimmedRange } from './yamlValues';

function lowerFix(article: Article, range: TextRange, level: string): Fix {
  return replaceFix(`Change to ${level}`, range, inSameQuotes(article, range, level), false);
}

export const confidenceUnsupported: Rule = {
  id: 'confidence-unsupported',
  category: 'sources',
  severity: 'warning',
  description: "An article's or a fact's `confidence` is higher than its sources carry: for the article, the estimate from its primary sources' tiers, count and recency (the AnchorFact public formula); for a fact, the best tier of the sources it points to.",
  docs: {
    bad: 'confidence: high\natomic_facts:\n  - id: f1\n    statement: Remote work raised productivity at the firms surveyed.\n    source_title: Why remote work works\n    source_url: https://example.com/blog/remote-work\n    confidence: high\nprimary_sources:\n  - title: Why remote work works\n    type: blog_post\n    year: 2019\n    url: https://example.com/blog/remote-work',
    good: 'confidence: medium\natomic_facts:\n  - id: f1\n    statement: Remote work raised productivity at the firms surveyed.\n    source_title: Why remote work works\n    source_url: https://example.com/blog/remote-work\n    confidence: medium\nprimary_sources:\n  - title: Why remote work works\n    type: blog_post\n    year: 2019\n    url: https://example.com/blog/remote-work',
    why: 'The format treats a declared confidence as an upper bound: the published level is what the sources carry. Article: score = best tier (S 1.0: standard, rfc, or any DOI; A 0.9: papers, reports, textbooks; B 0.6: documentation, books, blog posts; C 0.3: other types) ×0.35 + source count (3+: 1.0, 2: 0.8, 1: 0.5) ×0.20 + a DOI 1.0 / urls 0.7 ×0.25 + freshness of the newest (≤1 year 1.0 … >10 years 0.3) ×0.10 − (disputes 0.2 + known gaps 0.1) ×0.10; high from 0.85, medium from 0.60. Fact: tiers S and A carry high, B and C medium, a home page counts as C. Tiers, aliases, weights, thresholds and the fact levels are under `confidence` in kart.config.json.',
  },
  check(ctx) {
    const { article, config } = ctx;
    const settings = config.confidence;
    const declared = article.fields.get('confidence');
    const level = scalarString(declared?.node)?.trim();
    if (declared?.valueRange && isLevel(level) && article.isArticle) {
      const est = estimateConfidence(article, settings, Number(ctx.today.slice(0, 4)));
      if (LEVEL_RANK[level] > LEVEL_RANK[est.level]) {
        const range = trimmedRange(article, declared.valueRange);
        const needs = level === 'high' ? settings.thresholds.high : settings.thresholds.medium;
        ctx.report(range, `confidence is ${level}, but the primary sources carry ${est.level}: score ${est.score.toFixed(2)}, ${level} needs ${needs} (${est.terms.join('; ')}).`, {
          related: est.best ? [{ uri: article.uri, range: itemAnchor(article, est.best, 'type'), message: `the best primary source, ${sourceLabel(est.best)}` }] : undefined,
          fixes: [lowerFix(article, range, est.level)],
        });
      }
    }
    const links = factSourceLinks(article);
    const canonical = (url: string) => isCanonicalHomepage(article, config, url);
    for (const fact of article.facts) {
      const field = fact.fields.get('confidence');
      const claimed = fact.confidence?.trim();
      if (!field?.valueRange || !isLevel(claimed)) continue;
      const best = factTier(links.sourcesOf.get(fact.index) ?? [], settings, canonical);
      if (!best) continue;
      const max = settings.factMaxLevel[best.tier];
      if (LEVEL_RANK[claimed] <= LEVEL_RANK[max]) continue;
      const range = trimmedRange(article, field.valueRange);
      const label = fact.id ? `fact "${fact.id}"` : `fact ${fact.index + 1}`;
      const why = best.homepage ? 'its url is a home page' : tierReason(best.source, settings, best.tier);
      ctx.report(range, `The ${label} claims confidence ${claimed}, but its best source, ${sourceLabel(best.source)}, is tier ${best.tier} (${why}), which carries at most ${max}.`, {
        related: [{ uri: article.uri, range: itemAnchor(article, best.source, best.homepage ? 'url' : 'type'), message: `the source, tier ${best.tier}` }],
        fixes: [lowerFix(article, range, max)],
      });
    }
  },
};
