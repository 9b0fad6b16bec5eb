import configSchema from '../../schemas/kart-config.schema.json';
import { readConfigLayer, type ConfigProblem } from './configFile';
import { allRules } from './rules';
import type { SeveritySetting } from './core/types';
import { ArticleSchema, defaultSchema, type SchemaNode } from './schema/articleSchema';
import { resolveRuleSettings, type RuleSettings } from './ruleSettings';
import { resolveVerifyConfig, type VerifyConfig } from './verify/config';
import { checkGlobs, linearRegExp, type LinearPattern } from './safePatterns';

export const CONFIG_FILE = 'kart.config.json';

export type { ConfigProblem } from './configFile';

export interface KartConfig {
  /** Another configuration file this one builds on, relative to this one. */
  extends?: string;
  rules?: Record<string, SeveritySetting>;
  staleAfterDays?: number;
  requiredSections?: string[];
  sectionOrder?: string[];
  include?: string[];
  exclude?: string[];
  factIdPattern?: string;
  extraSchema?: string;
  maxFileBytes?: number;
  verify?: Partial<VerifyConfig>;
}

export interface ResolvedConfig extends RuleSettings {
  rules: Record<string, SeveritySetting>;
  staleAfterDays: number;
  requiredSections: string[];
  sectionOrder: string[];
  include: string[];
  exclude: string[];
  /** Whether `include` was set by the user: then every matching file is an article, frontmatter or not. */
  includeSet: boolean;
  /** Run by a linear-time engine: a repository's pattern cannot hang the person who checks it. */
  factIdPattern?: LinearPattern;
  extraSchema?: string;
  /** The largest file the hosts read; a larger one is reported, not read. */
  maxFileBytes: number;
  schema: ArticleSchema;
  /** Source verification: endpoints, politeness, the report file. */
  verify: VerifyConfig;
  problems: ConfigProblem[];
  /** The configuration file that applies (the nearest one, or --config); undefined for the built-in defaults. */
  uri?: string;
  /** Every file this configuration was read from: the file, those it extends, the extra schema. */
  files: string[];
}

const defaults = (configSchema as { properties: Record<string, { default?: unknown }> }).properties;

export const DEFAULT_CONFIG: Required<Pick<KartConfig, 'staleAfterDays' | 'requiredSections' | 'sectionOrder' | 'include' | 'exclude' | 'maxFileBytes'>> = {
  staleAfterDays: defaults.staleAfterDays.default as number,
  maxFileBytes: defaults.maxFileBytes.default as number,
  requiredSections: defaults.requiredSections.default as string[],
  sectionOrder: defaults.sectionOrder.default as string[],
  include: defaults.include.default as string[],
  exclude: defaults.exclude.default as string[],
};

const schemaCache = new Map<string, ArticleSchema>();

/** The rule ids the `rules` setting may name. */
export const RULE_IDS: readonly string[] = allRules.map((r) => r.id);

/**
 * Reads one configuration file's text (JSONC); never throws: what is wrong becomes a problem at its place and the
 * rest of the file still applies.
 */
export function parseConfig(text: string | undefined, extraSchemaText?: string, uri?: string): ResolvedConfig {
  const layer = readConfigLayer(text, RULE_IDS, uri);
  return resolveConfig(layer.raw as KartConfig, layer.problems, { extraSchemaText, uri, files: uri ? [uri] : [] });
}

/** The data of a configuration (one file, or files merged by `extends`) over the defaults. */
export function resolveConfig(raw: KartConfig, problems: ConfigProblem[], from: { extraSchemaText?: string; uri?: string; files: string[] }): ResolvedConfig {
  const { extraSchemaText, uri } = from;
  const list = (v: unknown, d: string[]) => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : d);
  let factIdPattern: LinearPattern | undefined;
  if (typeof raw.factIdPattern === 'string') {
    try {
      new RegExp(raw.factIdPattern, 'u');
      factIdPattern = linearRegExp(raw.factIdPattern);
    } catch (e) {
      problems.push({ uri, message: `factIdPattern is not a valid regular expression: ${(e as Error).message}` });
    }
  }
  const globs = (key: 'include' | 'exclude', dot: boolean) => {
    const value = list(raw[key], DEFAULT_CONFIG[key]);
    const problem = checkGlobs(key, value, dot);
    if (problem === undefined) return value;
    problems.push({ message: `${CONFIG_FILE}: ${problem}; using the default ${key}` });
    return DEFAULT_CONFIG[key];
  };
  let schema = defaultSchema();
  if (extraSchemaText !== undefined) {
    const cached = schemaCache.get(extraSchemaText);
    if (cached) schema = cached;
    else {
      try {
        let json: unknown;
        try {
          json = JSON.parse(extraSchemaText);
        } catch {
          // JSON.parse quotes the text it stopped at: whatever the file holds must not reach a message or a log.
          throw new Error('it is not valid JSON');
        }
        schema = new ArticleSchema(json as SchemaNode);
        schemaCache.set(extraSchemaText, schema);
      } catch (e) {
        problems.push({ uri, message: `the extra schema ${raw.extraSchema} cannot be used: ${(e as Error).message}` });
      }
    }
  }
  const rules: Record<string, SeveritySetting> = {};
  if (raw.rules && typeof raw.rules === 'object') {
    for (const [k, v] of Object.entries(raw.rules)) if (['off', 'hint', 'info', 'warning', 'error'].includes(v as string)) rules[k] = v;
  }
  return {
    rules,
    staleAfterDays: typeof raw.staleAfterDays === 'number' && raw.staleAfterDays > 0 ? raw.staleAfterDays : DEFAULT_CONFIG.staleAfterDays,
    requiredSections: list(raw.requiredSections, DEFAULT_CONFIG.requiredSections),
    sectionOrder: list(raw.sectionOrder, DEFAULT_CONFIG.sectionOrder),
    include: globs('include', false),
    exclude: globs('exclude', true),
    includeSet: Array.isArray(raw.include),
    factIdPattern,
    extraSchema: typeof raw.extraSchema === 'string' ? raw.extraSchema : undefined,
    maxFileBytes: typeof raw.maxFileBytes === 'number' && Number.isInteger(raw.maxFileBytes) && raw.maxFileBytes >= 1024 && raw.maxFileBytes <= 268_435_456 ? raw.maxFileBytes : DEFAULT_CONFIG.maxFileBytes,
    schema,
    verify: resolveVerifyConfig(raw.verify),
    problems,
    uri,
    files: from.files,
    ...resolveRuleSettings(raw as Record<string, unknown>),
  };
}

export const defaultConfig = (): ResolvedConfig => parseConfig(undefined);
