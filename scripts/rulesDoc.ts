// Renders docs/rules.md from the rule modules. Used by scripts/gen-docs.mjs (which writes the file) and by
// test/unit/docs.test.ts (which fails when the file differs from what this renders).
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { allRules } from '../server/src/rules';
import type { Rule } from '../server/src/rules/rule';

export type FixKind = 'safe' | 'on request' | 'none';

/** The argument list of the call whose `(` is at `open`: up to the matching `)`. */
function argsAt(text: string, open: number): string {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return text.slice(open + 1, i);
  }
  return text.slice(open + 1);
}

/**
 * Whether a rule offers fixes, read off its module's source (and the helper modules it imports): fixes marked
 * `safe: true`, or made by `replaceFix` without `false`, are applied by `kart fix`; others only on request.
 */
export function fixKindOf(source: string): FixKind {
  let safe = /\bsafe:\s*true\b/.test(source);
  let any = safe || /\bfixes\b/.test(source);
  for (let at = source.indexOf('replaceFix('); at >= 0; at = source.indexOf('replaceFix(', at + 1)) {
    if (/function\s+$/.test(source.slice(Math.max(0, at - 20), at))) continue;
    any = true;
    if (!/,\s*false\s*$/.test(argsAt(source, at + 'replaceFix'.length))) safe = true;
  }
  return safe ? 'safe' : any ? 'on request' : 'none';
}

/** For each rule id, the source of the module defining it plus the non-rule helper modules it imports. */
export function ruleSources(root: string, rules: readonly Rule[] = allRules): Map<string, string> {
  const dir = join(root, 'server/src/rules');
  const files = new Map<string, string>();
  for (const name of readdirSync(dir)) if (name.endsWith('.ts')) files.set(name.replace(/\.ts$/, ''), readFileSync(join(dir, name), 'utf8'));
  const isRuleModule = (text: string) => /:\s*Rule\s*=/.test(text);
  const out = new Map<string, string>();
  for (const rule of rules) {
    const quoted = new RegExp(`\\bid:\\s*['"\`]${rule.id.replace(/[-/\\^$*+?.()|[\]{}]/g, '\\$&')}['"\`]`);
    const own = [...files.entries()].find(([, text]) => quoted.test(text));
    if (!own) continue;
    let text = own[1];
    for (const m of own[1].matchAll(/from '\.\/([\w-]+)'/g)) {
      const dep = files.get(m[1]);
      if (dep && !['rule', 'fixes', 'index'].includes(m[1]) && !isRuleModule(dep)) text += '\n' + dep;
    }
    out.set(rule.id, text);
  }
  return out;
}

const FIX_TEXT: Record<FixKind, string> = {
  safe: 'yes, safe: `kart fix` and "Fix all" apply it',
  'on request': 'yes, on request (a quick fix to choose; `kart fix --unsafe`)',
  none: 'no',
};

/** A fenced block that no backtick run inside the example can close. */
function fence(text: string, lang: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const f = '`'.repeat(longest + 1);
  return `${f}${lang}\n${text.replace(/\s+$/, '')}\n${f}`;
}

const langOf = (example: string) => (/^(---|[a-z_]+:|\s+- |#\s)/.test(example) && !/^#{2,}\s/m.test(example) ? 'yaml' : 'markdown');

export function renderRulesDoc(rules: readonly Rule[], fixKinds: ReadonlyMap<string, FixKind>): string {
  const lines: string[] = [];
  lines.push('# Rules');
  lines.push('');
  lines.push('<!-- Generated from the rule modules in server/src/rules by `npm run docs` (scripts/gen-docs.mjs). Do not edit by hand. -->');
  lines.push('');
  lines.push(
    `The checks \`kart check\` and the editor run, ${rules.length} rules. Each has a stable id: set its severity (\`off\`, \`hint\`, \`info\`, \`warning\`, \`error\`) under \`rules\` in \`kart.config.json\`, or silence one line with \`<!-- kart-disable-next-line RULE -->\` in the body or \`# kart-disable-next-line RULE\` in the frontmatter. Workspace rules compare an article with the other articles of the workspace; they run when the whole workspace is checked or indexed.`,
  );
  lines.push('');
  lines.push('| Rule | Category | Default severity | Fix | Description |');
  lines.push('|---|---|---|---|---|');
  for (const r of rules) {
    const fix = fixKinds.get(r.id) ?? 'none';
    lines.push(`| [\`${r.id}\`](#${r.id}) | ${r.category}${r.workspace && r.category !== 'workspace' ? ' (workspace)' : ''} | ${r.severity} | ${fix === 'none' ? '' : fix} | ${r.description.replace(/\|/g, '\\|')} |`);
  }
  for (const r of rules) {
    lines.push('');
    lines.push(`## ${r.id}`);
    lines.push('');
    lines.push(r.description);
    lines.push('');
    lines.push(`- Category: ${r.category}${r.workspace ? ' (workspace rule: needs the other articles)' : ''}${r.verification ? ' (from the verification report: `kart verify`, or "Verify Sources" in the editor; `kart check` does not go online)' : ''}`);
    lines.push(`- Default severity: ${r.severity}`);
    lines.push(`- Fix: ${r.verification && fixKinds.get(r.id) !== 'none' ? 'yes, on request (a quick fix in the editor)' : FIX_TEXT[fixKinds.get(r.id) ?? 'none']}`);
    if (r.docs.why) {
      lines.push('');
      lines.push(`Why: ${r.docs.why}`);
    }
    lines.push('');
    lines.push('Bad:');
    lines.push('');
    lines.push(fence(r.docs.bad, langOf(r.docs.bad)));
    lines.push('');
    lines.push('Good:');
    lines.push('');
    lines.push(fence(r.docs.good, langOf(r.docs.good)));
  }
  return lines.join('\n') + '\n';
}

/** docs/rules.md as it should read for the checkout at `root`. */
export function rulesDoc(root: string): string {
  const sources = ruleSources(root);
  const kinds = new Map<string, FixKind>();
  for (const [id, text] of sources) kinds.set(id, fixKindOf(text));
  return renderRulesDoc(allRules, kinds);
}
