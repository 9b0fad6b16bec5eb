import type { TextRange } from '../core/types';
import { memo } from '../model/article';
import type { ArticleSchema } from '../schema/articleSchema';
import { deleteLinesEdit } from './fixes';
import type { Rule } from './rule';

const keySets = new WeakMap<ArticleSchema, { all: Set<string>; top: Set<string> }>();

/** The keys of the frontmatter, of a fact and of a source, from the schema in use (extended ones included). */
function knownKeys(schema: ArticleSchema): { all: Set<string>; top: Set<string> } {
  let sets = keySets.get(schema);
  if (!sets) {
    const top = new Set(schema.keysAt([]));
    const all = new Set([...top, ...schema.keysAt(['atomic_facts', 0]), ...schema.keysAt(['primary_sources', 0])]);
    sets = { all, top };
    keySets.set(schema, sets);
  }
  return sets;
}

interface KeyLine {
  key: string;
  range: TextRange;
  /** `atomic_facts:` with nothing after it: the start of a pasted block. */
  opensBlock: boolean;
}

/** `key: value`, `key:` or `- key: value` on one line of a paragraph. */
function keyOfLine(line: string): { key: string; empty: boolean } | undefined {
  const m = /^\s*(?:-\s+)?([a-z][a-z0-9_]*):(?:[ \t]+(.*))?$/.exec(line);
  return m ? { key: m[1], empty: !m[2]?.trim() } : undefined;
}

export const bodyFrontmatterKeys: Rule = {
  id: 'body-frontmatter-keys',
  category: 'article',
  severity: 'warning',
  description: 'Frontmatter fields (`id:`, `atomic_facts:`, `source_url:` ...) pasted into the Markdown body.',
  docs: {
    bad: '## Further Reading\n- [The Olympics](https://example.org/olympics)\natomic_facts:\n  - id: "fact-sports-001"\n    statement: "Summer and Winter Games are held every 4 years"',
    good: '---\n...\natomic_facts:\n  - id: "fact-sports-001"\n    statement: "Summer and Winter Games are held every 4 years"\n---\n## Further Reading\n- [The Olympics](https://example.org/olympics)',
    why: 'Fields in the body are shown to readers as text and are invisible to every check: the facts they hold are lost.',
  },
  check(ctx) {
    const { article } = ctx;
    const { all, top } = knownKeys(ctx.config.schema);
    const runs = memo(article, 'bodyFrontmatterKeys', () => {
      const found: { lines: KeyLine[] }[] = [];
      for (const p of article.body.paragraphs) {
        const lines: KeyLine[] = [];
        let count = 0;
        let offset = p.range.start;
        // The paragraph's lines as written: the text of a paragraph maps line by line onto the document.
        const first = article.lines.lineAt(p.range.start);
        const last = article.lines.lineAt(Math.max(p.range.start, p.range.end - 1));
        for (let l = first; l <= last; l++) {
          count++;
          const start = l === first ? offset : article.lines.lineStart(l);
          const end = Math.min(article.lines.lineEnd(l), p.range.end);
          const text = article.text.slice(start, end);
          const k = keyOfLine(text);
          if (k && all.has(k.key)) {
            const lead = text.length - text.trimStart().length;
            lines.push({ key: k.key, range: { start: start + lead, end: start + text.trimEnd().length }, opensBlock: k.empty && top.has(k.key) });
          }
          offset = end;
        }
        // A single `key: value` line in prose can be a sentence; a whole paragraph of them, or an opened block, cannot.
        if (lines.length && (lines.length === count || lines.length >= 2 || lines.some((x) => x.opensBlock))) found.push({ lines });
      }
      // Paragraphs that follow each other with only list markers and space between are one pasted block.
      const merged: KeyLine[][] = [];
      for (const run of found) {
        const prev = merged[merged.length - 1];
        const gap = prev ? article.text.slice(prev[prev.length - 1].range.end, run.lines[0].range.start) : undefined;
        if (prev && gap !== undefined && /^[\s-]*$/.test(gap)) prev.push(...run.lines);
        else merged.push([...run.lines]);
      }
      return merged;
    });
    for (const lines of runs) {
      const range = { start: lines[0].range.start, end: lines[lines.length - 1].range.end };
      const keys = [...new Set(lines.map((x) => x.key))];
      const shown = keys.length > 4 ? `${keys.slice(0, 4).join(', ')} ...` : keys.join(', ');
      ctx.report(range, `Frontmatter fields in the body (${shown}): readers see them as text and no check reads them. Move them into the frontmatter between the \`---\` lines, or delete them.`, {
        fixes: [{ title: 'Delete these lines from the body', edits: [deleteLinesEdit(article, range)], safe: false }],
      });
    }
  },
};
