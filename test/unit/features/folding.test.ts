import * as assert from 'assert';
import { describe, it } from 'node:test';
import { neverCancelled } from '../../../server/src/core/types';
import { getFoldingRanges } from '../../../server/src/features/folding';
import { article } from '../../helpers';

const doc = [
  '---', //                                0
  'id: rnn', //                            1
  'atomic_facts:', //                      2
  '  - id: f1', //                         3
  '    statement: >-', //                  4
  '      RNNs process sequences', //       5
  '      one step at a time.', //          6
  '    source_title: Deep Learning', //    7
  '  - id: f2', //                         8
  '    statement: One line.', //           9
  'primary_sources:', //                   10
  '  - title: Deep Learning', //           11
  '    type: textbook', //                 12
  '---', //                                13
  '## TL;DR', //                           14
  'Short.', //                             15
  '', //                                   16
  '## Core Explanation', //                17
  'Text 😀.', //                           18
  '', //                                   19
  '### Gates', //                          20
  'LSTM.', //                              21
  '',
].join('\n');

const expected = [
  { startLine: 0, endLine: 13, kind: 'region' },
  { startLine: 2, endLine: 9, kind: 'region' },
  { startLine: 3, endLine: 7, kind: 'region' },
  { startLine: 4, endLine: 6, kind: 'region' },
  { startLine: 8, endLine: 9, kind: 'region' },
  { startLine: 10, endLine: 12, kind: 'region' },
  { startLine: 11, endLine: 12, kind: 'region' },
  { startLine: 14, endLine: 15, kind: 'region' },
  { startLine: 17, endLine: 21, kind: 'region' },
  { startLine: 20, endLine: 21, kind: 'region' },
];

describe('folding ranges', () => {
  it('folds the frontmatter, the lists and their items, multi-line statements and each section', () => {
    assert.deepStrictEqual(getFoldingRanges(article(doc), neverCancelled), expected);
  });

  it('folds a CRLF document on the same lines', () => {
    assert.deepStrictEqual(getFoldingRanges(article(doc.replace(/\n/g, '\r\n')), neverCancelled), expected);
  });

  it('folds an unterminated frontmatter to the end of the file without failing', () => {
    assert.deepStrictEqual(getFoldingRanges(article('---\nid: x\natomic_facts: []\n'), neverCancelled), [{ startLine: 0, endLine: 2, kind: 'region' }]);
  });
});
