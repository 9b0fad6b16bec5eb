import configSchema from '../../schemas/kart-config.schema.json';

/** The settings of single rules in kart.config.json, resolved with the defaults of schemas/kart-config.schema.json. */
export type ConfidenceLevel = 'low' | 'medium' | 'high';
export type Tier = 'S' | 'A' | 'B' | 'C';

export interface ConfidenceSettings {
  tiers: Record<'S' | 'A' | 'B', string[]>;
  aliases: Record<string, string>;
  tierScores: Record<Tier, number>;
  weights: { tier: number; count: number; verifiable: number; freshness: number; decay: number };
  thresholds: { high: number; medium: number };
  factMaxLevel: Record<Tier, ConfidenceLevel>;
}

export interface RuleSettings {
  /** For a required section, the H2 headings that count as it. */
  sectionEquivalents: Record<string, string[]>;
  /** Hosts whose home page is the canonical source. */
  homepageSources: string[];
  /** Known `ai_models` names; a trailing `*` matches any ending. */
  aiModels: string[];
  confidence: ConfidenceSettings;
}

type Props = Record<string, { default?: unknown; properties?: Props }>;
const props = (configSchema as unknown as { properties: Props }).properties;
const confidenceProps = props.confidence.properties!;

export const DEFAULT_RULE_SETTINGS: RuleSettings = {
  sectionEquivalents: props.sectionEquivalents.default as Record<string, string[]>,
  homepageSources: props.homepageSources.default as string[],
  aiModels: props.aiModels.default as string[],
  confidence: {
    tiers: confidenceProps.tiers.default as ConfidenceSettings['tiers'],
    aliases: confidenceProps.aliases.default as ConfidenceSettings['aliases'],
    tierScores: confidenceProps.tierScores.default as ConfidenceSettings['tierScores'],
    weights: confidenceProps.weights.default as ConfidenceSettings['weights'],
    thresholds: confidenceProps.thresholds.default as ConfidenceSettings['thresholds'],
    factMaxLevel: confidenceProps.factMaxLevel.default as ConfidenceSettings['factMaxLevel'],
  },
};

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** Each key of `d` from `v` when it has the right shape, else the default: the schema check reports what is wrong. */
function merge<T extends object>(v: unknown, d: T, ok: (x: unknown, dx: unknown) => boolean): T {
  if (!isObject(v)) return d;
  const out = { ...d } as Record<string, unknown>;
  for (const [k, x] of Object.entries(v)) if (ok(x, Object.hasOwn(out, k) ? out[k] : undefined)) out[k] = x;
  return out as T;
}

/** Reads the rule settings out of the configuration file's data; a value of the wrong shape keeps its default. */
export function resolveRuleSettings(raw: Record<string, unknown>): RuleSettings {
  const d = DEFAULT_RULE_SETTINGS;
  const c = isObject(raw.confidence) ? raw.confidence : {};
  const number = (x: unknown) => typeof x === 'number' && Number.isFinite(x);
  return {
    sectionEquivalents: isObject(raw.sectionEquivalents) ? { ...d.sectionEquivalents, ...(Object.fromEntries(Object.entries(raw.sectionEquivalents).filter(([, v]) => strings(v))) as Record<string, string[]>) } : d.sectionEquivalents,
    homepageSources: strings(raw.homepageSources) ? raw.homepageSources : d.homepageSources,
    aiModels: strings(raw.aiModels) ? raw.aiModels : d.aiModels,
    confidence: {
      tiers: merge(c.tiers, d.confidence.tiers, (x, dx) => dx !== undefined && strings(x)),
      aliases: isObject(c.aliases) ? { ...d.confidence.aliases, ...(Object.fromEntries(Object.entries(c.aliases).filter(([, v]) => typeof v === 'string')) as Record<string, string>) } : d.confidence.aliases,
      tierScores: merge(c.tierScores, d.confidence.tierScores, (x, dx) => dx !== undefined && number(x)),
      weights: merge(c.weights, d.confidence.weights, (x, dx) => dx !== undefined && number(x)),
      thresholds: merge(c.thresholds, d.confidence.thresholds, (x, dx) => dx !== undefined && number(x)),
      factMaxLevel: merge(c.factMaxLevel, d.confidence.factMaxLevel, (x, dx) => dx !== undefined && (x === 'low' || x === 'medium' || x === 'high')),
    },
  };
}
