// SARIF artifact URIs: a file name with `#`, `?`, `%` or a space still names that file when resolved.
import * as assert from 'assert';
import { describe, it } from 'node:test';
import { join } from 'path';
import { fileURLToPath } from 'url';
import { relativeUri } from '../../server/src/cli/format';
import { folder, kart } from '../cliHelpers';
import { validArticle } from '../helpers';

describe('kart check --format sarif: file URIs', () => {
  it('each path segment is percent-encoded', () => {
    assert.strictEqual(relativeUri('ai/rlhf #1.md'), 'ai/rlhf%20%231.md');
    assert.strictEqual(relativeUri('ai/50% done?.md'), 'ai/50%25%20done%3F.md');
    assert.strictEqual(relativeUri('../up/é.md'), '../up/%C3%A9.md');
  });

  it('the URI of every result, resolved against %SRCROOT%, is the file that has the problem', async () => {
    const names = ['ai/rlhf #1.md', 'ai/50% done?.md', 'ai/a b/c.md'];
    const broken = validArticle().replace('confidence: medium', 'confidence: meduim');
    const dir = folder(Object.fromEntries(names.map((n, i) => [n, broken.replace('id: test-article', `id: a${i}`)])));
    const r = await kart(['check', '--format', 'sarif'], dir);
    const run = JSON.parse(r.out).runs[0];
    const base = run.originalUriBaseIds['%SRCROOT%'].uri;
    const files = new Set<string>(run.results.map((res: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => fileURLToPath(new URL(res.locations[0].physicalLocation.artifactLocation.uri, base))));
    assert.deepStrictEqual([...files].sort(), names.map((n) => join(dir, n)).sort());
  });
});
