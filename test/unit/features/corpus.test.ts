import * as assert from 'assert';
import { existsSync, readdirSync, readFileSync } from 'fs';
import { join, resolve } from 'path';
import { describe, it } from 'node:test';
import { checkArticle } from '../../../server/src/check';
import { parseConfig } from '../../../server/src/config';
import { applyEdits } from '../../../server/src/core/edits';
import { neverCancelled, type TextRange } from '../../../server/src/core/types';
import { getCodeActions } from '../../../server/src/features/codeActions';
import { getCodeLenses } from '../../../server/src/features/codeLens';
import { getCompletions } from '../../../server/src/features/completion';
import { getDefinition } from '../../../server/src/features/definition';
import { getDocumentLinks } from '../../../server/src/features/documentLinks';
import { getFoldingRanges } from '../../../server/src/features/folding';
import { getHover } from '../../../server/src/features/hover';
import { getReferences } from '../../../server/src/features/references';
import { getRename, prepareRename } from '../../../server/src/features/rename';
import { getSymbols } from '../../../server/src/features/symbols';
import type { FeatureContext, SymbolResult } from '../../../server/src/features/types';
import { parseArticle, type Article } from '../../../server/src/model/article';
import { factIdRange } from '../../../server/src/model/factTargets';
import { defaultSchema } from '../../../server/src/schema/articleSchema';
import { summarize, WorkspaceIndex } from '../../../server/src/workspaceIndex';
import { TODAY } from '../../helpers';

// The tests run from the repository's root; the corpus is vendored under test/corpus.
const CORPUS = resolve(process.cwd(), 'test/corpus/anchorfact');
const SEED = resolve(process.cwd(), 'test/corpus/seeds/000_aa1be8cad8dc091c.txt');

function corpusFiles(): string[] {
  const out: string[] = [];
  for (const folder of readdirSync(CORPUS).sort()) {
    const dir = join(CORPUS, folder);
    if (!existsSync(dir) || !folder.match(/^[a-z-]+$/)) continue;
    for (const name of readdirSync(dir).sort()) if (name.endsWith('.md')) out.push(join(dir, name));
  }
  return out;
}

/**
 * Offsets worth asking about: each citation key, fact id, key, value and link, the body's start and the end.
 * Inside a link's target completion lists every article of the corpus, so only one article in 25 asks there.
 */
function sampleOffsets(a: Article, n: number): number[] {
  const offsets = new Set<number>([0, a.body.start, a.text.length]);
  const fieldsOf = (fields: Article['fields']) => {
    for (const f of fields.values()) {
      offsets.add(f.keyRange.start + 1);
      if (f.valueRange) offsets.add(f.valueRange.start);
    }
  };
  fieldsOf(a.fields);
  for (const item of [...a.facts, ...a.sources, ...a.disputed]) fieldsOf(item.fields);
  for (const c of a.body.citations) for (const k of c.keys) offsets.add(k.range.start + 1);
  a.body.links.forEach((l, i) => {
    offsets.add(l.textRange.start);
    if (l.targetRange && i === 0 && n % 25 === 0) offsets.add(l.targetRange.start);
  });
  for (const m of a.body.mappedFacts) offsets.add(m.statementRange.start + 1);
  return [...offsets].filter((o) => o >= 0 && o <= a.text.length);
}

function inText(a: Article, r: TextRange, what: string): void {
  assert.ok(r.start >= 0 && r.start <= r.end && r.end <= a.text.length, `${a.uri}: ${what} range ${r.start}-${r.end} outside the text`);
}

function symbolsIn(a: Article, symbols: SymbolResult[]): void {
  for (const s of symbols) {
    inText(a, s.range, 'symbol');
    inText(a, s.selectionRange, 'symbol selection');
    symbolsIn(a, s.children);
  }
}

