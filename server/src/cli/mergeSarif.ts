/**
 * `kart merge-sarif a.sarif b.sarif ... [--output FILE]`: the SARIF logs of the shards of one `kart check` as one log,
 * for a single code-scanning upload. The runs of the same tool become one run (the rules of the first, results in the
 * order of the files given); a log of another tool keeps its own run.
 */
import { promises as fs } from 'fs';
import * as path from 'path';

interface SarifRun {
  tool?: { driver?: { name?: string; version?: string; rules?: { id: string }[] } };
  results?: { ruleId?: string; ruleIndex?: number }[];
  [k: string]: unknown;
}

interface SarifLog {
  version?: string;
  runs?: SarifRun[];
  [k: string]: unknown;
}

/** Merges parsed logs; throws with a message naming the log that is not SARIF 2.1.0. */
export function mergeSarifLogs(logs: { name: string; log: unknown }[]): SarifLog {
  const out: SarifLog = { $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0', runs: [] };
  const byTool = new Map<string, SarifRun>();
  for (const { name, log } of logs) {
    const l = log as SarifLog;
    if (!l || typeof l !== 'object' || l.version !== '2.1.0' || !Array.isArray(l.runs)) throw new Error(`${name} is not a SARIF 2.1.0 log`);
    for (const run of l.runs) {
      const key = `${run.tool?.driver?.name ?? ''}\u0000${run.tool?.driver?.version ?? ''}`;
      const into = byTool.get(key);
      if (!into) {
        const copy = { ...run, results: [...(run.results ?? [])] };
        byTool.set(key, copy);
        out.runs!.push(copy);
        continue;
      }
      // Rule indexes point into each run's own rule list: re-point them into the merged run's.
      const rules = (into.tool!.driver!.rules ??= []);
      const index = new Map(rules.map((r, i) => [r.id, i]));
      for (const r of run.tool?.driver?.rules ?? []) if (!index.has(r.id)) index.set(r.id, rules.push(r) - 1);
      for (const res of run.results ?? []) into.results!.push(res.ruleId !== undefined && index.has(res.ruleId) ? { ...res, ruleIndex: index.get(res.ruleId) } : res);
    }
  }
  return out;
}

export async function mergeSarifFiles(files: string[], cwd: string): Promise<string> {
  const logs: { name: string; log: unknown }[] = [];
  for (const f of files) {
    const text = await fs.readFile(path.resolve(cwd, f), 'utf8');
    let log: unknown;
    try {
      log = JSON.parse(text);
    } catch {
      throw new Error(`${f} is not JSON`);
    }
    logs.push({ name: f, log });
  }
  return JSON.stringify(mergeSarifLogs(logs), null, 2);
}
