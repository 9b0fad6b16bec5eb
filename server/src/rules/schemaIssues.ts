import { isMap, isSeq, type Node, type Pair } from 'yaml';
import { memo, nodeAtPath, nodeRange, pairOf, type Article } from '../model/article';
import type { TextRange } from '../core/types';
import type { ArticleSchema, JsonPath, SchemaIssue } from '../schema/articleSchema';

export interface LocatedIssue extends SchemaIssue {
  range: TextRange;
}

/** The range a schema issue belongs on: a missing key on its parent's key, an unknown key on itself, a bad value on the value. */
export function issueRange(article: Article, issue: SchemaIssue): TextRange {
  const off = article.yamlOffset;
  const fallback = article.frontmatter?.open ?? { start: 0, end: 0 };
  if (issue.keyword === 'additionalProperties') {
    const { node } = nodeAtPath(article, issue.path);
    if (isMap(node)) {
      const name = String(issue.params.additionalProperty);
      const pair = pairOf(node, name) ?? (node.items as Pair<Node, Node | null>[]).find((p) => String((p.key as { value?: unknown })?.value) === name);
      const r = nodeRange(pair?.key as Node, off);
      if (r) return r;
    }
  }
  if (issue.keyword === 'required' || issue.keyword === 'additionalProperties') {
    if (issue.path.length === 0) return fallback;
    const { node, pair } = nodeAtPath(article, issue.path);
    // An item of a list has no key of its own: its first key stands for it.
    if (typeof issue.path[issue.path.length - 1] === 'number' && isMap(node)) {
      const first = (node.items as Pair<Node, Node | null>[])[0];
      return nodeRange(first?.key as Node, off) ?? nodeRange(node, off) ?? fallback;
    }
    const parent = nodeAtPath(article, issue.path.slice(0, -1));
    if (isMap(parent.node)) {
      const key = String(issue.path[issue.path.length - 1]);
      const p = pairOf(parent.node, key) ?? (parent.node.items as Pair<Node, Node | null>[]).find((x) => String((x.key as { value?: unknown })?.value) === key);
      const r = nodeRange(p?.key as Node, off);
      if (r) return r;
    }
    return nodeRange(pair?.key as Node, off) ?? nodeRange(node, off) ?? fallback;
  }
  const { node, pair } = nodeAtPath(article, issue.path);
  if (node && !(isSeq(node) && node.items.length === 0 && !node.range)) {
    const r = nodeRange(node, off);
    if (r && r.end > r.start) return r;
  }
  return nodeRange(pair?.key as Node, off) ?? fallback;
}

/** The schema issues of an article, validated once per version and schema. */
export function schemaIssuesOf(article: Article, schema: ArticleSchema): LocatedIssue[] {
  return memo(article, 'schemaIssues', () => {
    // YAML that does not parse yields a half-read mapping: checking it against the schema would report keys as
    // missing or unknown that are only unreadable. The syntax error is the one finding that helps.
    if (!article.data || article.yaml?.errors.some((e) => e.code !== 'DUPLICATE_KEY')) return [];
    return schema.validate(article.data).map((issue) => ({ ...issue, range: issueRange(article, issue) }));
  });
}

export function pathLabel(path: JsonPath): string {
  return path.reduce<string>((s, seg) => (typeof seg === 'number' ? `${s}[${seg}]` : s ? `${s}.${seg}` : seg), '');
}

/** Where a path points, as a message says it: a fact by its id (`fact f2`), the rest of the path after it. */
export interface Place {
  /** `fact f2: ` for a path inside a fact, empty elsewhere. */
  prefix: string;
  /** The fact (`fact f2`), or undefined outside one. */
  fact?: string;
  /** The path inside the fact (`confidence`), or the whole path elsewhere; empty for the fact itself. */
  label: string;
  /** The place in a sentence: `fact f2: "confidence"`, `"language"`, `fact f2`. */
  named: string;
}

export function placeOf(article: Article, path: JsonPath): Place {
  if (path[0] === 'atomic_facts' && typeof path[1] === 'number') {
    const fact = article.facts.find((f) => f.index === path[1]);
    const name = fact?.id?.trim() ? `fact ${fact.id.trim()}` : `fact ${path[1] + 1}`;
    const label = pathLabel(path.slice(2));
    return { prefix: `${name}: `, fact: name, label, named: label ? `${name}: "${label}"` : name };
  }
  const label = pathLabel(path);
  return { prefix: '', label, named: `"${label}"` };
}
