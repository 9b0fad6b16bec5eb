import { isScalar, YAMLMap, YAMLSeq, type Document, type Node } from 'yaml';

/** Thrown inside the fast walk when a node needs yaml's own conversion. */
const NEEDS_YAML = { needsYaml: true };

/**
 * `doc.toJS({ maxAliasCount: 100 })`, computed faster for the documents articles are made of: plain mappings,
 * sequences and scalars with scalar keys. Anything else (aliases, merge keys, complex keys, tagged collections such
 * as !!set, `__proto__`) is handed to yaml, so the result is always the same as yaml's own. Throws what toJS throws.
 */
export function plainData(doc: Document.Parsed): unknown {
  try {
    return walk(doc.contents);
  } catch (e) {
    if (e !== NEEDS_YAML && !(e instanceof RangeError)) throw e;
    return doc.toJS({ maxAliasCount: 100 });
  }
}

function walk(node: unknown): unknown {
  if (node === null || node === undefined) return node;
  // With toJS's `keep`, a scalar converts to its value as composed, whatever its type.
  if (isScalar(node)) return node.value;
  const ctor = (node as object).constructor;
  if (ctor === YAMLMap) {
    const out: Record<string, unknown> = {};
    for (const pair of (node as YAMLMap<Node, Node | null>).items) {
      const key = pair.key as unknown;
      if (!isScalar(key) || (key as { addToJSMap?: unknown }).addToJSMap) throw NEEDS_YAML;
      const k = key.value;
      let name: string;
      if (typeof k === 'string') name = k;
      else if (k === null) name = '';
      else if (typeof k === 'number' || typeof k === 'boolean') name = String(k);
      else throw NEEDS_YAML;
      // `<<` may be a merge key (YAML 1.1) and `__proto__` needs defineProperty: yaml knows both.
      if (name === '<<' || name === '__proto__') throw NEEDS_YAML;
      out[name] = walk(pair.value);
    }
    return out;
  }
  if (ctor === YAMLSeq) {
    const items = (node as YAMLSeq<unknown>).items;
    const out = new Array(items.length);
    for (let i = 0; i < items.length; i++) out[i] = walk(items[i]);
    return out;
  }
  // Aliases, pairs in a flow sequence, !!set, !!omap, custom collections.
  throw NEEDS_YAML;
}
