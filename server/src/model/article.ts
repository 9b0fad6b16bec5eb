import { Document, isAlias, isMap, isPair, isScalar, isSeq, parseDocument, YAMLParseError, type Node, type Pair, type YAMLMap } from 'yaml';
import { LineIndex } from '../core/lineIndex';
import { MAX_DOCUMENT_CHARS, tooLargeMessage } from '../core/limits';
import type { TextRange } from '../core/types';
import { scanBody, type Body } from './body';
import { splitFrontmatter, type FrontmatterBlock } from './frontmatter';
import { plainData } from './plainData';
import { recoverYaml, YAML_OPTIONS } from './yamlRecovery';

export interface Field {
  key: string;
  keyRange: TextRange;
  /** Undefined when the key has no value (`key:`). */
  valueRange?: TextRange;
  /** The whole `key: value` pair. */
  range: TextRange;
  node: Node | null;
  /** The value as plain data, converted when asked for. */
  readonly value: unknown;
}

export interface Item {
  index: number;
  /** The item's node, without the `- ` marker. */
  range: TextRange;
  fields: Map<string, Field>;
  /** False when the item is not a mapping (a bare string in a list of facts, say). */
  isMap: boolean;
}

export interface Fact extends Item {
  id?: string;
  statement?: string;
  sourceTitle?: string;
  sourceUrl?: string;
  sourceDoi?: string;
  confidence?: string;
}

export type SourceList = 'primary_sources' | 'secondary_sources';

export interface Source extends Item {
  list: SourceList;
  title?: string;
  url?: string;
  doi?: string;
  type?: string;
}

export interface Disputed extends Item {
  /** The statement text, whether the entry is a plain string or a mapping. */
  statement?: string;
  statementRange?: TextRange;
}

export interface StringItem {
  index: number;
  text: string;
  range: TextRange;
}

export interface Article {
  uri: string;
  version: number;
  text: string;
  lines: LineIndex;
  bom: boolean;
  eol: '\n' | '\r\n';
  frontmatter?: FrontmatterBlock;
  yaml?: Document.Parsed;
  /** Offset of the YAML text in the document: add it to a YAML node's range. */
  yamlOffset: number;
  /** The frontmatter as plain data, when it is a mapping. */
  data?: Record<string, unknown>;
  /**
   * Lines YAML could not read, left out so that the rest of the frontmatter is read (the model is built without
   * them; `yaml.errors` are still those of the text as written). Empty when the YAML parses.
   */
  unreadable: TextRange[];
  /** Its frontmatter says it is a knowledge article (it has atomic_facts or primary_sources). */
  isArticle: boolean;
  fields: Map<string, Field>;
  facts: Fact[];
  sources: Source[];
  disputed: Disputed[];
  knownGaps: StringItem[];
  body: Body;
  /** Derived data computed once per version and shared by rules and features (see `memo`). */
  readonly memos: Map<string, unknown>;
  /** Why the document was not modelled (too large): then it has no frontmatter, body or facts, only this. */
  unparsed?: string;
}

/** Computes a value once per article version, however many rules and features ask. */
export function memo<T>(article: Article, key: string, compute: () => T): T {
  if (article.memos.has(key)) return article.memos.get(key) as T;
  const value = compute();
  article.memos.set(key, value);
  return value;
}

export function nodeRange(node: Node | null | undefined, offset: number): TextRange | undefined {
  if (!node?.range) return undefined;
  return { start: node.range[0] + offset, end: node.range[1] + offset };
}

