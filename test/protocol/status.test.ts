/**
 * Instrument status through the real server (`node dist/server.js --stdio`) and the command line: the
 * `instrument-status` warning at the brief's date, the status line of hover, the quick fix that cites the
 * successor, the setting `pinpoint.status.check`, document links, definition and references along the
 * relations of a corpus file's front matter, and `pinpoint check --as-of` in text, JSON and SARIF.
 *
 * The corpus is `test/fixtures/status/corpus/` (a VCLT, a 1958 convention superseded by UNCLOS, the Rome
 * Statute and its Kampala amendment); the library is left out, since it gives some of the same ids.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import type { CodeAction, Diagnostic, DocumentLink, Location } from 'vscode-languageserver-protocol';
import { hoverText, LspClient, makeTempFolder, positionOf, REPOSITORY, startInWorkspace, unescapeMarkdown, writeFiles } from './lspClient';

const FIXTURES = path.join(REPOSITORY, 'test', 'fixtures', 'status');

/** The fixture corpus as workspace files under `corpus/`, and the fixture briefs under `briefs/`. */
function fixtureFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const folder of ['corpus', 'briefs']) {
    for (const name of fs.readdirSync(path.join(FIXTURES, folder))) {
      files[`${folder}/${name}`] = fs.readFileSync(path.join(FIXTURES, folder, name), 'utf8');
    }
  }
  return files;
}

const BRIEFS = fixtureFiles();

async function start(t: { after: (fn: () => Promise<void>) => void }, corpus: Record<string, unknown> = {}): Promise<{ client: LspClient; uri: (relative: string) => string }> {
  const started = await startInWorkspace(fixtureFiles(), { initializationOptions: { corpus: { includeLibrary: false, ...corpus } } });
  t.after(() => started.client.dispose());
  return started;
}

/** A diagnostic's message as plain text (LSP 3.18 also allows Markdown; Pinpoint never sends it). */
function messageOf(diagnostic: Diagnostic): string {
  return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}

function statusDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((diagnostic) => diagnostic.code === 'instrument-status');
}

test('a brief dated 1975 that cites the VCLT gets "not yet in force (27 January 1980)"; dated 2020, nothing', async (t) => {
  const { client, uri } = await start(t);
  const early = await client.openDocumentAndWaitForDiagnostics(uri('briefs/vclt-1975.md'), BRIEFS['briefs/vclt-1975.md']);
  assert.equal(early.length, 1, JSON.stringify(early));
  assert.equal(early[0].code, 'instrument-status');
  assert.equal(early[0].severity, 2, 'a warning');
  assert.equal(early[0].source, 'pinpoint');
  assert.ok(messageOf(early[0]).includes('not yet in force (27 January 1980)'), messageOf(early[0]));
  assert.deepEqual(early[0].range.start, positionOf(BRIEFS['briefs/vclt-1975.md'], '1969-VCLT', { at: 'start' }));
  assert.deepEqual(await client.openDocumentAndWaitForDiagnostics(uri('briefs/vclt-2020.md'), BRIEFS['briefs/vclt-2020.md']), []);
});

test('hover shows the status in one line under the title, judged at the brief’s date, and where an inserted article comes from', async (t) => {
  const { client, uri } = await start(t);
  const early = uri('briefs/vclt-1975.md');
  await client.openDocumentAndWaitForDiagnostics(early, BRIEFS['briefs/vclt-1975.md']);
  const vclt = unescapeMarkdown(hoverText(await client.hover(early, positionOf(BRIEFS['briefs/vclt-1975.md'], '1969-VCLT', { at: 2 }))));
  assert.ok(vclt.includes("**1969-VCLT** · Vienna Convention on the Law of Treaties  \n*1969-05-23, Vienna*  \n*Not yet in force on 1 May 1975, the brief's date (in force from 27 January 1980)*"), vclt);

  const sea = uri('briefs/territorial-sea-2020.md');
  await client.openDocumentAndWaitForDiagnostics(sea, BRIEFS['briefs/territorial-sea-2020.md']);
  const superseded = hoverText(await client.hover(sea, positionOf(BRIEFS['briefs/territorial-sea-2020.md'], '1958-TSC', { at: 2 })));
  assert.ok(superseded.includes(`*Superseded by [1982-UNCLOS](${uri('corpus/1982-UNCLOS.md')}#L2) (art. 311(1)) between its parties, since 16 November 1994*`), superseded);

  const kampala = uri('briefs/aggression-2020.md');
  assert.deepEqual(await client.openDocumentAndWaitForDiagnostics(kampala, BRIEFS['briefs/aggression-2020.md']), [], '[1998-ROME art. 8 bis(1)] resolves through the amendment');
  const inserted = unescapeMarkdown(hoverText(await client.hover(kampala, positionOf(BRIEFS['briefs/aggression-2020.md'], 'art. 8 bis', { at: 2 }))));
  assert.ok(inserted.includes('Inserted by the amendment [2010-RC-RES6]('), inserted);
  assert.ok(inserted.includes('(adopted 11 June 2010; in force 8 May 2013)'), inserted);
  const amended = unescapeMarkdown(hoverText(await client.hover(kampala, positionOf(BRIEFS['briefs/aggression-2020.md'], 'art. 9(1)', { at: 2 }))));
  assert.ok(amended.includes('art. 9(1) amended by [2010-RC-RES6]('), amended);
});

