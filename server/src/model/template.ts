export interface NewArticleOptions {
  id: string;
  title: string;
  category: string;
  today: string;
  eol?: string;
}

/** A new article with every required field, valid as written; the TODOs are for the author. */
export function newArticleText(o: NewArticleOptions): string {
  const lines = [
    '---',
    `id: ${o.id}`,
    `title: ${JSON.stringify(o.title)}`,
    'schema_type: TechArticle',
    `category: ${o.category}`,
    'language: en',
    'confidence: medium',
    `last_verified: "${o.today}"`,
    `created_date: "${o.today}"`,
    `updated: "${o.today}"`,
    'generation_method: human_only',
    'conflict_of_interest: none_declared',
    'is_live_document: false',
    'data_period: static',
    'atomic_facts:',
    '  - id: f1',
    '    statement: TODO one checkable claim, in one sentence.',
    '    source_title: TODO source title',
    '    source_url: https://example.org/TODO',
    '    confidence: medium',
    'known_gaps: []',
    'disputed_statements: []',
    'primary_sources:',
    '  - title: TODO source title',
    '    type: documentation',
    `    year: ${o.today.slice(0, 4)}`,
    '    url: https://example.org/TODO',
    '    institution: TODO',
    '---',
    '## TL;DR',
    'TODO: the answer in two sentences [@f1].',
    '',
    '## Core Explanation',
    'TODO',
    '',
    '## Further Reading',
    '- [TODO source title](https://example.org/TODO)',
    '',
  ];
  return lines.join(o.eol ?? '\n');
}

/** `My New Article!` → `my-new-article`. */
export function slugify(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
