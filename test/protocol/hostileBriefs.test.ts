/**
 * Briefs that once froze the server (issue 19), through the protocol: a quotation checked against the whole
 * UNCLOS of the starter library, and a 10 MB brief typed into. A request sent meanwhile is answered; the
 * deadlines are generous for linear code (which answers in about a second) and fail clearly otherwise
 * (the quotation held every request for 45 s, each keystroke in the big brief for 2 s).
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { fileUri, hoverText, makeTempFolder, positionOf, startServer } from './lspClient';

const DEADLINE_MS = 20_000;

async function answered<T>(what: string, request: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} was not answered within ${DEADLINE_MS / 1000} s: the server is frozen`)), DEADLINE_MS);
  });
  try {
    return await Promise.race([request, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

describe('briefs that once froze the server', () => {
  it('a quotation of the whole UNCLOS is checked while a hover is answered', async (t) => {
    const workspace = makeTempFolder('pinpoint-hostile-quote-');
    const client = await startServer({ workspaceFolders: [{ uri: workspace.uri, name: 'quote' }] });
    client.onDispose(workspace.cleanup);
    t.after(() => client.dispose());
    const uri = fileUri(path.join(workspace.path, 'quote.md'));
    const text = 'As the Convention says, “The breadth of the territorial sea”[1982-UNCLOS].\n\nAnd “The breadth of the territorial zea”[1982-UNCLOS], see [2023-JS §3.4].\n';
    client.openDocument(uri, text);
    const hover = await answered('a hover while the quotations are checked', client.hover(uri, positionOf(text, '§3.4', { at: 1 })));
    assert.match(hoverText(hover), /商务部/);
    const diagnostics = await client.waitForDiagnostics(uri, { accept: (list) => list.some((diagnostic) => diagnostic.code === 'quote-mismatch'), timeoutMs: DEADLINE_MS });
    assert.deepEqual(diagnostics.map((diagnostic) => `${diagnostic.range.start.line}: ${diagnostic.code}`), ['2: quote-mismatch']);
  });

  it('typing into a 10 MB brief does not cost the server seconds per keystroke', async (t) => {
    const workspace = makeTempFolder('pinpoint-hostile-big-');
    const client = await startServer({ workspaceFolders: [{ uri: workspace.uri, name: 'big' }] });
    client.onDispose(workspace.cleanup);
    t.after(() => client.dispose());
    const uri = fileUri(path.join(workspace.path, 'big.md'));
    const line = 'The parties reaffirm their commitment [2023-JS §3.4] and the plan [2023-ECON §2.4] here.\n';
    let text = `# A brief of 10 MB\n\n${line.repeat(Math.ceil(10e6 / line.length))}`;
    // Opening reads all of it once (seconds on a loaded machine): a deadline of its own.
    client.openDocument(uri, text);
    await client.waitForDiagnostics(uri, { describe: 'the first diagnostics of a 10 MB brief', timeoutMs: 90_000 });
    // Twenty keystrokes in a row, sent as editors send them (incremental changes), then a hover: each
    // keystroke once cost seconds.
    for (let version = 2; version <= 21; version++) {
      const at = { line: 5, character: 3 + version };
      void client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: at, end: at }, text: 'x' }] });
      const offset = text.split('\n', 5).join('\n').length + 1 + at.character;
      text = `${text.slice(0, offset)}x${text.slice(offset)}`;
    }
    const hover = await answered('a hover after twenty keystrokes', client.hover(uri, positionOf(text, '§3.4', { occurrence: 50_000, at: 1 })));
    assert.match(hoverText(hover), /商务部/);
    const diagnostics = await client.waitForDiagnostics(uri, { accept: (_list, publication) => publication.version === 21, timeoutMs: DEADLINE_MS });
    assert.deepEqual(diagnostics, []);
  });
});
