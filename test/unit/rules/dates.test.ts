import * as assert from 'assert';
import { describe, it } from 'node:test';
import { parseConfig } from '../../../server/src/config';
import { expectAt, findings, marked, validArticle } from '../../helpers';
import { applyFix, crlf } from './ruleCases';

const withDates = (dates: Record<string, string>) => {
  let text = validArticle({ fm: dates.updated ? `updated: ${dates.updated}\n` : '' });
  if (dates.last_verified) text = text.replace('last_verified: "2026-05-24"', `last_verified: ${dates.last_verified}`);
  if (dates.created_date) text = text.replace('created_date: "2026-05-24"', `created_date: ${dates.created_date}`);
  return text;
};

describe('date-future', () => {
  it('marks each date after today, with the likely typo as a fix', () => {
    const text = withDates({ created_date: '⟦"2062-05-24"⟧', last_verified: "⟦'2026-07-01'⟧" }).replace('title: "Test Article"', 'title: "测试 😀 Article"');
    const found = expectAt('date-future', text);
    assert.match(found[0].message, /last_verified 2026-07-01 is 30 days in the future \(today is 2026-06-01\)\.$/);
    assert.match(found[1].message, /created_date 2062-05-24 is \d+ days in the future .*did you mean 2026-05-24\?$/);
    const fixed = applyFix('date-future', text, { at: 1, title: 'Change to 2026-05-24', safe: false });
    assert.ok(fixed.includes('created_date: "2026-05-24"\n'), fixed);
    // The single quotes the author used stay.
    assert.ok(applyFix('date-future', text, { at: 0, title: 'today' }).includes("last_verified: '2026-06-01'\n"));
  });

  it('reads unquoted dates and CRLF documents with a BOM', () => {
    expectAt('date-future', '\ufeff' + crlf(withDates({ updated: '⟦2026-06-02⟧' })));
  });

  it('passes today and earlier days, and leaves invalid dates to date-invalid', () => {
    expectAt('date-future', withDates({ last_verified: '"2026-06-01"', updated: '"2026-02-30"' }));
    expectAt('date-future', withDates({ created_date: 'last week' }));
  });
});

describe('date-order', () => {
  it('marks updated and last_verified before created_date, pointing at created_date', () => {
    const source = withDates({ created_date: '⟦"2026-05-20"⟧', last_verified: '⟦"2026-05-19"⟧', updated: '⟦"2025-12-31"⟧' });
    const { ranges } = marked(source);
    const found = findings('date-order', source).findings;
    // In the document last_verified comes first, then created_date, then updated.
    assert.deepStrictEqual(found.map((f) => f.range), [ranges[0], ranges[2]]);
    assert.deepStrictEqual(found[0].related?.map((r) => r.range), [ranges[1]]);
    assert.strictEqual(found[1].message, 'updated 2025-12-31 is before created_date 2026-05-20: one of the two dates is wrong.');
    // Only the dates, not created_date itself, are findings.
    expectAt('date-order', withDates({ created_date: '"2026-05-20"', last_verified: '⟦"2026-05-19"⟧', updated: '⟦"2025-12-31"⟧' }));
  });

  it('passes the same day and later days, and a missing created_date', () => {
    expectAt('date-order', withDates({ updated: '"2026-05-24"', last_verified: '"2026-05-30"' }));
    expectAt('date-order', withDates({ updated: '"2020-01-01"' }).replace(/created_date: .*\n/, ''));
  });

  it('works in a CRLF file with emoji before the dates', () => {
    expectAt('date-order', crlf(withDates({ created_date: '"2026-05-20"', last_verified: '⟦"2026-05-19"⟧' })).replace('title: "Test Article"', 'title: "🧪 测试"'));
  });
});

describe('date-stale', () => {
  it('says how many days old last_verified is', () => {
    const text = withDates({ created_date: '"2024-01-01"', last_verified: '⟦"2025-01-01"⟧' });
    const found = expectAt('date-stale', text);
    assert.strictEqual(found[0].message, 'last_verified 2025-01-01 is 516 days ago, more than the 365 allowed: check the facts against their sources again and update it.');
    assert.strictEqual(found[0].severity, 'info');
  });

  it('follows staleAfterDays from the configuration', () => {
    const config = parseConfig('{"staleAfterDays": 7}');
    expectAt('date-stale', withDates({ last_verified: '⟦"2026-05-24"⟧' }), { config });
    expectAt('date-stale', withDates({ last_verified: '"2026-05-25"' }), { config });
  });

  it('passes a recent date and exactly the limit', () => {
    expectAt('date-stale', validArticle());
    expectAt('date-stale', withDates({ created_date: '"2025-01-01"', last_verified: '"2025-06-01"' }));
  });
});
