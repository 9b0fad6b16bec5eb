// Words for a verification result, shared by the findings, the hover and the CLI.
import type { VerifyResult } from './report';

/** `2026-12-01` of a result's ISO time. */
export const checkedDay = (r: VerifyResult) => r.checkedAt.slice(0, 10);

/** "checked 2026-12-01" or "checked 2026-12-01 by AnchorFact". */
export const checkedOn = (r: VerifyResult) => `checked ${checkedDay(r)}${r.from === 'anchorfact' ? ' by AnchorFact' : ''}`;

/** The last redirect's status, for "moved (301)". */
export const lastRedirectStatus = (r: VerifyResult) => r.redirects?.[r.redirects.length - 1]?.status;

/** One line on what was found, for a hover. */
export function describeResult(r: VerifyResult): string {
  const what = r.kind === 'url' ? 'reachable' : 'registered';
  if (r.status === 'dead') return `dead: ${r.reason ?? (r.kind === 'url' ? 'not found' : 'not registered')}`;
  if (r.status === 'unknown') return `could not verify: ${r.reason ?? 'no answer'}`;
  let s = r.httpStatus ? `${what} (${r.httpStatus})` : what;
  if (r.movedTo) s += `, moved permanently to ${r.movedTo}`;
  else if (r.finalUrl && r.redirects?.length) s += `, redirects to ${r.finalUrl}`;
  if (r.title) s += `; registered title "${r.title}"`;
  if (r.years?.length) s += `, ${r.years[0]}`;
  return s;
}
