import * as assert from 'assert';
import { describe, it } from 'node:test';
import { neverCancelled } from '../../../server/src/core/types';
import { getSymbols } from '../../../server/src/features/symbols';
import type { SymbolResult } from '../../../server/src/features/types';
import { article, marked } from '../../helpers';

/** name (detail) [kind] for each symbol, children indented. */
function outline(symbols: SymbolResult[], depth = 0): string[] {
  return symbols.flatMap((s) => [`${'  '.repeat(depth)}${s.name}${s.detail ? ` (${s.detail})` : ''} [${s.kind}]`, ...outline(s.children, depth + 1)]);
}

const doc = `---
⟦id⟧: rnn
title: "RNNs 😀"
confidence: high
atomic_facts:
  - id: ⟦f1⟧
    statement: >-
      RNNs process sequences
      one step at a time.
    source_title: Deep Learning
  - statement: no id yet
primary_sources:
  - title: ⟦Deep Learning⟧
    type: textbook
secondary_sources:
  - url: https://example.org/x
---
⟦## TL;DR⟧
Short.

⟦## Core Explanation⟧
Text.

⟦### Gates⟧
LSTM.

⟦#### Forget gate⟧
Forgets.

⟦## Further Reading⟧
- x
`;

describe('document symbols', () => {
  it('outlines metadata, facts, sources and the sections nested by level', () => {
    const { text } = marked(doc);
    assert.deepStrictEqual(outline(getSymbols(article(text), neverCancelled)), [
      'Metadata [namespace]',
      '  id (rnn) [field]',
      '  title (RNNs 😀) [field]',
      '  confidence (high) [field]',
      'Facts (2) [namespace]',
      '  f1 (RNNs process sequences one step at a time.) [object]',
      '  fact 2 (no id yet) [object]',
      'Sources (2) [namespace]',
      '  primary_sources (1) [array]',
      '    Deep Learning (textbook) [object]',
      '  secondary_sources (1) [array]',
      '    https://example.org/x [object]',
      'TL;DR [string]',
      'Core Explanation [string]',
      '  Gates [string]',
      '    Forget gate [string]',
      'Further Reading [string]',
    ]);
  });

  it('gives each symbol a selection range on its key, id, title or heading', () => {
    const { text, ranges } = marked(doc);
    const symbols = getSymbols(article(text), neverCancelled);
    const [metadata, facts, sources, tldr, core, further] = symbols;
    assert.deepStrictEqual(metadata.children[0].selectionRange, ranges[0]);
    assert.deepStrictEqual(facts.children[0].selectionRange, ranges[1]);
    assert.deepStrictEqual(sources.children[0].children[0].selectionRange, ranges[2]);
    assert.deepStrictEqual([tldr.selectionRange, core.selectionRange, core.children[0].selectionRange, core.children[0].children[0].selectionRange, further.selectionRange], ranges.slice(3));
    assert.strictEqual(text.slice(core.range.start, core.range.end), '## Core Explanation\nText.\n\n### Gates\nLSTM.\n\n#### Forget gate\nForgets.\n\n');
  });

  it('outlines a file with no frontmatter by its headings only', () => {
    assert.deepStrictEqual(outline(getSymbols(article('# Readme\n\n## Usage\n'), neverCancelled)), ['Readme [string]', '  Usage [string]']);
  });
});
