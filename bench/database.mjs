// `npm run bench`, the team corpus row: a throwaway PostgreSQL cluster (scripts/postgresCluster.ts), `pinpoint
// publish` of the built-in corpus, the library, all of nl-treaties and Laws/ (both imported once and cached in
// bench/.data), then a server whose corpus lives only in the database: hover p99 against the floor measured in
// the same run (hover on plain text), content-search latency, and its memory. Writes
// bench/results/database.json and prints one Markdown table. Skipped, with a line saying why, where PostgreSQL
// is not installed or ../shared is absent.
//
// Run with tsx (it drives the server through the protocol tests' client): `node --import tsx bench/database.mjs`.
// Options: --quick (fewer requests).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const { startServer } = require('../test/protocol/lspClient.ts');
const { startCluster, whyNoCluster } = require('../scripts/postgresCluster.ts');
const { Client } = require('pg');

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.dirname(here);
const dataDir = path.join(here, '.data');
const shared = path.join(require('../scripts/sharedFolder.ts').sharedFolderOrDefault(), 'corpora');
const CLI = path.join(repo, 'bin', 'pinpoint.js');
const REQUESTS = process.argv.includes('--quick') ? 300 : 2000;
const NO_DEADLINE = 2 ** 31 - 1;

function log(message) {
  process.stderr.write(`bench (database): ${message}\n`);
}

function percentile(values, fraction) {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))];
}

/** A corpus folder imported once from ../shared and cached in bench/.data/NAME. */
function imported(name, sources) {
  const out = path.join(dataDir, name);
  if (!fs.existsSync(path.join(out, '.complete'))) {
    log(`importing ${name} into the corpus format (once; cached in bench/.data/${name})`);
    fs.rmSync(out, { recursive: true, force: true });
    spawnSync(process.execPath, [CLI, 'import', ...sources, '--out', out], { stdio: ['ignore', 'ignore', 'ignore'], maxBuffer: 1 << 30 });
    if (!fs.existsSync(out)) throw new Error(`importing ${name} wrote nothing`);
    fs.writeFileSync(path.join(out, '.complete'), '');
  }
  return out;
}

function bytesOf(folder) {
  let bytes = 0;
  const walk = (current) => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.md')) bytes += fs.statSync(full).size;
    }
  };
  walk(folder);
  return bytes;
}

const reason = whyNoCluster() ?? (fs.existsSync(path.join(shared, 'nl-treaties')) && fs.existsSync(path.join(shared, 'Laws')) ? undefined : `${shared} (nl-treaties and Laws) is not here`);
if (reason) {
  log(`skipped: ${reason}`);
  process.exit(0);
}

