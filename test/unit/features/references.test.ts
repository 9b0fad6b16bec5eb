import * as assert from 'assert';
import { describe, it } from 'node:test';
import { neverCancelled } from '../../../server/src/core/types';
import { getReferences } from '../../../server/src/features/references';
import { article, marked, validArticle } from '../../helpers';
import { contextWith } from './context';

const facts = `  - id: ⟦f1⟧
    statement: FLAN showed it.
    source_title: FLAN
    source_url: https://arxiv.org/abs/2109.01652
  - id: f2
    statement: Chung scaled it.
    source_title: Scaling
    source_url: https://arxiv.org/abs/2210.11416
`;
const body = `## TL;DR
FLAN 😀 started it [@⟦f1⟧]. 指令微调 [@f2; @⟦f1⟧].

## Source-Mapped Facts
- ⟦FLAN showed it.⟧ ([source](https://arxiv.org/abs/2109.01652))
- Chung scaled it. ([source](https://arxiv.org/abs/2210.11416))
`;

function refs(source: string, includeDeclaration: boolean) {
  const { text, cursor, ranges } = marked(source);
  const found = getReferences(contextWith(), article(text), cursor, includeDeclaration, neverCancelled);
  return { found: found.map((l) => l.range), ranges, uris: new Set(found.map((l) => l.uri)) };
}

describe('find references', () => {
  it('on a fact id in the frontmatter: the declaration, each citation key and the mapped bullet', () => {
    const { found, ranges, uris } = refs(validArticle({ facts: facts.replace('⟦f1⟧', '⟦f‸1⟧'), body }), true);
    assert.deepStrictEqual(found, ranges);
    assert.deepStrictEqual([...uris], ['file:///ws/ai/test-article.md']);
  });

  it('on a citation key (emoji and CJK before it): the same, without the declaration when not asked', () => {
    const { found, ranges } = refs(validArticle({ facts: facts.replace('⟦f1⟧', 'f1'), body: body.replace('[@f2; @⟦f1⟧]', '[@f2; @⟦f‸1⟧]') }), false);
    assert.deepStrictEqual(found, ranges);
  });

  it('in a CRLF document', () => {
    const { found, ranges } = refs(validArticle({ facts: facts.replace('⟦f1⟧', '⟦f‸1⟧'), body }).replace(/\n/g, '\r\n'), true);
    assert.deepStrictEqual(found, ranges);
  });

  it('finds nothing on what is not a fact id', () => {
    assert.deepStrictEqual(refs(validArticle({ facts, body: '## TL;DR\nPlain ‸text [@f2].\n' }), true).found, []);
    assert.deepStrictEqual(refs(validArticle({ facts: facts.replace('statement: Chung', 'statement: Ch‸ung') }), true).found, []);
  });
});
