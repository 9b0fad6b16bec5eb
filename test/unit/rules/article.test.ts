import * as assert from 'assert';
import { describe, it } from 'node:test';
import { parseConfig } from '../../../server/src/config';
import { applyEdits } from '../../../server/src/core/edits';
import type { Finding } from '../../../server/src/core/types';
import { ArticleService } from '../../../server/src/service';
import { expectAt, findings, marked, TODAY, validArticle } from '../../helpers';

/** The text after applying the fix titled `title` (or the only one) of a finding. */
function fixed(text: string, finding: Finding, title?: string): string {
  const fix = title ? finding.fixes?.find((f) => f.title.startsWith(title)) : finding.fixes?.[0];
  assert.ok(fix, `no fix ${title ?? ''} in ${JSON.stringify(finding.fixes?.map((f) => f.title))}`);
  return applyEdits(text, fix.edits);
}

const plain = (s: string) => marked(s).text;
const includeAll = parseConfig(JSON.stringify({ include: ['**/*.md'] }));

describe('frontmatter-block', () => {
  it('reports a file with no frontmatter at its first line', () => {
    expectAt('frontmatter-block', '⟦# Instruction tuning⟧\n\nSome text.\n', { config: includeAll });
  });

  it('reports a frontmatter after blank lines and removes them (safe)', () => {
    const src = '\n\n⟦---⟧\nid: x\natomic_facts: []\n---\nBody\n';
    const [f] = expectAt('frontmatter-block', src);
    assert.match(f.message, /first line/);
    assert.strictEqual(f.fixes?.[0].safe, true);
    assert.strictEqual(fixed(plain(src), f), '---\nid: x\natomic_facts: []\n---\nBody\n');
  });

  it('checks an article whose frontmatter follows blank lines, by default, but not a README with a thematic break', () => {
    const service = new ArticleService({ workspace: { roots: ['file:///ws'], readFile: async () => undefined, listFiles: async () => [] }, today: () => TODAY });
    let version = 0;
    const doc = (text: string) => ({ uri: 'file:///ws/ai/x.md', version: ++version, getText: () => text });
    assert.deepStrictEqual(service.check(doc('\n---\nid: x\natomic_facts: []\n---\n## TL;DR\n')).map((f) => f.rule).filter((r) => r === 'frontmatter-block'), ['frontmatter-block']);
    assert.deepStrictEqual(service.check(doc('# README\n\n---\nNote: this is prose.\n\n---\n')), []);
    expectAt('frontmatter-block', 'Title line\n⟦---⟧\nid: x\nprimary_sources: []\n---\n');
  });

  it('reports a lone `---`', () => {
    const [f] = expectAt('frontmatter-block', '⟦---⟧\n\n');
    assert.match(f.message, /lone/);
  });

  it('reports an unterminated frontmatter at the opening fence and says where to close it', () => {
    const src = '⟦---⟧\nid: x\natomic_facts: []\n\n## TL;DR\nText.\n';
    const [f] = expectAt('frontmatter-block', src);
    assert.match(f.message, /never closed.*closing `---` line is missing.*before line 5 \("## TL;DR"\)/);
    assert.strictEqual(fixed(plain(src), f), '---\nid: x\natomic_facts: []\n\n---\n## TL;DR\nText.\n');
  });

  it('reports an empty frontmatter', () => {
    expectAt('frontmatter-block', '⟦---\n---⟧\nBody\n');
  });

  it('passes a well-formed block, with a BOM and CRLF too', () => {
    expectAt('frontmatter-block', validArticle());
    expectAt('frontmatter-block', '\ufeff---\r\nid: x\r\natomic_facts: []\r\n---\r\nBody\r\n');
  });

  it('leaves a file with no frontmatter alone unless include claims it', () => {
    const service = new ArticleService({ workspace: { roots: ['file:///ws'], readFile: async () => undefined, listFiles: async () => [] }, today: () => TODAY });
    const readme = { uri: 'file:///ws/README.md', version: 1, getText: () => '# README\n' };
    assert.deepStrictEqual(service.check(readme), []);
    service.setConfig(includeAll);
    assert.deepStrictEqual(service.check(readme).map((f) => f.rule), ['frontmatter-block']);
  });
});

