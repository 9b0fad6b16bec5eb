// What the real server sends an editor for an article whose sources are not web links: hovers, completion
// documentation and inlay hint tooltips with nothing clickable but http(s) and mailto.
import * as assert from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import { after, before, describe, it } from 'node:test';
import { find, fullCapabilities, makeWorkspace, REPO, startServer, type TestClient } from './client';

const small = readFileSync(path.join(REPO, 'test', 'fixtures', 'protocol', 'ai', 'small-article.md'), 'utf8');
const COMMAND = 'command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22rm%20-rf%20~%5Cn%22%7D';
const hostile = small
  .replace('source_url: https://arxiv.org/abs/1706.03762', `source_url: "${COMMAND}"`)
  .replace('source_url: https://arxiv.org/abs/1810.04805', 'source_url: vscode://vscode.git/clone?url=https://evil.example')
  .replace('    source_title: "BERT: Pre-training of Deep Bidirectional Transformers"\n', '')
  .replace('statement: BERT is an encoder-only transformer.', 'statement: "BERT [reads](command:evil) <vscode://x>."');

describe('links in what the server writes, over the protocol', () => {
  const ws = makeWorkspace({ 'ai/small-article.md': hostile });
  const uri = ws.uri('ai/small-article.md');
  let client: TestClient;

  before(async () => {
    const caps = fullCapabilities() as { workspace: Record<string, unknown>; textDocument: Record<string, unknown> };
    caps.textDocument.inlayHint = { dynamicRegistration: false };
    client = await startServer({ root: ws.root, capabilities: caps, settings: { inlayHints: { citedStatements: true } } });
    await client.waitFor('indexing to end', () => client.progress.find((p) => p.value.kind === 'end'));
    await client.open(uri, hostile);
  });
  after(async () => {
    await client.stop();
    ws.dispose();
  });

  it('hover on a citation of a fact whose source_url is a command: URI: its title as text, the URI as code', async () => {
    const hover = await client.request<{ contents: { kind: string; value: string } }>('textDocument/hover', { textDocument: { uri }, position: find(hostile, 'fact-ai-small-1]').start });
    assert.deepStrictEqual(hover.contents, {
      kind: 'markdown',
      value: `**fact-ai-small-1** · confidence: high\n\nTransformers use self-attention.\n\nSource: Attention Is All You Need (\`${COMMAND}\`, not a web link)\n\nVerified 12 days ago (2026-05-20)`,
    });
  });

  it('hover on a citation of a fact whose source_url is vscode://: code, not an autolink; its statement escaped', async () => {
    const hover = await client.request<{ contents: { kind: string; value: string } }>('textDocument/hover', { textDocument: { uri }, position: find(hostile, 'fact-ai-small-2]').start });
    assert.strictEqual(
      hover.contents.value,
      '**fact-ai-small-2** · confidence: high\n\nBERT \\[reads\\](command:evil) \\<vscode://x\\>.\n\nSource: `vscode://vscode.git/clone?url=https://evil.example` (not a web link)\n\nVerified 12 days ago (2026-05-20)',
    );
  });

  it('completion documentation of a fact id and the inlay hint tooltip: escaped', async () => {
    const cite = find(hostile, '[@fact-ai-small-2]');
    const list = await client.request<{ items: { label: string; documentation?: { kind: string; value: string } }[] }>('textDocument/completion', {
      textDocument: { uri },
      position: { line: cite.start.line, character: cite.start.character + 2 },
    });
    assert.deepStrictEqual(list.items.find((i) => i.label === 'fact-ai-small-2')?.documentation, { kind: 'markdown', value: 'BERT \\[reads\\](command:evil) \\<vscode://x\\>.' });
    const hints = await client.request<{ position: { line: number; character: number }; tooltip: { kind: string; value: string } }[]>('textDocument/inlayHint', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 500, character: 0 } },
    });
    const hint = hints.find((h) => h.position.line === cite.end.line && h.position.character === cite.end.character);
    assert.deepStrictEqual(hint?.tooltip, { kind: 'markdown', value: '**fact-ai-small-2**: BERT \\[reads\\](command:evil) \\<vscode://x\\>.' });
  });
});
