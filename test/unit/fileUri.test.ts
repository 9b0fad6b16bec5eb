// toUri: a file's uri, the same as url.pathToFileURL gives, by a shortcut for the plain paths of most files.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { toUri } from '../../server/src/node/fsWorkspace';

describe('toUri', () => {
  it('gives what pathToFileURL gives, for plain paths and for every kind that needs resolving or escaping', () => {
    const paths = [
      '/work/kb/ai/instruction-tuning.md',
      '/a/b.c/d_e~f-g.md',
      '/a/./b.md',
      '/a/../b.md',
      '/a//b.md',
      '/a/b/',
      '/a/.hidden/b.md',
      '/a/..x/b.md',
      '/a/b c.md',
      '/a/ü.md',
      '/a/%41.md',
      '/a/#b?.md',
      '/a/b\\c.md',
      'relative/x.md',
      '/',
      '/.',
      '/..',
    ];
    for (const p of paths) assert.equal(toUri(p), pathToFileURL(path.resolve(p)).href, p);
  });
});
