import { isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
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
    // When lines were left out to read the rest (model/yamlRecovery.ts), what they could explain is left out too.
    const broken = article.yaml?.errors.some((e) => e.code !== 'DUPLICATE_KEY');
    if (!article.data || (broken && article.unreadable.length === 0)) return [];
    const issues = schema.validate(article.data).map((issue) => ({ ...issue, range: issueRange(article, issue) }));
    return broken ? issues.filter((issue) => !touchesUnreadable(article, issue)) : issues;
  });
}

function intersects(a: TextRange, b: TextRange): boolean {
  return a.start < b.end && b.start < a.end;
}

/** From a node (its key, in a mapping) to the next sibling's start: the lines that belong to it, blank ones included. */
function extentOf(article: Article, path: JsonPath): TextRange {
  const fm = article.frontmatter!;
  const off = article.yamlOffset;
  if (path.length === 0) return { start: fm.content.start, end: fm.content.end };
  const parentPath = path.slice(0, -1);
  const parent = nodeAtPath(article, parentPath).node;
  const own = nodeAtPath(article, path);
  const first = nodeRange((own.pair?.key as Node | undefined) ?? own.node ?? undefined, off);
  let next: number | undefined;
  const last = path[path.length - 1];
  if (isMap(parent)) {
    const pairs = parent.items as Pair<Node, Node | null>[];
    const i = pairs.findIndex((p) => String((p.key as { value?: unknown })?.value) === String(last));
    next = (pairs[i + 1]?.key as Node | undefined)?.range?.[0];
  } else if (isSeq(parent)) {
    next = (parent.items[Number(last) + 1] as Node | undefined)?.range?.[0];
  }
  const end = next !== undefined ? next + off : extentOf(article, parentPath).end;
  return { start: first?.start ?? end, end };
}

/** Whether a line left out by recovery could be the cause of an issue: on it, or inside what the issue is about. */
function touchesUnreadable(article: Article, issue: LocatedIssue): boolean {
  const hit = (r: TextRange) => article.unreadable.some((u) => intersects(u, r.end > r.start ? r : { start: r.start, end: r.start + 1 }));
  if (hit(issue.range)) return true;
  if (issue.keyword === 'additionalProperties') return false;
  const node = nodeAtPath(article, issue.path).node;
  // A value written in full is judged by itself; a collection, an empty value or a missing key by all its lines.
  if (issue.keyword !== 'required' && isScalar(node) && node.value !== null) return false;
  return hit(extentOf(article, issue.path));
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
