import * as assert from 'assert';
import { describe, it } from 'node:test';
import { expectAt, findings, validArticle } from '../../helpers';
import { applyFix, applySafeFixes, crlf } from './ruleCases';

const v = validArticle;

describe('schema-required', () => {
  it('marks a missing top-level field on the opening --- and adds it with a placeholder', () => {
    const text = v().replace('---\nid:', '⟦---⟧\nid:').replace('created_date: "2026-05-24"\n', '');
    const found = expectAt('schema-required', text);
    assert.strictEqual(found[0].message, 'Missing required field "created_date". When the article was first written (`YYYY-MM-DD`).');
    const fixed = applyFix('schema-required', text, { safe: false });
    assert.ok(fixed.includes('    institution: Google\ncreated_date: "2026-06-01"\n---\n'), fixed);
    expectAt('schema-required', fixed);
  });

  it('marks a missing fact or source field on the item\'s first key and inserts it with the item\'s indentation', () => {
    const text = v({ facts: '  - ⟦id⟧: f1\n    statement: 😀 指令 A.\n    source_url: https://arxiv.org/abs/2109.01652\n' });
    expectAt('schema-required', text);
    const fixed = applyFix('schema-required', text);
    assert.ok(fixed.includes('    source_url: https://arxiv.org/abs/2109.01652\n    source_title: Title of the Source\nprimary_sources:'), fixed);
    const sources = crlf(v({ sources: '  - ⟦title⟧: T\n    url: https://x.org/a\n' }));
    expectAt('schema-required', sources);
    assert.ok(applyFix('schema-required', sources).includes('    url: https://x.org/a\r\n    type: documentation\r\n---'));
  });

  it('adds a missing primary_sources as a list, which YAML reads back as one', () => {
    const text = '---\nid: x\ntitle: X\nschema_type: Article\ncategory: ai\nlanguage: en\nconfidence: low\nlast_verified: "2026-05-24"\ncreated_date: "2026-05-24"\ngeneration_method: human_only\natomic_facts: []\n---\n';
    const fixed = applyFix('schema-required', text);
    assert.ok(fixed.includes('\nprimary_sources: []\n---'), fixed);
    assert.deepStrictEqual(findings('schema-type', fixed).findings, []);
  });

  it('passes a complete article and never crashes on a flow item', () => {
    expectAt('schema-required', v());
    const flow = expectAt('schema-required', v({ sources: '  - {⟦title⟧: T, url: "https://x.org/a"}\n' }));
    assert.strictEqual(flow[0].fixes, undefined);
  });
});

describe('schema-unknown-key', () => {
  it('marks an unknown key with a did-you-mean rename, in a fact, after emoji', () => {
    const text = v({ facts: '  - id: f1\n    source_title: 😀 指令\n    ⟦statment⟧: B.\n' });
    const found = expectAt('schema-unknown-key', text);
    assert.strictEqual(found[0].message, 'Unknown key "statment" in fact f1: did you mean "statement"?');
    const fixed = applySafeFixes('schema-unknown-key', text);
    assert.ok(fixed.includes('    statement: B.\n'));
    expectAt('schema-unknown-key', fixed);
  });

  it('lists the known keys when nothing is close or the close key is taken, and names retired keys', () => {
    const found = expectAt('schema-unknown-key', crlf(v({ fm: '⟦zzzz⟧: 1\n⟦ai_citations⟧: []\n⟦titel⟧: Again\n' })));
    assert.match(found[0].message, /^Unknown key "zzzz"\. Known keys here: id, title,/);
    assert.strictEqual(found[1].message, '"ai_citations" is from an older version of the format and is no longer read.');
    assert.match(found[2].message, /^Unknown key "titel"\. Known keys here/);
    assert.strictEqual(found[2].fixes, undefined);
  });

  it('passes known keys', () => {
    expectAt('schema-unknown-key', v({ fm: 'slug: x\nstatus: draft\nupdated: "2026-05-24"\n' }));
  });
});

