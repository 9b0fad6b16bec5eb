import { checkedOn } from '../verify/describe';
import { titlesMatch } from '../verify/titles';
import { replaceFix } from './fixes';
import { verificationRule } from './verificationRule';
import { inSameQuotes } from './yamlValues';

export const sourceTitleMismatch = verificationRule(
  {
    id: 'source-title-mismatch',
    category: 'sources',
    severity: 'warning',
    description: "A source's title (or a fact's source_title) that is not the title registered for its DOI or arXiv id.",
    docs: {
      bad: 'primary_sources:\n  - title: Deep Residual Networks for Vision\n    type: academic_paper\n    doi: 10.1109/CVPR.2016.90',
      good: 'primary_sources:\n  - title: Deep Residual Learning for Image Recognition\n    type: academic_paper\n    doi: 10.1109/CVPR.2016.90',
      why:
        'A title copied from the wrong paper is the most common citation error a link checker cannot see. Titles are compared leniently: case, accents, punctuation, markup and `&`/"and" do not count, and a subtitle given on one side only ("Deep Learning" for "Deep Learning: A Review") matches; two different subtitles do not.',
    },
  },
  {
    kinds: ['doi', 'arxiv'],
    status: 'ok',
    report(ctx, t, r) {
      if (!t.title || !t.titleRange || !r.title || titlesMatch(t.title, r.title)) return;
      const registry = t.kind === 'doi' ? `the DOI ${t.value}` : `arXiv ${r.target}`;
      ctx.report(t.titleRange, `"${t.title}" is not the title registered for ${registry}: "${r.title}" (${checkedOn(r)}).`, {
        fixes: [replaceFix('Use the registered title', t.titleRange, inSameQuotes(ctx.article, t.titleRange, r.title), false)],
      });
    },
  },
);
