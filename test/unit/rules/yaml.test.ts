import * as assert from 'assert';
import { describe, it } from 'node:test';
import { expectAt, findings, validArticle } from '../../helpers';
import { applyFix, crlf } from './ruleCases';


describe('yaml-syntax', () => {
  it('marks a missing space after a colon on the key, once, and its fix makes valid YAML', () => {
    const text = validArticle().replace('id: test-article', '⟦id:⟧"kb-2026-00388"').replace('title: "Test Article"', 'title: 测试 😀');
    const found = expectAt('yaml-syntax', text);
    assert.strictEqual(found[0].message, 'Missing space after the colon: YAML reads "id:"kb-2026-00388"" as one word, not as the key "id" and a value.');
    const fixed = applyFix('yaml-syntax', text, { safe: true });
    assert.ok(fixed.startsWith('---\nid: "kb-2026-00388"\n'));
    expectAt('yaml-syntax', fixed);
  });

  it('finds the missing space after emoji and CJK lines, in a flow list, and in CRLF files with a BOM', () => {
    expectAt('yaml-syntax', validArticle({ fm: '⟦ai_models:⟧["claude-opus"]\n' }).replace('title: "Test Article"', 'title: "😀 指令"'));
    const text = '\ufeff' + crlf(validArticle({ fm: '⟦data_period:⟧static\n' }));
    expectAt('yaml-syntax', text);
    const fixed = applyFix('yaml-syntax', text);
    assert.ok(fixed.includes('\r\ndata_period: static\r\n'));
  });

  it('marks an unclosed quote where it opens, not at the end of the frontmatter', () => {
    const found = expectAt('yaml-syntax', validArticle().replace('title: "Test Article"', 'title: ⟦"Test 😀 Article⟧'));
    assert.strictEqual(found[0].message, 'A quoted string is never closed: add the closing quote.');
    expectAt('yaml-syntax', validArticle({ fm: "conflict_of_interest: ⟦'none''s declared⟧\n" }));
    // A quoted string that legally runs over two lines is not the one reported.
    expectAt('yaml-syntax', validArticle({ fm: 'data_period: "static\n  still"\nconflict_of_interest: ⟦"none⟧\n' }));
  });

  it('says a frontmatter nested 10,000 deep is too deep, not "Maximum call stack size exceeded"', () => {
    for (const fm of [`deep: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`, `deep: ${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}\n`]) {
      const found = findings('yaml-syntax', validArticle({ fm })).findings;
      assert.deepStrictEqual(
        found.map((f) => f.message),
        ['The frontmatter nests too deeply to be read (lists or mappings inside one another thousands of levels deep): flatten it.'],
      );
    }
  });

  it('marks tab indentation on the tab', () => {
    const found = expectAt('yaml-syntax', validArticle({ facts: '⟦\t⟧- id: f1\n' }));
    assert.strictEqual(found[0].message, 'Tabs cannot indent YAML: indent with spaces.');
  });

  it('marks a badly indented line as a whole', () => {
    const found = expectAt('yaml-syntax', validArticle({ facts: '  - id: f1\n   ⟦statement: 缩进 bad indent⟧\n' }));
    assert.match(found[0].message, /indented like a list item but does not start with "- "/);
    expectAt('yaml-syntax', validArticle({ fm: 'data_period: static\n  ⟦is_live_document: false⟧\n' }));
    expectAt('yaml-syntax', crlf(validArticle({ fm: 'extra:\n  a: 1\n ⟦b: 2⟧\n' })));
  });

  it('explains a frontmatter that is not a mapping and an alias with no anchor', () => {
    expectAt('yaml-syntax', '⟦---⟧\n- a\n- b\n---\n');
    const found = expectAt('yaml-syntax', validArticle({ fm: 'data_period: ⟦*period⟧\n' }));
    assert.strictEqual(found[0].message, 'The alias *period names no anchor: define &period before it, or write the value itself.');
  });

  it('passes valid frontmatter, anchors that resolve, and documents without frontmatter', () => {
    expectAt('yaml-syntax', validArticle());
    expectAt('yaml-syntax', validArticle({ fm: 'data_period: &p static\nconflict_of_interest: *p\n' }));
    expectAt('yaml-syntax', '# README\n\nNo frontmatter here.\n');
    expectAt('yaml-syntax', '\ufeff' + crlf(validArticle()));
  });
});

describe('yaml-duplicate-key', () => {
  it('marks the repeated key, at any depth, after emoji', () => {
    const found = expectAt('yaml-duplicate-key', validArticle({ fm: '⟦title⟧: 😀 Again\n', facts: '  - id: f1\n    statement: A.\n    ⟦id⟧: f2\n' }));
    assert.strictEqual(found[0].message, 'The key "title" is already set above in this mapping; remove one of them.');
  });

  it('marks only the key word, quoted or followed by a space, in CRLF files', () => {
    const found = expectAt('yaml-duplicate-key', crlf(validArticle({ fm: '⟦title⟧ : Again\n⟦"category"⟧: ai\n' })));
    assert.deepStrictEqual(found.map((f) => f.message.split(' is ')[0]), ['The key "title"', 'The key "category"']);
  });

  it('passes keys that repeat only across mappings', () => {
    expectAt('yaml-duplicate-key', validArticle({ facts: '  - id: f1\n    statement: A.\n  - id: f2\n    statement: B.\n' }));
    assert.strictEqual(findings('yaml-syntax', validArticle({ fm: 'title: Again\n' })).findings.length, 0, 'a duplicate key is not also a syntax error');
  });
});