describe('schema-type', () => {
  it('marks text where a list belongs and makes it a list of one', () => {
    const text = v().replace('ai_models:\n  - claude-opus\n', 'ai_models: ⟦claude-opus⟧\n');
    const found = expectAt('schema-type', text);
    assert.strictEqual(found[0].message, '"ai_models" should be a list, not text.');
    const fixed = applySafeFixes('schema-type', text);
    assert.ok(fixed.includes('ai_models: ["claude-opus"]\n'));
    expectAt('schema-type', fixed);
  });

  it('marks a quoted year and writes the number, in CRLF with a BOM', () => {
    const text = '\ufeff' + crlf(v({ sources: '  - title: 论文 😀\n    type: book\n    year: ⟦"2022"⟧\n    url: https://arxiv.org/abs/2109.01652\n' }));
    expectAt('schema-type', text);
    assert.ok(applySafeFixes('schema-type', text).includes('\r\n    year: 2022\r\n'));
  });

  it('marks an empty value on its key and a string where a fact belongs', () => {
    const found = expectAt('schema-type', v({ fm: '⟦known_gaps⟧:\n', facts: '  - ⟦just a string⟧\n' }));
    assert.deepStrictEqual(found.map((f) => f.message), ['"known_gaps" is empty: it should be a list.', 'fact 1 should be a mapping, not text.']);
  });

  it('passes the right kinds', () => {
    expectAt('schema-type', v({ fm: 'completeness: 0.9\nis_live_document: false\nknown_gaps: []\n' }));
  });
});

describe('schema-enum', () => {
  it('marks a value off the list with a did-you-mean fix', () => {
    const text = v().replace('confidence: medium', 'confidence: ⟦Medium⟧').replace('generation_method: ai_assisted', 'generation_method: ⟦ai-assisted⟧');
    const found = expectAt('schema-enum', text);
    assert.strictEqual(found[0].message, '"Medium" is not a valid confidence: did you mean "medium"? Allowed: low, medium, high.');
    const fixed = applySafeFixes('schema-enum', text);
    assert.ok(fixed.includes('confidence: medium\n') && fixed.includes('generation_method: ai_assisted\n'));
    expectAt('schema-enum', fixed);
  });

  it('names a number too large to hold (1e999999, .inf) as written, not as "null"', () => {
    const found = expectAt('schema-enum', v().replace('confidence: medium', 'confidence: ⟦1e999999⟧'));
    assert.strictEqual(found[0].message, '"1e999999" is not a valid confidence. Allowed: low, medium, high.');
    const inf = expectAt('schema-enum', v().replace('confidence: medium', 'confidence: ⟦-.inf⟧'));
    assert.strictEqual(inf[0].message, '"-.inf" is not a valid confidence. Allowed: low, medium, high.');
  });

  it('offers every value, on request, when none is close; works in facts and CRLF', () => {
    const text = crlf(v({ facts: '  - id: f1\n    statement: 😀 A.\n    source_title: T\n    source_url: https://arxiv.org/abs/2109.01652\n    confidence: ⟦sure⟧\n' }));
    const found = expectAt('schema-enum', text);
    assert.deepStrictEqual(found[0].fixes?.map((f) => [f.title, f.safe]), [['Change to "low"', false], ['Change to "high"', false], ['Change to "medium"', false]]);
    assert.ok(applyFix('schema-enum', text, { title: 'high' }).includes('    confidence: high\r\n'));
  });

  it('counts a swap of two letters as one edit: "hgih" means high, named in the message, its fix preferred and first', () => {
    const text = v({ facts: '  - id: f1\n    statement: A.\n  - id: f2\n    statement: B.\n    confidence: ⟦hgih⟧\n' });
    const found = expectAt('schema-enum', text);
    assert.strictEqual(found[0].message, 'fact f2: "hgih" is not a valid confidence: did you mean "high"? Allowed: low, medium, high.');
    assert.deepStrictEqual(found[0].fixes?.map((f) => [f.title, f.preferred, f.safe]), [
      ['Change to "high"', true, true],
      ['Change to "low"', false, false],
      ['Change to "medium"', false, false],
    ]);
    assert.ok(applySafeFixes('schema-enum', text).includes('    confidence: high\n'));
  });

  it('passes allowed values', () => {
    expectAt('schema-enum', v({ fm: 'status: draft\n' }));
  });
});

