// The `verify` section of kart.config.json, resolved: every setting with its default (the schema's), a bad value
// falling back to the default (the schema check reports it).
import configSchema from '../../../schemas/kart-config.schema.json';

export interface VerifyConfig {
  /** The report file, relative to the workspace root. */
  report: string;
  doiEndpoint: string;
  arxivEndpoint: string;
  maxAgeDays: number;
  rate: number;
  perHost: number;
  timeoutMs: number;
  retries: number;
  /** The longest Retry-After waited for (not configurable: longer waits give up as "could not verify"). */
  maxRetryAfterMs: number;
}

const props = (configSchema as unknown as { properties: { verify: { properties: Record<string, { default: unknown }> } } }).properties.verify.properties;

export const DEFAULT_VERIFY_CONFIG: VerifyConfig = {
  report: props.report.default as string,
  doiEndpoint: props.doiEndpoint.default as string,
  arxivEndpoint: props.arxivEndpoint.default as string,
  maxAgeDays: props.maxAgeDays.default as number,
  rate: props.rate.default as number,
  perHost: props.perHost.default as number,
  timeoutMs: props.timeoutMs.default as number,
  retries: props.retries.default as number,
  maxRetryAfterMs: 60_000,
};

export function resolveVerifyConfig(raw: unknown): VerifyConfig {
  const out = { ...DEFAULT_VERIFY_CONFIG };
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return out;
  const r = raw as Record<string, unknown>;
  for (const k of ['report', 'doiEndpoint', 'arxivEndpoint'] as const) if (typeof r[k] === 'string' && (r[k] as string).trim()) out[k] = (r[k] as string).trim();
  for (const k of ['maxAgeDays', 'rate'] as const) if (typeof r[k] === 'number' && (r[k] as number) > 0) out[k] = r[k] as number;
  for (const k of ['perHost', 'timeoutMs'] as const) if (Number.isInteger(r[k]) && (r[k] as number) >= 1) out[k] = r[k] as number;
  if (Number.isInteger(r.retries) && (r.retries as number) >= 0) out.retries = r.retries as number;
  return out;
}
