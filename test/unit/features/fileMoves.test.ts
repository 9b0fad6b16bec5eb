import * as assert from 'assert';
import { describe, it } from 'node:test';
import { applyEdits } from '../../../server/src/core/edits';
import { neverCancelled } from '../../../server/src/core/types';
import { getMoveEdits } from '../../../server/src/features/fileMoves';
import { validArticle } from '../../helpers';
import { contextWith } from './context';

const WS = 'file:///ws';
const go = validArticle({ fm: '', body: '## TL;DR\nGo.\n\n## Related Articles\n- [Rust](../rust.md) and [Python](python.md#history)\n' }).replace('category: ai', 'category: computer-science');
const rust = validArticle({ body: '## TL;DR\nRust.\n\n## Related Articles\n- [Go](../go-language.md#intro) and [Go again](../go-language)\n' }).replace('category: ai', 'category: computer-science');
const python = validArticle({ body: '## TL;DR\nPython.\n\n## Related Articles\n- [Go](./go-language.md) (file-relative)\n- [Elsewhere](https://go.dev/)\n' }).replace('category: ai', 'category: computer-science');
const history = validArticle({ body: '## TL;DR\nOld.\n\n## Related Articles\n- [Go](../../computer-science/go-language.md)\n' }).replace('category: ai', 'category: history');

const files: Record<string, string> = {
  [`${WS}/computer-science/go-language.md`]: go,
  [`${WS}/computer-science/rust.md`]: rust,
  [`${WS}/computer-science/python.md`]: python,
  [`${WS}/history/computing.md`]: history,
};

function moved(oldRel: string, newRel: string) {
  const ctx = contextWith(files);
  const plan = getMoveEdits(ctx, [{ oldUri: `${WS}/${oldRel}`, newUri: `${WS}/${newRel}` }], neverCancelled);
  const after: Record<string, string> = {};
  for (const [uri, edits] of Object.entries(plan.edits)) after[uri.slice(WS.length + 1)] = applyEdits(files[uri], edits);
  return { plan, after };
}

const bodyOf = (text: string) => text.slice(text.indexOf('## TL;DR'));

describe('moving an article', () => {
  it('into another category folder: links to it in both conventions, its own links, its category', () => {
    const { plan, after } = moved('computer-science/go-language.md', 'history/go-language.md');
    assert.deepStrictEqual(Object.keys(after).sort(), ['computer-science/go-language.md', 'computer-science/python.md', 'computer-science/rust.md', 'history/computing.md']);
    // Site style (relative to a folder named after the article) stays site style; fragments and a missing .md stay.
    assert.strictEqual(bodyOf(after['computer-science/rust.md']), '## TL;DR\nRust.\n\n## Related Articles\n- [Go](../../history/go-language.md#intro) and [Go again](../../history/go-language)\n');
    // File-relative stays file-relative, with its ./ kept where it still fits.
    assert.strictEqual(bodyOf(after['computer-science/python.md']), '## TL;DR\nPython.\n\n## Related Articles\n- [Go](../history/go-language.md) (file-relative)\n- [Elsewhere](https://go.dev/)\n');
    assert.strictEqual(bodyOf(after['history/computing.md']), '## TL;DR\nOld.\n\n## Related Articles\n- [Go](../go-language.md)\n');
    // Edits to the moved file are keyed by its old uri (willRenameFiles applies them before the move).
    const self = after['computer-science/go-language.md'];
    assert.match(self, /\ncategory: history\n/);
    assert.strictEqual(bodyOf(self), '## TL;DR\nGo.\n\n## Related Articles\n- [Rust](../../computer-science/rust.md) and [Python](../computer-science/python.md#history)\n');
    assert.deepStrictEqual([plan.links, plan.files, plan.categories], [6, 4, 1]);
  });

  it('renamed within its folder: only the links change, the category stays', () => {
    const { plan, after } = moved('computer-science/go-language.md', 'computer-science/golang.md');
    assert.deepStrictEqual(Object.keys(after).sort(), ['computer-science/python.md', 'computer-science/rust.md', 'history/computing.md']);
    assert.strictEqual(bodyOf(after['computer-science/rust.md']), '## TL;DR\nRust.\n\n## Related Articles\n- [Go](../golang.md#intro) and [Go again](../golang)\n');
    assert.strictEqual(bodyOf(after['computer-science/python.md']), '## TL;DR\nPython.\n\n## Related Articles\n- [Go](./golang.md) (file-relative)\n- [Elsewhere](https://go.dev/)\n');
    assert.strictEqual(plan.categories, 0);
  });

  it('a folder move takes every article under it, and links between two moved articles follow both', () => {
    const ctx = contextWith(files);
    const plan = getMoveEdits(ctx, [{ oldUri: `${WS}/computer-science`, newUri: `${WS}/cs` }], neverCancelled);
    assert.deepStrictEqual(plan.moved.map((m) => m.newUri).sort(), [`${WS}/cs/go-language.md`, `${WS}/cs/python.md`, `${WS}/cs/rust.md`]);
    // Links among the three stay as they were (same relative places); the one from history follows; categories follow the folder.
    const rustAfter = applyEdits(files[`${WS}/computer-science/rust.md`], plan.edits[`${WS}/computer-science/rust.md`]);
    assert.strictEqual(bodyOf(rustAfter), bodyOf(rust));
    assert.match(rustAfter, /\ncategory: cs\n/);
    assert.strictEqual(bodyOf(applyEdits(history, plan.edits[`${WS}/history/computing.md`])), '## TL;DR\nOld.\n\n## Related Articles\n- [Go](../../cs/go-language.md)\n');
    assert.strictEqual(plan.categories, 3);
  });

  it('leaves the category alone when it did not follow the folder, or when the category-folder rule is off', () => {
    const own = { [`${WS}/misc/go.md`]: go };
    const a = getMoveEdits(contextWith(own), [{ oldUri: `${WS}/misc/go.md`, newUri: `${WS}/history/go.md` }], neverCancelled);
    assert.strictEqual(a.categories, 0);
    const ctx = contextWith(files);
    ctx.config.rules['category-folder'] = 'off';
    assert.strictEqual(getMoveEdits(ctx, [{ oldUri: `${WS}/computer-science/go-language.md`, newUri: `${WS}/history/go-language.md` }], neverCancelled).categories, 0);
  });
  it('reference-style links: the definition holds the target, and that is what is rewritten (a bracketed one too)', () => {
    const WITH_REFS = `${WS}/ai/refs.md`;
    const refs = validArticle({ body: '## TL;DR\nRefs.\n\n## Related Articles\n- [Go][go] and [the Go article][]\n\n[go]: ../computer-science/go-language.md "Go"\n[the Go article]: <../computer-science/go-language.md#intro>\n' });
    const ctx = contextWith({ ...files, [WITH_REFS]: refs });
    const plan = getMoveEdits(ctx, [{ oldUri: `${WS}/computer-science/go-language.md`, newUri: `${WS}/history/go-language.md` }], neverCancelled);
    assert.strictEqual(
      bodyOf(applyEdits(refs, plan.edits[WITH_REFS])),
      '## TL;DR\nRefs.\n\n## Related Articles\n- [Go][go] and [the Go article][]\n\n[go]: ../history/go-language.md "Go"\n[the Go article]: <../history/go-language.md#intro>\n',
    );
  });
});
