/**
 * The team corpus answers as the folders do: the same corpora, once as corpus folders and once published
 * (`pinpoint publish`) into PostgreSQL and read through `pinpoint.corpus.database`, give two servers the same
 * diagnostics, hovers, definitions (at the same lines of the same files), references and completions (in the
 * same order, content search included). The corpora: the built-in corpus, the starter library and, where
 * ../shared is present, a few hundred treaties of the Netherlands treaty database imported with `pinpoint import`.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CompletionItem, Diagnostic, Location, Position } from 'vscode-languageserver-protocol';
import { pathToUri } from '../../server/src/nodeHost';
import { readText, walkMarkdown } from '../../server/src/nodeHost';
import { createLanguageService } from '../../server/src/service/languageService';
import { pinpointFor } from '../../server/src/service/resolve';
import { needsDatabase, TestDatabase, testDatabase } from '../helpers/database';
// ../shared is absent from a bare clone: `sharedPath` checks that a path under it exists (fs.existsSync) and
// `needsShared` skips the test with the missing path as its reason when it does not.
import { needsShared, sharedPath } from '../helpers/shared';
import { fileUri, LspClient, makeTempFolder, positionOf, REPOSITORY, startServer } from './lspClient';

const CLI = path.join(REPOSITORY, 'bin', 'pinpoint.js');
/** The Netherlands treaty database in `../shared/`: compared too where it is present. */
const NL_DATASET = 'corpora/nl-treaties';
/** How many treaties of ../shared/corpora/nl-treaties are imported (every n-th of the sorted list). */
const NL_TREATIES = 240;

interface Setup {
  readonly database: TestDatabase;
  readonly folders: readonly string[];
  readonly files: LspClient;
  readonly team: LspClient;
  readonly workspace: { path: string; uri: string; cleanup: () => void };
  /** Rewrites corpus URIs of either server to `corpus-name/relative-path`. */
  readonly normalize: (value: unknown) => unknown;
}

/** The README.md files of the Netherlands treaty database, every n-th of them in path order. */
function someTreaties(root: string, count: number): string[] {
  const all = walkMarkdown(root).files.filter((file) => path.basename(file) === 'README.md');
  const step = Math.max(1, Math.floor(all.length / count));
  return all.filter((_file, index) => index % step === 0).slice(0, count);
}

/**
 * Publishes the folders. A file that `publish` refuses (a corpus error, such as a duplicate annex in an
 * imported treaty) is removed from its folder and the folders are published again, so that both servers
 * read the same files.
 */
