import * as assert from 'assert';
import { existsSync, readFileSync } from 'fs';
import { describe, it } from 'node:test';
import { join } from 'path';

const repo = join(__dirname, '../../..');
const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));

describe('the walkthrough', () => {
  const walkthrough = manifest.contributes.walkthroughs[0];

  it('takes a newcomer through create, insert a fact, cite it, preview, quick fix', () => {
    assert.deepStrictEqual(
      walkthrough.steps.map((s: { id: string }) => s.id),
      ['newArticle', 'insertFact', 'citeFact', 'openPreview', 'quickFix'],
    );
  });

  it('shows pages that exist and runs commands the extension contributes', () => {
    const contributed = new Set((manifest.contributes.commands ?? []).map((c: { command: string }) => c.command));
    for (const step of walkthrough.steps) {
      assert.ok(existsSync(join(repo, step.media.markdown)), step.media.markdown);
      for (const [, command] of step.description.matchAll(/\(command:([\w.]+)\)/g)) {
        assert.ok(command.startsWith('workbench.') || contributed.has(command), `${step.id}: ${command} is not contributed`);
      }
      for (const event of step.completionEvents) {
        const command = event.replace(/^onCommand:/, '');
        assert.ok(command.startsWith('workbench.') || command.startsWith('editor.') || contributed.has(command), `${step.id}: ${event}`);
      }
    }
  });
});
