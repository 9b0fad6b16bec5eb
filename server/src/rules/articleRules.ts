import type { Rule } from './rule';

/** Rules on the article as a whole, its body, and across the workspace, in the order docs/rules.md lists them. */
export const articleRules: readonly Rule[] = [];
