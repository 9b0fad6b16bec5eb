import { scalarString } from '../model/article';
import type { Rule } from './rule';
import { trimmedRange } from './yamlValues';

/** The names `ai_models` holds: a list of strings, or one string written as a scalar. */
export function aiModelNames(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((x) => (typeof x === 'string' || typeof x === 'number') && String(x).trim() !== '').map(String);
  return typeof value === 'string' && value.trim() ? [value] : [];
}

export const aiModelsMissing: Rule = {
  id: 'ai-models-missing',
  category: 'article',
  severity: 'warning',
  description: '`generation_method` says a model helped (`ai_structured` or `ai_assisted`) but `ai_models` names none.',
  docs: {
    bad: 'generation_method: ai_structured\nai_models: []',
    good: 'generation_method: ai_structured\nai_models:\n  - claude-opus',
    why: 'Readers weigh AI-written text by the model that wrote it; an AI article that names no model tells them nothing. No automatic fix: only the author knows the model.',
  },
  check(ctx) {
    const { article } = ctx;
    const method = article.fields.get('generation_method');
    const value = scalarString(method?.node)?.trim();
    if (!method?.valueRange || (value !== 'ai_structured' && value !== 'ai_assisted')) return;
    const models = article.fields.get('ai_models');
    if (models && aiModelNames(models.value).length > 0) return;
    ctx.report(trimmedRange(article, method.valueRange), `generation_method is ${value}, but ${models ? 'ai_models is empty' : 'there is no ai_models'}: list the models that helped write the article.`, {
      related: models ? [{ uri: article.uri, range: models.keyRange, message: 'ai_models is here' }] : undefined,
    });
  },
};
