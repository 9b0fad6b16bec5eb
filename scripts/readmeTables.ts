/** The README's generated parts: settings from the manifest, rules from the rule modules, kart's synopsis from its options. */
import { allSynopses, synopsis } from '../server/src/cli/args';
import { allRules } from '../server/src/rules';

interface SettingSchema {
  type?: string | string[];
  default?: unknown;
  description?: string;
  markdownDescription?: string;
  enum?: unknown[];
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n+/g, ' ');

export function settingsTable(manifest: { contributes?: { configuration?: unknown } }): string {
  const conf = manifest.contributes?.configuration;
  const sections = (Array.isArray(conf) ? conf : conf ? [conf] : []) as { properties?: Record<string, SettingSchema> }[];
  const rows = sections.flatMap((s) => Object.entries(s.properties ?? {}));
  if (rows.length === 0) return '_The extension contributes no settings._';
  return [
    '| setting | default | description |',
    '|---|---|---|',
    ...rows.map(([key, s]) => `| \`${key}\` | ${s.default === undefined ? '' : `\`${cell(JSON.stringify(s.default))}\``} | ${cell(s.markdownDescription ?? s.description ?? '')}${s.enum ? ` (${s.enum.map((e) => `\`${String(e)}\``).join(', ')})` : ''} |`),
  ].join('\n');
}

export function rulesTable(): string {
  return [
    '| rule | category | default | finds |',
    '|---|---|---|---|',
    ...allRules.map((r) => `| [\`${r.id}\`](docs/rules.md#${r.id}) | ${r.category} | ${r.severity} | ${cell(r.description)} |`),
  ].join('\n');
}

/** Replaces the text between `<!-- NAME:start -->` and `<!-- NAME:end -->`. */
export function replaceSection(text: string, name: string, content: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  if (i < 0 || j < i) throw new Error(`README.md has no ${start} … ${end} section`);
  return text.slice(0, i + start.length) + '\n' + content + '\n' + text.slice(j);
}

export function renderReadme(readme: string, manifest: { contributes?: { configuration?: unknown } }): string {
  const cli = (text: string) => '```\n' + text + '\n```';
  let out = replaceSection(replaceSection(readme, 'settings', settingsTable(manifest)), 'rules', rulesTable());
  out = replaceSection(out, 'cli', cli(allSynopses().replace(/^kart --version \| --help$/m, '').trimEnd()));
  return replaceSection(out, 'cli-verify', cli(synopsis('verify')));
}
