// Hostile documents: what authors paste and other tools write. test/unit/hostile.test.ts asserts the engine's answer
// to each; the benchmark (bench/) can import the same generators to show the times.

export interface HostileInput {
  name: string;
  /** What the document is, in a few words. */
  what: string;
  make: () => string;
}

/** A small article that passes: the frame the hostile parts are put into. */
export function frame(parts: { fm?: string; body?: string; eol?: string; bom?: boolean } = {}): string {
  const fm =
    parts.fm ??
    [
      'id: hostile-input',
      'title: "Hostile input"',
      'schema_type: TechArticle',
      'category: ai',
      'language: en',
      'confidence: medium',
      'last_verified: "2026-05-24"',
      'created_date: "2026-05-24"',
      'generation_method: ai_assisted',
      'ai_models:',
      '  - claude-opus',
      'atomic_facts:',
      '  - id: f1',
      '    statement: FLAN showed that instruction tuning enables zero-shot generalization.',
      '    source_title: Finetuned Language Models Are Zero-Shot Learners',
      '    source_url: https://arxiv.org/abs/2109.01652',
      '    confidence: high',
      'primary_sources:',
      '  - title: Finetuned Language Models Are Zero-Shot Learners',
      '    type: academic_paper',
      '    year: 2022',
      '    url: https://arxiv.org/abs/2109.01652',
    ].join('\n');
  const body = parts.body ?? '## TL;DR\nInstruction tuning teaches models to follow directions [@f1].\n\n## Core Explanation\nMore text.\n';
  const text = `---\n${fm}\n---\n${body}`;
  const eol = parts.eol ?? '\n';
  return (parts.bom ? '\ufeff' : '') + (eol === '\n' ? text : text.replace(/\n/g, eol));
}

