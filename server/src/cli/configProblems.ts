import { promises as fs } from 'fs';
import * as path from 'path';
import type { ConfigProblem, ResolvedConfig } from '../config';
import { LineIndex } from '../core/lineIndex';
import { toPath } from '../node/fsWorkspace';

/** Every problem of the configurations once (a file two configurations extend is reported once). */
export function configProblems(configs: Iterable<ResolvedConfig>): ConfigProblem[] {
  const seen = new Set<string>();
  const out: ConfigProblem[] = [];
  for (const c of configs) {
    for (const p of c.problems) {
      const key = `${p.uri}\n${p.offset}\n${p.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(p);
    }
  }
  return out;
}

/** `path:line:col error config-invalid message`, the place as kart check prints a finding's. */
export async function configProblemLines(problems: ConfigProblem[], cwd: string): Promise<string[]> {
  const texts = new Map<string, LineIndex | undefined>();
  const lines: string[] = [];
  for (const p of problems) {
    if (p.uri === undefined) {
      lines.push(`kart: ${p.message}`);
      continue;
    }
    const file = toPath(p.uri);
    if (!texts.has(file)) texts.set(file, await fs.readFile(file, 'utf8').then((t) => new LineIndex(t), () => undefined));
    const pos = texts.get(file)?.positionAt(p.offset ?? 0) ?? { line: 0, character: 0 };
    const shown = path.relative(cwd, file).split(path.sep).join('/') || path.basename(file);
    lines.push(`${shown}:${pos.line + 1}:${pos.character + 1} error config-invalid ${p.message}`);
  }
  return lines;
}
