/** The shipped schemas are JSON Schema draft-07 through and through, as they declare and docs/yaml-extension.md says. */
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import * as assert from 'assert';
import { readFileSync } from 'fs';
import { describe, it } from 'node:test';
import { join } from 'path';

const repo = join(__dirname, '../../..');
const SCHEMAS = ['schemas/article.schema.json', 'schemas/kart-config.schema.json'];
const DRAFT_07 = 'http://json-schema.org/draft-07/schema#';
// Keywords of drafts 2019-09 and 2020-12 that draft-07 does not have.
const LATER = ['$defs', '$anchor', '$dynamicRef', '$dynamicAnchor', '$recursiveRef', '$recursiveAnchor', '$vocabulary', 'prefixItems', 'unevaluatedProperties', 'unevaluatedItems', 'dependentRequired', 'dependentSchemas', 'minContains', 'maxContains'];
// Where keys are names (of properties, definitions) or data, not keywords.
const NOT_KEYWORDS = new Set(['properties', 'patternProperties', 'definitions', 'default', 'examples', 'enum', 'const']);

/** Every keyword used anywhere in a schema, with its JSON pointer. */
function keywords(node: unknown, at = '#'): [string, string][] {
  if (Array.isArray(node)) return node.flatMap((n, i) => keywords(n, `${at}/${i}`));
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([k, v]): [string, string][] => {
    const here: [string, string] = [k, `${at}/${k}`];
    if (NOT_KEYWORDS.has(k)) {
      if (k === 'properties' || k === 'patternProperties' || k === 'definitions') return [here, ...Object.entries(v as object).flatMap(([name, sub]) => keywords(sub, `${at}/${k}/${name}`))];
      return [here];
    }
    return [here, ...keywords(v, `${at}/${k}`)];
  });
}

describe('the shipped JSON schemas', () => {
  for (const file of SCHEMAS) {
    const schema = JSON.parse(readFileSync(join(repo, file), 'utf8'));

    it(`${file} declares draft-07 and uses no keyword of a later draft`, () => {
      assert.strictEqual(schema.$schema, DRAFT_07);
      const later = keywords(schema).filter(([k]) => LATER.includes(k));
      assert.deepStrictEqual(later, []);
    });

    it(`${file} compiles in Ajv's draft-07 mode with every keyword known (strict)`, () => {
      const ajv = new Ajv({ strictSchema: true, strictTypes: false, strictTuples: false, strictRequired: false, allowUnionTypes: true });
      addFormats(ajv);
      ajv.addFormat('http-url', true); // the server's own format (server/src/schema/articleSchema.ts)
      assert.doesNotThrow(() => ajv.compile(schema));
    });
  }

  it('the keyword walk finds a later-draft keyword when there is one (the check can fail)', () => {
    const found = keywords({ properties: { $defs: { type: 'string' } }, items: { prefixItems: [] } }).filter(([k]) => LATER.includes(k));
    assert.deepStrictEqual(found, [['prefixItems', '#/items/prefixItems']]);
  });

  it('docs/yaml-extension.md names the draft they declare', () => {
    const doc = readFileSync(join(repo, 'docs/yaml-extension.md'), 'utf8');
    assert.ok(doc.includes('JSON Schema (draft-07'), 'the doc says draft-07');
    assert.ok(!/2019-09|2020-12/.test(doc), 'the doc names no later draft');
  });
});
