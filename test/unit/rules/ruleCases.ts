import * as assert from 'assert';
import { applyEdits } from '../../../server/src/core/edits';
import type { Finding, Fix } from '../../../server/src/core/types';
import { findings, marked, type CheckOptions } from '../../helpers';

/** A marked document's text, without the marks. */
export const strip = (s: string) => marked(s).text;

/** The same text with CRLF line breaks. */
export const crlf = (s: string) => s.replace(/\n/g, '\r\n');

/** The FLAN paper as a primary_sources entry (validArticle's default fact cites it). */
export const FLAN_SOURCE = `  - title: Finetuned Language Models Are Zero-Shot Learners
    type: academic_paper
    year: 2022
    url: https://arxiv.org/abs/2109.01652
`;

/** The fix of a finding whose title contains `title` (the first fix when no title is given). */
export function fixOf(finding: Finding, title?: string): Fix {
  const fix = (finding.fixes ?? []).find((f) => title === undefined || f.title.includes(title));
  assert.ok(fix, `no fix${title ? ` "${title}"` : ''} on "${finding.message}"; fixes: ${JSON.stringify((finding.fixes ?? []).map((f) => f.title))}`);
  return fix;
}

/** The document after applying one fix of the `at`-th finding of a rule. */
export function applyFix(rule: string, text: string, options: CheckOptions & { title?: string; at?: number; safe?: boolean } = {}): string {
  const r = findings(rule, text, options);
  const finding = r.findings[options.at ?? 0];
  assert.ok(finding, `${rule} found nothing`);
  const fix = fixOf(finding, options.title);
  if (options.safe !== undefined) assert.strictEqual(fix.safe, options.safe, `"${fix.title}" safe`);
  return applyEdits(r.text, fix.edits);
}

/** The document after every safe fix of a rule, as `kart fix` applies them. */
export function applySafeFixes(rule: string, text: string, options: CheckOptions = {}): string {
  const r = findings(rule, text, options);
  return applyEdits(r.text, r.findings.flatMap((f) => (f.fixes ?? []).filter((x) => x.safe).slice(0, 1).flatMap((x) => x.edits)));
}

/** The messages of a rule on a document, for asserting wording. */
export function messages(rule: string, text: string, options: CheckOptions = {}): string[] {
  return findings(rule, text, options).findings.map((f) => f.message);
}
