import type { Rule } from './rule';
import { citationUnknownFact } from './citationUnknownFact';
import { factDuplicateId } from './factDuplicateId';

/** Rules on facts, sources and dates, in the order docs/rules.md lists them. */
export const factRules: readonly Rule[] = [factDuplicateId, citationUnknownFact];
