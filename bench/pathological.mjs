// The pathological rows of `npm run bench` (issue 19): inputs that once froze the server, measured through
// the real server (`node dist/server.js --stdio`) and printed, like every latency of bench/run.mjs, as a
// multiple of a floor measured in the same run (the round trip of a hover on plain text):
// - a quotation checked against the whole UNCLOS of the starter library (`“…”[1982-UNCLOS]`), matching and not;
// - a corpus holding one paragraph hard-wrapped over 100,000 lines (its first diagnostics and a hover into it);
// - a 10 MB brief (opening it, and one keystroke in it);
// and, from bench/scaling.ts, each parser that reads user or corpus text on its worst adversarial input at
// growing sizes: the time at 8× the size over the time at 1×, where 8 is linear.
//
// Run by bench/run.mjs; on its own: `node --import tsx bench/pathological.mjs` (after `npm run build`). It
// drives the server through the protocol tests' own client (test/protocol/lspClient.ts).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// NOTE: required (tsx compiles it), not imported: as a CommonJS module the client knows its own folder.
const { startServer: startLspServer } = createRequire(import.meta.url)('../test/protocol/lspClient.ts');

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.dirname(here);
const serverPath = path.join(repo, 'dist', 'server.js');

function log(message) {
  process.stderr.write(`bench: ${message}\n`);
}

const fmt = (value, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : '–');

/** No wait has a deadline here: a pathological input takes as long as it takes. */
const NO_DEADLINE = 2 ** 31 - 1;

function percentile(values, fraction) {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))];
}

/** A server on a fresh workspace; `corpus` maps file names to corpus text. */
async function startServer(corpus, { includeLibrary = false } = {}) {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'pinpoint-pathological-'));
  fs.mkdirSync(path.join(workspace, 'corpus'));
  for (const [name, text] of Object.entries(corpus)) fs.writeFileSync(path.join(workspace, 'corpus', name), text);
  const server = await startLspServer({
    workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'pathological' }],
    initializationOptions: { corpus: { paths: ['corpus'], includeBuiltIn: true, includeLibrary } },
    env: { XDG_CACHE_HOME: path.join(workspace, '.cache') },
    clientName: 'pinpoint-bench',
  });
  return { server, workspace, uri: (name) => pathToFileURL(path.join(workspace, name)).href };
}

async function stopServer({ server, workspace }) {
  await server.dispose();
  fs.rmSync(workspace, { recursive: true, force: true });
}

/** Opens a brief and resolves with the milliseconds until its first diagnostics. */
async function openAndWait(server, uri, text) {
  const started = performance.now();
  server.openDocument(uri, text);
  const { diagnostics, receivedAt } = await server.waitForVersion(uri, 1, NO_DEADLINE);
  return { ms: receivedAt - started, diagnostics };
}