function publish(folders: readonly string[], uri: string): void {
  const first = spawnSync(process.execPath, [CLI, 'publish', ...folders, '--database', uri], { cwd: REPOSITORY, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (first.status === 0) {
    return;
  }
  const refused = new Set([...first.stdout.matchAll(/^(.+?):\d+:\d+: error corpus-error:/gm)].map((match) => path.resolve(REPOSITORY, match[1])));
  assert.ok(refused.size > 0 && [...refused].every((file) => !file.startsWith(REPOSITORY)), `publish failed:\n${first.stdout}\n${first.stderr}`);
  for (const file of refused) {
    fs.rmSync(file);
  }
  const second = spawnSync(process.execPath, [CLI, 'publish', ...folders, '--database', uri], { cwd: REPOSITORY, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.equal(second.status, 0, `publish failed:\n${second.stdout}\n${second.stderr}`);
}

/** A brief that cites clauses of every document: the first, one in the middle and the last, and wrong ones. */
function briefOf(folders: readonly string[]): string {
  const service = createLanguageService();
  const roots = [...folders];
  for (const root of roots) {
    for (const file of walkMarkdown(root).files) {
      const read = readText(file);
      if ('text' in read) {
        service.setCorpusFile(pathToUri(file), root, read.text);
      }
    }
  }
  const lines: string[] = ['---', 'date: 2024-06-01', '---', ''];
  for (const document of service.index.documents(roots)) {
    const clauses = document.document.clauses.filter((clause) => clause.kind !== 'annex');
    const id = document.header.id as string;
    const chosen = [...new Set([clauses[0], clauses[Math.floor(clauses.length / 2)], clauses[clauses.length - 1]])].filter((clause) => clause !== undefined);
    const cites = chosen.map((clause) => `[${id} ${pinpointFor(document, clause)}]`);
    // A quotation of the first clause's opening words, and one that is not in it.
    const first = chosen[0]?.text.slice(0, 40).trim();
    const quote = first ? ` “${first}” [${id} ${pinpointFor(document, chosen[0])}] and “words nobody wrote” [${id} ${pinpointFor(document, chosen[0])}]` : '';
    lines.push(`${id}: ${cites.join(', ')}, [${id} §${clauses.length + 7}], [${id}]${quote}.`);
  }
  lines.push('Unknown: [1999-NOWHERE §1], [2023-JS art. 99].');
  return `${lines.join('\n')}\n`;
}

/** The positions worth asking about in a brief: inside each citation's pinpoint and on its document id. */
function citationPositions(text: string): Position[] {
  const positions: Position[] = [];
  const lines = text.split('\n');
  lines.forEach((line, number) => {
    for (const match of line.matchAll(/\[(\d{4}-[A-Z0-9-]+)( [^\]]+)?\]/g)) {
      const start = match.index ?? 0;
      positions.push({ line: number, character: start + 2 });
      if (match[2]) {
        positions.push({ line: number, character: start + 1 + match[1].length + 2 });
      }
    }
  });
  return positions;
}

/** Completion items as an answer: documentation resolved where the server left it for later, then `data` left out. */
async function completionAnswer(client: LspClient, uri: string, position: Position): Promise<unknown> {
  const list = await client.completion(uri, position);
  const items: CompletionItem[] = [];
  for (const item of list.items) {
    const resolved = item.data !== undefined && item.documentation === undefined ? await client.resolveCompletion(item) : item;
    items.push({ ...resolved, data: undefined });
  }
  return { isIncomplete: list.isIncomplete, items };
}

describe('a team corpus in PostgreSQL answers as its folders do', needsDatabase(), () => {
  let setup: Setup;
  let database: TestDatabase | undefined;
  let workspace: { path: string; uri: string; cleanup: () => void } | undefined;

  before(async () => {
    database = await testDatabase();
    workspace = makeTempFolder('pinpoint-equivalence-');
    const folders = [path.join(REPOSITORY, 'corpus'), path.join(REPOSITORY, 'library')];
    const nl = sharedPath(NL_DATASET);
    if (nl) {
      const out = path.join(workspace.path, 'treaties', 'nl');
      execFileSync(process.execPath, [CLI, 'import', ...someTreaties(nl, NL_TREATIES), '--out', out], { stdio: 'pipe', maxBuffer: 64 * 1024 * 1024 });
      folders.push(out);
    }
    publish(folders, database.uri);
    const common = { workspaceFolders: [{ uri: workspace.uri, name: 'work' }], serverArguments: ['--no-index-cache'] };
    const files = await startServer({ ...common, capabilities: (base) => ({ ...base, window: { workDoneProgress: true } }), initializationOptions: { corpus: { paths: folders, includeBuiltIn: false, includeLibrary: false } } });
    const team = await startServer({ ...common, initializationOptions: { corpus: { paths: [], includeBuiltIn: false, includeLibrary: false, database: database.uri } } });
    // The folders' server indexes a corpus of more than 200 files for content search in the background, under a
    // progress report: the comparisons start once it ended. (A smaller one, 89 files without ../shared, is indexed
    // in a fraction of the time the first test takes before the completions are compared.)
    const fileCount = folders.reduce((count, folder) => count + walkMarkdown(folder).files.length, 0);
    if (fileCount > 200) {
      await files.waitForProgressEnd(1, 120_000);
    }
    const databaseRoot = `pinpoint-db://${new URL(database.uri).host}${new URL(database.uri).pathname}/`;
    const prefixes = folders.map((folder) => [fileUri(folder) + '/', `${path.basename(folder)}/`]);
    const normalize = (value: unknown): unknown =>
      JSON.parse(prefixes.reduce((json, [prefix, name]) => json.split(prefix).join(name), JSON.stringify(value) ?? 'null').split(databaseRoot).join(''));
    setup = { database, folders, files, team, workspace, normalize };
  });

  after(async () => {
    await setup?.files.dispose();
    await setup?.team.dispose();
    workspace?.cleanup();
    await database?.drop();
  });

  it('also compares a few hundred treaties of the Netherlands treaty database', needsShared(NL_DATASET), () => {
    assert.ok(setup.folders.some((folder) => folder.endsWith(path.join('treaties', 'nl'))), 'the imported treaties are among the folders published and compared');
  });

  it('gives the same diagnostics, hovers, definitions and references for a citation of every document', async () => {
    const { files, team, workspace, normalize } = setup;
    const text = briefOf(setup.folders);
    const uri = fileUri(path.join(workspace.path, 'survey.md'));
    const [fromFiles, fromTeam] = await Promise.all([files.openDocumentAndWaitForDiagnostics(uri, text), team.openDocumentAndWaitForDiagnostics(uri, text)]);
    assert.ok(fromFiles.some((diagnostic: Diagnostic) => diagnostic.code === 'unknown-clause'), 'the brief has wrong citations too');
    assert.ok(fromFiles.some((diagnostic: Diagnostic) => diagnostic.code === 'quote-mismatch'), 'and misquotations');
    const shown = (list: Diagnostic[]) => list.map((diagnostic) => JSON.stringify(diagnostic));
    const onlyTeam = shown(fromTeam).filter((line) => !shown(fromFiles).includes(line));
    const onlyFiles = shown(fromFiles).filter((line) => !shown(fromTeam).includes(line));
    assert.deepEqual({ onlyTeam, onlyFiles }, { onlyTeam: [], onlyFiles: [] }, 'diagnostics differ');
    assert.deepEqual(fromTeam, fromFiles);
    const positions = citationPositions(text);
    assert.ok(positions.length > 200, `${positions.length} positions`);
    for (const position of positions) {
      const where = `${text.split('\n')[position.line].slice(0, 60)}… at ${position.line}:${position.character}`;
      assert.deepEqual(normalize(await team.hover(uri, position)), normalize(await files.hover(uri, position)), `hover ${where}`);
      assert.deepEqual(normalize(await team.definition(uri, position)), normalize(await files.definition(uri, position)), `definition ${where}`);
      const references = (client: LspClient) => client.request<Location[] | null>('textDocument/references', { textDocument: { uri }, position, context: { includeDeclaration: true } });
      assert.deepEqual(normalize(await references(team)), normalize(await references(files)), `references ${where}`);
    }
  });

  it('completes ids, paths, printed pinpoints and content searches in the same order', async () => {
    const { files, team, workspace, normalize } = setup;
    const lines = [
      '[19',
      '[2023-J',
      '[2023-JS §',
      '[2023-JS §3.',
      '[1969-VCLT ',
      '[1969-VCLT art. 31(',
      '[1969-VCLT arts 31–3',
      '[VCLT art. 6',
      '[1945-UNCH art. 2(',
      '[good faith',
      '[1969-VCLT good faith',
      '[territorial sea',
      '[经济合作',
      '[2023-JS 投资',
      '[全面战略协作',
      '[diplomatic agent',
    ];
    // The folders' in-memory index verifies a bounded number of candidates per search (searchIndex.ts); the
    // database verifies every match. Where that bound cut a search over the whole corpus short, the team corpus
    // must answer as the in-memory index does without the bound (computed here, in-process, over the same
    // folders); otherwise, exactly as the folders' server does.
    const memory = createLanguageService();
    for (const root of setup.folders) {
      for (const file of walkMarkdown(root).files) {
        const read = readText(file);
        if ('text' in read) {
          memory.setCorpusFile(pathToUri(file), root, read.text);
        }
      }
    }
    memory.index.indexForSearch();
    const labelsOf = (query: string, limit: number, budget?: number): string[] => [
      ...new Set(memory.index.search(query, setup.folders, { limit, budget }).hits.map((hit) => `${hit.document.header.id} §${hit.key}`)),
    ];
    const wholeCorpus = new Set(['[good faith', '[territorial sea', '[diplomatic agent']);
    const text = `${lines.join('\n')}\n`;
    const uri = fileUri(path.join(workspace.path, 'typing.md'));
    await Promise.all([files.openDocumentAndWaitForDiagnostics(uri, text), team.openDocumentAndWaitForDiagnostics(uri, text)]);
    const differing: string[] = [];
    for (const line of lines) {
      const position = positionOf(text, line);
      const expected = normalize(await completionAnswer(files, uri, position)) as { items: unknown[] };
      assert.ok(expected.items.length > 0, `${line} offers something`);
      const actual = normalize(await completionAnswer(team, uri, position)) as { items: { label: string }[] };
      if (wholeCorpus.has(line)) {
        const query = line.slice(1);
        const limit = expected.items.length;
        const unbounded = labelsOf(query, limit * 2, Number.MAX_SAFE_INTEGER);
        if (JSON.stringify(labelsOf(query, limit * 2)) !== JSON.stringify(unbounded)) {
          const labels = actual.items.map((item) => item.label);
          assert.deepEqual(labels, unbounded.slice(0, labels.length), `${line}: the team corpus ranks every match as the unbounded index does`);
          assert.ok(labels.length >= Math.min(limit, unbounded.length), `${line}: ${labels.length} items`);
          continue;
        }
      }
      if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        differing.push(`${line}: ${actual.items.map((item) => item.label).join(', ')} <> ${(expected.items as { label: string }[]).map((item) => item.label).join(', ')}`);
      }
    }
    assert.deepEqual(differing, []);
  });

  it('reads the files it serves from the database, not from the folders', async () => {
    const { team, database } = setup;
    const [{ count }] = await database.query<{ count: string }>('SELECT count(*) FROM pinpoint.versions');
    assert.ok(Number(count) > 80, `${count} files published`);
    assert.ok(!team.logs.some((line) => /unavailable/.test(line)), team.logs.join('\n'));
    const definition = (await team.definition(fileUri(path.join(setup.workspace.path, 'survey.md')), { line: 4, character: 3 })) as Location | null;
    assert.ok(definition === null || definition.uri.startsWith('pinpoint-db://'), JSON.stringify(definition));
    const text = await team.request<{ text: string } | null>('pinpoint/databaseDocument', { uri: `pinpoint-db://${new URL(database.uri).host}${new URL(database.uri).pathname}/library/1969-VCLT.md` });
    assert.equal(text?.text, fs.readFileSync(path.join(REPOSITORY, 'library', '1969-VCLT.md'), 'utf8'));
  });
});
