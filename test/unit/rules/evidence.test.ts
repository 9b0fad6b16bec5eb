// The rules on what the evidence of an article can carry: boilerplate disputes, home pages, years, DOIs, AI models.
import * as assert from 'assert';
import { describe, it } from 'node:test';
import { parseConfig } from '../../../server/src/config';
import { expectAt, findings, validArticle } from '../../helpers';
import { applyFix, crlf, FLAN_SOURCE as FLAN, strip } from './ruleCases';

const BOILERPLATE = 'The interpretation and significance of key findings in this area are subject to ongoing scholarly debate, with multiple schools of thought offering competing frameworks for understanding the available evidence.';

describe('disputed-generic', () => {
  it('marks boilerplate, quoted or folded, and replaces a list of only boilerplate with []', () => {
    const text = validArticle({ fm: `disputed_statements:\n  - ⟦"${BOILERPLATE}"⟧\n  - >-\n    ⟦The significance of these findings remains debated\n    among scholars.⟧\n` });
    const found = expectAt('disputed-generic', text);
    assert.strictEqual(found[0].message, 'Disputed statement 1 names no dispute: say what is disputed and by whom, or, when nothing is, leave the list empty (disputed_statements: []).');
    assert.ok(found.every((f) => f.severity === 'warning' && f.fixes!.length === 1 && !f.fixes![0].safe));
    assert.strictEqual(applyFix('disputed-generic', text, { title: 'disputed_statements: []' }), validArticle({ fm: 'disputed_statements: []\n' }));
  });

  it('removes only the boilerplate entry when a real dispute stands beside it', () => {
    const real = '  - statement: Whether instruction tuning adds abilities or only exposes pre-trained ones is debated.\n    context: Wei et al. report new abilities; the LIMA authors argue alignment is superficial.\n';
    const text = validArticle({ fm: `disputed_statements:\n${real}  - statement: ⟦There is ongoing debate among experts.⟧\n` });
    const [f] = expectAt('disputed-generic', text);
    assert.deepStrictEqual(f.fixes!.map((x) => x.title), ['Remove this entry']);
    assert.strictEqual(applyFix('disputed-generic', text), validArticle({ fm: `disputed_statements:\n${real}` }));
  });

  it('never fires on a statement that names what is disputed, nor on one with a source or a specific context', () => {
    for (const statement of [
      'The definition of art remains contested across major approaches in aesthetics.',
      'The debate between AI safety accelerationists and decelerationists remains unresolved; there is no scientific consensus on optimal AI governance approaches',
      'Historians disagree on whether the Cold War was primarily an ideological struggle.',
      'No major disputed statements identified',
      '学界对此仍有争论',
    ]) {
      expectAt('disputed-generic', validArticle({ fm: `disputed_statements:\n  - ${JSON.stringify(statement)}\n` }));
    }
    expectAt('disputed-generic', validArticle({ fm: `disputed_statements:\n  - statement: The interpretation of the findings is debated.\n    source_url: https://example.org/critique\n` }));
    expectAt('disputed-generic', validArticle({ fm: `disputed_statements:\n  - statement: The interpretation of the findings is debated.\n    context: Replication studies by Open Science Collaboration found smaller effects.\n` }));
    expectAt('disputed-generic', validArticle({ fm: 'disputed_statements: []\n' }));
  });

  it('gives exact ranges in CRLF with emoji, and offers [] only when the list is written in block style after the key', () => {
    expectAt('disputed-generic', '\ufeff' + crlf(validArticle({ fm: 'disputed_statements:\n  - ⟦😀 Views differ on this topic.⟧\n' })));
    const flow = expectAt('disputed-generic', validArticle({ fm: 'disputed_statements: [⟦Opinions vary.⟧]\n' }));
    assert.strictEqual(flow[0].fixes![0].title, 'Replace with disputed_statements: []');
    assert.strictEqual(applyFix('disputed-generic', validArticle({ fm: 'disputed_statements: [Opinions vary.]\n' })), validArticle({ fm: 'disputed_statements: []\n' }));
  });
});

