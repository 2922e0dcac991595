/**
 * A large brief is checked a slice at a time, through the protocol: a hover sent after an edit is answered
 * between two slices of the check, before the diagnostics of the edited version; an edit made while a version
 * is checked cancels that check (only the latest version publishes); and what is published equals what a fresh
 * server finds in the same text. Ordering only: nothing here measures time.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Diagnostic, Hover } from 'vscode-languageserver-protocol';
import { EditedDocument, hoverText, LspClient, positionAt, startInWorkspace } from './lspClient';

/** The first check of the brief and a whole check again take seconds on a slow machine. */
const CHECK_TIMEOUT_MS = 120_000;

/**
 * 60,000 citations of the built-in corpus, with a few problems, under the million characters past which a
 * brief is checked only once typing pauses. Its `date` is the date its citations' status is judged at: changing
 * it makes the server check every citation again.
 */
function largeBrief(): string {
  const lines: string[] = [];
  for (let line = 0; line < 6_000; line++) {
    lines.push(
      line % 500 === 7
        ? '“这句话不在声明里”[2023-JS §3.4] and [2023-JS §9.99].'
        : '[2023-JS §3.4] [2023-JS] [2023-ECON] [2023-JS §1] [2023-JS] [2023-ECON §2] [2023-JS] [2023-JS §9] [2023-ECON] [2023-JS]',
    );
  }
  return `---\ndate: 2024-01-01\n---\n\n# A large brief\n\n${lines.join('\n')}\n`;
}

/** Replaces the brief's date (its front matter's second line). */
function changeDate(document: EditedDocument, date: string): void {
  const start = document.text.indexOf('2024-01-0');
  document.edit(start, start + date.length, date);
}

async function diagnosticsOfVersion(client: LspClient, uri: string, version: number): Promise<Diagnostic[]> {
  return client.waitForDiagnostics(uri, { accept: (_diagnostics, publication) => publication.version === version, describe: `diagnostics of version ${version}`, timeoutMs: CHECK_TIMEOUT_MS });
}

describe('a large brief is checked a slice at a time', () => {
  it('answers hovers sent after an edit before the diagnostics of the edited version, publishes only the latest version, and finds what a fresh server finds', async (t) => {
    const text = largeBrief();
    assert.ok(text.length < 1_000_000, 'a brief checked on every edit, not after a pause in typing');
    const { client, uri } = await startInWorkspace({});
    t.after(() => client.dispose());
    const document = new EditedDocument(client, uri('brief.md'), text);
    document.open();
    await diagnosticsOfVersion(client, document.uri, 1);

    // An edit that makes the whole brief be checked again, then hovers, each sent when the one before is answered:
    // every answer comes before the diagnostics of the edited version (a check that ran whole would answer the
    // second one after them).
    changeDate(document, '2024-01-02');
    const edited = document.version;
    const onCitation = positionAt(document.text, document.text.indexOf('[2023-JS §3.4]') + 10);
    for (let round = 1; round <= 3; round++) {
      const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: document.uri }, position: onCitation });
      assert.match(hoverText(hover), /2023-JS/, `hover ${round} shows the clause`);
      assert.notEqual(client.latestDiagnostics(document.uri)?.version, edited, `hover ${round} was answered after the diagnostics of version ${edited}`);
    }
    await diagnosticsOfVersion(client, document.uri, edited);

    // Two edits in a row: the check of the first, under way or not begun when the second arrives, never publishes.
    const since = client.mark();
    changeDate(document, '2024-01-03');
    const stale = document.version;
    changeDate(document, '2024-01-04');
    const final = await diagnosticsOfVersion(client, document.uri, document.version);
    assert.deepEqual(
      client.publications.filter((publication) => publication.sequence > since && publication.version === stale).map((publication) => publication.version),
      [],
      `the diagnostics of version ${stale} were published after a newer edit`,
    );

    const fresh = await startInWorkspace({});
    t.after(() => fresh.client.dispose());
    fresh.client.openDocument(fresh.uri('brief.md'), document.text);
    const expected = await diagnosticsOfVersion(fresh.client, fresh.uri('brief.md'), 1);
    assert.ok(expected.some((diagnostic) => diagnostic.code === 'quote-mismatch') && expected.some((diagnostic) => diagnostic.code === 'unknown-clause'), 'the final text has problems to compare');
    assert.deepEqual(final, expected);
  });
});