const nlSources = [];
for (const entry of fs.readdirSync(path.join(shared, 'nl-treaties'), { recursive: true })) {
  if (path.basename(String(entry)) === 'README.md') nlSources.push(path.join(shared, 'nl-treaties', String(entry)));
}
const folders = [path.join(repo, 'corpus'), path.join(repo, 'library'), imported('nl-treaties', nlSources.sort()), imported('laws', [path.join(shared, 'Laws')])];
const cluster = await startCluster();
const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'pinpoint-bench-db-'));
let server;
try {
  const bytes = folders.reduce((sum, folder) => sum + bytesOf(folder), 0);
  const started = performance.now();
  const published = spawnSync(process.execPath, [CLI, 'publish', ...folders, '--database', cluster.uri], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const publishSeconds = (performance.now() - started) / 1000;
  if (published.status !== 0 && published.status !== 1) throw new Error(`publish failed: ${published.stderr}`);
  const refused = /(\d+) files? (?:was|were) not published/.exec(published.stdout)?.[1] ?? '0';
  const admin = new Client({ connectionString: cluster.uri });
  await admin.connect();
  const count = (await admin.query('SELECT count(*) AS count FROM pinpoint.versions')).rows[0].count;
  await admin.end();
  log(`published ${count} files (${(bytes / 1e6).toFixed(1)} MB) in ${publishSeconds.toFixed(1)} s; ${refused} refused for corpus errors`);

  // A brief citing 200 documents of the team corpus, sampled from the folders' files.
  const ids = [];
  for (const folder of folders.slice(2)) {
    const names = fs.readdirSync(folder).filter((name) => name.endsWith('.md'));
    const step = Math.max(1, Math.floor(names.length / 100));
    for (let index = 0; index < names.length && ids.length < 200; index += step) {
      const id = /^id: (\S+)$/m.exec(fs.readFileSync(path.join(folder, names[index]), 'utf8'))?.[1];
      if (id && !id.includes('"')) ids.push(id);
    }
  }
  const brief = `# Benchmark brief\n\n${ids.map((id, index) => `- See [${id} §1], point ${index}.`).join('\n')}\n`;
  const briefUri = pathToFileURL(path.join(workspace, 'brief.md')).href;
  server = await startServer({
    workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'bench' }],
    initializationOptions: { corpus: { paths: [], includeBuiltIn: false, includeLibrary: false, database: cluster.uri } },
    serverArguments: ['--no-index-cache'],
    clientName: 'pinpoint-bench',
  });
  server.openDocument(briefUri, brief);
  const first = (await server.waitForVersion(briefUri, 1, NO_DEADLINE)).receivedAt - server.spawnedAt;
  const doc = { uri: briefUri };
  const lines = brief.split('\n');
  const pinpointLine = 2;
  const run = async (method, paramsOf) => {
    const times = [];
    for (let index = 0; index < REQUESTS; index++) times.push((await server.timed(method, paramsOf(index))).ms);
    return { median: percentile(times, 0.5), p99: percentile(times, 0.99) };
  };
  const floor = await run('textDocument/hover', () => ({ textDocument: doc, position: { line: 0, character: 3 } }));
  // Hover on a different document each time round the 200, so that texts are fetched once and then kept.
  const hover = await run('textDocument/hover', (index) => {
    const line = pinpointLine + (index % ids.length);
    return { textDocument: doc, position: { line, character: lines[line].indexOf('§') + 1 } };
  });
  const scratchUri = pathToFileURL(path.join(workspace, 'scratch.md')).href;
  // Each request a query not asked before (an answer is kept once fetched), so that each one goes to SQL.
  const words = ['good faith', 'territorial', 'dispute', 'inwerkingtreding', '国家', 'the parties', 'article'];
  const queries = Array.from({ length: REQUESTS }, (_unused, index) => `[${words[index % words.length]} ${index}`);
  server.openDocument(scratchUri, queries.join('\n'));
  const search = await run('textDocument/completion', (line) => ({ textDocument: { uri: scratchUri }, position: { line, character: queries[line].length } }));
  const rss = server.residentKiB() * 1024;
  const result = {
    date: new Date().toISOString().slice(0, 10),
    files: Number(count),
    megabytes: bytes / 1e6,
    refused: Number(refused),
    publishSeconds,
    publishMBps: bytes / 1e6 / publishSeconds,
    firstDiagnosticsMs: first,
    floor,
    hover,
    search,
    rssMB: rss / 1e6,
    requests: REQUESTS,
  };
  fs.mkdirSync(path.join(here, 'results'), { recursive: true });
  fs.writeFileSync(path.join(here, 'results', 'database.json'), `${JSON.stringify(result, null, 2)}\n`);
  const fmt = (value, digits = 2) => value.toFixed(digits);
  const table = [
    `Team corpus in PostgreSQL (${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, ${result.date}; ${REQUESTS} requests per latency)`,
    '',
    '| | database |',
    '| --- | ---: |',
    `| files published / MB (refused for corpus errors) | ${result.files} / ${fmt(result.megabytes, 1)} (${result.refused}) |`,
    `| publish s (MB/s) | ${fmt(publishSeconds, 1)} (${fmt(result.publishMBps, 1)}) |`,
    `| start to first diagnostics of a brief citing 200 documents ms | ${fmt(first, 0)} |`,
    `| floor (hover on plain text): median / p99 ms | ${fmt(floor.median)} / ${fmt(floor.p99)} |`,
    `| hover: median / p99 ms (p99 × floor p99) | ${fmt(hover.median)} / ${fmt(hover.p99)} (${fmt(hover.p99 / floor.p99, 1)}×) |`,
    `| completion, content search in SQL: median / p99 ms (p99 × floor p99) | ${fmt(search.median)} / ${fmt(search.p99)} (${fmt(search.p99 / floor.p99, 1)}×) |`,
    `| server RSS MB (corpus in the database) | ${fmt(result.rssMB, 0)} |`,
  ];
  process.stdout.write(`${table.join('\n')}\n`);
} finally {
  await server?.dispose();
  cluster.remove();
  fs.rmSync(workspace, { recursive: true, force: true });
}
