import type { Rule } from './rule';

export const yamlDuplicateKey: Rule = {
  id: 'yaml-duplicate-key',
  category: 'yaml',
  severity: 'error',
  description: 'A key appears twice in the same mapping; YAML forbids it and readers disagree on which value wins.',
  docs: {
    bad: '---\ntitle: Instruction Tuning\ntitle: Instruction tuning for LLMs\n---',
    good: '---\ntitle: Instruction tuning for LLMs\n---',
  },
  check(ctx) {
    const { article } = ctx;
    for (const error of article.yaml?.errors ?? []) {
      if (error.code !== 'DUPLICATE_KEY') continue;
      const start = article.yamlOffset + error.pos[0];
      const lineEnd = article.lines.lineEnd(article.lines.lineAt(start));
      let end = start;
      while (end < lineEnd && article.text[end] !== ':') end++;
      const written = article.text.slice(start, end);
      const key = written.trim().replace(/^(["'])(.*)\1$/, '$2');
      // `title : B` has a space before its colon: the key is the word only.
      end = start + written.trimEnd().length;
      ctx.report({ start, end: Math.max(end, start + 1) }, `The key "${key}" is already set above in this mapping; remove one of them.`);
    }
  },
};
