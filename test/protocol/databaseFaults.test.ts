/**
 * The team corpus when things go wrong (issue 18, "Faults"): the database stops in the middle of a session and
 * starts again, it is down when the server starts, and a document is republished while a brief citing it is
 * open. Local corpora keep working throughout; citations of the team corpus's documents are not reported
 * broken while it is away; one message says it is unavailable; the server reconnects by itself.
 *
 * The suite starts a PostgreSQL cluster of its own (it stops and starts it), so it needs PostgreSQL installed.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { Cluster, startCluster } from '../../scripts/postgresCluster';
import { needsOwnCluster, TestDatabase, testDatabase } from '../helpers/database';
import { corpusFile, fileUri, hoverText, LspClient, makeTempFolder, positionOf, REPOSITORY, startServer, writeFiles } from './lspClient';

const CLI = path.join(REPOSITORY, 'bin', 'pinpoint.js');

const TEAM_V1 = corpusFile('2099-TEAM', 'Team Treaty', '## 1\n\nThe parties shall cooperate in good faith.\n\n## 2\n\nThis treaty enters into force on signature.');
const TEAM_V2 = corpusFile(
  '2099-TEAM',
  'Team Treaty',
  '## 1\n\nThe parties shall cooperate in good faith and in a spirit of friendship.\n\n## 2\n\nThis treaty enters into force on signature.\n\n## 3\n\nThis treaty may be amended by agreement.',
);
const LOCAL = corpusFile('2099-LOCAL', 'Local Treaty', '## 1\n\nEach party keeps its own records.');

const BRIEF = 'Team: [2099-TEAM §1], [2099-TEAM §9], [2099-TEAM §3]. Local: [2099-LOCAL §1], [2099-LOCAL §9]. Built-in: [2023-JS §99].\n';

/** The diagnostics as `code cited-text`, sorted, so that a test states exactly which citations were reported. */
function summary(text: string, diagnostics: readonly Diagnostic[]): string[] {
  const lines = text.split('\n');
  return diagnostics
    .map((diagnostic) => {
      const line = lines[diagnostic.range.start.line];
      // The citation around the diagnostic's range.
      const open = line.lastIndexOf('[', diagnostic.range.start.character);
      const close = line.indexOf(']', diagnostic.range.start.character);
      return `${String(diagnostic.code)} ${line.slice(open, close + 1)}`;
    })
    .sort();
}

const ALL_CHECKED = ['unknown-clause [2023-JS §99]', 'unknown-clause [2099-LOCAL §9]', 'unknown-clause [2099-TEAM §3]', 'unknown-clause [2099-TEAM §9]'];
const TEAM_AWAY = ['unknown-clause [2023-JS §99]', 'unknown-clause [2099-LOCAL §9]'];

/** The `window/showMessage` warnings that said the team corpus is unavailable. */
function unavailableMessages(client: LspClient): string[] {
  return client.logs.filter((line) => /the team corpus .* is unavailable \(/.test(line));
}

describe('the team corpus when the database fails', needsOwnCluster(), () => {
  let cluster: Cluster | undefined;
  let database: TestDatabase | undefined;
  let folder: { path: string; uri: string; cleanup: () => void } | undefined;
  const clients: LspClient[] = [];

  const publish = (): void => {
    const result = spawnSync(process.execPath, [CLI, 'publish', path.join(folder!.path, 'team'), '--database', database!.uri], { encoding: 'utf8' });
    assert.equal(result.status, 0, `${result.stdout}\n${result.stderr}`);
  };

  const start = async (): Promise<{ client: LspClient; brief: string }> => {
    const client = await startServer({
      workspaceFolders: [{ uri: folder!.uri, name: 'work' }],
      serverArguments: ['--no-index-cache'],
      initializationOptions: { corpus: { paths: ['local'], includeLibrary: false, database: database!.uri } },
    });
    clients.push(client);
    return { client, brief: fileUri(path.join(folder!.path, `brief-${clients.length}.md`)) };
  };

  const waitFor = (client: LspClient, uri: string, expected: string[], describe: string, timeoutMs = 30_000): Promise<Diagnostic[]> =>
    client.waitForDiagnostics(uri, { describe, timeoutMs, accept: (diagnostics) => JSON.stringify(summary(BRIEF, diagnostics)) === JSON.stringify(expected) });

  before(async () => {
    cluster = await startCluster();
    database = await testDatabase(cluster);
    folder = makeTempFolder('pinpoint-faults-');
    writeFiles(folder.path, { 'team/2099-TEAM.md': TEAM_V1, 'local/2099-LOCAL.md': LOCAL });
    publish();
  });

  after(async () => {
    for (const client of clients) {
      await client.dispose();
    }
    folder?.cleanup();
    cluster?.remove();
  });

  it('keeps local corpora checked while the database is away mid-session, says so once, and reconnects', async () => {
    const { client, brief } = await start();
    client.openDocument(brief, BRIEF);
    await waitFor(client, brief, ALL_CHECKED, 'every citation checked');
    assert.match(hoverText(await client.hover(brief, positionOf(BRIEF, '2099-TEAM §1', { at: 11 }))), /cooperate in good faith/);

    cluster!.stop();
    await waitFor(client, brief, TEAM_AWAY, 'the team corpus citations left unchecked');
    assert.equal(unavailableMessages(client).length, 1, client.logs.join('\n'));
    // Local corpora and the built-in corpus still answer.
    assert.match(hoverText(await client.hover(brief, positionOf(BRIEF, '2099-LOCAL §1', { at: 12 }))), /keeps its own records/);
    const completion = await client.completion(brief, positionOf(BRIEF, '[2099-LOCAL §', { at: 'end' }));
    assert.ok(completion.items.some((item) => item.label === '§1'), JSON.stringify(completion.items.map((item) => item.label)));

    cluster!.start();
    await waitFor(client, brief, ALL_CHECKED, 'every citation checked again after the reconnection');
    assert.equal(unavailableMessages(client).length, 1, client.logs.join('\n'));
    assert.ok(client.logs.some((line) => /is available again/.test(line)), client.logs.join('\n'));
  });

  it('starts with the database down, and loads the team corpus once it is up', async () => {
    cluster!.stop();
    let running = false;
    try {
      const { client, brief } = await start();
      client.openDocument(brief, BRIEF);
      // Citations of documents the server cannot know yet are not reported as unknown.
      await waitFor(client, brief, TEAM_AWAY, 'only the local citations checked');
      assert.equal(unavailableMessages(client).length, 1, client.logs.join('\n'));
      cluster!.start();
      running = true;
      await waitFor(client, brief, ALL_CHECKED, 'every citation checked once the database is up');
    } finally {
      if (!running) {
        cluster!.start();
      }
    }
  });

  it('checks an open brief again when a document it cites is republished', async () => {
    const { client, brief } = await start();
    client.openDocument(brief, BRIEF);
    await waitFor(client, brief, ALL_CHECKED, 'every citation checked');
    writeFiles(folder!.path, { 'team/2099-TEAM.md': TEAM_V2 });
    publish();
    // §3 exists now: the brief is checked again without any edit, and hovers show the new text.
    await waitFor(client, brief, ['unknown-clause [2023-JS §99]', 'unknown-clause [2099-LOCAL §9]', 'unknown-clause [2099-TEAM §9]'], 'the brief checked against the new version');
    assert.match(hoverText(await client.hover(brief, positionOf(BRIEF, '2099-TEAM §1', { at: 11 }))), /spirit of friendship/);
    const [{ count }] = await database!.query<{ count: string }>('SELECT count(*) FROM pinpoint.versions');
    assert.equal(Number(count), 1);
  });
});
