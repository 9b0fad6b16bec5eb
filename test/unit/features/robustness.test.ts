import * as assert from 'assert';
import { readFileSync } from 'fs';
import { resolve } from 'path';
import { describe, it } from 'node:test';
import { CancelledError, neverCancelled, type CancellationToken, type TextRange } from '../../../server/src/core/types';
import { getCodeActions } from '../../../server/src/features/codeActions';
import { getCodeLenses } from '../../../server/src/features/codeLens';
import { getCompletions } from '../../../server/src/features/completion';
import { getDefinition } from '../../../server/src/features/definition';
import { getDocumentLinks } from '../../../server/src/features/documentLinks';
import { getFoldingRanges } from '../../../server/src/features/folding';
import { getHover } from '../../../server/src/features/hover';
import { getReferences } from '../../../server/src/features/references';
import { getRename, prepareRename } from '../../../server/src/features/rename';
import { getSymbols } from '../../../server/src/features/symbols';
import { article, validArticle } from '../../helpers';
import { contextWith } from './context';

/** Documents as they look while being typed or after a bad paste. */
const broken: Record<string, string> = {
  'unterminated frontmatter': '---\nid: x\natomic_facts:\n  - id: f1\n    statement: y\n',
  'empty frontmatter': '---\n---\nbody [@f1]\n',
  'a list instead of a mapping': '---\n- a\n- b\n---\n## TL;DR\n[x](y.md)\n',
  'a scalar frontmatter': '---\njust text\n---\n',
  'missing space after colons': '---\nid:"kb-1"\nai_models:["x"]\natomic_facts:\n  - id: f1\n---\n[@f1]\n',
  'tabs and a BOM': '\ufeff---\nid: x\n\tatomic_facts:\n\t- id: f1\n---\n',
  'facts as strings and maps mixed': '---\natomic_facts:\n  - just a string\n  - id:\n  - id: [a, b]\n    statement: {x: 1}\n  -\nprimary_sources: "none"\n---\n[@; @] [@f1\n',
  'aliases and anchors': '---\nbase: &b\n  id: f1\nprimary_sources:\n  - *b\n  - <<: *b\n---\n',
  'duplicate keys and ids': '---\nid: a\nid: b\natomic_facts:\n  - id: f1\n  - id: f1\n---\n[@f1] [@f1]\n',
  'only a body': '## TL;DR\n[@f1] [link](../a.md) 😀 中文\n',
  'flow facts': '---\natomic_facts: [{id: f1, statement: "x"}, {id: f2}]\nprimary_sources: [{title: T, url: "https://a.org"}]\n---\n[@f1; @f2]\n',
  'CRLF with a lone CR': '---\r\nid: x\ratomic_facts:\r\n  - id: f1\r\n---\r\n[@f1]\r\n',
  'valid article': validArticle({ body: '## TL;DR\n😀 [@f1].\n\n## Source-Mapped Facts\n- FLAN showed that instruction tuning enables zero-shot generalization. ([source](https://arxiv.org/abs/2109.01652))\n' }),
};

function inText(text: string, r: TextRange, what: string): void {
  assert.ok(r.start >= 0 && r.start <= r.end && r.end <= text.length, `${what}: range ${r.start}-${r.end} outside the text`);
}

describe('features on broken documents', () => {
  for (const [name, text] of Object.entries(broken)) {
    it(`answer at every offset without throwing: ${name}`, () => {
      const ctx = contextWith({ 'file:///ws/ai/a.md': validArticle() });
      const a = article(text);
      getSymbols(a, neverCancelled);
      getFoldingRanges(a, neverCancelled);
      getDocumentLinks(ctx, a, neverCancelled);
      getCodeLenses(a, neverCancelled);
      for (let o = 0; o <= text.length; o++) {
        const where = `${name} at ${o}`;
        const h = getHover(ctx, a, o, neverCancelled);
        if (h) inText(text, h.range, `hover ${where}`);
        for (const c of getCompletions(ctx, a, o, neverCancelled)) inText(text, c.range, `completion ${where}`);
        for (const d of getDefinition(ctx, a, o, neverCancelled)) if (d.uri === a.uri) inText(text, d.range, `definition ${where}`);
        for (const r of getReferences(ctx, a, o, true, neverCancelled)) inText(text, r.range, `references ${where}`);
        if (!('error' in prepareRename(ctx, a, o))) getRename(ctx, a, o, 'g1', neverCancelled);
      }
    });
  }
});

describe('features while the seed article is being typed', () => {
  it('answer at the end of every prefix of the seed (every 11th character) without throwing', () => {
    const seed = readFileSync(resolve(process.cwd(), 'test/corpus/seeds/000_aa1be8cad8dc091c.txt'), 'utf8');
    const ctx = contextWith();
    let answered = 0;
    for (let k = 1; k <= seed.length; k += 11) {
      const text = seed.slice(0, k);
      const a = article(text);
      for (const o of [k, Math.max(0, k - 1)]) {
        for (const c of getCompletions(ctx, a, o, neverCancelled)) {
          inText(text, c.range, `completion after ${k} characters`);
          answered++;
        }
        const h = getHover(ctx, a, o, neverCancelled);
        if (h) inText(text, h.range, `hover after ${k} characters`);
        getDefinition(ctx, a, o, neverCancelled);
      }
      getSymbols(a, neverCancelled);
      getFoldingRanges(a, neverCancelled);
    }
    assert.ok(answered > 1000, `${answered} completions offered`);
  });
});

describe('cancellation', () => {
  it('every feature stops with CancelledError once its request is cancelled', () => {
    const cancelled: CancellationToken = { isCancellationRequested: true };
    const ctx = contextWith();
    const text = validArticle({ body: '## TL;DR\nIt works [@f1].\n' });
    const a = article(text);
    const at = text.indexOf('[@f1]') + 2;
    const calls: [string, () => unknown][] = [
      ['hover', () => getHover(ctx, a, at, cancelled)],
      ['completion', () => getCompletions(ctx, a, at, cancelled)],
      ['definition', () => getDefinition(ctx, a, at, cancelled)],
      ['references', () => getReferences(ctx, a, at, true, cancelled)],
      ['rename', () => getRename(ctx, a, at, 'g1', cancelled)],
      ['symbols', () => getSymbols(a, cancelled)],
      ['folding', () => getFoldingRanges(a, cancelled)],
      ['document links', () => getDocumentLinks(ctx, a, cancelled)],
      ['code lens', () => getCodeLenses(a, cancelled)],
      ['code actions', () => getCodeActions(a, [{ uri: a.uri, rule: 'r', severity: 'error', message: 'm', range: { start: 0, end: 1 }, fixes: [] }], { start: 0, end: 1 }, undefined, cancelled)],
    ];
    for (const [name, call] of calls) assert.throws(call, CancelledError, name);
  });
});