const withMethod = (method: string, models: string) => validArticle().replace('generation_method: ai_assisted\nai_models:\n  - claude-opus\n', `generation_method: ${method}\n${models}`);

describe('generation-method-conflict', () => {
  it('reports human_only with ai_models at the method value, with two unsafe fixes', () => {
    const src = withMethod('⟦human_only⟧', 'ai_models:\n  - claude-opus\n  - gpt-5-codex\n');
    const [f] = expectAt('generation-method-conflict', src);
    assert.match(f.message, /human_only, but ai_models lists claude-opus, gpt-5-codex/);
    assert.ok(f.fixes!.every((x) => !x.safe));
    const text = plain(src);
    assert.strictEqual(fixed(text, f, 'Remove ai_models'), withMethod('human_only', ''));
    assert.strictEqual(fixed(text, f, 'Change generation_method'), withMethod('ai_assisted', 'ai_models:\n  - claude-opus\n  - gpt-5-codex\n'));
  });

  it('keeps the quotes of a quoted value and handles a flow list', () => {
    const src = withMethod('⟦"human_only"⟧', 'ai_models: ["claude-opus"]\n');
    const [f] = expectAt('generation-method-conflict', src);
    assert.strictEqual(fixed(plain(src), f, 'Change'), withMethod('"ai_assisted"', 'ai_models: ["claude-opus"]\n'));
    assert.strictEqual(fixed(plain(src), f, 'Remove'), withMethod('"human_only"', ''));
  });

  it('passes human_only without models, with an empty list, and ai_assisted with models', () => {
    expectAt('generation-method-conflict', withMethod('human_only', ''));
    expectAt('generation-method-conflict', withMethod('human_only', 'ai_models: []\n'));
    expectAt('generation-method-conflict', validArticle());
  });
});

describe('body-frontmatter-keys', () => {
  it('reports fields pasted after a list, as one block, and deletes them on request', () => {
    const body = '## TL;DR\nText [@f1].\n\n## Further Reading\n\n- [A book](https://example.org/book)\n⟦atomic_facts:\n  - id: "fact-sports-001"\n    statement: "Games are held every 4 years"\n    confidence: "medium"⟧\n\n## Related Articles\n- [Go](../go.md)\n';
    const src = validArticle({ body });
    const [f] = expectAt('body-frontmatter-keys', src);
    assert.match(f.message, /\(atomic_facts, id, statement, confidence\)/);
    assert.strictEqual(fixed(plain(src), f), plain(validArticle({ body: body.replace(/⟦[^⟧]*⟧\n/, '') })));
  });

  it('reports paragraphs made only of known keys, blank lines between them included, as one block', () => {
    expectAt('body-frontmatter-keys', validArticle({ body: '## TL;DR\nText.\n\n⟦id: instruction-tuning\ntitle: Instruction Tuning\n\nsource_url: https://arxiv.org/abs/2109.01652⟧\n\nProse.\n\n⟦confidence: high⟧\n' }));
  });

  it('passes prose that merely has a colon, unknown keys, and keys in code blocks', () => {
    expectAt(
      'body-frontmatter-keys',
      validArticle({ body: '## TL;DR\nNote: the title: is in the frontmatter.\nTitle: a sentence.\n\nratio: 3 to 1\n\n```yaml\nid: x\ntitle: y\n```\n\nThe confidence: high, says the report.\n' }),
    );
  });
});

