// The JSON and SARIF reports are written a slice at a time, and read exactly as one JSON.stringify(…, null, 2).
import * as assert from 'assert';
import { describe, it } from 'node:test';
import { formatJson, formatSarif, jsonReport, type Located } from '../../server/src/cli/format';
import { allRules } from '../../server/src/rules';

function located(n: number): Located[] {
  return Array.from({ length: n }, (_, i) => ({
    finding: { rule: i % 3 ? 'schema-enum' : 'not-a-rule', severity: i % 2 ? 'warning' : 'error', message: `problem ${i}: "quoted"\\ \u2028 é`, range: { start: i, end: i + 1 }, ...(i % 5 ? {} : { fixable: true as const }) },
    path: `ai/a #${i}.md`,
    line: i + 1,
    column: 2,
    endLine: i + 1,
    endColumn: 9,
  }));
}

const summary = { files: 3, counts: { error: 1, warning: 2, info: 0, hint: 0 } };

describe('JSON and SARIF reports, a slice at a time', () => {
  for (const n of [0, 1, 2, 999, 1000, 1001, 2500]) {
    it(`${n} findings: the JSON report is JSON.stringify(report, null, 2), exactly`, () => {
      const items = located(n);
      const expected = JSON.stringify(
        {
          summary,
          problems: items.map((i) => ({ path: i.path, line: i.line, column: i.column, endLine: i.endLine, endColumn: i.endColumn, severity: i.finding.severity, rule: i.finding.rule, message: i.finding.message, fixable: i.finding.fixable === true })),
        },
        null,
        2,
      );
      assert.strictEqual(formatJson(items, summary), expected);
      const pieces = [...jsonReport(items, summary)];
      assert.ok(pieces.length <= 2 + Math.ceil(n / 1000), `${pieces.length} pieces`);
    });

    it(`${n} findings: the SARIF log is one JSON.stringify(log, null, 2), with every result`, () => {
      const text = formatSarif(located(n), allRules, '1.2.3', 'file:///work/kb');
      const log = JSON.parse(text);
      assert.strictEqual(text, JSON.stringify(log, null, 2));
      assert.strictEqual(log.runs[0].results.length, n);
      if (n) assert.deepStrictEqual(log.runs[0].results[n - 1].locations[0].physicalLocation.artifactLocation, { uri: `ai/a%20%23${n - 1}.md`, uriBaseId: '%SRCROOT%' });
      if (n > 1) assert.strictEqual(log.runs[0].results[1].ruleId, 'schema-enum');
    });
  }
});
