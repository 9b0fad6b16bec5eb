/**
 * Every template's text in one place: the placeholders an author replaces, and the entries and articles built from
 * them. New Article and `kart new`, the entry snippets the server completes, Insert Fact and Insert Source, the
 * static snippet file (generated from here: `npm run snippets`) and `placeholder-text`, which flags each placeholder
 * left as it was, all read these.
 */
import type * as Transliteration from 'transliteration';

// transliteration builds its tables when it is loaded (about 25 ms, in every thread of kart and in the server): only a
// slug needs them, and most runs make none.
let transliteration: typeof Transliteration | undefined;
const transliterate = (text: string, options: Parameters<typeof Transliteration.slugify>[1]): string => (transliteration ??= require('transliteration') as typeof Transliteration).slugify(text, options);

/** The text a template leaves for the author to replace. Each is valid where it stands, and flagged as a placeholder. */
export const PLACEHOLDERS = {
  articleTitle: 'Title of the Article',
  statement: 'One checkable claim, in one sentence.',
  sourceTitle: 'Title of the Source',
  sourceUrl: 'https://example.org/source',
  institution: 'Publisher',
  author: 'Surname, Given Name',
  disputedStatement: 'A claim that sources disagree on.',
  disputedContext: 'Who disagrees, and why.',
  knownGap: 'An aspect this article does not cover yet',
  tldr: 'The answer in two sentences.',
  explanation: 'How it works, in your own words.',
  mappedStatement: "The fact's statement, word for word.",
} as const;

/** Placeholder URLs of earlier templates, still flagged when found. */
const OLD_PLACEHOLDER_URLS = ['https://example.org/TODO'];

const PLACEHOLDER_TEXTS = new Set<string>([...Object.values(PLACEHOLDERS), ...OLD_PLACEHOLDER_URLS]);

/** Longer than this, a value is no placeholder even with generous white space around and inside it. */
const PLACEHOLDER_SCAN_MAX = 4 * Math.max(...[...PLACEHOLDER_TEXTS].map((t) => t.length)) + 64;

/** The first characters of the placeholders. */
const PLACEHOLDER_FIRST = new Set([...PLACEHOLDER_TEXTS].map((t) => t.charAt(0)));

/** Whether a value is a template's placeholder, as the template wrote it (white space and a final period aside). */
export function isTemplatePlaceholder(text: string): boolean {
  // Most values are far longer than any placeholder, or start otherwise: no need to normalise them to know.
  if (text.length > PLACEHOLDER_SCAN_MAX) return false;
  const first = /\S/.exec(text);
  if (!first || !PLACEHOLDER_FIRST.has(first[0])) return false;
  const t = text.replace(/\s+/g, ' ').trim();
  return PLACEHOLDER_TEXTS.has(t) || PLACEHOLDER_TEXTS.has(`${t}.`) || PLACEHOLDER_TEXTS.has(t.replace(/\.$/, ''));
}

/** A URL no source lives at: the templates' example.org addresses, or one whose path says TODO. */
export function isPlaceholderUrl(url: string): boolean {
  const t = url.trim();
  if (isTemplatePlaceholder(t)) return true;
  return /^https?:\/\/(?:www\.)?example\.(?:org|com|net)\/(?:[^?#]*\/)?TODO\b/i.test(t);
}

/** The common source types first, as the content standard prefers them. */
export const COMMON_SOURCE_TYPES = ['documentation', 'academic_paper', 'standard', 'textbook', 'government_report', 'official_report', 'book', 'blog_post', 'repository'];
/** The usual types of secondary sources. */
export const SECONDARY_SOURCE_TYPES = ['survey_paper', 'book', 'blog_post', 'encyclopedia', 'course_material', 'conference_paper', 'journal_article'];
export const CONFIDENCE_CHOICES = ['medium', 'high', 'low'];

/** Text for inside a snippet placeholder: `$`, `}` and `\` escaped. */
export function escapePlaceholder(s: string): string {
  return s.replace(/[$}\\]/g, (c) => `\\${c}`);
}

function choice(n: number, values: readonly string[]): string {
  return `\${${n}|${values.map((v) => v.replace(/[$}\\,|]/g, (c) => `\\${c}`)).join(',')}|}`;
}

const tab = (n: number, text: string) => `\${${n}:${escapePlaceholder(text)}}`;

/**
 * The lines of a list entry in VS Code snippet syntax, relative to its `- ` (keys two columns in). Values given as
 * YAML already (a source title quoted because it has a colon) go in as they are.
 */
export interface FactEntry {
  id: string;
  /** A YAML scalar: the title of the article's first source, or the placeholder. */
  sourceTitle?: string;
  sourceUrl?: string;
}

/** A new fact: the statement is the first tab stop (the cursor lands there), the id (already right) the second. */
export function factEntryLines(o: FactEntry): string[] {
  return [
    `- id: ${tab(2, o.id)}`,
    `  statement: ${tab(1, PLACEHOLDERS.statement)}`,
    `  source_title: ${tab(3, o.sourceTitle ?? PLACEHOLDERS.sourceTitle)}`,
    `  source_url: ${tab(4, o.sourceUrl ?? PLACEHOLDERS.sourceUrl)}`,
    `  confidence: ${choice(5, CONFIDENCE_CHOICES)}$0`,
  ];
}

export function sourceEntryLines(list: 'primary_sources' | 'secondary_sources', year: string): string[] {
  if (list === 'secondary_sources') {
    return [
      `- title: ${tab(1, PLACEHOLDERS.sourceTitle)}`,
      `  type: ${choice(2, SECONDARY_SOURCE_TYPES)}`,
      `  year: ${tab(3, year)}`,
      '  authors:',
      `    - ${tab(4, PLACEHOLDERS.author)}`,
      `  institution: ${tab(5, PLACEHOLDERS.institution)}`,
      `  url: ${tab(6, PLACEHOLDERS.sourceUrl)}$0`,
    ];
  }
  return [
    `- title: ${tab(1, PLACEHOLDERS.sourceTitle)}`,
    `  type: ${choice(2, COMMON_SOURCE_TYPES)}`,
    `  year: ${tab(3, year)}`,
    `  url: ${tab(4, PLACEHOLDERS.sourceUrl)}`,
    `  institution: ${tab(5, PLACEHOLDERS.institution)}$0`,
  ];
}

export function disputedEntryLines(): string[] {
  return [`- statement: ${tab(1, PLACEHOLDERS.disputedStatement)}`, `  context: ${tab(2, PLACEHOLDERS.disputedContext)}`, `  confidence: ${choice(3, ['low', 'medium', 'high'])}$0`];
}

export function knownGapEntryLines(): string[] {
  return [`- ${tab(1, PLACEHOLDERS.knownGap)}$0`];
}

export interface NewArticleOptions {
  id: string;
  title: string;
  category: string;
  today: string;
  eol?: string;
}

/** A new article with every required field, free of errors as written; the placeholders are for the author. */
export function newArticleText(o: NewArticleOptions): string {
  const p = PLACEHOLDERS;
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
    `    statement: ${p.statement}`,
    `    source_title: ${p.sourceTitle}`,
    `    source_url: ${p.sourceUrl}`,
    '    confidence: medium',
    'known_gaps: []',
    'disputed_statements: []',
    'primary_sources:',
    `  - title: ${p.sourceTitle}`,
    '    type: documentation',
    `    year: ${o.today.slice(0, 4)}`,
    `    url: ${p.sourceUrl}`,
    `    institution: ${p.institution}`,
    '---',
    '## TL;DR',
    `${p.tldr} [@f1]`,
    '',
    '## Core Explanation',
    p.explanation,
    '',
    '## Further Reading',
    `- [${p.sourceTitle}](${p.sourceUrl})`,
    '',
  ];
  return lines.join(o.eol ?? '\n');
}