describe('link-empty-target', () => {
  it('reports (undefined), (null), (#) and () with exact ranges', () => {
    expectAt(
      'link-empty-target',
      validArticle({ body: '## Further Reading\n- [A book](⟦undefined⟧)\n- [B](⟦null⟧) and [C](⟦#⟧) and [D]⟦()⟧\n- [E](https://example.org) [F](#section)\n' }),
    );
  });

  it('offers the source with the same title, and removing the link', () => {
    const src = validArticle({ body: '## Further Reading\n- [Finetuned Language Models Are Zero-Shot Learners](⟦undefined⟧)\n' });
    const [f] = expectAt('link-empty-target', src);
    assert.match(f.message, /"Finetuned Language Models Are Zero-Shot Learners" has the target "undefined"/);
    assert.deepStrictEqual(f.fixes!.map((x) => x.safe), [false, false]);
    assert.ok(fixed(plain(src), f, 'Link to').endsWith('- [Finetuned Language Models Are Zero-Shot Learners](https://arxiv.org/abs/2109.01652)\n'));
    assert.ok(fixed(plain(src), f, 'Remove the link').endsWith('- Finetuned Language Models Are Zero-Shot Learners\n'));
  });

  it('fills an empty () with the source url', () => {
    const src = validArticle({ body: '## Further Reading\n- [Finetuned Language Models Are Zero-Shot Learners]⟦()⟧\n' });
    const [f] = expectAt('link-empty-target', src);
    assert.ok(fixed(plain(src), f, 'Link to').endsWith('Learners](https://arxiv.org/abs/2109.01652)\n'));
  });
});

const sections = (...names: string[]) => names.map((n) => `## ${n}\nText about ${n}.\n`).join('\n');

describe('section-missing', () => {
  it('reports a missing Core Explanation at the section it belongs before, and inserts it there', () => {
    const src = validArticle({ body: `## TL;DR\nText.\n\n⟦## Further Reading⟧\n- x\n` });
    const [f] = expectAt('section-missing', src);
    assert.strictEqual(f.message, 'The required section "## Core Explanation" is missing: add it before "## Further Reading".');
    assert.strictEqual(f.fixes![0].safe, false);
    assert.ok(fixed(plain(src), f).endsWith('## TL;DR\nText.\n\n## Core Explanation\n\n## Further Reading\n- x\n'));
  });

  it('reports on the body when no section is there, and adds TL;DR first and Core Explanation last', () => {
    const src = validArticle({ body: '⟦⟦Just text, no heading.⟧⟧' });
    const found = expectAt('section-missing', src);
    assert.strictEqual(found.length, 2);
    assert.ok(fixed(plain(src), found[0]).endsWith('---\n## TL;DR\n\nJust text, no heading.'));
    assert.ok(fixed(plain(src), found[1]).endsWith('---\nJust text, no heading.\n\n## Core Explanation\n\n'));
  });

  it('adds a section after the last one the order puts before it', () => {
    const src = validArticle({ body: '⟦## TL;DR⟧\nShort.\n## Notes\nMine.\n' });
    const [f] = expectAt('section-missing', src);
    assert.strictEqual(f.message, 'The required section "## Core Explanation" is missing: add it after the "## TL;DR" section.');
    assert.ok(fixed(plain(src), f).endsWith('## TL;DR\nShort.\n\n## Core Explanation\n\n## Notes\nMine.\n'));
  });

  it('reports in the body of a file that ends right after its frontmatter, and starts the body on a new line', () => {
    const text = validArticle({ body: '' }).replace(/\n$/, '');
    const found = expectAt('section-missing', text + '⟦⟦⟧⟧');
    assert.strictEqual(fixed(text, found[0]), text + '\n## TL;DR\n\n');
  });

  it('suggests renaming a near miss', () => {
    const src = validArticle({ body: '## TL;DR\nText.\n\n## ⟦Core Explanations⟧\nMore.\n' });
    const [f] = expectAt('section-missing', src);
    assert.match(f.message, /is "## Core Explanations" meant to be it/);
    assert.ok(fixed(plain(src), f).includes('\n## Core Explanation\nMore.'));
  });

  it('uses requiredSections from the configuration', () => {
    const config = parseConfig(JSON.stringify({ requiredSections: ['TL;DR', 'Core Explanation', 'Source-Mapped Facts'] }));
    expectAt('section-missing', validArticle({ body: sections('TL;DR', 'Core Explanation') + '\n⟦## Further Reading⟧\n' }), { config });
  });

  it('passes an article with the required sections', () => {
    expectAt('section-missing', validArticle({ body: sections('TL;DR', 'Core Explanation', 'Further Reading') }));
  });

  it('accepts Evidence Notes or Core Claims for Core Explanation, and sectionEquivalents sets the equivalents', () => {
    expectAt('section-missing', validArticle({ body: sections('TL;DR', 'Evidence Notes', 'Further Reading') }));
    expectAt('section-missing', validArticle({ body: sections('TL;DR', 'Core Claims', 'Citation Boundaries') }));
    const strict = parseConfig(JSON.stringify({ sectionEquivalents: { 'Core Explanation': [] } }));
    expectAt('section-missing', validArticle({ body: '⟦## TL;DR⟧\nText.\n\n## Evidence Notes\nNotes.\n' }), { config: strict });
    const wider = parseConfig(JSON.stringify({ sectionEquivalents: { 'TL;DR': ['Summary'] } }));
    expectAt('section-missing', validArticle({ body: sections('Summary', 'Core Claims') }), { config: wider });
    expectAt('section-missing', validArticle({ body: '⟦## Summary⟧\nText.\n\n## Core Claims\nMore.\n' }));
  });
});

