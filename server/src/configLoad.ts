/**
 * A configuration file as it applies: the files it extends merged under it, its extra schema read. Pure: the files
 * come through the injected reader.
 */
import { RULE_IDS, resolveConfig, type KartConfig, type ResolvedConfig } from './config';
import { readConfigLayer, type ConfigProblem } from './configFile';
import { dirnameUri, relativeTo, resolveUri } from './core/uri';

export type ReadFile = (uri: string) => Promise<string | undefined>;
/** Reads an extra schema the configuration names: its text, or why it is not read (a sentence without its content). */
export type ReadExtraSchema = (uri: string) => Promise<{ text: string } | { why: string }>;

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** `over` on `base`: objects merged key by key (rules, verify, confidence…), anything else replaced. */
function merge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = isObject(v) && isObject(out[k]) ? merge(out[k] as Record<string, unknown>, v) : v;
  return out;
}

/** Reads `uri` and what it extends; every problem names its file and place. Never throws. */
export async function loadConfigFile(uri: string, read: ReadFile, readExtra?: ReadExtraSchema): Promise<ResolvedConfig> {
  const problems: ConfigProblem[] = [];
  const chain: string[] = [];
  const layers: { uri: string; raw: Record<string, unknown>; placeOf: ReturnType<typeof readConfigLayer>['placeOf'] }[] = [];
  const shown = (u: string) => relativeTo(dirnameUri(uri), u) ?? u;
  let at = uri;
  for (;;) {
    const from = layers[layers.length - 1];
    if (chain.includes(at)) {
      problems.push({ uri: from.uri, ...from.placeOf(['extends']), message: `extends "${from.raw.extends as string}" makes a cycle: ${[...chain, at].map(shown).join(' → ')}` });
      break;
    }
    const text = await read(at);
    if (text === undefined) {
      if (from) problems.push({ uri: from.uri, ...from.placeOf(['extends']), message: `extends "${from.raw.extends as string}": the file cannot be read` });
      else problems.push({ uri, offset: 0, length: 0, message: 'the configuration file cannot be read' });
      break;
    }
    chain.push(at);
    const layer = readConfigLayer(text, RULE_IDS, at);
    problems.push(...layer.problems);
    layers.push({ uri: at, raw: layer.raw, placeOf: layer.placeOf });
    const ext = layer.raw.extends;
    if (typeof ext !== 'string') break;
    at = resolveUri(at, ext);
  }
  let raw: Record<string, unknown> = {};
  for (let i = layers.length - 1; i >= 0; i--) raw = merge(raw, layers[i].raw);
  delete raw.extends;
  const files = [...chain];
  let extraSchemaText: string | undefined;
  // The extra schema is relative to the file that names it, which may be one this file extends.
  const namer = layers.find((l) => typeof l.raw.extraSchema === 'string');
  if (namer) {
    const extra = resolveUri(namer.uri, namer.raw.extraSchema as string);
    files.push(extra);
    const got = readExtra ? await readExtra(extra) : await read(extra).then((text) => (text === undefined ? { why: 'the file cannot be read' } : { text }));
    if ('text' in got) extraSchemaText = got.text;
    else problems.push({ uri: namer.uri, ...namer.placeOf(['extraSchema']), message: `extraSchema "${namer.raw.extraSchema as string}": ${got.why}` });
  }
  return resolveConfig(raw as KartConfig, problems, { extraSchemaText, uri, files });
}
