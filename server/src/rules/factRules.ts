import type { Rule } from './rule';
import { citationUnknownFact } from './citationUnknownFact';
import { confidenceUnsupported } from './confidenceUnsupported';
import { dateFuture } from './dateFuture';
import { dateOrder } from './dateOrder';
import { dateStale } from './dateStale';
import { disputedGeneric } from './disputedGeneric';
import { factDuplicateId } from './factDuplicateId';
import { factIdStyle } from './factIdStyle';
import { factNoSourceLink } from './factNoSourceLink';
import { factSourceTitleMismatch } from './factSourceTitleMismatch';
import { factSourceUnlisted } from './factSourceUnlisted';
import { factStatementBroken } from './factStatementBroken';
import { factUncited } from './factUncited';
import { placeholderText } from './placeholderText';
import { sourceDuplicate } from './sourceDuplicate';
import { sourceHomepage } from './sourceHomepage';
import { sourceHomepageUnused } from './sourceHomepageUnused';
import { sourceInBothLists } from './sourceInBothLists';
import { sourceNoLink } from './sourceNoLink';
import { sourceUnused } from './sourceUnused';
import { sourceYearAfterCreated } from './sourceYearAfterCreated';
import { sourceYearFuture } from './sourceYearFuture';

/** Rules on dates, facts and sources, in the order docs/rules.md lists them. */
export const factRules: readonly Rule[] = [
  dateFuture,
  dateOrder,
  dateStale,
  factDuplicateId,
  factIdStyle,
  citationUnknownFact,
  factUncited,
  factSourceUnlisted,
  factSourceTitleMismatch,
  factNoSourceLink,
  factStatementBroken,
  placeholderText,
  disputedGeneric,
  sourceUnused,
  sourceDuplicate,
  sourceInBothLists,
  sourceNoLink,
  sourceHomepage,
  sourceHomepageUnused,
  sourceYearFuture,
  sourceYearAfterCreated,
  confidenceUnsupported,
];