describe('schema-value', () => {
  it('marks an empty id, a bad language tag and a completeness above 1', () => {
    const text = v({ fm: 'completeness: ⟦90⟧\n' }).replace('id: test-article', 'id: ⟦""⟧').replace('language: en', 'language: ⟦english⟧');
    const found = expectAt('schema-value', text);
    assert.deepStrictEqual(found.map((f) => f.message), ['"id" is empty.', '"language" should be a BCP 47 language tag such as en, zh or pt-BR.', '"completeness" must be <= 1.']);
  });

  it('marks an empty primary_sources list, in CRLF with emoji before it', () => {
    expectAt('schema-value', crlf(v({ fm: 'data_period: 😀\n', sources: '' }).replace('primary_sources:\n---', 'primary_sources: ⟦[]⟧\n---')));
  });

  it('passes values within limits', () => {
    expectAt('schema-value', v({ fm: 'completeness: 1\n' }).replace('language: en', 'language: pt-BR'));
  });
});

describe('date-invalid', () => {
  it('marks an impossible day and a date written another way, normalising the latter', () => {
    const text = v().replace('created_date: "2026-05-24"', 'created_date: ⟦"2026-02-30"⟧').replace('last_verified: "2026-05-24"', 'last_verified: ⟦2026/5/3⟧');
    const found = expectAt('date-invalid', text);
    assert.deepStrictEqual(found.map((f) => f.message), ['"2026/5/3" is not written as YYYY-MM-DD: write "2026-05-03".', '"created_date": 2026-02-30 is not a day of the calendar.']);
    const fixed = applySafeFixes('date-invalid', text);
    assert.ok(fixed.includes('last_verified: "2026-05-03"\n'));
    assert.strictEqual(applySafeFixes('date-invalid', fixed), fixed);
  });

  it('marks words and timestamps, in CRLF files with a BOM and emoji', () => {
    const text = '\ufeff' + crlf(v({ fm: 'data_period: 😀\nupdated: ⟦last week⟧\n' }));
    expectAt('date-invalid', text);
    expectAt('date-invalid', v({ fm: 'updated: ⟦2026-05-24T10:00:00Z⟧\n' }));
  });

  it('passes real days', () => {
    expectAt('date-invalid', v({ fm: "updated: '2024-02-29'\n" }));
  });
});

describe('url-malformed', () => {
  it('marks an address without a scheme and adds https:// on request', () => {
    const text = v({ sources: '  - title: 论文 😀\n    type: book\n    url: ⟦arxiv.org/abs/2109.01652⟧\n' });
    const found = expectAt('url-malformed', text);
    assert.strictEqual(found[0].message, '"primary_sources[0].url" lacks its scheme: write "https://arxiv.org/abs/2109.01652".');
    assert.ok(applyFix('url-malformed', text, { safe: false }).includes('    url: https://arxiv.org/abs/2109.01652\n'));
  });

  it('trims white space safely, and marks `undefined` and ftp addresses, in CRLF', () => {
    const text = crlf(v({ facts: '  - id: f1\n    statement: A.\n    source_title: T\n    source_url: ⟦undefined⟧\n', sources: '  - title: T\n    type: book\n    url: ⟦" https://arxiv.org/abs/2109.01652 "⟧\n  - title: U\n    type: book\n    url: ⟦ftp://x.org/a⟧\n' }));
    const found = expectAt('url-malformed', text);
    assert.strictEqual(found[0].message, 'fact f1: "source_url" is not a valid http(s) URL: "undefined".');
    assert.ok(applySafeFixes('url-malformed', text).includes('    url: https://arxiv.org/abs/2109.01652\r\n'));
  });

  it('passes full addresses', () => {
    expectAt('url-malformed', v());
  });
});