test('the quick fix cites the successor, with the same provision where the relation maps it', async (t) => {
  const { client, uri } = await start(t);
  const brief = uri('briefs/territorial-sea-2020.md');
  const text = BRIEFS['briefs/territorial-sea-2020.md'];
  const diagnostics = statusDiagnostics(await client.openDocumentAndWaitForDiagnostics(brief, text));
  assert.equal(diagnostics.length, 3, 'one warning per cite');
  assert.ok(messageOf(diagnostics[0]).includes('superseded by 1982-UNCLOS (art. 311(1)) between its parties on 16 November 1994'), messageOf(diagnostics[0]));
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: brief }, range: diagnostics[0].range, context: { diagnostics: [diagnostics[0]] } });
  const fix = actions.find((action) => action.title === 'Cite 1982-UNCLOS art. 2(1) instead');
  assert.ok(fix, `fixes: ${JSON.stringify(actions.map((action) => action.title))}`);
  assert.equal(fix.isPreferred, true);
  assert.deepEqual(fix.diagnostics, [diagnostics[0]]);
  const [edit] = fix.edit?.changes?.[brief] ?? [];
  assert.equal(edit.newText, '1982-UNCLOS art. 2(1)');
  assert.deepEqual(edit.range.start, positionOf(text, '1958-TSC art. 1(1)', { at: 'start' }));
  assert.deepEqual(edit.range.end, positionOf(text, '1958-TSC art. 1(1)'));
  assert.ok(actions.some((action) => action.title === 'Cite 1982-UNCLOS instead'));

  // Applying it leaves a clean citation there.
  const fixed = text.replace('1958-TSC art. 1(1)', '1982-UNCLOS art. 2(1)');
  const after = statusDiagnostics(await client.changeDocumentAndWaitForDiagnostics(brief, fixed));
  assert.equal(after.length, 2);
});

test('pinpoint.status.check: false turns the warning and its fix off', async (t) => {
  const workspace = await startInWorkspace(fixtureFiles(), { initializationOptions: { corpus: { includeLibrary: false }, status: { check: false } } });
  t.after(() => workspace.client.dispose());
  const brief = workspace.uri('briefs/territorial-sea-2020.md');
  const text = BRIEFS['briefs/territorial-sea-2020.md'];
  assert.deepEqual(await workspace.client.openDocumentAndWaitForDiagnostics(brief, text), []);
  const range = { start: positionOf(text, '1958-TSC', { at: 'start' }), end: positionOf(text, '1958-TSC') };
  const actions = await workspace.client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: brief }, range, context: { diagnostics: [] } });
  assert.deepEqual(actions.filter((action) => action.title.startsWith('Cite 1982-UNCLOS')), []);
});

