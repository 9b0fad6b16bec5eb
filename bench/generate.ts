// Deterministic articles of any number of facts, shaped like the corpus (folded statements, quoted dates,
// sources, a body citing every fact), so that the large-article figures do not depend on a random seed.

const WORDS = ('model data training language method result study system network evaluation benchmark attention layer ' +
  'token corpus sample parameter gradient feature dataset inference accuracy baseline protocol measurement').split(' ');

/** A small linear congruential generator: the same numbers on every machine. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function sentence(next: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(WORDS[Math.floor(next() * WORDS.length)]);
  out[0] = out[0][0].toUpperCase() + out[0].slice(1);
  return out.join(' ');
}

/** An article with `facts` atomic facts; about 300 bytes a fact, so 5,000 facts come to about 1.5 MB. */
export function generateArticle(facts: number, seed = 7): string {
  const next = rng(seed + facts);
  const lines: string[] = [
    '---',
    `id: generated-${facts}-facts`,
    `title: "Generated article with ${facts} facts"`,
    'schema_type: TechArticle',
    'category: ai',
    'language: en',
    'confidence: high',
    'last_verified: "2026-05-24"',
    'created_date: "2026-05-24"',
    'generation_method: ai_assisted',
    'ai_models:',
    '  - claude-opus',
    'atomic_facts:',
  ];
  // Like a clean article: each fact's source is listed below with the same title, every fact is cited in the body,
  // and the Source-Mapped Facts bullets repeat statements word for word.
  const sourceCount = Math.min(50, facts);
  const sourceTitle = (k: number) => `${WORDS[k % WORDS.length][0].toUpperCase()}${WORDS[k % WORDS.length].slice(1)} study number ${k + 1}`;
  const sourceUrl = (k: number) => `https://arxiv.org/abs/2109.${String(10000 + k).slice(-5)}`;
  const statements: string[] = [];
  for (let i = 1; i <= facts; i++) {
    const k = (i - 1) % sourceCount;
    const statement = `${sentence(next, 9)} in ${2000 + (i % 26)} with ${i} samples.`;
    statements.push(statement);
    lines.push(
      `  - id: fact-ai-generated-${i}`,
      '    statement: >-',
      `      ${statement}`,
      `    source_title: ${sourceTitle(k)}`,
      `    source_url: ${sourceUrl(k)}`,
      `    confidence: ${['high', 'medium', 'low'][i % 3]}`,
    );
  }
  lines.push(
    'completeness: 0.9',
    'primary_sources:',
    ...Array.from({ length: sourceCount }, (_, k) => [`  - title: ${sourceTitle(k)}`, '    type: academic_paper', `    year: ${2000 + (k % 26)}`, `    url: ${sourceUrl(k)}`]).flat(),
    'updated: "2026-05-24"',
    '---',
    '## TL;DR',
    `${sentence(next, 20)} [@fact-ai-generated-1].`,
    '',
    '## Core Explanation',
  );
  // Every fact is cited once, ten to a paragraph.
  for (let i = 1; i <= facts; i += 10) {
    const cites: string[] = [];
    for (let j = i; j < Math.min(i + 10, facts + 1); j++) cites.push(`${sentence(next, 3)} [@fact-ai-generated-${j}].`);
    lines.push(cites.join(' '), '');
  }
  lines.push('## Source-Mapped Facts');
  for (let i = 1; i <= Math.min(facts, 20); i++) lines.push(`- ${statements[i - 1]} ([source](${sourceUrl((i - 1) % sourceCount)}))`);
  lines.push('', '## Further Reading', `- [${sourceTitle(0)}](${sourceUrl(0)})`, '');
  return lines.join('\n');
}

export const GENERATED_SIZES = [10, 100, 1000, 5000] as const;