describe('section-order', () => {
  it('reports a section before one the order puts earlier, and moves it', () => {
    const src = validArticle({ body: `## Core Explanation\nCore.\n\n## ⟦TL;DR⟧\nShort.\n` });
    const [f] = expectAt('section-order', src);
    assert.match(f.message, /"## TL;DR" should come before "## Core Explanation"/);
    assert.ok(fixed(plain(src), f).endsWith('---\n## TL;DR\nShort.\n\n## Core Explanation\nCore.\n\n'));
  });

  it('reports only the sections out of place', () => {
    const body = `${sections('TL;DR', 'Further Reading').replace('## Further Reading', '## Further Reading')}\n## ⟦Core Explanation⟧\nx\n\n## Related Articles\ny\n\n## ⟦Detailed Analysis⟧\nx\n## Notes\n`;
    const found = expectAt('section-order', validArticle({ body }));
    assert.match(found[1].message, /"## Detailed Analysis" should come before "## Further Reading"/);
  });

  it('passes sections in order, with others between', () => {
    expectAt('section-order', validArticle({ body: sections('TL;DR', 'Background', 'Core Explanation', 'Source-Mapped Facts', 'Further Reading') }));
  });
});

const mapped = (bullets: string) => validArticle({ body: `## TL;DR\nText [@f1].\n\n## Core Explanation\nMore.\n\n## Source-Mapped Facts\n${bullets}` });
const F1 = 'FLAN showed that instruction tuning enables zero-shot generalization.';

