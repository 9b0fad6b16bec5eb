// Summarises a V8 .cpuprofile: self time by function and by package/module, so that the report can say where time goes.
//   node bench/profileSummary.mjs FILE.cpuprofile [top]
import { readFileSync } from 'fs';

/** `owner(url, line)` may name the source file a bundled line came from; modules are libraries or source files. */
export function summarizeProfile(file, top = 25, owner = () => undefined) {
  const prof = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const dt = prof.timeDeltas;
  for (let i = 0; i < prof.samples.length; i++) self.set(prof.samples[i], (self.get(prof.samples[i]) ?? 0) + (dt[i] ?? 0));
  const fnTotals = new Map();
  const modTotals = new Map();
  let total = 0;
  for (const [id, us] of self) {
    const n = byId.get(id);
    const cf = n.callFrame;
    const url = cf.url || '(native)';
    const src = owner(url, cf.lineNumber);
    const mod = src ?? moduleOf(url, cf.functionName);
    const key = `${cf.functionName || '(anonymous)'} ${src ?? url.split('/').slice(-2).join('/')}:${cf.lineNumber + 1}`;
    fnTotals.set(key, (fnTotals.get(key) ?? 0) + us);
    modTotals.set(mod, (modTotals.get(mod) ?? 0) + us);
    total += us;
  }
  const sorted = (m) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, us]) => ({ name: k, ms: Math.round(us / 1000), share: us / total }));
  return { totalMs: Math.round(total / 1000), functions: sorted(fnTotals), modules: sorted(modTotals) };
}

function moduleOf(url, fn) {
  if (fn === '(garbage collector)') return '(gc)';
  if (fn === '(idle)' || fn === '(program)' || fn === '(root)') return fn;
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) return url.slice(nm + 13).split('/').slice(0, url.slice(nm + 13).startsWith('@') ? 2 : 1).join('/');
  if (url.startsWith('node:')) return 'node';
  return url ? url.split('/').slice(-1)[0] : '(native)';
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = summarizeProfile(process.argv[2], Number(process.argv[3] ?? 25));
  console.log(`total ${r.totalMs} ms`);
  for (const m of r.modules) console.log(`${String(m.ms).padStart(7)} ms ${(m.share * 100).toFixed(1).padStart(5)}%  ${m.name}`);
  console.log('');
  for (const f of r.functions) console.log(`${String(f.ms).padStart(7)} ms ${(f.share * 100).toFixed(1).padStart(5)}%  ${f.name}`);
}
