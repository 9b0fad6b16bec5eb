import type { Article } from './article';
import { basenameUri, dirnameUri } from '../core/uri';

/** A value to put in a field the author has yet to fill: valid where it can be, obviously a placeholder where not. */
export function placeholderValue(article: Article | undefined, key: string, today: string, inFact = false): string {
  const slug = article ? basenameUri(article.uri).replace(/\.md$/, '') : 'new-article';
  const folder = article ? basenameUri(dirnameUri(article.uri)) : 'general';
  switch (key) {
    case 'id':
      return inFact ? 'f1' : slug;
    case 'title':
    case 'source_title':
      return '"TODO: title"';
    case 'statement':
      return '"TODO: one checkable claim"';
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
      return '"https://example.org/TODO"';
    case 'year':
      return today.slice(0, 4);
    default:
      return '""';
  }
}