describe('source-homepage-unused', () => {
  it('marks a home page no fact uses, as info, and removes the source on request', () => {
    const text = validArticle({ fm: 'secondary_sources:\n  - title: Harvard Business Review\n    type: article\n    url: ⟦https://hbr.org/⟧\n  - title: The Economist\n    type: article\n    url: ⟦"https://www.economist.com"⟧\n' });
    const found = expectAt('source-homepage-unused', text);
    assert.strictEqual(found[0].severity, 'info');
    assert.strictEqual(found[0].message, 'https://hbr.org/ is the home page of hbr.org, not a page a reader can check anything against: link the specific page, remove the source, or mark it canonical: true if the site itself is the source.');
    assert.strictEqual(applyFix('source-homepage-unused', text, { safe: false }), validArticle({ fm: 'secondary_sources:\n  - title: The Economist\n    type: article\n    url: "https://www.economist.com"\n' }));
    assert.strictEqual(applyFix('source-homepage-unused', validArticle({ fm: 'secondary_sources:\n  - title: HBR\n    type: article\n    url: https://hbr.org/\n' })), validArticle({ fm: 'secondary_sources: []\n' }));
  });

  it('leaves home pages facts use to source-homepage, and passes a canonical one (canonical: true, or homepageSources)', () => {
    const used = validArticle({ facts: '  - id: f1\n    statement: A.\n    source_title: T\n    source_url: https://www.timeanddate.com/\n', sources: '  - title: T\n    type: reference\n    url: https://www.timeanddate.com/\n' });
    expectAt('source-homepage-unused', used);
    assert.strictEqual(findings('source-homepage', used).findings.length, 2);
    const config = parseConfig(JSON.stringify({ homepageSources: ['timeanddate.com'] }));
    expectAt('source-homepage', used, { config });
    const marked = used.replace('    url: https://www.timeanddate.com/\n', '    url: https://www.timeanddate.com/\n    canonical: true\n');
    expectAt('source-homepage', marked);
    expectAt('schema-unknown-key', marked);
    expectAt('source-homepage-unused', validArticle({ fm: 'secondary_sources:\n  - title: NOAA NCEI\n    type: reference\n    url: https://www.ncei.noaa.gov/\n    canonical: true\n' }));
    expectAt('source-homepage-unused', validArticle({ fm: 'secondary_sources:\n  - title: NOAA NCEI\n    type: reference\n    url: https://www.ncei.noaa.gov/\n' }), { config: parseConfig(JSON.stringify({ homepageSources: ['ncei.noaa.gov'] })) });
    expectAt('source-homepage-unused', validArticle({ fm: 'secondary_sources:\n  - title: A page\n    type: article\n    url: https://hbr.org/2020/01/a-page\n' }));
    // Two letters that name no language are a topic, not a language folder.
    expectAt('source-homepage-unused', validArticle({ fm: 'secondary_sources:\n  - title: Tesla AI\n    type: article\n    url: https://www.tesla.com/AI\n  - title: Polar\n    type: reference\n    url: ⟦https://www.npolar.no/en/⟧\n  - title: Rio\n    type: reference\n    url: ⟦https://example.org/pt-br/⟧\n' }));
  });
});

describe('source-year-future and source-year-after-created', () => {
  const withYear = (year: string, fm = '') => validArticle({ fm, sources: FLAN.replace('year: 2022', `year: ${year}`) });

  it('reports a year after this year as an error, and one after created_date as a warning', () => {
    const [future] = expectAt('source-year-future', withYear('⟦2031⟧'));
    assert.strictEqual(future.severity, 'error');
    assert.strictEqual(future.message, 'The source "Finetuned Language Models Are Zero-Shot Learners" has year 2031, after this year (2026): give the year it was published.');
    expectAt('source-year-after-created', withYear('2031'));
    const old = (y: string) => withYear(y).replace('created_date: "2026-05-24"', 'created_date: "2024-05-24"');
    const [after] = expectAt('source-year-after-created', old('⟦2025⟧'));
    assert.strictEqual(after.severity, 'warning');
    assert.strictEqual(after.message, 'The source "Finetuned Language Models Are Zero-Shot Learners" has year 2025, after the article was created (created_date 2024-05-24): check the year.');
    expectAt('source-year-after-created', old('2024'));
    expectAt('source-year-after-created', old('2025').replace('created_date: "2024-05-24"', 'created_date: "2024-05-24"\nupdated: "2025-02-01"'));
  });

  it('follows the injected date, and passes this year, a quoted year and a non-numeric one to the schema', () => {
    expectAt('source-year-future', withYear('2026'));
    expectAt('source-year-future', withYear('⟦"2027"⟧'));
    expectAt('source-year-future', withYear('2027'), { today: '2027-01-01' });
    expectAt('source-year-future', withYear('soon'));
    expectAt('source-year-future', crlf(withYear('😀').replace('year: 😀', 'year: ⟦2099⟧')));
  });
});

