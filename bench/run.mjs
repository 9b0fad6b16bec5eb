// `npm run bench`: measures the engine, the server, yaml-language-server, the CLI and the extension on this machine
// and writes bench/report.md and bench/report.json. Never a test: the figures are shown beside their targets, not
// asserted. Each section runs in its own process so that one section's heap does not slow the next.
//   node bench/run.mjs [--quick] [--only engine,hostile,cli,server,peer,build,profile,scale,navigation] [--report-only]
// The scale section (bases of 1,627, 5,000 and 16,270 articles; KART_BENCH_SCALE_SIZES to choose) takes the longest.
import { spawnSync } from 'child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync, readdirSync } from 'fs';
import { cpus, loadavg, totalmem } from 'os';
import { dirname, join } from 'path';
import { fileURLToPath } from 'url';
import * as esbuild from 'esbuild';
import { summarizeProfile } from './profileSummary.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const onlyArg = args.find((a) => a.startsWith('--only'));
const only = onlyArg ? (onlyArg.includes('=') ? onlyArg.split('=')[1] : args[args.indexOf(onlyArg) + 1]).split(',') : undefined;
const wanted = (s) => !only || only.includes(s);
const outDir = join(root, 'out', 'bench');
mkdirSync(outDir, { recursive: true });
const env = { ...process.env, ...(quick ? { KART_BENCH_QUICK: '1' } : {}) };
const corpus = process.env.KART_BENCH_CORPUS ?? join(root, 'test', 'corpus', 'anchorfact');

const log = (s) => process.stderr.write(s + '\n');
const stat = (samples) => {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
  const mid = s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  return { median: mid, p95: at(0.95), min: s[0], max: s[s.length - 1], n: s.length };
};

