// Article texts to build test cases on. Plain strings and no imports, so that the suites bundled into VS Code's
// extension host (test/vscode/suite) can use them too.

/** The TL;DR and Core Explanation sections an article needs, with nothing in them. */
export const PLAIN_BODY = `## TL;DR
Text.

## Core Explanation
Text.
`;

export interface ArticleParts {
  id: string;
  /** As written after `title: `. */
  title: string;
  /** Frontmatter lines after generation_method, each ending in a line break. */
  fm?: string;
  /** What follows `atomic_facts:`: ` []` and a line break, or a line break and the list. */
  facts: string;
  /** The primary_sources list, each line ending in a line break. */
  sources: string;
  body: string;
}

/** An article from its parts, around the fields every test article shares (schema_type … generation_method). */
export function articleText(p: ArticleParts): string {
  return `---
id: ${p.id}
title: ${p.title}
schema_type: TechArticle
category: ai
language: en
confidence: medium
last_verified: "2026-05-24"
created_date: "2026-05-24"
generation_method: ai_assisted
${p.fm ?? ''}atomic_facts:${p.facts}primary_sources:
${p.sources}---
${p.body}`;
}

/** A whole valid article to build cases on; `fm` is appended to the frontmatter, `body` replaces the body. */
export function validArticle(parts: { fm?: string; facts?: string; body?: string; sources?: string } = {}): string {
  return articleText({
    id: 'test-article',
    title: '"Test Article"',
    fm: `ai_models:
  - claude-opus
${parts.fm ?? ''}`,
    facts: `
${parts.facts ?? `  - id: f1
    statement: FLAN showed that instruction tuning enables zero-shot generalization.
    source_title: Finetuned Language Models Are Zero-Shot Learners
    source_url: https://arxiv.org/abs/2109.01652
    confidence: high
`}`,
    sources:
      parts.sources ??
      `  - title: Finetuned Language Models Are Zero-Shot Learners
    type: academic_paper
    year: 2022
    url: https://arxiv.org/abs/2109.01652
    institution: Google
`,
    body:
      parts.body ??
      `## TL;DR
Instruction tuning teaches models to follow directions [@f1].

## Core Explanation
More text.
`,
  });
}
