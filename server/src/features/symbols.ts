import { isMap, isSeq } from 'yaml';
import { throwIfCancelled, type CancellationToken, type TextRange } from '../core/types';
import type { Article, Field, Source, SourceList } from '../model/article';
import type { Heading } from '../model/body';
import type { SymbolResult } from './types';

const LISTED_APART = new Set(['atomic_facts', 'primary_sources', 'secondary_sources']);

function oneLine(s: string | undefined, max = 80): string | undefined {
  if (s === undefined) return undefined;
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? t.slice(0, max - 1) + '…' : t;
}

function fieldSymbol(field: Field): SymbolResult {
  const node = field.node;
  const scalar = node && !isMap(node) && !isSeq(node) ? field.value : undefined;
  return {
    name: field.key,
    detail: scalar === undefined || scalar === null ? undefined : oneLine(String(scalar)),
    kind: isSeq(node) ? 'array' : isMap(node) ? 'object' : 'field',
    range: field.range,
    selectionRange: field.keyRange,
    children: [],
  };
}

function span(ranges: TextRange[]): TextRange {
  return { start: Math.min(...ranges.map((r) => r.start)), end: Math.max(...ranges.map((r) => r.end)) };
}

function sourceSymbols(article: Article, list: SourceList): SymbolResult | undefined {
  const field = article.fields.get(list);
  if (!field) return undefined;
  const sources: Source[] = article.sources.filter((s) => s.list === list);
  return {
    name: list,
    detail: `${sources.length}`,
    kind: 'array',
    range: field.range,
    selectionRange: field.keyRange,
    children: sources.map((s) => ({
      name: oneLine(s.title) || s.url || `source ${s.index + 1}`,
      detail: s.type,
      kind: 'object',
      range: s.range,
      selectionRange: s.fields.get('title')?.valueRange ?? s.range,
      children: [],
    })),
  };
}

/** Headings nested by level: an H3 is a child of the H2 above it. */
function headingSymbols(article: Article): SymbolResult[] {
  const roots: SymbolResult[] = [];
  const stack: { level: number; symbol: SymbolResult }[] = [];
  for (const section of article.body.sections) {
    const h: Heading = section.heading;
    const symbol: SymbolResult = { name: h.text || '(empty heading)', kind: 'string', range: section.range, selectionRange: h.range, children: [] };
    while (stack.length && stack[stack.length - 1].level >= h.level) stack.pop();
    (stack.length ? stack[stack.length - 1].symbol.children : roots).push(symbol);
    stack.push({ level: h.level, symbol });
  }
  return roots;
}

/** The outline: Metadata (top-level fields), Facts, Sources (primary, secondary), then the body's sections. */
export function getSymbols(article: Article, token: CancellationToken): SymbolResult[] {
  throwIfCancelled(token);
  const out: SymbolResult[] = [];
  const metadata = [...article.fields.values()].filter((f) => !LISTED_APART.has(f.key)).map(fieldSymbol);
  if (metadata.length) {
    const range = span(metadata.map((m) => m.range));
    out.push({ name: 'Metadata', kind: 'namespace', range, selectionRange: metadata[0].selectionRange, children: metadata });
  }
  const facts = article.fields.get('atomic_facts');
  if (facts) {
    out.push({
      name: 'Facts',
      detail: `${article.facts.length}`,
      kind: 'namespace',
      range: facts.range,
      selectionRange: facts.keyRange,
      children: article.facts.map((f) => ({
        name: f.id || `fact ${f.index + 1}`,
        detail: oneLine(f.statement),
        kind: 'object',
        range: f.range,
        selectionRange: f.fields.get('id')?.valueRange ?? f.range,
        children: [],
      })),
    });
  }
  throwIfCancelled(token);
  const lists = (['primary_sources', 'secondary_sources'] as const).flatMap((l) => sourceSymbols(article, l) ?? []);
  if (lists.length) {
    out.push({ name: 'Sources', detail: `${article.sources.length}`, kind: 'namespace', range: span(lists.map((l) => l.range)), selectionRange: lists[0].selectionRange, children: lists });
  }
  out.push(...headingSymbols(article));
  return out;
}
