import { aiModelsMissing } from './aiModelsMissing';
import { aiModelUnknown } from './aiModelUnknown';
import { articleIdDuplicate } from './articleIdDuplicate';
import { bodyFrontmatterKeys } from './bodyFrontmatterKeys';
import { categoryFolder } from './categoryFolder';
import { disableUnknownRule } from './disableUnknownRule';
import { disableUnused } from './disableUnused';
import { factIdReused } from './factIdReused';
import { frontmatterBlock } from './frontmatterBlock';
import { generationMethodConflict } from './generationMethodConflict';
import { linkBrokenArticle } from './linkBrokenArticle';
import { linkEmptyTarget } from './linkEmptyTarget';
import { mappedFactUnknown } from './mappedFactUnknown';
import { mappedFactUrlMismatch } from './mappedFactUrlMismatch';
import type { Rule } from './rule';
import { sectionMissing } from './sectionMissing';
import { sectionOrder } from './sectionOrder';
import { textMojibake } from './textMojibake';

/** Rules on the article as a whole, its body, and across the workspace, in the order docs/rules.md lists them. */
export const articleRules: readonly Rule[] = [
  frontmatterBlock,
  generationMethodConflict,
  aiModelsMissing,
  aiModelUnknown,
  bodyFrontmatterKeys,
  textMojibake,
  sectionMissing,
  sectionOrder,
  linkEmptyTarget,
  mappedFactUnknown,
  mappedFactUrlMismatch,
  categoryFolder,
  linkBrokenArticle,
  articleIdDuplicate,
  factIdReused,
  disableUnknownRule,
  disableUnused,
];
