// Moving an article as the explorer does (a rename through VS Code's file operations): the language client sends
// workspace/willRenameFiles, and the links to the article, its own links and its category follow.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { SEED, activeApi, sleep, waitFor, workspaceUri, writeFile } from './util';

const read = async (uri: vscode.Uri) => (await vscode.workspace.openTextDocument(uri)).getText();

async function seedText(): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceUri(SEED)));
}

/** A target article and one linking to it in both conventions, both known to the server. */
async function pair(name: string): Promise<{ target: vscode.Uri; linker: vscode.Uri }> {
  const seed = await seedText();
  const target = await writeFile(`ai/${name}.md`, seed.replace(/^id: instruction-tuning$/m, `id: ${name}`).replace(/^title: .*$/m, `title: "Target ${name}"`));
  const linkerText = seed
    .replace(/^id: instruction-tuning$/m, `id: ${name}-linker`)
    .replace(/^title: .*$/m, `title: "Linker of ${name}"`)
    .replace('## TL;DR\n', `## TL;DR\nSee [the target](../${name}.md#core-explanation) and [again](${name}.md).\n`);
  const linker = await writeFile(`ai/${name}-linker.md`, linkerText);
  // The server has both once Go to Symbol in Workspace finds them.
  await waitFor(async () => {
    const found = (await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', `Linker of ${name}`)) ?? [];
    const targets = (await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', `Target ${name}`)) ?? [];
    return found.some((s) => s.location.uri.path.endsWith(`${name}-linker.md`)) && targets.some((s) => s.location.uri.path.endsWith(`/${name}.md`));
  }, 'the server to index the new articles', 20_000);
  return { target, linker };
}

async function setUpdateLinks(value: string | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('knowledgeArticles').update('updateLinksOnFileMove.enabled', value, vscode.ConfigurationTarget.Workspace);
}

suite('moving articles', () => {
  suiteSetup(async () => {
    await activeApi();
  });

  suiteTeardown(async () => {
    await setUpdateLinks(undefined);
  });

  test('a move to another category folder rewrites the links to it in both conventions, its category (VS Code skips its prompt under test)', async () => {
    const { target, linker } = await pair('move-target');
    const moved = workspaceUri('history/move-target.md');
    const edit = new vscode.WorkspaceEdit();
    edit.renameFile(target, moved);
    assert.strictEqual(await vscode.workspace.applyEdit(edit), true);
    await waitFor(async () => (await read(linker)).includes('../../history/move-target.md#core-explanation'), 'the links to follow the move');
    const linkerText = await read(linker);
    assert.ok(linkerText.includes('See [the target](../../history/move-target.md#core-explanation) and [again](../history/move-target.md).'), linkerText.slice(0, 2000));
    assert.match(await read(moved), /\ncategory: history\n/);
    assert.ok(!(await vscode.workspace.fs.stat(target).then(() => true, () => false)), 'the old file is gone');
  });

  test('with updateLinksOnFileMove "preview" the move waits for the refactor preview (discarded here: links unchanged); with "never" nothing changes', async () => {
    await setUpdateLinks('preview');
    const { target, linker } = await pair('rename-target');
    const before = await read(linker);
    const renamed = workspaceUri('ai/renamed-target.md');
    const edit = new vscode.WorkspaceEdit();
    edit.renameFile(target, renamed);
    let settled = false;
    const applying = vscode.workspace.applyEdit(edit).then((ok) => ((settled = true), ok));
    await sleep(1500);
    assert.strictEqual(settled, false, 'the move went ahead without the preview');
    // Discard Refactoring: the move itself goes ahead, the links stay.
    await waitFor(async () => {
      await vscode.commands.executeCommand('refactorPreview.discard').then(undefined, () => undefined);
      return settled;
    }, 'the refactor preview to be discarded', 20_000, 300);
    assert.strictEqual(await applying, true);
    assert.strictEqual(await read(linker), before);
    assert.ok(await vscode.workspace.fs.stat(renamed).then(() => true, () => false), 'the file moved');

    await setUpdateLinks('never');
    const again = new vscode.WorkspaceEdit();
    again.renameFile(renamed, workspaceUri('ai/renamed-twice.md'));
    assert.strictEqual(await vscode.workspace.applyEdit(again), true);
    await sleep(1500);
    assert.strictEqual(await read(linker), before);
  });
});