/** Where the author starts in a new article: the first fact's statement. */
export function firstPlaceholderIn(text: string): { start: number; end: number } | undefined {
  const start = text.indexOf(PLACEHOLDERS.statement);
  return start < 0 ? undefined : { start, end: start + PLACEHOLDERS.statement.length };
}

export interface StaticSnippet {
  prefix: string[];
  description: string;
  body: string[];
}

/**
 * The snippets VS Code takes from the static file, for plain Markdown: a whole article (typed in a file that has no
 * frontmatter yet) and the body's citation and Source-Mapped Facts bullet. Entries of the frontmatter's lists come
 * from the language server, which knows the list and the next fact id.
 */
export function staticSnippets(): Record<string, StaticSnippet> {
  const p = PLACEHOLDERS;
  const today = '$CURRENT_YEAR-$CURRENT_MONTH-$CURRENT_DATE';
  return {
    'Knowledge article': {
      prefix: ['kart-article', 'article'],
      description: "A whole knowledge article: every required field, today's dates, one fact cited in the body and its primary source.",
      body: [
        '---',
        'id: ${1:${TM_FILENAME_BASE}}',
        `title: "${tab(2, p.articleTitle)}"`,
        'schema_type: ${3|TechArticle,Article|}',
        'category: ${4:${TM_DIRECTORY/^.*[\\/\\\\]//}}',
        'language: ${5:en}',
        `confidence: ${choice(6, CONFIDENCE_CHOICES)}`,
        `last_verified: "${today}"`,
        `created_date: "${today}"`,
        `updated: "${today}"`,
        'generation_method: ${7|human_only,ai_assisted,ai_structured|}',
        'conflict_of_interest: none_declared',
        'is_live_document: false',
        'data_period: static',
        'atomic_facts:',
        '  - id: ${8:f1}',
        `    statement: ${tab(9, p.statement)}`,
        `    source_title: ${tab(10, p.sourceTitle)}`,
        `    source_url: ${tab(11, p.sourceUrl)}`,
        `    confidence: ${choice(12, CONFIDENCE_CHOICES)}`,
        'known_gaps: []',
        'disputed_statements: []',
        'primary_sources:',
        '  - title: ${10}',
        `    type: ${choice(13, COMMON_SOURCE_TYPES)}`,
        '    year: $CURRENT_YEAR',
        '    url: ${11}',
        `    institution: ${tab(14, p.institution)}`,
        '---',
        '## TL;DR',
        `${tab(15, p.tldr)} [@\${8}]`,
        '',
        '## Core Explanation',
        '$0',
        '',
        '## Further Reading',
        '- [${10}](${11})',
        '',
      ],
    },
    Citation: {
      prefix: ['kart-cite', '[@'],
      description: 'A Pandoc citation of an atomic fact: [@fact-id] (Insert Citation picks the fact by its statement).',
      body: ['[@${1:f1}]$0'],
    },
    'Source-Mapped Facts bullet': {
      prefix: ['kart-mapped-fact', 'source-mapped fact'],
      description: "A bullet for ## Source-Mapped Facts: a fact's statement, word for word, and a link to its source_url.",
      body: [`- ${tab(1, p.mappedStatement)} ([source](${tab(2, p.sourceUrl)}))$0`],
    },
  };
}

/**
 * `My New Article!` → `my-new-article`; other scripts transliterated: `Über Straße café` → `uber-strasse-cafe`,
 * `机器学习` → `ji-qi-xue-xi`, `Μηχανική μάθηση` → `mihaniki-mathisi`.
 */
export function slugify(title: string): string {
  return transliterate(title, { lowercase: true, separator: '-', allowedChars: 'a-zA-Z0-9' })
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
