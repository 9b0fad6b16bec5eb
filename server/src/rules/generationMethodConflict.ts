import { deleteLinesEdit } from './fixes';
import type { Rule } from './rule';

export const generationMethodConflict: Rule = {
  id: 'generation-method-conflict',
  category: 'article',
  severity: 'warning',
  description: '`generation_method: human_only` while `ai_models` lists models.',
  docs: {
    bad: 'generation_method: human_only\nai_models:\n  - claude-opus',
    good: 'generation_method: ai_assisted\nai_models:\n  - claude-opus',
    why: 'Readers rely on generation_method to know whether a model wrote the text; the two fields must agree.',
  },
  check(ctx) {
    const { article } = ctx;
    const method = article.fields.get('generation_method');
    const models = article.fields.get('ai_models');
    if (!method?.valueRange || method.value !== 'human_only' || !models) return;
    const value = models.value;
    const names = Array.isArray(value) ? value.filter((x) => x !== null && x !== undefined && String(x).trim() !== '').map(String) : typeof value === 'string' && value.trim() ? [value] : [];
    if (names.length === 0) return;
    const written = article.text.slice(method.valueRange.start, method.valueRange.end);
    const quote = /^["']/.test(written) ? written[0] : '';
    const shown = names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ');
    ctx.report(method.valueRange, `generation_method is human_only, but ai_models lists ${shown}: remove ai_models if no model was used, or say ai_assisted.`, {
      related: [{ uri: article.uri, range: models.keyRange, message: 'ai_models is listed here' }],
      fixes: [
        { title: 'Remove ai_models', edits: [deleteLinesEdit(article, models.range)], safe: false },
        { title: 'Change generation_method to ai_assisted', edits: [{ range: method.valueRange, newText: `${quote}ai_assisted${quote}` }], safe: false },
      ],
    });
  },
};