export function scalarString(node: Node | null | undefined): string | undefined {
  if (!isScalar(node)) return undefined;
  const v = node.value;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

/** A class rather than an object literal with a getter: one shape for every field, and no closure per field. */
class FieldEntry implements Field {
  constructor(
    readonly key: string,
    readonly keyRange: TextRange,
    readonly valueRange: TextRange | undefined,
    readonly range: TextRange,
    readonly node: Node | null,
  ) {}

  get value(): unknown {
    return this.node ? this.node.toJSON() : null;
  }
}

function fieldsOf(map: YAMLMap, offset: number): Map<string, Field> {
  const fields = new Map<string, Field>();
  for (const pair of map.items as Pair<Node, Node | null>[]) {
    const key = scalarString(pair.key);
    const keyRange = nodeRange(pair.key, offset);
    // A duplicated key (reported by yaml-duplicate-key): the last one wins, as in the data the schema checks.
    if (key === undefined || !keyRange) continue;
    const valueRange = nodeRange(pair.value, offset);
    const node = pair.value;
    fields.set(key, new FieldEntry(key, keyRange, valueRange, { start: keyRange.start, end: valueRange?.end ?? keyRange.end }, node));
  }
  return fields;
}

function itemsOf(field: Field | undefined, offset: number): { node: Node; range: TextRange; fields: Map<string, Field>; isMap: boolean }[] {
  if (!field || !isSeq(field.node)) return [];
  const out = [];
  for (const node of field.node.items as Node[]) {
    const range = nodeRange(node, offset);
    if (!range) continue;
    out.push({ node, range, fields: isMap(node) ? fieldsOf(node, offset) : new Map<string, Field>(), isMap: isMap(node) });
  }
  return out;
}

function str(fields: Map<string, Field>, key: string): string | undefined {
  return scalarString(fields.get(key)?.node);
}

const emptyBody = (start: number): Body => ({ start, headings: [], sections: [], paragraphs: [], links: [], linkDefinitions: [], citations: [], mappedFacts: [], comments: [], codeBlocks: [], codeSpans: [] });

export interface ParseOptions {
  /** Skip the Markdown body (a workspace index needs only the frontmatter). */
  frontmatterOnly?: boolean;
  /**
   * The document's previous version: when everything up to the body is the same text (an edit in the body), its
   * frontmatter model is reused as it is, offsets included, and only the body is scanned again.
   */
  previous?: Article;
}

/** A document kept as text only, never parsed: no rule or feature finds anything in it to read or to change. */
function unparsedArticle(uri: string, text: string, version: number, why: string): Article {
  const bom = text.charCodeAt(0) === 0xfeff;
  return { uri, version, text, lines: new LineIndex(text), bom, eol: '\n', yamlOffset: 0, isArticle: false, unreadable: [], fields: new Map(), facts: [], sources: [], disputed: [], knownGaps: [], body: emptyBody(bom ? 1 : 0), memos: new Map(), unparsed: why };
}

/** Parses one version of a document: the frontmatter split, the YAML with node ranges, and the body scan. */
export function parseArticle(uri: string, text: string, version = 0, options: ParseOptions = {}): Article {
  // Past the cap no model is built, whoever asks (an open document, the index, the CLI): each would cost seconds.
  if (text.length > MAX_DOCUMENT_CHARS) return unparsedArticle(uri, text, version, tooLargeMessage(text.length));
  const split = splitFrontmatter(text);
  const fm = split.frontmatter;
  const article: Article = {
    uri,
    version,
    text,
    lines: new LineIndex(text),
    bom: split.bom,
    eol: split.eol,
    frontmatter: fm,
    yamlOffset: fm?.content.start ?? 0,
    isArticle: false,
    unreadable: [],
    fields: new Map(),
    facts: [],
    sources: [],
    disputed: [],
    knownGaps: [],
    body: emptyBody(fm ? fm.bodyStart : split.bom ? 1 : 0),
    memos: new Map(),
  };
  const prev = options.previous;
  if (fm && prev?.frontmatter && prev.frontmatter.bodyStart === fm.bodyStart && prev.text.startsWith(text.slice(0, fm.bodyStart))) {
    article.yaml = prev.yaml;
    article.data = prev.data;
    article.isArticle = prev.isArticle;
    article.unreadable = prev.unreadable;
    article.fields = prev.fields;
    article.facts = prev.facts;
    article.sources = prev.sources;
    article.disputed = prev.disputed;
    article.knownGaps = prev.knownGaps;
  } else if (fm) {
    const yamlText = text.slice(fm.content.start, fm.content.end);
    // yaml's own duplicate-key check compares every key with every earlier one: quadratic in a mapping's size.
    // yaml breaks lines only at \n and \r\n. In a file whose lines end with a lone \r (old Mac files) each becomes a
    // \n of the same length, so that offsets still hold; elsewhere a stray \r stays what it is, a character.
    const loneCr = text.charCodeAt(fm.open.end) === 13 && text.charCodeAt(fm.open.end + 1) !== 10;
    const yamlSource = loneCr ? yamlText.replace(/\r(?!\n)/g, '\n') : yamlText;
    let doc: Document.Parsed = parseDocument(yamlSource, YAML_OPTIONS);
    const off = fm.content.start;
    // An unclosed block runs into the body: its Markdown is no YAML to recover.
    const recovered = fm.close ? recoverYaml(yamlSource, doc) : undefined;
    if (recovered) {
      // The model reads what parses; the errors stay those of the text as written, for yaml-syntax to report.
      recovered.doc.errors = doc.errors;
      doc = recovered.doc;
      article.unreadable = recovered.blanked.map((r) => ({ start: r.start + off, end: r.end + off }));
    }
    addDuplicateKeyErrors(doc);
    article.yaml = doc;
    if (isMap(doc.contents)) {
      article.fields = fieldsOf(doc.contents, off);
      try {
        const data = plainData(doc);
        if (data && typeof data === 'object' && !Array.isArray(data)) article.data = data as Record<string, unknown>;
      } catch {
        // An alias bomb or a cycle: the YAML rule reports it; the data stays unknown.
      }
      article.isArticle = article.fields.has('atomic_facts') || article.fields.has('primary_sources');
      article.facts = itemsOf(article.fields.get('atomic_facts'), off).map((it, index) => ({
        index,
        range: it.range,
        fields: it.fields,
        isMap: it.isMap,
        id: str(it.fields, 'id'),
        statement: str(it.fields, 'statement'),
        sourceTitle: str(it.fields, 'source_title'),
        sourceUrl: str(it.fields, 'source_url'),
        sourceDoi: str(it.fields, 'source_doi'),
        confidence: str(it.fields, 'confidence'),
      }));
      for (const list of ['primary_sources', 'secondary_sources'] as const) {
        itemsOf(article.fields.get(list), off).forEach((it, index) =>
          article.sources.push({
            list,
            index,
            range: it.range,
            fields: it.fields,
            isMap: it.isMap,
            title: str(it.fields, 'title'),
            url: str(it.fields, 'url'),
            doi: str(it.fields, 'doi'),
            type: str(it.fields, 'type'),
          }),
        );
      }
      article.disputed = itemsOf(article.fields.get('disputed_statements'), off).map((it, index) => {
        const statementField = it.fields.get('statement');
        return {
          index,
          range: it.range,
          fields: it.fields,
          isMap: it.isMap,
          statement: it.isMap ? scalarString(statementField?.node) : scalarString(it.node),
          statementRange: it.isMap ? statementField?.valueRange : it.range,
        };
      });
      article.knownGaps = itemsOf(article.fields.get('known_gaps'), off).flatMap((it, index) => {
        const text = scalarString(it.node);
        return text === undefined ? [] : [{ index, text, range: it.range }];
      });
    }
  }
  if (!options.frontmatterOnly) article.body = scanBody(text, article.body.start);
  return article;
}

/**
 * Adds the DUPLICATE_KEY errors yaml's `uniqueKeys` would give (same position, same code), in linear time: a key is
 * a duplicate when an earlier scalar key of the same mapping has the same value.
 */
function addDuplicateKeyErrors(doc: Document.Parsed): void {
  const found: YAMLParseError[] = [];
  const stack: unknown[] = [doc.contents];
  while (stack.length) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items as Pair<unknown, unknown>[]) {
        const key = pair.key;
        if (isScalar(key) && key.range && !Number.isNaN(key.value)) {
          if (seen.has(key.value)) found.push(new YAMLParseError([key.range[0], key.range[0] + 1], 'DUPLICATE_KEY', 'Map keys must be unique'));
          else seen.add(key.value);
        }
        stack.push(pair.key, pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    } else if (isPair(node)) {
      stack.push(node.key, node.value);
    }
  }
  if (found.length === 0) return;
  doc.errors.push(...found.sort((a, b) => a.pos[0] - b.pos[0]));
}

