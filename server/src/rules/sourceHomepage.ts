import { replaceFix } from './fixes';
import { isHomePage } from './factSources';
import { homepageSources, hostOf, isCanonicalHomepage } from './homepages';
import type { Rule } from './rule';
import { inSameQuotes, trimmedRange } from './yamlValues';

export const sourceHomepage: Rule = {
  id: 'source-homepage',
  category: 'sources',
  severity: 'warning',
  description: "A site's home page given as the evidence for a specific claim: a fact's source_url, or the url of a source a fact points to.",
  docs: {
    bad: 'atomic_facts:\n  - id: f1\n    statement: OWASP ranks broken access control first in its 2021 Top 10.\n    source_url: https://owasp.org/',
    good: 'atomic_facts:\n  - id: f1\n    statement: OWASP ranks broken access control first in its 2021 Top 10.\n    source_url: https://owasp.org/Top10/A01_2021-Broken_Access_Control/',
    why: 'A home page supports no particular claim and changes every day: link the page that says what the fact states. When the site itself is the source (a standards body\'s portal, a live data service), say so: `canonical: true` on the source, or its host in `homepageSources` in kart.config.json. A home page no fact uses is source-homepage-unused\'s.',
  },
  check(ctx) {
    const { article, config } = ctx;
    // A specific page of the same site the article already lists is the likely intended link.
    const specific = (url: string) => {
      const pages = [...new Set(article.sources.flatMap((s) => (s.url?.trim() && !isHomePage(s.url) && hostOf(s.url) === hostOf(url) ? [s.url.trim()] : [])))];
      return pages.length === 1 ? pages[0] : undefined;
    };
    for (const fact of article.facts) {
      const field = fact.fields.get('source_url');
      if (!isHomePage(fact.sourceUrl) || !field?.valueRange || isCanonicalHomepage(article, config, fact.sourceUrl!)) continue;
      const range = trimmedRange(article, field.valueRange);
      const url = fact.sourceUrl!.trim();
      const better = specific(url);
      ctx.report(range, `${url} is the home page of ${hostOf(url)}, not a page that supports this claim: link the specific page${better ? `; did you mean ${better}?` : '.'}`, {
        fixes: better ? [replaceFix(`Change to ${better}`, range, inSameQuotes(article, range, better), false)] : undefined,
      });
    }
    for (const { url, range, users } of homepageSources(article, config)) {
      if (users.length === 0) continue;
      const ids = users.map((f) => (f.id ? `"${f.id}"` : `fact ${f.index + 1}`)).join(', ');
      ctx.report(range, `${url} is the home page of ${hostOf(url)}, yet ${users.length === 1 ? 'the fact' : 'the facts'} ${ids} ${users.length === 1 ? 'uses' : 'use'} this source as evidence: give the specific page.`);
    }
  },
};
