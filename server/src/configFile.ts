/**
 * One configuration file's text read as JSONC (comments allowed): its data, and what is wrong with it at the place
 * where it is wrong (offsets into the file), so that `kart check` and the editor can point at it.
 */
import Ajv from 'ajv';
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import configSchema from '../../schemas/kart-config.schema.json';
import { closest } from './core/text';

export interface ConfigProblem {
  message: string;
  /** The configuration file the problem is in (a URI or path), when known. */
  uri?: string;
  /** Offset in that file, when known. */
  offset?: number;
  length?: number;
}

export interface ConfigLayer {
  /** The file's data; empty when it is not an object. */
  raw: Record<string, unknown>;
  problems: ConfigProblem[];
  /** Where the value at a path is in the file (the key's place with `key`), for problems found later. */
  placeOf(path: (string | number)[], key?: boolean): { offset: number; length: number } | undefined;
}

/** The parse errors of jsonc-parser, said as a person would. */
const SYNTAX: Record<string, string> = {
  InvalidSymbol: 'an unexpected character',
  InvalidNumberFormat: 'a malformed number',
  PropertyNameExpected: 'a property name (in double quotes) is expected',
  ValueExpected: 'a value is expected',
  ColonExpected: 'a colon is expected',
  CommaExpected: 'a comma is expected',
  CloseBraceExpected: 'a closing brace } is expected',
  CloseBracketExpected: 'a closing bracket ] is expected',
  EndOfFileExpected: 'nothing more is expected after the closing brace',
  InvalidCommentToken: 'a malformed comment',
  UnexpectedEndOfComment: 'a comment is not closed',
  UnexpectedEndOfString: 'a string is not closed',
  UnexpectedEndOfNumber: 'a number is cut short',
  InvalidUnicode: 'a malformed \\u escape',
  InvalidEscapeCharacter: 'a malformed escape',
  InvalidCharacter: 'a character not allowed in a string',
};

let validate: ReturnType<Ajv['compile']> | undefined;

const settingNames = Object.keys((configSchema as { properties: Record<string, unknown> }).properties);

/** The key of the property holding the node at `path`, or the node itself: where a problem about it is shown. */
function placeOf(tree: JsonNode | undefined, path: (string | number)[], key = false): { offset: number; length: number } | undefined {
  if (!tree) return undefined;
  const node = findNodeAtLocation(tree, path);
  if (!node) return undefined;
  const keyNode = key && node.parent?.type === 'property' ? node.parent.children?.[0] : undefined;
  const at = keyNode ?? node;
  return { offset: at.offset, length: at.length };
}

const pathText = (path: (string | number)[]) => path.map((p) => (typeof p === 'number' ? `[${p}]` : p)).join('.').replace(/\.\[/g, '[');

/**
 * Reads one configuration file. `ruleIds` are the rules a `rules` key may name: another name is reported with the
 * closest one. Never throws.
 */
export function readConfigLayer(text: string | undefined, ruleIds: readonly string[], uri?: string): ConfigLayer {
  const problems: ConfigProblem[] = [];
  const nowhere = () => undefined;
  if (text === undefined || text.trim() === '') return { raw: {}, problems, placeOf: nowhere };
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: false, disallowComments: false });
  // The first syntax error only: the ones after it mostly follow from it.
  for (const e of errors.slice(0, 1)) {
    problems.push({ uri, offset: e.offset, length: Math.max(1, e.length), message: `not valid JSON: ${SYNTAX[printParseErrorCode(e.error)] ?? printParseErrorCode(e.error)}` });
  }
  if (errors.length) return { raw: {}, problems, placeOf: nowhere };
  if (!tree || tree.type !== 'object') {
    problems.push({ uri, offset: tree?.offset ?? 0, length: tree?.length ?? 1, message: 'the configuration must be an object ({ … })' });
    return { raw: {}, problems, placeOf: nowhere };
  }
  // The data from the tree: parse() would read the text a second time.
  const raw = valueOf(tree) as Record<string, unknown>;
  validate ??= new Ajv({ allErrors: true, strict: false }).compile(configSchema);
  if (!validate(raw)) {
    for (const e of validate.errors ?? []) {
      const path = e.instancePath
        .split('/')
        .slice(1)
        .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
      if (e.keyword === 'additionalProperties') {
        const name = (e.params as { additionalProperty: string }).additionalProperty;
        const where = path.length ? ` in ${pathText(path)}` : '';
        const suggestion = path.length === 0 ? closest(name, settingNames) : undefined;
        problems.push({ uri, ...placeOf(tree, [...path, name], true), message: `unknown setting "${name}"${where}${suggestion ? `: did you mean "${suggestion}"?` : ''}` });
        continue;
      }
      // A rule's severity outside the enum: its own message below says which severities there are.
      if (path[0] === 'rules' && path.length === 2 && e.keyword === 'enum') {
        problems.push({ uri, ...placeOf(tree, path), message: `rules.${path[1]}: ${JSON.stringify(raw.rules && (raw.rules as Record<string, unknown>)[path[1]])} is not a severity (off, hint, info, warning or error)` });
        continue;
      }
      const allowed = e.keyword === 'enum' ? ` (${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')})` : '';
      problems.push({ uri, ...placeOf(tree, path), message: `${path.length ? `${pathText(path)}: ` : ''}${e.message}${allowed}` });
    }
  }
  const rules = raw.rules;
  if (rules && typeof rules === 'object' && !Array.isArray(rules)) {
    for (const id of Object.keys(rules)) {
      if (ruleIds.includes(id)) continue;
      const suggestion = closest(id, ruleIds);
      problems.push({ uri, ...placeOf(tree, ['rules', id], true), message: `unknown rule "${id}" in rules${suggestion ? `: did you mean "${suggestion}"?` : ''}` });
    }
  }
  return { raw, problems, placeOf: (path, key) => placeOf(tree, path, key) };
}

function valueOf(node: JsonNode): unknown {
  switch (node.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const p of node.children ?? []) {
        const [k, v] = p.children ?? [];
        // A key like __proto__ stays a plain key.
        if (k && v) Object.defineProperty(out, k.value as string, { value: valueOf(v), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    case 'array':
      return (node.children ?? []).map(valueOf);
    default:
      return node.value;
  }
}