/** A deterministic byte stream (xorshift), so that "random bytes" are the same on every machine. */
export function pseudoRandomBytes(length: number, seed = 0x9e3779b9): Buffer {
  const out = Buffer.alloc(length);
  let x = seed | 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

export const MB = 1024 * 1024;

/** The billion laughs: ten anchors, each a list of ten aliases of the one before: 10^9 strings when expanded. */
export function aliasBomb(): string {
  const lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
  for (let i = 1; i < 10; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
  return frame({ fm: `id: bomb\natomic_facts: []\n${lines.join('\n')}\nbomb: *a9` });
}

export function deepFlow(levels = 10_000): string {
  return frame({ fm: `id: deep\natomic_facts: []\ndeep: ${'['.repeat(levels)}x${']'.repeat(levels)}` });
}

export function deepFlowUnclosed(levels = 10_000): string {
  return frame({ fm: `id: deep\natomic_facts: []\ndeep: ${'['.repeat(levels)}` });
}

/** 10,000 levels of block mappings, each one space deeper than its parent (50 MB would be two spaces a level). */
export function deepBlockMaps(levels = 10_000): string {
  const lines: string[] = [];
  for (let i = 0; i < levels; i++) lines.push(`${' '.repeat(i)}k${i}:`);
  return frame({ fm: `id: deep\natomic_facts:\n${lines.join('\n')} x` });
}

/** 10,000 levels of block sequences on one line: `- - - - x`. */
export function deepBlockSeqs(levels = 10_000): string {
  return frame({ fm: `id: deep\natomic_facts:\n${'- '.repeat(levels)}x` });
}

/** 10,000 nested block quotes and lists in the body. */
export function deepBody(levels = 10_000): string {
  return frame({ body: `${'>'.repeat(levels)} quote [@f1]\n\n${Array.from({ length: 2000 }, (_, i) => `${'  '.repeat(i)}- item [@f1]`).join('\n')}\n` });
}

/** 10,000 facts of five lines: 50,000 lines of frontmatter. */
export function manyFacts(count = 10_000): string {
  const facts: string[] = [];
  for (let i = 0; i < count; i++) {
    facts.push(`  - id: f${i}`, `    statement: Fact number ${i} holds for the reason given in its source.`, `    source_title: Source ${i % 50}`, `    source_url: https://example.org/source/${i % 50}`, `    confidence: high`);
  }
  const sources: string[] = [];
  for (let i = 0; i < 50; i++) sources.push(`  - title: Source ${i}`, `    type: documentation`, `    url: https://example.org/source/${i}`);
  const body = `## TL;DR\n${Array.from({ length: count }, (_, i) => `Claim [@f${i}].`).join(' ')}\n`;
  return frame({ fm: `id: many\ntitle: Many\natomic_facts:\n${facts.join('\n')}\nprimary_sources:\n${sources.join('\n')}`, body });
}

/** 50,000 lines of keys, none of them known. */
export function manyKeys(count = 50_000): string {
  const keys = Array.from({ length: count }, (_, i) => `key_${i}: value ${i}`);
  return frame({ fm: `id: keys\natomic_facts: []\n${keys.join('\n')}` });
}

export const hostileInputs: HostileInput[] = [
  { name: 'empty', what: 'an empty file', make: () => '' },
  { name: 'no-frontmatter', what: 'Markdown without frontmatter', make: () => '# Instruction tuning\n\nNo fields at all [@f1].\n' },
  { name: 'lone-fence', what: 'a lone ---', make: () => '---' },
  { name: 'lone-fence-eol', what: 'a lone --- and a line break', make: () => '---\n' },
  { name: 'unterminated', what: 'a frontmatter never closed', make: () => frame().replace('\n---\n## TL;DR', '\n## TL;DR') },
  { name: 'one-line-body-5mb', what: '5 MB on one body line', make: () => frame({ body: `## TL;DR\n${'word [@f1] [link](https://x.org) '.repeat(Math.ceil((5 * MB) / 34)).slice(0, 5 * MB)}\n` }) },
  { name: 'one-line-brackets-5mb', what: '5 MB of [ and [@ on one line', make: () => frame({ body: '[@'.repeat((5 * MB) / 4) + '['.repeat((5 * MB) / 2) + '\n' }) },
  { name: 'one-line-title-5mb', what: 'a 5 MB title', make: () => frame().replace('title: "Hostile input"', `title: "${'x'.repeat(5 * MB)}"`) },
  { name: 'one-line-unquoted-5mb', what: '5 MB of YAML on one line, no key', make: () => `---\n${'a '.repeat((5 * MB) / 2)}\n---\n` },
  { name: 'one-line-statement-5mb', what: 'a 5 MB fact statement of [[[[( on one line', make: () => frame().replace('    statement: FLAN showed that instruction tuning enables zero-shot generalization.', `    statement: "${'[[[[('.repeat(MB)}"`) },
  { name: 'url-of-slashes', what: 'a source_url of 1 MB of slashes', make: () => frame().replace('    source_url: https://arxiv.org/abs/2109.01652', `    source_url: https://example.org${'/'.repeat(MB)}x`) },
  { name: 'many-gaps', what: '50,000 known gaps', make: () => frame({ fm: `${frame().split('\n---\n')[0].slice(4)}\nknown_gaps:\n${Array.from({ length: 50_000 }, (_, i) => `  - gap number ${i}`).join('\n')}` }) },
  { name: 'many-facts', what: '10,000 facts: 50,000 lines of frontmatter', make: () => manyFacts() },
  { name: 'many-keys', what: '50,000 unknown keys', make: () => manyKeys() },
  { name: 'alias-bomb', what: 'a YAML alias bomb (billion laughs)', make: aliasBomb },
  { name: 'deep-flow', what: '10,000 levels of [', make: () => deepFlow() },
  { name: 'deep-flow-unclosed', what: '10,000 [ never closed', make: () => deepFlowUnclosed() },
  { name: 'deep-block-maps', what: '10,000 levels of block indentation', make: () => deepBlockMaps() },
  { name: 'deep-block-seqs', what: '10,000 nested block sequences', make: () => deepBlockSeqs() },
  { name: 'deep-body', what: '10,000 nested quotes and 2,000 nested lists in the body', make: () => deepBody() },
  { name: 'nul-bytes', what: 'NUL bytes in frontmatter and body', make: () => frame().replace('Hostile input', 'Hostile\0input').replace('More text.', 'More\0\0text.\0') },
  { name: 'binary', what: '1 MB of random bytes decoded as UTF-8', make: () => pseudoRandomBytes(MB).toString('utf8') },
  { name: 'binary-in-frame', what: 'random bytes inside an article', make: () => frame({ body: pseudoRandomBytes(256 * 1024, 7).toString('utf8') }) },
  { name: 'invalid-utf8', what: 'invalid UTF-8 sequences decoded (U+FFFD)', make: () => Buffer.concat([Buffer.from(frame().slice(0, 40)), Buffer.from([0xff, 0xfe, 0xc0, 0x80, 0xed, 0xa0, 0x80, 0xf8]), Buffer.from(frame().slice(40))]).toString('utf8') },
  { name: 'bom-crlf', what: 'BOM and CRLF', make: () => frame({ bom: true, eol: '\r\n' }) },
  { name: 'lone-cr', what: 'lone CR line endings', make: () => frame({ eol: '\r' }) },
  { name: 'tabs', what: 'tab indentation', make: () => frame().replace('  - id: f1', '\t- id: f1') },
  { name: 'long-ids', what: '10,000-character ids, cited', make: () => longIds() },
  { name: 'long-ids-near', what: '500 citations of 10,000-character ids one letter off', make: () => longIds(500) },
];

/** An article whose id and fact ids are 10,000 characters long; `typos` citations miss the fact id by one letter. */
export function longIds(typos = 1): string {
  const id = 'a'.repeat(10_000);
  const factId = 'f'.repeat(10_000);
  const near = (i: number) => 'f'.repeat(5000) + String.fromCharCode(103 + (i % 10)) + 'f'.repeat(4999);
  const body = `## TL;DR\nCited [@${factId}] and ${Array.from({ length: typos }, (_, i) => `[@${near(i)}]`).join(' ')}.\n`;
  return frame().replace('id: hostile-input', `id: ${id}`).replace('  - id: f1', `  - id: ${factId}`).replace('## TL;DR\nInstruction tuning teaches models to follow directions [@f1].\n', body);
}

/** One fact anchored as `&f0` and `count` list items that are each an alias of it (`- *f0`): 160 KB at 20,000. */
export function manyAliases(count = 20_000): string {
  const fm = frame().split('\n---\n')[0].slice(4).replace('  - id: f1', '  - &f0\n    id: f1');
  return frame({ fm: fm.replace('primary_sources:', `${Array.from({ length: count }, () => '  - *f0').join('\n')}\nprimary_sources:`) });
}

/** One paragraph of `lines` lines, each with a citation and a link (no blank line between them). */
export function longParagraph(lines = 30_000): string {
  return frame({ body: `## TL;DR\n${Array.from({ length: lines }, (_, i) => `Line ${i} cites [@f1] and [a link](https://example.org/${i}).`).join('\n')}\n` });
}
