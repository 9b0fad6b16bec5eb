import { arxivUnresolvable } from './arxivUnresolvable';
import { doiUnresolvable } from './doiUnresolvable';
import type { Rule } from './rule';
import { sourceMoved } from './sourceMoved';
import { sourceRedirected } from './sourceRedirected';
import { sourceTitleMismatch } from './sourceTitleMismatch';
import { sourceUnreachable } from './sourceUnreachable';
import { sourceUnverified } from './sourceUnverified';
import { sourceYearMismatch } from './sourceYearMismatch';

/**
 * Rules fed by the verification report (`kart verify`, "Verify Sources"): they say nothing until a report is given,
 * and never go online themselves.
 */
export const verifyRules: readonly Rule[] = [sourceUnreachable, sourceMoved, sourceRedirected, doiUnresolvable, arxivUnresolvable, sourceTitleMismatch, sourceYearMismatch, sourceUnverified];
