import type { Article } from './article';
import { basenameUri, dirnameUri } from '../core/uri';
import { PLACEHOLDERS } from './template';

/**
 * A value to put in a field the author has yet to fill: valid where it can be, the templates' placeholder (which
 * placeholder-text flags) where not. `where` is the path of the mapping the field goes in, or whether it is a fact.
 */
export function placeholderValue(article: Article | undefined, key: string, today: string, where: boolean | readonly (string | number)[] = false): string {
  const inFact = Array.isArray(where) ? where[0] === 'atomic_facts' : where === true;
  const topLevel = Array.isArray(where) && where.length === 0;
  const slug = article ? basenameUri(article.uri).replace(/\.md$/, '') : 'new-article';
  const folder = article ? basenameUri(dirnameUri(article.uri)) : 'general';
  switch (key) {
    case 'id':
      return inFact ? 'f1' : slug;
    case 'title':
      return topLevel ? JSON.stringify(PLACEHOLDERS.articleTitle) : PLACEHOLDERS.sourceTitle;
    case 'source_title':
      return PLACEHOLDERS.sourceTitle;
    case 'statement':
      return inFact ? PLACEHOLDERS.statement : PLACEHOLDERS.disputedStatement;
    case 'institution':
      return PLACEHOLDERS.institution;
    case 'schema_type':
      return 'TechArticle';
    case 'category':
      return folder;
    case 'language':
      return 'en';
    case 'confidence':
      return 'medium';
    case 'generation_method':
      return 'human_only';
    case 'last_verified':
    case 'created_date':
    case 'updated':
      return `"${today}"`;
    case 'atomic_facts':
    case 'known_gaps':
    case 'disputed_statements':
    case 'secondary_sources':
    // An empty list is the right type; schema-value then asks for the first source.
    case 'primary_sources':
      return '[]';
    case 'type':
      return 'documentation';
    case 'url':
    case 'source_url':
      return PLACEHOLDERS.sourceUrl;
    case 'year':
      return today.slice(0, 4);
    default:
      return '""';
  }
}
