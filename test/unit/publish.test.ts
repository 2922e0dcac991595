/**
 * `pinpoint publish DIR… --database URI` (spec §5) against a throwaway PostgreSQL: what it writes, that
 * publishing again replaces only what changed, that a file with a corpus error is refused, that the reader
 * role can read and not write, that content search finds CJK terms of one and two characters, and its exit
 * statuses. Skipped, with one line saying why, where PostgreSQL is not installed.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Client } from 'pg';
import { clientConfigOf } from '../../server/src/db/connect';
import { searchDatabase } from '../../server/src/db/search';
import { needsDatabase, TestDatabase, testDatabase } from '../helpers/database';

const REPOSITORY = path.resolve(__dirname, '..', '..');
const CLI = path.join(REPOSITORY, 'bin', 'pinpoint.js');

function corpusFile(id: string, body: string, extra = ''): string {
  return `---\nid: ${id}\ntitle: ${id} title\n${extra}---\n\n${body}\n`;
}

function publish(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, 'publish', ...args], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('pinpoint publish', needsDatabase(), () => {
  let database: TestDatabase | undefined;
  let folder: string;

  before(async () => {
    database = await testDatabase();
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'pinpoint-publish-'));
    fs.mkdirSync(path.join(folder, 'team'));
    fs.writeFileSync(path.join(folder, 'team', '2099-A.md'), corpusFile('2099-A', '## 1\n\nThe parties shall act in good faith.\n\n## 2\n\n发生洪水时，双方应及时通报。'));
    fs.writeFileSync(path.join(folder, 'team', '2099-B.md'), corpusFile('2099-B', '## 1\n\nNothing in this treaty affects other treaties.'));
  });

  after(async () => {
    await database?.drop();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('writes documents, versions and clauses, and publishing again replaces only what changed', async () => {
    const first = publish(path.join(folder, 'team'), '--database', database!.uri);
    assert.equal(first.status, 0, first.stdout + first.stderr);
    assert.match(first.stdout, /team: 2 documents \(2 new, 0 changed, 0 unchanged, 0 removed\)/);
    const clauses = await database!.query<{ document_id: string; key: string }>(
      'SELECT v.document_id, c.key FROM pinpoint.clauses c JOIN pinpoint.versions v ON v.id = c.version_id ORDER BY v.document_id, c.ordinal',
    );
    assert.ok(clauses.some((row) => row.document_id === '2099-A' && row.key === '2'), JSON.stringify(clauses));
    const [{ id: unchangedVersion }] = await database!.query<{ id: string }>("SELECT id FROM pinpoint.versions WHERE document_id = '2099-B'");

    fs.writeFileSync(path.join(folder, 'team', '2099-A.md'), corpusFile('2099-A', '## 1\n\nThe parties shall act in good faith.\n\n## 2\n\n发生洪水时，双方应及时通报。\n\n## 3\n\nA third article.'));
    const second = publish(path.join(folder, 'team'), '--database', database!.uri);
    assert.equal(second.status, 0, second.stdout + second.stderr);
    assert.match(second.stdout, /team: 2 documents \(0 new, 1 changed, 1 unchanged, 0 removed\)/);
    const [{ id: stillThere }] = await database!.query<{ id: string }>("SELECT id FROM pinpoint.versions WHERE document_id = '2099-B'");
    assert.equal(stillThere, unchangedVersion, 'the unchanged document keeps its version');
    const [{ count }] = await database!.query<{ count: string }>("SELECT count(*) FROM pinpoint.clauses c JOIN pinpoint.versions v ON v.id = c.version_id WHERE v.document_id = '2099-A' AND c.kind = 'section'");
    assert.equal(Number(count), 3);
  });

  it('refuses a file with a corpus error and keeps its earlier version', async () => {
    fs.writeFileSync(path.join(folder, 'team', '2099-B.md'), corpusFile('2099-B', '## 1\n\nOne.\n\n## 1\n\nOne again.'));
    const result = publish(path.join(folder, 'team'), '--database', database!.uri);
    assert.equal(result.status, 1, result.stdout + result.stderr);
    assert.match(result.stdout, /2099-B\.md:\d+:\d+: error corpus-error: /);
    assert.match(result.stdout, /1 file was not published because of the errors above/);
    const rows = await database!.query<{ source: string }>("SELECT source FROM pinpoint.versions WHERE document_id = '2099-B'");
    assert.equal(rows.length, 1);
    assert.match(rows[0].source, /affects other treaties/);
    fs.writeFileSync(path.join(folder, 'team', '2099-B.md'), corpusFile('2099-B', '## 1\n\nNothing in this treaty affects other treaties.'));
  });

  it('lets the reader role read the team corpus and nothing else', async () => {
    await database!.query('CREATE ROLE pinpoint_test_alice LOGIN');
    await database!.query('GRANT pinpoint_reader TO pinpoint_test_alice');
    const url = new URL(database!.uri);
    url.username = 'pinpoint_test_alice';
    const reader = new Client(clientConfigOf({ uri: url.toString(), readOnly: true, statementTimeoutMs: 5_000, connectTimeoutMs: 5_000, applicationName: 'pinpoint test' }));
    await reader.connect();
    try {
      const rows = await reader.query<{ id: string }>('SELECT id FROM pinpoint.documents ORDER BY id');
      assert.deepEqual(rows.rows.map((row) => row.id), ['2099-A', '2099-B']);
      await assert.rejects(reader.query("INSERT INTO pinpoint.documents (id) VALUES ('2099-X')"), (error: { code?: string }) => error.code === '25006');
      // Even a session that turns read-only off cannot write: the role has no right to.
      await reader.query('SET default_transaction_read_only = off');
      await assert.rejects(reader.query("INSERT INTO pinpoint.documents (id) VALUES ('2099-X')"), (error: { code?: string }) => error.code === '42501');
    } finally {
      await reader.end();
      await database!.query('DROP OWNED BY pinpoint_test_alice');
      await database!.query('DROP ROLE pinpoint_test_alice');
    }
  });

  it('searches clause text in SQL, CJK terms of one and two characters too', async () => {
    const client = new Client({ connectionString: database!.uri });
    await client.connect();
    try {
      const versions = await client.query<{ id: string }>('SELECT id FROM pinpoint.versions ORDER BY id');
      const order = new Map(versions.rows.map((row, index) => [String(row.id), index]));
      for (const query of ['洪水', '洪', '及时通报', 'good faith', 'GOOD  FAITH']) {
        const found = await searchDatabase(client, query, { limit: 10, orderOf: (id) => order.get(id) });
        assert.ok(found.hits.length === 1, `${query}: ${JSON.stringify(found.hits)}`);
      }
      const none = await searchDatabase(client, '100%_match', { limit: 10, orderOf: (id) => order.get(id) });
      assert.deepEqual(none.hits, [], 'LIKE wildcards in a query are taken literally');
    } finally {
      await client.end();
    }
  });

  it('exits 2 for bad usage and 1 when the database cannot be reached, naming it without a password', () => {
    assert.equal(publish(folder).status, 2);
    assert.equal(publish(path.join(folder, 'team'), '--database', 'mysql://x/y').status, 2);
    assert.equal(publish(path.join(folder, 'missing'), '--database', database!.uri).status, 2);
    const unreachable = publish(path.join(folder, 'team'), '--database', 'postgres://someone:secret@127.0.0.1:1/nowhere');
    assert.equal(unreachable.status, 1, unreachable.stdout + unreachable.stderr);
    assert.match(unreachable.stderr, /nothing was published/);
    assert.doesNotMatch(unreachable.stderr + unreachable.stdout, /secret/);
  });
});
