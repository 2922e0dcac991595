/**
 * Nothing of the user's is lost: over a whole session (opening briefs and corpus files, unsaved edits,
 * every request the server offers including rename and quick fixes, watcher events, settings changes,
 * closing, shutdown) the server writes nothing in the workspace: every file keeps its bytes, its
 * modification time and its mode, and no file appears. Changes reach the user only as workspace edits in
 * answers, which the editor applies and can undo; the server never pushes `workspace/applyEdit` by itself.
 * The command line's read-only commands (`check`, `toa`) write nothing either.
 *
 * NOTE: the server runs with the workspace as its working folder, as VS Code starts it, so a write to a
 * relative path would land in the workspace and be caught.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ResponseError } from 'vscode-jsonrpc/node';
import type { Position, ServerCapabilities } from 'vscode-languageserver-protocol';
import { corpusFile, EditedDocument, fileUri, makeTempFolder, positionAt, REPOSITORY, snapshotTree, startServer, writeFiles } from './lspClient';

const FILES: Record<string, string> = {
  'corpus/alpha.md': corpusFile('2099-ALPHA', 'Alpha', '## 一\n\nFirst of one.\n\n- item a\n- item b\n\n## 二\n\nFirst of two.'),
  'corpus/beta.md': corpusFile('2099-BETA', 'Beta', 'Only paragraph.\n\nSecond paragraph.').replace(/\n/g, '\r\n'),
  'corpus/broken.md': '---\nid: [2099-BROKEN\ntitle: broken\n---\n\nText.\n',
  'brief.md': '# Brief\n\nSee [2099-ALPHA §1.1], [2099-ALPHA §1.1.2], [2099-BETA §2] and [2023-JS §3.4].\n\n“First of one.” [2099-ALPHA §1.1]\n\nBroken: [2099-ALPHA §9] [2099-alpha §1] [2099-NOPE].\n',
  'notes/other.md': '\uFEFFOther brief: [2099-ALPHA §2.1] and [2023-ECON §2.4–6].\r\n',
  'README.txt': 'Not Markdown.\n',
};

/** Sends a request; a JSON-RPC error is an answer too (the method may not apply here). */
async function ask(client: Awaited<ReturnType<typeof startServer>>, method: string, params: unknown): Promise<unknown> {
  try {
    return await client.request(method, params);
  } catch (error) {
    assert.ok(error instanceof ResponseError, `${method}: ${String(error)}`);
    return undefined;
  }
}

