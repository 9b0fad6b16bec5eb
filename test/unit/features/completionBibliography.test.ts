// Completion from the workspace's bibliography files: a fact's source_title, and a new entry of a source list.
import * as assert from 'assert';
import { describe, it } from 'node:test';
import { applyEdits } from '../../../server/src/core/edits';
import { neverCancelled } from '../../../server/src/core/types';
import { getCompletions } from '../../../server/src/features/completion';
import type { CompletionEntry } from '../../../server/src/features/types';
import { bibliographyEntriesOf, isBibliographyFile, WorkspaceBibliography } from '../../../server/src/model/workspaceBibliography';
import { article, marked, validArticle } from '../../helpers';
import { contextWith } from './context';

const BIB = String.raw`@article{chung2024,
  title = {Scaling Instruction-Finetuned Language Models},
  author = {Chung, Hyung Won and Hou, Le},
  journal = {JMLR},
  year = {2024},
  doi = {10.5555/scaling.flan}
}
@misc{wei2022,
  title = {Finetuned Language Models Are Zero-Shot Learners},
  year = {2022},
  url = {https://arxiv.org/abs/2109.01652}
}`;
const CSL = JSON.stringify([{ id: 'owasp-xss', type: 'webpage', title: 'OWASP Cross Site Scripting', URL: 'https://owasp.org/www-community/attacks/xss/', publisher: 'OWASP' }]);

async function contextWithBibliography() {
  const bibliography = new WorkspaceBibliography();
  bibliography.set('file:///ws/refs/library.bib', await bibliographyEntriesOf('file:///ws/refs/library.bib', BIB));
  bibliography.set('file:///ws/refs/zotero.json', await bibliographyEntriesOf('file:///ws/refs/zotero.json', CSL));
  return { ...contextWith(), bibliography: bibliography.entries() };
}

async function complete(source: string) {
  const { text, cursor } = marked(source);
  const entries = getCompletions(await contextWithBibliography(), article(text), cursor, neverCancelled);
  return { text, entries };
}

const choose = (text: string, e: CompletionEntry | undefined) => {
  assert.ok(e, 'no such entry');
  return applyEdits(text, [{ range: e.range, newText: e.insertText }, ...(e.additionalEdits ?? [])]);
};

describe('completion from the workspace bibliography', () => {
  it('reads BibTeX and CSL JSON files, and knows which files may be bibliographies', async () => {
    const bib = await bibliographyEntriesOf('file:///ws/refs/library.bib', BIB);
    assert.deepStrictEqual(bib.map((e) => [e.key, e.fields.title, e.fields.year, e.fields.url]), [
      ['chung2024', 'Scaling Instruction-Finetuned Language Models', 2024, 'https://doi.org/10.5555/scaling.flan'],
      ['wei2022', 'Finetuned Language Models Are Zero-Shot Learners', 2022, 'https://arxiv.org/abs/2109.01652'],
    ]);
    assert.deepStrictEqual((await bibliographyEntriesOf('file:///ws/x.json', '{"name": "a package"}').catch((e: Error) => e.message)), 'No CSL JSON item (an object with a title or a DOI) in it.');
    assert.deepStrictEqual(['refs.bib', 'zotero.json', 'package.json', 'kart.config.json', 'notes.md'].map((f) => isBibliographyFile(`file:///ws/${f}`)), [true, true, false, false, false]);
  });

  it('a fact\'s source_title offers the bibliography\'s titles after the article\'s sources; choosing one fills source_url', async () => {
    const { text, entries } = await complete(validArticle({ facts: '  - id: f1\n    statement: x\n    source_title: ‸\n    confidence: high\n' }));
    assert.deepStrictEqual(entries.map((e) => [e.label, e.detail]), [
      ['Finetuned Language Models Are Zero-Shot Learners', 'primary source · academic_paper'],
      ['Scaling Instruction-Finetuned Language Models', 'from library.bib (chung2024)'],
      ['OWASP Cross Site Scripting', 'from zotero.json (owasp-xss)'],
    ]);
    assert.strictEqual(
      choose(text, entries[1]),
      text.replace('    source_title: \n', '    source_title: Scaling Instruction-Finetuned Language Models\n    source_url: https://doi.org/10.5555/scaling.flan\n'),
    );
  });

  it('a new entry of primary_sources offers each bibliography source not yet listed, written as a whole entry', async () => {
    const sources = validArticle().match(/primary_sources:\n([\s\S]*?)---/)![1] + '  ‸\n';
    const { text, entries } = await complete(validArticle({ sources }));
    assert.deepStrictEqual(entries.map((e) => e.label), ['kart-primary-source', 'Scaling Instruction-Finetuned Language Models', 'OWASP Cross Site Scripting']);
    const chosen = choose(text, entries[1]);
    // In the article's key order (title, type, year, url, institution, then the rest); the editor indents the lines
    // after the first to the line's level (adjustIndentation).
    assert.strictEqual(entries[1].insertText, '- title: Scaling Instruction-Finetuned Language Models\n  type: academic_paper\n  year: 2024\n  url: https://doi.org/10.5555/scaling.flan\n  institution: JMLR\n  doi: 10.5555/scaling.flan\n  authors:\n    - Hyung Won Chung\n    - Le Hou');
    assert.ok(chosen.includes('  - title: Scaling Instruction-Finetuned Language Models\n  type: academic_paper'), chosen);
    assert.strictEqual(entries[1].detail, 'source from library.bib (chung2024) · 2024');
  });

  it('nothing from the bibliography in the body or for other keys', async () => {
    const body = await complete(validArticle({ body: '## TL;DR\nScal‸\n' }));
    assert.ok(!body.entries.some((e) => e.label.startsWith('Scaling')), body.entries.map((e) => e.label).join(' | '));
    const statement = await complete(validArticle({ facts: '  - id: f1\n    statement: ‸\n' }));
    assert.ok(!statement.entries.some((e) => e.label.startsWith('Scaling')));
  });
});
