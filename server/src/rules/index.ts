import type { Rule } from './rule';
import { articleRules } from './articleRules';
import { dateInvalid } from './dateInvalid';
import { factRules } from './factRules';
import { schemaEnum } from './schemaEnum';
import { schemaRequired } from './schemaRequired';
import { schemaType } from './schemaType';
import { schemaUnknownKey } from './schemaUnknownKey';
import { schemaValue } from './schemaValue';
import { urlMalformed } from './urlMalformed';
import { verifyRules } from './verifyRules';
import { yamlDuplicateKey } from './yamlDuplicateKey';
import { yamlSyntax } from './yamlSyntax';

const frontmatterRules: readonly Rule[] = [yamlSyntax, yamlDuplicateKey, schemaRequired, schemaUnknownKey, schemaType, schemaEnum, schemaValue, dateInvalid, urlMalformed];

/** Every rule, in the order their findings are documented. */
export const allRules: readonly Rule[] = [...frontmatterRules, ...factRules, ...articleRules, ...verifyRules];

export function ruleById(id: string): Rule | undefined {
  return allRules.find((r) => r.id === id);
}