describe('nothing of the user is lost', () => {
  it('writes nothing in the workspace over a whole session, and pushes no edit by itself', async (t) => {
    const workspace = makeTempFolder('pinpoint-nothing-lost-');
    t.after(() => workspace.cleanup());
    writeFiles(workspace.path, FILES);
    fs.chmodSync(path.join(workspace.path, 'corpus', 'alpha.md'), 0o444);
    fs.symlinkSync(path.join(workspace.path, 'corpus', 'alpha.md'), path.join(workspace.path, 'corpus', 'alias.md'));
    // Modification times in the past, so that a rewrite with the same bytes would still show.
    const past = new Date('2020-01-01T00:00:00Z');
    for (const relative of Object.keys(FILES)) {
      fs.utimesSync(path.join(workspace.path, relative), past, past);
    }
    const before = snapshotTree(workspace.path);

    const client = await startServer({
      cwd: workspace.path,
      workspaceFolders: [{ uri: workspace.uri, name: 'workspace' }],
      configuration: { pinpoint: { corpus: { paths: ['corpus'] } } },
      watcherRegistration: true,
      capabilities: (base) => ({ ...base, workspace: { ...base.workspace, applyEdit: true, workspaceEdit: { documentChanges: true } } }),
    });
    t.after(() => client.dispose());
    const pushedEdits: unknown[] = [];
    client.connection.onRequest('workspace/applyEdit', (params: unknown) => {
      pushedEdits.push(params);
      return { applied: false, failureReason: 'the test applies nothing' };
    });
    const uri = (relative: string) => fileUri(path.join(workspace.path, relative));

    const brief = new EditedDocument(client, uri('brief.md'), FILES['brief.md']);
    brief.open();
    await client.waitForDiagnostics(brief.uri, { accept: (list) => list.length > 0 });
    const corpus = new EditedDocument(client, uri('corpus/alpha.md'), FILES['corpus/alpha.md']);
    corpus.open();
    const other = new EditedDocument(client, uri('notes/other.md'), FILES['notes/other.md']);
    other.open();

    // Unsaved edits to a brief and to a corpus file (which the index then reads from the editor).
    brief.edit(brief.text.length, brief.text.length, '\nMore: [2099-ALPHA §2.1] [2099-BETA §1].\n');
    corpus.edit(corpus.text.indexOf('First of two.'), corpus.text.indexOf('First of two.') + 5, 'Edited');
    void client.connection.sendNotification('textDocument/willSave', { textDocument: { uri: brief.uri }, reason: 1 });
    void client.connection.sendNotification('textDocument/didSave', { textDocument: { uri: brief.uri }, text: brief.text });

    // Every request the server offers, on every citation of the brief.
    const capabilities = client.initializeResult?.capabilities as ServerCapabilities;
    const positions: Position[] = [];
    for (let offset = brief.text.indexOf('['); offset >= 0; offset = brief.text.indexOf('[', offset + 1)) {
      positions.push(positionAt(brief.text, offset + 2), positionAt(brief.text, brief.text.indexOf('§', offset) + 1));
    }
    const textDocument = { uri: brief.uri };
    const wholeBrief = { start: { line: 0, character: 0 }, end: positionAt(brief.text, brief.text.length) };
    let renames = 0;
    for (const position of positions) {
      await ask(client, 'textDocument/hover', { textDocument, position });
      await ask(client, 'textDocument/definition', { textDocument, position });
      const completion = (await ask(client, 'textDocument/completion', { textDocument, position, context: { triggerKind: 1 } })) as { items?: unknown[] } | null;
      for (const item of (completion?.items ?? []).slice(0, 3)) {
        await ask(client, 'completionItem/resolve', item);
      }
      if (capabilities.referencesProvider) {
        await ask(client, 'textDocument/references', { textDocument, position, context: { includeDeclaration: true } });
      }
      if (capabilities.renameProvider) {
        await ask(client, 'textDocument/prepareRename', { textDocument, position });
        const edit = await ask(client, 'textDocument/rename', { textDocument, position, newName: '2099-RENAMED' });
        if (edit) {
          renames++;
        }
      }
    }
    if (capabilities.codeActionProvider) {
      const diagnostics = client.latestDiagnostics(brief.uri)?.diagnostics ?? [];
      const actions = (await ask(client, 'textDocument/codeAction', { textDocument, range: wholeBrief, context: { diagnostics } })) as { command?: { command: string; arguments?: unknown[] } }[] | null;
      for (const action of actions ?? []) {
        if (action.command) {
          // Running a command is the user's choice; what it changes must still come as an edit to apply.
          await ask(client, 'workspace/executeCommand', { command: action.command.command, arguments: action.command.arguments });
        }
      }
    }
    for (const [method, provider] of [
      ['textDocument/documentLink', capabilities.documentLinkProvider],
      ['textDocument/codeLens', capabilities.codeLensProvider],
      ['textDocument/documentSymbol', capabilities.documentSymbolProvider],
    ] as const) {
      if (provider) {
        await ask(client, method, { textDocument });
      }
    }
    if (capabilities.workspaceSymbolProvider) {
      await ask(client, 'workspace/symbol', { query: '2099' });
    }
    for (const command of capabilities.executeCommandProvider?.commands ?? []) {
      await ask(client, 'workspace/executeCommand', { command, arguments: [] });
    }

    // Files changing on disk around it, settings changing, documents closing.
    client.notifyWatchedFiles([
      { uri: uri('corpus/beta.md'), type: 2 },
      { uri: uri('corpus/gone.md'), type: 3 },
      { uri: uri('corpus/broken.md'), type: 2 },
    ]);
    client.setConfiguration({ pinpoint: { corpus: { paths: ['corpus', 'notes'] } } });
    client.notifyConfigurationChanged({ pinpoint: { corpus: { paths: ['corpus', 'notes'] } } });
    client.closeDocument(corpus.uri);
    client.closeDocument(other.uri);
    const since = client.mark();
    brief.edit(0, 0, ' ');
    await client.waitForDiagnostics(brief.uri, { since, accept: (_list, publication) => publication.version === brief.version });
    await client.dispose();

    assert.ok(renames > 0 || !capabilities.renameProvider, 'rename was answered with an edit at least once');
    assert.deepEqual(pushedEdits, [], 'the server pushed workspace/applyEdit by itself');
    assert.deepEqual(snapshotTree(workspace.path), before, 'the workspace changed');
  });

  it('the command line check and table of authorities write nothing either', (t) => {
    const workspace = makeTempFolder('pinpoint-nothing-lost-cli-');
    t.after(() => workspace.cleanup());
    writeFiles(workspace.path, FILES);
    const before = snapshotTree(workspace.path);
    const cli = path.join(REPOSITORY, 'bin', 'pinpoint.js');
    for (const args of [['check', '.', '--corpus', 'corpus'], ['check', 'brief.md', '--format', 'sarif'], ['toa', 'brief.md', '--corpus', 'corpus']]) {
      const run = spawnSync(process.execPath, [cli, ...args], { cwd: workspace.path, encoding: 'utf8', env: { ...process.env, XDG_CACHE_HOME: path.join(workspace.path, '..', `${path.basename(workspace.path)}-cache`) } });
      // 0 or 1 is a check's answer; 2 (bad usage) is allowed so that a command not built yet fails elsewhere.
      assert.ok(run.status === 0 || run.status === 1 || run.status === 2, `pinpoint ${args.join(' ')} exited ${run.status}: ${run.stderr}`);
    }
    fs.rmSync(path.join(workspace.path, '..', `${path.basename(workspace.path)}-cache`), { recursive: true, force: true });
    assert.deepEqual(snapshotTree(workspace.path), before);
  });
});