/** The floor: hovers on plain text of a small open brief, median and p99. */
async function floorOf(server, uri) {
  await openAndWait(server, uri, 'Plain text, no citation.\n');
  const times = [];
  for (let index = 0; index < 200; index++) times.push((await server.timed('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 3 } })).ms);
  return { median: percentile(times, 0.5), p99: percentile(times, 0.99) };
}

async function quotationRows(rows) {
  const session = await startServer({}, { includeLibrary: true });
  const { server } = session;
  const floor = await floorOf(server, session.uri('floor.md'));
  const cases = [
    ['quotation checked against the whole UNCLOS (it matches)', 'As the Convention says, “The breadth of the territorial sea”[1982-UNCLOS].\n'],
    ['quotation checked against the whole UNCLOS (it does not)', 'As the Convention says, “The breadth of the territorial zea is twelve leagues”[1982-UNCLOS].\n'],
  ];
  for (const [index, [label, text]] of cases.entries()) {
    const { ms, diagnostics } = await openAndWait(server, session.uri(`quote${index}.md`), text);
    rows.push({ label: `${label}: first diagnostics`, ms, floor, note: diagnostics.map((diagnostic) => diagnostic.code).join(', ') || 'no problem' });
  }
  await stopServer(session);
}

/** From a server's start to the first diagnostics of a brief citing the corpus file `long.md`. */
async function coldStart(lineCount) {
  const lines = Array.from({ length: lineCount }, (_, index) => `word${index} of the long paragraph`);
  const corpus = { 'long.md': `---\nid: 2024-LONG\ntitle: One paragraph of ${lineCount.toLocaleString('en')} lines\n---\n\n${lines.join('\n')}\n` };
  const started = performance.now();
  const session = await startServer(corpus);
  await openAndWait(session.server, session.uri('brief.md'), 'See [2024-LONG §1] and [2023-JS §3.4].\n');
  return { session, ms: performance.now() - started, length: lines.join(' ').length };
}

async function longParagraphRows(rows) {
  // The floor of a start: the same corpus file with a paragraph of one line.
  const small = await coldStart(1);
  await stopServer(small.session);
  const { session, ms, length } = await coldStart(100_000);
  const { server } = session;
  const floor = await floorOf(server, session.uri('floor.md'));
  rows.push({ label: 'a corpus paragraph of 100,000 lines: start to the first diagnostics of a brief', ms, floor: { median: small.ms }, note: 'floor: the same start with a paragraph of one line' });
  const hover = await server.timed('textDocument/hover', { textDocument: { uri: session.uri('brief.md') }, position: { line: 0, character: 15 } });
  const size = JSON.stringify(hover.result ?? '').length;
  rows.push({ label: 'a corpus paragraph of 100,000 lines: hover on it', ms: hover.ms, floor, note: `${Math.round(size / 1000)} KB answer (the paragraph is ${fmt(length / 1e6, 1)} MB)` });
  await stopServer(session);
}

async function bigBriefRows(rows) {
  const session = await startServer({});
  const { server } = session;
  const floor = await floorOf(server, session.uri('floor.md'));
  const line = 'The parties reaffirm their commitment [2023-JS §3.4] and “双方欢迎中国商务部和俄罗斯经济发展部”[2023-JS §3.4].\n';
  const text = `# A brief of 10 MB\n\n${line.repeat(Math.ceil(10e6 / line.length))}`;
  const uri = session.uri('big.md');
  const opened = await openAndWait(server, uri, text);
  rows.push({ label: `a 10 MB brief (${Math.round(text.length / 1e6)} M characters): open to the first diagnostics`, ms: opened.ms, floor, note: `${opened.diagnostics.length} diagnostics` });
  // Keystrokes as an editor sends them; a hover after each, as the user would wait for one while typing.
  let version = 1;
  const type = () => {
    version++;
    const at = { line: 5, character: 3 + version };
    void server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: at, end: at }, text: 'x' }] });
  };
  const hovers = [];
  for (let index = 0; index < 10; index++) {
    type();
    hovers.push((await server.timed('textDocument/hover', { textDocument: { uri }, position: { line: 30_000 + index, character: 45 } })).ms);
  }
  rows.push({ label: 'a 10 MB brief: a keystroke, then a hover (median of 10)', ms: percentile(hovers, 0.5), floor, note: `p99 ${fmt(percentile(hovers, 0.99), 0)} ms` });
  // Twenty keystrokes in a row, then the diagnostics of the last: checked once, when typing pauses.
  const started = performance.now();
  for (let index = 0; index < 20; index++) type();
  const last = await server.waitForVersion(uri, version, NO_DEADLINE);
  rows.push({ label: 'a 10 MB brief: twenty keystrokes, then the diagnostics of the last', ms: last.receivedAt - started, floor, note: 'a brief over a million characters is checked once typing pauses (300 ms)' });
  await stopServer(session);
}

/** Each parser's scaling, from bench/scaling.ts run in a child process (it needs the TypeScript sources). */
function scalingRows() {
  const output = execFileSync(process.execPath, ['--import', 'tsx', path.join(here, 'scaling.ts')], { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 });
  return JSON.parse(output);
}

/** Measures every pathological row; returns the rows and a Markdown table of them. */
export async function measurePathological() {
  const rows = [];
  log('pathological: a quotation against the whole UNCLOS');
  await quotationRows(rows);
  log('pathological: a paragraph of 100,000 lines');
  await longParagraphRows(rows);
  log('pathological: a 10 MB brief');
  await bigBriefRows(rows);
  log('pathological: parser scaling on adversarial inputs');
  const scaling = scalingRows();
  const lines = ['| pathological input | ms | × floor median (floor ms) | |', '| --- | ---: | ---: | --- |'];
  for (const row of rows) {
    lines.push(`| ${row.label} | ${fmt(row.ms, 1)} | ${fmt(row.ms / row.floor.median, 0)}× (${fmt(row.floor.median)}) | ${row.note ?? ''} |`);
  }
  lines.push('', `| parser on its worst adversarial input (of ${scaling.inputs}) | ms at ${scaling.sizes[0].toLocaleString('en')} chars | ms at ${scaling.sizes.at(-1).toLocaleString('en')} | growth for ${scaling.sizes.at(-1) / scaling.sizes[0]}× the input (linear: ${scaling.sizes.at(-1) / scaling.sizes[0]}) | worst input |`);
  lines.push('| --- | ---: | ---: | ---: | --- |');
  for (const entry of scaling.parsers) {
    lines.push(`| ${entry.parser} | ${fmt(entry.times[0])} | ${fmt(entry.times.at(-1))} | ${fmt(entry.growth, 1)} | ${entry.input.replace(/\|/g, '\\|')} |`);
  }
  return { rows, scaling, table: lines.join('\n') };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (!fs.existsSync(serverPath)) execFileSync('npm', ['run', 'build'], { cwd: repo, stdio: 'inherit' });
  measurePathological().then(
    ({ table }) => {
      process.stdout.write(`${table}\n`);
      process.exit(0);
    },
    (error) => {
      process.stderr.write(`bench: ${error.stack ?? error}\n`);
      process.exit(1);
    },
  );
}