describe('fact-source-unlisted, a DOI that vouches for another page', () => {
  const doiFact = (url: string) =>
    validArticle({
      facts: `  - id: f1\n    statement: A.\n    source_title: Learning representations by back-propagating errors\n    source_url: ${url}\n    source_doi: 10.1038/323533a0\n`,
      sources: '  - title: Learning representations by back-propagating errors\n    type: academic_paper\n    url: https://www.nature.com/articles/323533a0\n    doi: 10.1038/323533a0\n',
    });

  it("reports a source_url no source lists though its source_doi names a listed source, and offers the source's url", () => {
    const text = doiFact('⟦https://example.org/backprop.pdf⟧');
    const [f] = expectAt('fact-source-unlisted', text);
    assert.strictEqual(f.message, 'https://example.org/backprop.pdf is in neither primary_sources nor secondary_sources, though source_doi 10.1038/323533a0 names "Learning representations by back-propagating errors", at https://www.nature.com/articles/323533a0: did you mean https://www.nature.com/articles/323533a0?');
    assert.strictEqual(applyFix('fact-source-unlisted', text, { safe: false }), strip(doiFact('https://www.nature.com/articles/323533a0')));
  });

  it('passes the listed url, a doi.org link of the same DOI, and a DOI source with no url', () => {
    expectAt('fact-source-unlisted', doiFact('https://www.nature.com/articles/323533a0/'));
    expectAt('fact-source-unlisted', doiFact('https://doi.org/10.1038/323533a0'));
    expectAt('fact-source-unlisted', doiFact('https://example.org/backprop.pdf').replace('    url: https://www.nature.com/articles/323533a0\n', ''));
  });
});

describe('ai-models-missing and ai-model-unknown', () => {
  const head = (method: string, models: string) => validArticle().replace('generation_method: ai_assisted\nai_models:\n  - claude-opus\n', `generation_method: ${method}\n${models}`);

  it('reports an AI generation_method with no models, on its value', () => {
    const [f] = expectAt('ai-models-missing', head('⟦ai_structured⟧', ''));
    assert.strictEqual(f.message, 'generation_method is ai_structured, but there is no ai_models: list the models that helped write the article.');
    const [g] = expectAt('ai-models-missing', head('⟦"ai_assisted"⟧', 'ai_models: []\n'));
    assert.strictEqual(g.message, 'generation_method is ai_assisted, but ai_models is empty: list the models that helped write the article.');
    expectAt('ai-models-missing', head('⟦ai_assisted⟧', 'ai_models:\n  - ""\n'));
    expectAt('ai-models-missing', head('human_only', ''));
    expectAt('ai-models-missing', head('ai_structured', 'ai_models: gpt-5-codex\n'));
  });

  it('reports a model name outside the known families, and reads aiModels from the configuration', () => {
    const text = head('ai_assisted', 'ai_models:\n  - claude-opus\n  - ⟦the assistant⟧\n  - GPT-5-Codex\n  - ⟦"gpt4"⟧\n');
    const found = expectAt('ai-model-unknown', text);
    assert.strictEqual(found[0].message, '"the assistant" is not a known model name: write the model\'s name (e.g. claude-opus, gpt-5-codex), or add it to aiModels in kart.config.json.');
    expectAt('ai-model-unknown', head('ai_assisted', 'ai_models: [claude-opus, ⟦house-model⟧]\n'));
    const config = parseConfig(JSON.stringify({ aiModels: ['house-model', 'claude-*'] }));
    expectAt('ai-model-unknown', head('ai_assisted', 'ai_models: [claude-opus, house-model, ⟦gpt-5⟧]\n'), { config });
    expectAt('ai-model-unknown', head('ai_assisted', 'ai_models: ⟦someone⟧\n'));
  });
});