test('relation ids in a corpus file’s front matter are links and go to their definition; references list the amending and superseding instruments', async (t) => {
  const { client, uri } = await start(t);
  const amendmentUri = uri('corpus/2010-RC-RES6.md');
  const amendment = BRIEFS['corpus/2010-RC-RES6.md'];
  client.openDocument(amendmentUri, amendment);
  const links = await client.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri: amendmentUri } });
  assert.deepEqual(
    links.map((link) => ({ start: link.range.start, target: link.target })),
    [
      { start: positionOf(amendment, '1998-ROME', { at: 'start' }), target: `${uri('corpus/1998-ROME.md')}#L2` },
      // The text's own cross-reference ("For the purpose of paragraph 1") is a link too, to art. 8 bis(1).
      { start: positionOf(amendment, 'paragraph 1', { at: 'start' }), target: `${amendmentUri}#L15` },
    ],
  );
  const definition = (await client.definition(amendmentUri, positionOf(amendment, '1998-ROME', { at: 3 }))) as Location;
  assert.equal(definition.uri, uri('corpus/1998-ROME.md'));
  assert.deepEqual(definition.range.start, { line: 1, character: 4 });

  const tscUri = uri('corpus/1958-TSC.md');
  const tsc = BRIEFS['corpus/1958-TSC.md'];
  client.openDocument(tscUri, tsc);
  const tscLinks = await client.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri: tscUri } });
  assert.deepEqual(tscLinks.map((link) => link.target), [`${uri('corpus/1982-UNCLOS.md')}#L23`], 'superseded_by with a provision opens art. 311(1)');

  const romeUri = uri('corpus/1998-ROME.md');
  client.openDocument(romeUri, BRIEFS['corpus/1998-ROME.md']);
  const references = await client.request<Location[]>('textDocument/references', { textDocument: { uri: romeUri }, position: { line: 1, character: 6 }, context: { includeDeclaration: false } });
  assert.ok(
    references.some((reference) => reference.uri === amendmentUri && reference.range.start.line === positionOf(amendment, '1998-ROME').line),
    `the amendment's amends: line is a reference: ${JSON.stringify(references)}`,
  );
});

// ---- The command line ----

function pinpoint(args: readonly string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [path.join(REPOSITORY, 'bin', 'pinpoint.js'), ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('pinpoint check reports instrument-status at each brief’s date, or at --as-of, in text, JSON and SARIF', (t) => {
  const folder = makeTempFolder('pinpoint-status-cli-');
  t.after(folder.cleanup);
  writeFiles(folder.path, fixtureFiles());
  fs.rmSync(path.join(folder.path, 'briefs', 'aggression-2011.md'));
  fs.rmSync(path.join(folder.path, 'briefs', 'territorial-sea-2020.md'));

  const dated = pinpoint(['check', 'briefs', '--no-builtin', '--corpus', 'corpus'], folder.path);
  assert.equal(dated.status, 0, `warnings only: exit 0\n${dated.stdout}${dated.stderr}`);
  const lines = dated.stdout.split('\n').filter((line) => line.includes('instrument-status'));
  assert.deepEqual(lines, [`${path.join('briefs', 'vclt-1975.md')}:6:50: warning instrument-status: instrument status: 1969-VCLT was not yet in force (27 January 1980) on 1 May 1975, the brief's date`]);

  const asOf = pinpoint(['check', 'briefs', '--no-builtin', '--corpus', 'corpus', '--as-of', '1979-06', '--format', 'json'], folder.path);
  assert.equal(asOf.status, 0, asOf.stderr);
  const json = JSON.parse(asOf.stdout) as { problems: { file: string; code: string; message: string; severity: string }[] };
  const warned = json.problems.filter((problem) => problem.code === 'instrument-status');
  assert.deepEqual(
    warned.map((problem) => [path.basename(problem.file), problem.severity]).sort(),
    [['aggression-2020.md', 'warning'], ['aggression-2020.md', 'warning'], ['aggression-2020.md', 'warning'], ['vclt-1975.md', 'warning'], ['vclt-2020.md', 'warning']],
    JSON.stringify(warned),
  );
  assert.ok(warned.every((problem) => !problem.message.includes("the brief's date")), 'judged at --as-of, not at the briefs’ dates');

  const sarif = pinpoint(['check', 'briefs', '--no-builtin', '--corpus', 'corpus', '--as-of', '1979', '--format', 'sarif'], folder.path);
  const log = JSON.parse(sarif.stdout) as { runs: { tool: { driver: { rules: { id: string; defaultConfiguration: { level: string } }[] } }; results: { ruleId: string; level: string }[] }[] };
  const rule = log.runs[0].tool.driver.rules.find((candidate) => candidate.id === 'instrument-status');
  assert.equal(rule?.defaultConfiguration.level, 'warning');
  assert.ok(log.runs[0].results.some((result) => result.ruleId === 'instrument-status' && result.level === 'warning'));

  const bad = pinpoint(['check', 'briefs', '--as-of', '27 January 1980'], folder.path);
  assert.equal(bad.status, 2, 'a date that does not parse is bad usage');
  assert.ok(bad.stderr.includes("--as-of '27 January 1980' is not a date: write YYYY-MM-DD (1980-01-27)"), bad.stderr);
});
