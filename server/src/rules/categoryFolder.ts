import { basenameUri, dirnameUri } from '../core/uri';
import type { Rule } from './rule';

export const categoryFolder: Rule = {
  id: 'category-folder',
  category: 'article',
  severity: 'warning',
  description: 'The `category` is not the name of the folder the article is in.',
  docs: {
    bad: '# science/mars-exploration.md\ncategory: space',
    good: '# science/mars-exploration.md\ncategory: science',
    why: 'Articles are filed by category: the folder is the category. Turn the rule off in kart.config.json when articles are not filed that way.',
  },
  check(ctx) {
    const { article } = ctx;
    const field = article.fields.get('category');
    if (!field?.valueRange || typeof field.value !== 'string') return;
    let folder = basenameUri(dirnameUri(article.uri));
    try {
      folder = decodeURIComponent(folder);
    } catch {
      // A stray % is taken as written.
    }
    if (!folder || field.value === folder) return;
    const written = article.text.slice(field.valueRange.start, field.valueRange.end);
    const quote = /^["']/.test(written) ? written[0] : '';
    ctx.report(field.valueRange, `The category is "${field.value}" but the article is in the folder "${folder}": change one to match the other.`, {
      fixes: [{ title: `Set category to "${folder}"`, edits: [{ range: field.valueRange, newText: `${quote}${folder}${quote}` }], safe: false }],
    });
  },
};