// ---- build -------------------------------------------------------------------------------------------------------
const benchDist = join(outDir, 'dist');
const sizes = {};
function buildProduction() {
  const r = spawnSync(process.execPath, ['esbuild.mjs', '--production'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('node esbuild.mjs --production failed');
  // Private copies: other work in this checkout may rebuild dist/ (as a development build) while the bench runs.
  mkdirSync(benchDist, { recursive: true });
  for (const f of ['server.js', 'client.js', 'kart.js']) {
    if (!existsSync(join('dist', f))) continue;
    copyFileSync(join('dist', f), join(benchDist, f));
    sizes[f] = statSync(join(benchDist, f)).size;
  }
}

const benchEntries = ['engine', 'hostile', 'lsp', 'profileEngine', 'scale', 'scaleFloor', 'navigation'].filter((e) => existsSync(join(root, 'bench', `${e}.ts`)));
async function buildBench() {
  await esbuild.build({
    entryPoints: Object.fromEntries(benchEntries.map((e) => [e, join(root, 'bench', `${e}.ts`)])),
    outdir: outDir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // Packages stay in node_modules so that a CPU profile names the library each sample belongs to.
    packages: 'external',
    logLevel: 'warning',
  });
}

function runSection(name, nodeArgs = []) {
  const file = join(outDir, `${name}.json`);
  rmSync(file, { force: true });
  const t0 = Date.now();
  log(`bench: ${name}...`);
  const r = spawnSync(process.execPath, ['--expose-gc', ...nodeArgs, join(outDir, `${name}.js`), file], { stdio: ['ignore', 'inherit', 'inherit'], env, maxBuffer: 1 << 26 });
  log(`bench: ${name} took ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  if (r.status !== 0 || !existsSync(file)) return { section: name, figures: [], notes: [`The ${name} section failed (exit ${r.status}${r.signal ? `, ${r.signal}` : ''}); see the console.`] };
  return JSON.parse(readFileSync(file, 'utf8'));
}

// ---- CLI ---------------------------------------------------------------------------------------------------------
function cliSection() {
  const figures = [];
  const notes = [];
  const kart = join(benchDist, 'kart.js');
  if (!existsSync(kart)) return { section: 'cli', figures, notes: ['dist/kart.js is missing: the CLI was not measured.'] };
  const cacheDir = join(outDir, 'kart-cache');
  // GNU time, when there, gives the CPU time of the whole process (all threads): what a busy machine cannot inflate.
  const gnuTime = existsSync('/usr/bin/time');
  const runOnce = (extra) => {
    const t0 = performance.now();
    const command = [process.execPath, kart, 'check', corpus, ...extra];
    const r = gnuTime
      ? spawnSync('/usr/bin/time', ['-f', 'KART_TIME %U %S', ...command], { encoding: 'utf8', maxBuffer: 1 << 28, cwd: root })
      : spawnSync(command[0], command.slice(1), { encoding: 'utf8', maxBuffer: 1 << 28, cwd: root });
    const ms = performance.now() - t0;
    if (r.status !== 0 && r.status !== 1) throw new Error(`kart check exited ${r.status}: ${r.stderr.slice(0, 500)}`);
    const m = /KART_TIME ([\d.]+) ([\d.]+)/.exec(r.stderr ?? '');
    return { ms, cpu: m ? (Number(m[1]) + Number(m[2])) * 1000 : undefined, stdout: r.stdout };
  };
  const cpuOf = (runs) => (runs.every((x) => x.cpu !== undefined) ? stat(runs.map((x) => x.cpu)) : undefined);
  // Asked of kart itself: a bundle need not spell its flags out (a table of options does not hold '--cache').
  const supportsCache = (spawnSync(process.execPath, [kart, 'check', '--help'], { encoding: 'utf8' }).stdout ?? '').includes('--cache');
  const n = quick ? 3 : 6;
  // Node's own start-up, for scale: the smallest a whole-process figure can be.
  const bare = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    spawnSync(process.execPath, ['-e', '0']);
    bare.push(performance.now() - t0);
  }
  const version = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    spawnSync(process.execPath, [kart, '--version']);
    version.push(performance.now() - t0);
  }
  const cold = [];
  const cold1 = [];
  const warm = [];
  let coldOut;
  let warmOut;
  const noCache = supportsCache ? ['--no-cache'] : [];
  runOnce(noCache);
  for (let i = 0; i < n; i++) {
    const c = runOnce(noCache);
    cold.push(c);
    coldOut = c.stdout;
    if (supportsCache) cold1.push(runOnce([...noCache, '--jobs', '1']));
  }
  if (supportsCache) {
    rmSync(cacheDir, { recursive: true, force: true });
    runOnce(['--cache', cacheDir]);
    for (let i = 0; i < n; i++) {
      const w = runOnce(['--cache', cacheDir]);
      warm.push(w);
      warmOut = w.stdout;
    }
    rmSync(cacheDir, { recursive: true, force: true });
  }
  const lastLine = (s) => s.trim().split('\n').pop();
  notes.push(`kart check ${corpus.replace(root + '/', '')}: "${lastLine(coldOut)}"`);
  if (supportsCache) notes.push(warmOut === coldOut ? 'The warm run printed exactly what the cold run printed.' : 'WARNING: the warm run printed something other than the cold run.');
  figures.push(
    { id: 'cli.node', group: 'CLI (whole process)', label: 'node -e 0 (Node start-up alone, for scale)', unit: 'ms', stat: stat(bare) },
    { id: 'cli.version', group: 'CLI (whole process)', label: 'kart --version (start-up and bundle load)', unit: 'ms', stat: stat(version) },
    { id: 'cli.cold', group: 'CLI (whole process)', label: 'kart check corpus, cold (no cache; main thread and one worker)', unit: 'ms', stat: stat(cold.map((x) => x.ms)), cpu: cpuOf(cold), target: { max: 450, text: '≤ 0.45 s' } },
  );
  if (cold1.length) figures.push({ id: 'cli.cold1', group: 'CLI (whole process)', label: 'kart check corpus, cold, --jobs 1 (one thread, for scale)', unit: 'ms', stat: stat(cold1.map((x) => x.ms)), cpu: cpuOf(cold1) });
  if (supportsCache) figures.push({ id: 'cli.warm', group: 'CLI (whole process)', label: 'kart check corpus, warm (nothing changed)', unit: 'ms', stat: stat(warm.map((x) => x.ms)), cpu: cpuOf(warm), target: { max: 150, text: '≤ 0.15 s' } });
  else figures.push({ id: 'cli.warm', group: 'CLI (whole process)', label: 'kart check corpus, warm (nothing changed)', unit: 'ms', notMeasured: 'this kart has no result cache', target: { max: 150, text: '≤ 0.15 s' } });
  return { section: 'cli', figures, notes };
}

// ---- build sizes and the extension -------------------------------------------------------------------------------
function buildSection() {
  const figures = [];
  const notes = [];
  const server = sizes['server.js'];
  const client = sizes['client.js'];
  const kart = sizes['kart.js'];
  const kb = (b) => b / 1024;
  figures.push(
    server !== undefined
      ? { id: 'build.server', group: 'Extension', label: 'dist/server.js (production)', unit: 'KB', value: kb(server), target: { max: 1536, text: '≤ 1.5 MB' } }
      : { id: 'build.server', group: 'Extension', label: 'dist/server.js (production)', unit: 'KB', notMeasured: 'server/src/server.ts does not exist yet', target: { max: 1536, text: '≤ 1.5 MB' } },
    client !== undefined
      ? { id: 'build.client', group: 'Extension', label: 'dist/client.js (production)', unit: 'KB', value: kb(client), target: { max: 300, text: '≤ 300 KB' } }
      : { id: 'build.client', group: 'Extension', label: 'dist/client.js (production)', unit: 'KB', notMeasured: 'client/src/extension.ts does not exist yet', target: { max: 300, text: '≤ 300 KB' } },
  );
  if (kart !== undefined) figures.push({ id: 'build.kart', group: 'Extension', label: 'dist/kart.js (production, for scale)', unit: 'KB', value: kb(kart) });
  const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
  if (pkg.scripts?.package) {
    const before = new Set(readdirSync(root).filter((f) => f.endsWith('.vsix')));
    const r = spawnSync('npm', ['run', 'package'], { encoding: 'utf8', maxBuffer: 1 << 26 });
    const vsix = readdirSync(root).filter((f) => f.endsWith('.vsix')).map((f) => ({ f, t: statSync(f).mtimeMs })).sort((a, b) => b.t - a.t)[0];
    if (r.status === 0 && vsix) figures.push({ id: 'build.vsix', group: 'Extension', label: `${vsix.f} (npm run package)`, unit: 'KB', value: kb(statSync(vsix.f).size) });
    else figures.push({ id: 'build.vsix', group: 'Extension', label: '.vsix (npm run package)', unit: 'KB', notMeasured: `npm run package failed: ${(r.stderr || r.stdout || '').trim().split('\n').slice(-2).join(' ')}` });
    for (const f of readdirSync(root)) if (f.endsWith('.vsix') && !before.has(f)) rmSync(f);
  } else figures.push({ id: 'build.vsix', group: 'Extension', label: '.vsix (npm run package)', unit: 'KB', notMeasured: 'package.json has no "package" script yet' });
  // The VS Code harness (test/vscode) writes its activation timings here when it runs; we only read them.
  const timingFiles = ['out/vscode/activation.json', 'out/test/vscode/activation.json', 'test/vscode/out/activation.json'].filter((f) => existsSync(f));
  if (timingFiles.length) {
    try {
      const t = JSON.parse(readFileSync(timingFiles[0], 'utf8'));
      const samples = Array.isArray(t.samples) ? t.samples : Array.isArray(t) ? t : [t.activationMs ?? t.ms];
      const when = t.at ?? new Date(statSync(timingFiles[0]).mtimeMs).toISOString();
      figures.push({ id: 'ext.activation', group: 'Extension', label: `Activation in code-server: bundle load → activate returns (written by the VS Code suite to ${timingFiles[0]} at ${when})`, unit: 'ms', stat: stat(samples.map(Number)), target: { max: 150, text: '≤ 150 ms' } });
      if (Array.isArray(t.beforeServerMs)) figures.push({ id: 'ext.activationBeforeServer', group: 'Extension', label: 'Activation in code-server: bundle load → just before the language server is started', unit: 'ms', stat: stat(t.beforeServerMs.map(Number)) });
      notes.push('The activation figures are read from the last run of the VS Code suite (test/vscode), on this machine and under the same load; the bench does not start code-server itself.');
    } catch (e) {
      figures.push({ id: 'ext.activation', group: 'Extension', label: 'Activation in code-server', unit: 'ms', notMeasured: `${timingFiles[0]} cannot be read: ${e.message}`, target: { max: 150, text: '≤ 150 ms' } });
    }
  } else {
    figures.push({ id: 'ext.activation', group: 'Extension', label: 'Activation in code-server', unit: 'ms', notMeasured: 'no activation timing file from the VS Code harness (run its tests first)', target: { max: 150, text: '≤ 150 ms' } });
  }
  return { section: 'build', figures, notes };
}

// ---- profile -----------------------------------------------------------------------------------------------------
/** Maps a line of the unminified bench bundle to the source file esbuild wrote above it (`// server/src/...`). */
function sourceLines(bundle) {
  const lines = readFileSync(bundle, 'utf8').split('\n');
  const owner = [];
  let current = '(bundle)';
  for (const l of lines) {
    const m = /^\/\/ ((?:server|bench|client)\/[\w./-]+\.ts)$/.exec(l);
    if (m) current = m[1];
    owner.push(current);
  }
  return owner;
}

function profileSection() {
  const dir = join(outDir, 'profile');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const r = spawnSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dir}`, join(outDir, 'profileEngine.js')], { stdio: 'inherit', env });
  const prof = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (r.status !== 0 || !prof) return { section: 'profile', figures: [], notes: ['The profile run failed.'] };
  const owner = sourceLines(join(outDir, 'profileEngine.js'));
  const s = summarizeProfile(join(dir, prof), 20, (url, line) => (url.endsWith('profileEngine.js') ? owner[line] ?? '(bundle)' : undefined));
  const pct = (x) => `${(x * 100).toFixed(1)}%`;
  return {
    section: 'profile',
    figures: [],
    notes: [`CPU profile of the engine over the corpus (3 rounds, node --cpu-prof): ${s.totalMs} ms of samples. The raw profile is ${join('out/bench/profile', prof)}.`],
    tables: [
      { title: 'Self time by module (library or source file)', rows: [['module', 'ms', 'share'], ...s.modules.map((m) => [m.name, String(m.ms), pct(m.share)])] },
      { title: 'Self time by function (top 20)', rows: [['function', 'ms', 'share'], ...s.functions.map((m) => [m.name, String(m.ms), pct(m.share)])] },
    ],
  };
}

// ---- report ------------------------------------------------------------------------------------------------------
function fmt(v, unit) {
  if (v === undefined || Number.isNaN(v)) return '–';
  if (unit === '×') return v < 0.1 ? `${v.toPrecision(2)}×` : `${v.toFixed(2)}×`;
  if (unit === 'KB') return v >= 1024 ? `${(v / 1024).toFixed(2)} MB` : `${v.toFixed(0)} KB`;
  if (unit === 'MB') return `${v.toFixed(0)} MB`;
  if (unit === 'count') return String(Math.round(v));
  if (unit === 'ms') return v >= 1000 ? `${(v / 1000).toFixed(2)} s` : v >= 10 ? `${v.toFixed(0)} ms` : `${v.toFixed(2)} ms`;
  return `${v}`;
}

function verdict(f) {
  if (!f.target) return '';
  if (f.notMeasured) return 'not measured';
  const v = f.stat ? (f.target.on === 'p95' ? f.stat.p95 : f.stat.median) : f.value;
  return v <= f.target.max ? '**met**' : '**missed**';
}

function renderReport(sections, meta) {
  const md = [];
  md.push('# Benchmark report', '');
  md.push(`Generated by \`npm run bench\`${meta.quick ? ' --quick' : ''} on ${meta.date}: Node ${meta.node}, ${meta.cpus}, ${meta.memGB} GB, load average before the run ${meta.load}${meta.loadAfter ? `, after it ${meta.loadAfter}` : ''} (other work shared the machine).`);
  md.push('Each figure is the median and the 95th percentile over repeated runs on this machine; every ratio is measured inside one run (both sides in the same repetition, their order rotating), because these machines are shared and noisy. In-process figures also give the CPU time of the process: when other work shares the 2 cores, wall time swells and CPU time much less, so the engine/floor ratio held to its target is the CPU-time ratio (the wall-time ratio is shown beside it). The scale section\'s `kart check` ratio is held in wall time: kart checks on two threads, the floor parses on one, and the wait is what a user sees. Targets are from issue 5, the scale section\'s from issue 14, the navigation section\'s from issue 16; "met" compares the median with the target unless the target names p95.', '');
  const analysis = join(root, 'bench', 'analysis.md');
  const all = sections.flatMap((s) => s.figures);
  const groups = [...new Set(all.map((f) => f.group))];
  md.push('## Targets at a glance', '', '| figure | median | p95 | target | verdict |', '|---|---|---|---|---|');
  for (const f of all.filter((x) => x.target)) {
    md.push(`| ${f.label} | ${f.notMeasured ? 'not measured' : fmt(f.stat?.median ?? f.value, f.unit)} | ${f.stat ? fmt(f.stat.p95, f.unit) : ''} | ${f.target.text} | ${verdict(f)} |`);
  }
  md.push('');
  for (const g of groups) {
    md.push(`## ${g}`, '', '| figure | median | p95 | min | max | runs | CPU median | target | verdict |', '|---|---|---|---|---|---|---|---|---|');
    for (const f of all.filter((x) => x.group === g)) {
      const cpu = f.cpu ? fmt(f.cpu.median, f.unit) : '';
      if (f.notMeasured) md.push(`| ${f.label} | not measured: ${f.notMeasured} | | | | | | ${f.target?.text ?? ''} | ${verdict(f)} |`);
      else if (f.stat) md.push(`| ${f.label} | ${fmt(f.stat.median, f.unit)} | ${fmt(f.stat.p95, f.unit)} | ${fmt(f.stat.min, f.unit)} | ${fmt(f.stat.max, f.unit)} | ${f.stat.n} | ${cpu} | ${f.target?.text ?? ''} | ${verdict(f)} |`);
      else md.push(`| ${f.label} | ${fmt(f.value, f.unit)} | | | | 1 | | ${f.target?.text ?? ''} | ${verdict(f)} |`);
      if (f.note) md.push(`| ↳ ${f.note} | | | | | | | | |`);
    }
    md.push('');
  }
  for (const s of sections) {
    if (!s.notes?.length && !s.tables?.length) continue;
    md.push(`## Notes: ${s.section}`, '');
    for (const n of s.notes ?? []) md.push(`- ${n}`);
    if (s.notes?.length) md.push('');
    for (const t of s.tables ?? []) {
      md.push(`**${t.title}**`, '');
      md.push(`| ${t.rows[0].join(' | ')} |`, `|${t.rows[0].map(() => '---').join('|')}|`);
      for (const row of t.rows.slice(1)) md.push(`| ${row.join(' | ')} |`);
      md.push('');
    }
  }
  if (existsSync(analysis)) md.push(readFileSync(analysis, 'utf8').trim(), '');
  return md.join('\n');
}

// ---- main --------------------------------------------------------------------------------------------------------
const meta = {
  date: new Date().toISOString(),
  node: process.versions.node,
  cpus: `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}`,
  memGB: Math.round(totalmem() / 2 ** 30),
  load: loadavg().map((x) => x.toFixed(2)).join(' '),
  quick,
};
const sections = [];
const previous = existsSync('bench/report.json') ? JSON.parse(readFileSync('bench/report.json', 'utf8')) : undefined;
if (args.includes('--report-only')) {
  // Renders bench/report.md again from bench/report.json (after editing bench/analysis.md, say).
  if (!previous) throw new Error('bench/report.json does not exist yet: run npm run bench first');
  writeFileSync('bench/report.md', renderReport(previous.sections, previous.meta) + '\n');
  log('bench: wrote bench/report.md');
  process.exit(0);
}
if (wanted('build') || wanted('server') || wanted('peer') || wanted('cli') || wanted('scale')) buildProduction();
await buildBench();
if (wanted('engine')) sections.push(runSection('engine'));
if (wanted('cli')) sections.push(cliSection());
if (wanted('server') || wanted('peer')) sections.push(runSection('lsp'));
if (wanted('hostile') && benchEntries.includes('hostile')) sections.push(runSection('hostile'));
if (wanted('profile') && benchEntries.includes('profileEngine')) sections.push(profileSection());
if (wanted('scale') && benchEntries.includes('scale')) sections.push(runSection('scale'));
if (wanted('navigation') && benchEntries.includes('navigation')) sections.push(runSection('navigation'));
if (wanted('build')) sections.push(buildSection());
// A partial run (--only) keeps the other sections of the previous report, and says which sections are newer.
if (only && previous) {
  for (const s of previous.sections) if (!sections.some((x) => x.section === s.section)) sections.push(s);
  for (const s of sections) if (only.includes(s.section)) s.notes = [...(s.notes ?? []), `This section was run again alone (--only ${only.join(',')}) on ${meta.date}, load average before it ${meta.load}; the header's date and load are those of the last full run.`];
  Object.assign(meta, { date: previous.meta.date, load: previous.meta.load, loadAfter: previous.meta.loadAfter });
}
const order = ['engine', 'lsp', 'cli', 'scale', 'navigation', 'build', 'hostile', 'profile'];
sections.sort((a, b) => order.indexOf(a.section) - order.indexOf(b.section));
if (!(only && previous)) meta.loadAfter = loadavg().map((x) => x.toFixed(2)).join(' ');
writeFileSync('bench/report.json', JSON.stringify({ meta, sections }, null, 2) + '\n');
writeFileSync('bench/report.md', renderReport(sections, meta) + '\n');
log('bench: wrote bench/report.md and bench/report.json');