describe('mapped-fact-unknown', () => {
  it('reports a bullet that matches no statement, with the closest fact', () => {
    const src = mapped(`- ⟦FLAN showed that instruction tuning enables few-shot generalization.⟧ ([source](https://arxiv.org/abs/2109.01652))\n`);
    const [f] = expectAt('mapped-fact-unknown', src);
    assert.match(f.message, /did you mean "f1": "FLAN showed/);
    assert.ok(fixed(plain(src), f).includes(`- ${F1} ([source]`));
  });

  it('reports a bullet unlike any fact without a suggestion', () => {
    const [f] = expectAt('mapped-fact-unknown', mapped(`- ⟦Something else entirely.⟧ ([source](https://example.org))\n- ${F1} ([source](https://arxiv.org/abs/2109.01652))\n`));
    assert.strictEqual(f.fixes, undefined);
  });

  it('says when only Markdown formatting differs', () => {
    const [f] = expectAt('mapped-fact-unknown', mapped('- ⟦FLAN showed that `instruction tuning` enables zero-shot generalization.⟧ ([source](https://arxiv.org/abs/2109.01652))\n'));
    assert.match(f.message, /only in Markdown formatting/);
  });

  it('compares a very long bullet by its words, without a quadratic edit distance', () => {
    const long = 'word '.repeat(20000);
    const src = validArticle({ facts: `  - id: f1\n    statement: ${long}\n    source_url: https://arxiv.org/abs/2109.01652\n`, body: `## Source-Mapped Facts\n- ${long}extra ([source](https://arxiv.org/abs/2109.01652))\n` });
    const found = findings('mapped-fact-unknown', src).findings;
    assert.strictEqual(found.length, 1);
    assert.match(found[0].message, /did you mean "f1"/);
  });

  it('passes exact bullets, folded white space included', () => {
    expectAt('mapped-fact-unknown', mapped(`- FLAN showed that instruction tuning\n  enables zero-shot generalization. ([source](https://arxiv.org/abs/2109.01652))\n`));
  });
});

describe('mapped-fact-url-mismatch', () => {
  it("reports a link that is not the fact's source_url, and links to it", () => {
    const src = mapped(`- ${F1} ([source](⟦https://arxiv.org/abs/2210.11416⟧))\n`);
    const [f] = expectAt('mapped-fact-url-mismatch', src);
    assert.match(f.message, /states fact f1, whose source_url is https:\/\/arxiv.org\/abs\/2109.01652, but links to https:\/\/arxiv.org\/abs\/2210.11416/);
    assert.ok(fixed(plain(src), f).includes(`- ${F1} ([source](https://arxiv.org/abs/2109.01652))`));
  });

  it('compares URLs leniently', () => {
    expectAt('mapped-fact-url-mismatch', mapped(`- ${F1} ([source](http://www.arxiv.org/abs/2109.01652/#v2))\n`));
  });
});

describe('text-mojibake', () => {
  it('reports each damaged sequence in frontmatter values and body, with a safe repair', () => {
    const src = validArticle({ fm: 'known_gaps:\n  - "Caf⟦Ã©⟧ culture"\n', body: '## TL;DR\nIt⟦â€™⟧s the ⟦â€œ⟧step⟦â€\u009d⟧ f⟦Ã¼⟧r 10⟦Â ⟧km ⟦\ufffd⟧.\n' });
    const found = expectAt('text-mojibake', src);
    assert.deepStrictEqual(found.map((f) => f.fixes?.[0]?.safe), [true, true, true, true, true, false, undefined]);
    const all = applyEdits(plain(src), found.slice(0, 5).flatMap((f) => f.fixes![0].edits));
    assert.ok(all.includes('"Café culture"'));
    assert.ok(all.includes('It’s the “step” für 10Â km'));
    assert.match(found[0].message, /"Ã©" is "é" read with the wrong encoding/);
  });

  it('repairs text damaged twice in one go', () => {
    const src = validArticle({ body: '## TL;DR\nIt⟦Ã¢â‚¬â„¢⟧s.\n' });
    const [f] = expectAt('text-mojibake', src);
    assert.ok(fixed(plain(src), f).endsWith('It’s.\n'));
  });

  it('passes accented text, CJK, emoji and typography', () => {
    expectAt('text-mojibake', validArticle({ body: '## TL;DR\nCafé, für, Ärger, naïve — “quotes” ’s 10 km, 中文 😀, Âge, © 2026, 1×2.\n' }));
  });
});

describe('category-folder', () => {
  it('reports a category that is not the folder, and sets it', () => {
    const src = validArticle().replace('category: ai', 'category: ⟦science⟧');
    const [f] = expectAt('category-folder', src);
    assert.strictEqual(f.message, 'The category is "science" but the article is in the folder "ai": change one to match the other.');
    assert.strictEqual(fixed(plain(src), f), validArticle());
  });

  it('passes when the folder is the category', () => {
    expectAt('category-folder', validArticle());
    expectAt('category-folder', validArticle().replace('category: ai', 'category: science'), { uri: 'file:///ws/science/mars.md' });
  });
});
