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
  for (let i = 1; i <= facts; i++) {
    lines.push(
      `  - id: fact-ai-generated-${i}`,
      '    statement: >-',
      `      ${sentence(next, 9)} in ${2000 + (i % 26)} with ${i} samples.`,
      `    source_title: ${sentence(next, 3)} (${2000 + (i % 26)})`,
      `    source_url: https://arxiv.org/abs/${2100 + (i % 400)}.${String(10000 + i).slice(-5)}`,
      `    confidence: ${['high', 'medium', 'low'][i % 3]}`,
    );
  }
  lines.push(
    'completeness: 0.9',
    'primary_sources:',
    '  - title: "Finetuned Language Models Are Zero-Shot Learners"',
    '    type: academic_paper',
    '    year: 2022',
    '    url: https://arxiv.org/abs/2109.01652',
    'secondary_sources:',
    '  - title: A survey of generated articles',
    '    type: survey_paper',
    '    year: 2024',
    '    url: https://doi.org/10.1145/3635100',
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
  for (let i = 1; i <= Math.min(facts, 20); i++) lines.push(`- ${sentence(next, 10)} ([source](https://arxiv.org/abs/2109.01652))`);
  lines.push('', '## Further Reading', '- [FLAN](https://arxiv.org/abs/2109.01652)', '');
  return lines.join('\n');
}

export const GENERATED_SIZES = [10, 100, 1000, 5000] as const;