describe('every feature on every article of the corpus', () => {
  it('answers at each citation, fact id, key, value and link without throwing, with ranges inside the text', () => {
    assert.ok(existsSync(CORPUS), `the corpus is expected at ${CORPUS}`);
    const files = corpusFiles();
    assert.ok(files.length > 1000, `only ${files.length} articles found`);
    const articles = new Map<string, Article>();
    const index = new WorkspaceIndex();
    for (const path of [...files, SEED]) {
      const uri = 'file://' + path;
      const a = parseArticle(uri, readFileSync(path, 'utf8'), 1);
      articles.set(uri, a);
      if (a.isArticle) index.set(summarize(a));
    }
    const config = parseConfig(undefined);
    const ctx: FeatureContext = { config, schema: defaultSchema(), index, today: TODAY, articleAt: (uri) => articles.get(uri) };
    let calls = 0;
    let factHovers = 0;
    let resolvedLinks = 0;
    let n = 0;
    for (const a of articles.values()) {
      n++;
      const where = (o: number) => `${a.uri} at ${o}`;
      symbolsIn(a, getSymbols(a, neverCancelled));
      for (const f of getFoldingRanges(a, neverCancelled)) assert.ok(f.startLine < f.endLine && f.endLine < a.lines.lineCount, a.uri);
      for (const l of getDocumentLinks(ctx, a, neverCancelled)) inText(a, l.range, 'link');
      for (const l of getCodeLenses(a, neverCancelled)) inText(a, l.range, 'lens');
      // The rules' own tests cover them; one article in 10 gives real findings to the code actions.
      const findings = n % 10 === 0 ? checkArticle(a, { config, today: TODAY, index }) : [];
      for (const action of getCodeActions(a, findings, { start: 0, end: a.text.length }, undefined, neverCancelled)) applyEdits(a.text, action.edit[a.uri] ?? []);
      for (const o of sampleOffsets(a, n)) {
        const hover = getHover(ctx, a, o, neverCancelled);
        if (hover) inText(a, hover.range, `hover ${where(o)}`);
        for (const c of getCompletions(ctx, a, o, neverCancelled)) {
          inText(a, c.range, `completion ${where(o)}`);
          applyEdits(a.text, [{ range: c.range, newText: c.insertText }, ...(c.additionalEdits ?? [])]);
        }
        for (const d of getDefinition(ctx, a, o, neverCancelled)) {
          const target = articles.get(d.uri);
          assert.ok(target, `definition ${where(o)} leads to an unknown file ${d.uri}`);
          inText(target, d.range, `definition ${where(o)}`);
          if (d.uri !== a.uri) resolvedLinks++;
        }
        for (const r of getReferences(ctx, a, o, true, neverCancelled)) {
          // References reach other articles too (links to this one, the same source cited elsewhere).
          const target = articles.get(r.uri);
          assert.ok(target, `references ${where(o)} lead to an unknown file ${r.uri}`);
          inText(target, r.range, `references ${where(o)}`);
        }
        const prepared = prepareRename(ctx, a, o);
        if (!('error' in prepared)) {
          const edit = getRename(ctx, a, o, 'renamed-by-test', neverCancelled);
          assert.ok(!('error' in edit) || typeof edit.error === 'string', where(o));
        }
        calls += 6;
      }
      // Each fact id answers hover, references and rename.
      for (const fact of a.facts) {
        const idRange = factIdRange(fact);
        if (!idRange) continue;
        const hover = getHover(ctx, a, idRange.start, neverCancelled);
        assert.ok(hover?.contents.includes('ited'), `hover on ${fact.id} in ${a.uri}`);
        factHovers++;
        assert.ok(
          getReferences(ctx, a, idRange.start, true, neverCancelled).some((r) => r.range.start === idRange.start),
          `references of ${fact.id} in ${a.uri} hold its declaration`,
        );
        assert.deepStrictEqual(prepareRename(ctx, a, idRange.start), { range: idRange, placeholder: fact.id });
      }
    }
    assert.ok(calls > 100_000 && factHovers > 4000 && resolvedLinks > 1000, `${calls} calls, ${factHovers} fact hovers, ${resolvedLinks} links resolved`);
  });
});
