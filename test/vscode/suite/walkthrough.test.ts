import * as assert from 'assert';
import * as vscode from 'vscode';
import { EXTENSION_ID, activeApi, checkpoint, extension, hasDriver } from './util';

suite('walkthrough', () => {
  test('the getting-started walkthrough opens with its steps', async function () {
    await activeApi();
    const walkthroughs: Array<{ id: string; title: string; steps: Array<{ id: string; title: string }> }> = extension().packageJSON.contributes.walkthroughs ?? [];
    assert.ok(walkthroughs.length > 0, 'no walkthrough contributed');
    const w = walkthroughs[0];
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${EXTENSION_ID}#${w.id}`, false);
    if (!hasDriver) this.skip(); // what the page shows is visible only to code-server's driver
    const text = await checkpoint<string>('pageText', { needle: w.title });
    assert.ok(text.includes(w.title), `the workbench does not show "${w.title}"`);
    for (const step of w.steps) assert.ok(text.includes(step.title), `step "${step.title}" is not shown`);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
