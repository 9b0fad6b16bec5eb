import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { linearRegExpEngine } from '../safePatterns';
import shipped from '../../../schemas/article.schema.json';

export type JsonPath = (string | number)[];

export interface SchemaIssue {
  keyword: string;
  /** Where the offending value is (for `required` and `additionalProperties`: the object). */
  path: JsonPath;
  params: Record<string, unknown>;
  message: string;
}

export interface SchemaNode {
  description?: string;
  type?: string | string[];
  enum?: unknown[];
  examples?: unknown[];
  format?: string;
  required?: string[];
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  additionalProperties?: boolean | SchemaNode;
  $ref?: string;
  [key: string]: unknown;
}

export function isHttpUrl(value: string): boolean {
  if (!/^https?:\/\//i.test(value) || /\s/.test(value)) return false;
  try {
    const u = new URL(value);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname.includes('.') || u.hostname === 'localhost';
  } catch {
    return false;
  }
}

function mergeObjectSchema(base: SchemaNode, extra: SchemaNode): SchemaNode {
  const merged: SchemaNode = { ...base };
  if (extra.properties) merged.properties = { ...base.properties, ...extra.properties };
  if (extra.required) merged.required = [...new Set([...(base.required ?? []), ...extra.required])];
  const rest = Object.fromEntries(Object.entries(extra).filter(([k]) => !['properties', 'required', 'definitions', '$schema', '$id', 'title', 'description'].includes(k)));
  if (Object.keys(rest).length) merged.allOf = [...((base.allOf as unknown[]) ?? []), rest];
  return merged;
}

/**
 * The shipped schema, optionally extended by a project's own: its properties and required fields are added at the
 * top level and to the definitions it names (`fact`, `source`, `disputed`).
 */
export function extendSchema(base: SchemaNode, extra: SchemaNode | undefined): SchemaNode {
  if (!extra) return base;
  const merged = mergeObjectSchema(base, extra);
  const defs = { ...(base.definitions as Record<string, SchemaNode>) };
  for (const [name, def] of Object.entries((extra.definitions as Record<string, SchemaNode>) ?? {})) {
    defs[name] = defs[name] ? mergeObjectSchema(defs[name], def) : def;
  }
  merged.definitions = defs;
  return merged;
}

function compile(json: SchemaNode): ValidateFunction {
  // Every `pattern` runs in linear time: a project's extra schema cannot hang the person who checks it.
  const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true, code: { regExp: linearRegExpEngine } });
  addFormats(ajv, ['date', 'uri', 'email']);
  ajv.addFormat('http-url', isHttpUrl);
  return ajv.compile(json);
}

export class ArticleSchema {
  readonly json: SchemaNode;
  private compiled: ValidateFunction | undefined;

  constructor(extra?: SchemaNode) {
    this.json = extendSchema(shipped as SchemaNode, extra);
    // A project's extra schema is compiled at once, so that a broken one is a configuration problem; the shipped one
    // waits until something is validated (a `kart check` whose results are all cached never needs it).
    if (extra) this.compiled = compile(this.json);
  }

  private get validator(): ValidateFunction {
    return (this.compiled ??= compile(this.json));
  }

  validate(data: unknown): SchemaIssue[] {
    if (this.validator(data)) return [];
    return (this.validator.errors ?? []).map((e: ErrorObject) => ({
      keyword: e.keyword,
      path: e.instancePath
        .split('/')
        .slice(1)
        .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
        .map((s) => (/^\d+$/.test(s) ? Number(s) : s)),
      params: e.params as Record<string, unknown>,
      message: e.message ?? e.keyword,
    }));
  }

  private resolve(node: SchemaNode | undefined): SchemaNode | undefined {
    let n = node;
    for (let i = 0; n?.$ref && i < 8; i++) {
      const name = n.$ref.replace('#/definitions/', '');
      n = (this.json.definitions as Record<string, SchemaNode>)[name];
    }
    return n;
  }

  /** The schema of the value at a path, e.g. `['atomic_facts', 0, 'confidence']`. */
  at(path: JsonPath): SchemaNode | undefined {
    let node = this.resolve(this.json);
    for (const seg of path) {
      if (!node) return undefined;
      if (typeof seg === 'number') node = this.resolve(node.items);
      else node = this.resolve(node.properties?.[seg]);
    }
    return node;
  }

  /** The keys an object at this path may hold. */
  keysAt(path: JsonPath): string[] {
    return Object.keys(this.at(path)?.properties ?? {});
  }
}

let shippedSchema: ArticleSchema | undefined;
export function defaultSchema(): ArticleSchema {
  return (shippedSchema ??= new ArticleSchema());
}