const pairIndexes = new WeakMap<YAMLMap, Map<string, Pair<Node, Node | null>>>();

/**
 * The pair of a mapping whose key reads as `key` (the last one when the key is duplicated, as in the data the schema
 * checks); the mapping is indexed once, so that lookups stay linear overall.
 */
export function pairOf(map: YAMLMap, key: string): Pair<Node, Node | null> | undefined {
  let index = pairIndexes.get(map);
  if (!index) {
    index = new Map();
    for (const p of map.items as Pair<Node, Node | null>[]) {
      const k = scalarString(p.key);
      if (k !== undefined) index.set(k, p);
    }
    pairIndexes.set(map, index);
  }
  return index.get(key);
}

/** The YAML node at a JSON path (`['atomic_facts', 0, 'id']`), with the pair holding it when there is one. */
export function nodeAtPath(article: Article, path: (string | number)[]): { node: Node | null | undefined; pair?: Pair<Node, Node | null> } {
  let node: Node | null | undefined = article.yaml?.contents as Node | null;
  let pair: Pair<Node, Node | null> | undefined;
  for (const seg of path) {
    // Through an alias to the node it names, as the data does (`atomic_facts: *facts`).
    if (isAlias(node) && article.yaml) node = node.resolve(article.yaml) as Node | undefined;
    if (isMap(node)) {
      pair = pairOf(node, String(seg));
      node = pair?.value;
    } else if (isSeq(node)) {
      const item = node.items[Number(seg)] as Node | undefined;
      pair = isPair(item) ? (item as unknown as Pair<Node, Node | null>) : undefined;
      node = item;
    } else {
      return { node: undefined };
    }
  }
  return { node, pair };
}

export function factById(article: Article, id: string): Fact | undefined {
  return article.facts.find((f) => f.id === id);
}

export function lineText(article: Article, line: number): string {
  return article.text.slice(article.lines.lineStart(line), article.lines.lineEnd(line));
}
