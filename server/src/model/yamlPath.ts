import { isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { TextRange } from '../core/types';
import { nodeRange, scalarString, type Article } from './article';

export type YamlPathSegment = string | number;

/** The frontmatter node under an offset, as every feature that looks at YAML needs it. */
export interface YamlPosition {
  /** The JSON path of the key or value under the offset: `['atomic_facts', 0, 'id']`. */
  path: YamlPathSegment[];
  on: 'key' | 'value';
  /** The key or value node under the offset (a collection when the offset is on its white space). */
  node: Node;
  range: TextRange;
  /** The pair the key or value belongs to, and the mapping holding it (with its path). */
  pair?: Pair<Node, Node | null>;
  map?: YAMLMap;
  mapPath: YamlPathSegment[];
}

function contains(node: Node | null | undefined, yamlOffset: number): boolean {
  return !!node?.range && node.range[0] <= yamlOffset && yamlOffset <= node.range[1];
}

function keyName(key: Node | null | undefined): string {
  return scalarString(key) ?? String(key);
}

/** The key or value at a document offset in the frontmatter; undefined outside it or on its white space. */
export function pathAt(article: Article, offset: number): YamlPosition | undefined {
  const fm = article.frontmatter;
  const root = article.yaml?.contents as Node | null | undefined;
  if (!fm || !root || offset < fm.content.start || offset > fm.content.end) return undefined;
  const off = article.yamlOffset;
  const at = offset - off;
  const visit = (node: Node, path: YamlPathSegment[]): YamlPosition | undefined => {
    if (isMap(node)) {
      for (const pair of node.items as Pair<Node, Node | null>[]) {
        const name = keyName(pair.key);
        if (contains(pair.key, at)) return { path: [...path, name], on: 'key', node: pair.key, range: nodeRange(pair.key, off)!, pair, map: node, mapPath: path };
        if (pair.value && contains(pair.value, at)) {
          const inner = visit(pair.value, [...path, name]);
          return inner ?? { path: [...path, name], on: 'value', node: pair.value, range: nodeRange(pair.value, off)!, pair, map: node, mapPath: path };
        }
      }
    } else if (isSeq(node)) {
      const items = node.items as Node[];
      for (let i = 0; i < items.length; i++) {
        if (!contains(items[i], at)) continue;
        const inner = visit(items[i], [...path, i]);
        return inner ?? { path: [...path, i], on: 'value', node: items[i], range: nodeRange(items[i], off)!, mapPath: path };
      }
    }
    return undefined;
  };
  return visit(root, []);
}

/** The mapping a cursor's line belongs to, found from the line's indentation and the nodes above it. */
export interface YamlContainer {
  /** The path of the mapping: `[]` at the top level, `['atomic_facts', 2]` in a fact. */
  path: YamlPathSegment[];
  /** The mapping when it exists already; a new list item (`  - `) or a key with no value yet has none. */
  map?: YAMLMap;
  /** The keys the mapping holds on other lines than the cursor's. */
  keys: string[];
  /** The line starts a list item (`- `); `itemIndex` is its index in the list. */
  listItem: boolean;
  /** The column keys stand at in this mapping. */
  keyColumn: number;
}

/**
 * The key a pair really has: a line broken while typing (`conf` above `title: x`) is read by YAML as one key
 * spanning both lines ("conf title"); the key actually written is on its last line.
 */
function writtenKey(article: Article, key: Node | null): { name: string; line: number } | undefined {
  const range = nodeRange(key, article.yamlOffset);
  if (!range) return undefined;
  const first = article.lines.lineAt(range.start);
  const last = article.lines.lineAt(range.end);
  if (first === last) return { name: keyName(key), line: first };
  const start = Math.max(range.start, article.lines.lineStart(last));
  return { name: article.text.slice(start, range.end).trim(), line: last };
}

/** The keys of a mapping, leaving out those standing on `skipLine` (the one being typed). */
export function keysOf(article: Article, map: YAMLMap | undefined, skipLine = -1): string[] {
  if (!map) return [];
  const keys: string[] = [];
  for (const pair of map.items as Pair<Node, Node | null>[]) {
    const k = writtenKey(article, pair.key);
    if (k && k.line !== skipLine) keys.push(k.name);
  }
  return keys;
}

/** Leading spaces, and whether the line starts a list item (`- `), of the line holding offset. */
export function lineShape(article: Article, offset: number): { line: number; indent: number; dash: boolean; keyColumn: number } {
  const line = article.lines.lineAt(offset);
  const start = article.lines.lineStart(line);
  const text = article.text.slice(start, article.lines.lineEnd(line));
  let indent = 0;
  while (text.charCodeAt(indent) === 32) indent++;
  const dash = text.charCodeAt(indent) === 45 /* - */ && (indent + 1 >= text.length || text.charCodeAt(indent + 1) === 32);
  let keyColumn = indent;
  if (dash) {
    keyColumn = indent + 1;
    while (text.charCodeAt(keyColumn) === 32) keyColumn++;
    keyColumn = Math.max(keyColumn, indent + 2);
  }
  return { line, indent, dash, keyColumn };
}

/**
 * Which mapping a line being typed belongs to, however incomplete the YAML: a key with no value yet, a half-written
 * list item (`  - `), a line YAML cannot read. The walk descends through the nodes above the line by indentation.
 */
export function containerAt(article: Article, offset: number): YamlContainer | undefined {
  const fm = article.frontmatter;
  if (!fm || offset < fm.content.start || offset > fm.content.end) return undefined;
  const off = article.yamlOffset;
  const { line, indent, dash, keyColumn } = lineShape(article, offset);
  const lineStart = article.lines.lineStart(line);
  const columnOf = (yamlPos: number) => yamlPos + off - article.lines.lineStart(article.lines.lineAt(yamlPos + off));
  const startsBefore = (node: Node | null | undefined) => !!node?.range && node.range[0] + off < lineStart;
  const result = (path: YamlPathSegment[], map: YAMLMap | undefined, listItem: boolean, column: number): YamlContainer => ({
    path,
    map,
    keys: keysOf(article, map, line),
    listItem,
    keyColumn: column,
  });

  const walk = (node: Node | null | undefined, path: YamlPathSegment[]): YamlContainer | undefined => {
    if (isMap(node) && !node.flow) {
      const pairs = node.items as Pair<Node, Node | null>[];
      if (!pairs.length || !pairs[0].key || !(pairs[0].key as Node).range) return result(path, node, false, keyColumn);
      const column = columnOf((pairs[0].key as Node).range![0]);
      if (keyColumn === column) return result(path, node, false, column);
      if (keyColumn < column) return undefined;
      const pair = [...pairs].reverse().find((p) => startsBefore(p.key as Node));
      if (!pair) return undefined;
      const childPath = [...path, keyName(pair.key as Node)];
      const value = pair.value;
      if ((isMap(value) || isSeq(value)) && !value.flow) return walk(value, childPath);
      // A key with no value yet: the line starts its nested mapping or list.
      if (value === null || (isScalar(value) && value.value === null)) return result(childPath, undefined, dash, keyColumn);
      return undefined;
    }
    if (isSeq(node) && !node.flow) {
      const seq = node as YAMLSeq<Node | null>;
      const dashColumn = node.range ? columnOf(node.range[0]) : indent;
      const items = seq.items as (Node | null)[];
      if (dash && indent === dashColumn) {
        let index = items.findIndex((it) => it?.range && article.lines.lineAt(it.range[0] + off) === line);
        if (index < 0) index = items.filter((it) => startsBefore(it)).length;
        const item = items[index];
        return result([...path, index], isMap(item) && !item.flow ? item : undefined, true, keyColumn);
      }
      if (indent <= dashColumn) return undefined;
      let index = -1;
      for (let i = 0; i < items.length; i++) if (startsBefore(items[i])) index = i;
      if (index < 0) return undefined;
      const item = items[index];
      if ((isMap(item) || isSeq(item)) && !item.flow) return walk(item, [...path, index]);
      return result([...path, index], undefined, false, keyColumn);
    }
    return undefined;
  };

  const root = article.yaml?.contents as Node | null | undefined;
  if (!isMap(root) || root.flow) return keyColumn === 0 || !root ? result([], undefined, false, 0) : undefined;
  if (dash && indent === 0) return undefined;
  return walk(root, []);
}
