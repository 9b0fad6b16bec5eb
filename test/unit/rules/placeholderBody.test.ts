// placeholder-text in the Markdown body: markers in prose, never in code, comments or link targets.
import * as assert from 'assert';
import { describe, it } from 'node:test';
import { expectAt, findings, validArticle } from '../../helpers';

const bodyOnly = (rule: string, body: string) => expectAt(rule, validArticle({ body: `## TL;DR\nText [@f1].\n\n## Core Explanation\n${body}` }));

describe('placeholder-text in the body', () => {
  it('marks bracketed placeholders, CJK markers and TODO-style markers in prose, headings, tables and quotes', () => {
    const found = bodyOnly(
      'placeholder-text',
      '⟦[核心概念解释。待填充。]⟧\n\n| 收费 | 付费会员 ⟦[待验证]⟧ |\n|---|---|\n\n> 内容和原子事实⟦待后续补充⟧。\n\n## ⟦TODO⟧ benchmarks\n\n- ⟦TBD⟧\n- Results ⟦FIXME⟧: numbers 😀 ⟦[citation needed]⟧\n\n⟦Lorem ipsum⟧ dolor.\n',
    );
    assert.strictEqual(found[0].message, 'The body holds placeholder text ("[核心概念解释。待填充。]"): write the real content or remove it.');
    assert.ok(found.every((f) => f.severity === 'warning' && f.fixes === undefined));
  });

  it('passes code blocks, code spans, comments, link targets, task boxes, links named like markers, and prose about TODO comments', () => {
    bodyOnly(
      'placeholder-text',
      '```js\n// TODO: [待验证]\n```\n\n    TODO: indented code\n\nUse `TODO:` and `` [待填充] `` markers.\n<!-- TODO: later -->\n\nSee [the guide](https://example.org/TODO-list).\n\n- [ ] 不要只待在一个社区\n- [x] done\n\nLeave TODO comments for unfinished work; a to-do list, todo: lowercase.\n\n待定系数法 is a method.\n',
    );
  });

  it('reports nothing in the body when the frontmatter is not closed, and keeps exact ranges in CRLF', () => {
    const text = validArticle({ body: '## TL;DR\n⟦[待补充]⟧ 😀 x [@f1].\n\n## Core Explanation\nMore.\n' }).replace(/\n/g, '\r\n');
    expectAt('placeholder-text', text);
    assert.deepStrictEqual(findings('placeholder-text', '---\ntitle: x\n[待补充]\n').findings.filter((f) => f.message.startsWith('The body')), []);
  });
});
