import { isSeq, type Node } from 'yaml';
import type { TextRange } from '../core/types';
import { nodeAtPath, nodeRange, scalarString } from '../model/article';
import type { Rule } from './rule';
import { trimmedRange } from './yamlValues';

/** Whether a model name is one of the known ones: names compared without case, a trailing `*` matching any ending. */
export function knownModel(name: string, known: readonly string[]): boolean {
  const n = name.trim().toLowerCase();
  return known.some((k) => {
    const p = k.trim().toLowerCase();
    return p.endsWith('*') ? n.startsWith(p.slice(0, -1)) : n === p;
  });
}

export const aiModelUnknown: Rule = {
  id: 'ai-model-unknown',
  category: 'article',
  severity: 'warning',
  description: 'A name in `ai_models` that is none of the known model names (`aiModels` in kart.config.json; by default the GPT, o-series, Claude, Gemini, Llama, Mistral, DeepSeek, Qwen, Grok and similar families).',
  docs: {
    bad: 'generation_method: ai_assisted\nai_models:\n  - the assistant',
    good: 'generation_method: ai_assisted\nai_models:\n  - claude-opus',
    why: 'A model named in a way no reader or tool recognises says as little as no name. A model your team uses that the list lacks goes into `aiModels` (a trailing `*` matches a family).',
  },
  check(ctx) {
    const { article, config } = ctx;
    const field = article.fields.get('ai_models');
    if (!field?.valueRange) return;
    const { node } = nodeAtPath(article, ['ai_models']);
    const entries: { name: string; range: TextRange }[] = [];
    if (isSeq(node)) {
      for (const item of node.items as Node[]) {
        const name = scalarString(item);
        const range = nodeRange(item, article.yamlOffset);
        if (name?.trim() && range) entries.push({ name, range: trimmedRange(article, range) });
      }
    } else {
      const name = scalarString(field.node);
      if (name?.trim()) entries.push({ name, range: trimmedRange(article, field.valueRange) });
    }
    for (const { name, range } of entries) {
      if (knownModel(name, config.aiModels)) continue;
      ctx.report(range, `"${name.trim()}" is not a known model name: write the model's name (e.g. claude-opus, gpt-5-codex), or add it to aiModels in kart.config.json.`);
    }
  },
};
