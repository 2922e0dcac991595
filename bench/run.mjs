// `npm run bench`: the real server (`node dist/server.js --stdio`) driven from this process over JSON-RPC,
// on the built-in corpus, on Laws/ imported into the corpus format, and on a synthetic corpus ten times
// that size. Every latency is also shown as a multiple of a floor measured in the same run (the round trip
// of a request the server answers without work), and indexing speed against a bare read of the same files.
// Then the pathological inputs of bench/pathological.mjs (not with --quick).
// Writes bench/results/latest.json and prints one Markdown table.
//
// Options: --quick (fewer requests, no 10x corpus), --corpora builtin,laws,nl-treaties,synthetic10x,cliff
//
// `cliff`: on the 10x corpus, a 5,000-citation brief citing 10, 200 and 2,000 distinct documents (the shape
// where the cited documents' clauses exceed every cache), edit → diagnostics as a multiple of the floor.
//
// It drives the server through the protocol tests' own client (test/protocol/lspClient.ts), so it is run with
// tsx: `node --import tsx bench/run.mjs`.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cliffArticle, cliffTargets, markdownFiles, percentile } from './common.mjs';
import { measurePathological } from './pathological.mjs';
import { generate } from './synthetic.mjs';

// NOTE: required (tsx compiles it), not imported: as a CommonJS module the client knows its own folder.
const { startServer } = createRequire(import.meta.url)('../test/protocol/lspClient.ts');

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.dirname(here);
const dataDir = path.join(here, '.data');
const serverPath = path.join(repo, 'dist', 'server.js');
const quick = process.argv.includes('--quick');
const corporaFlag = process.argv.indexOf('--corpora');
const wanted = corporaFlag > 0 ? process.argv[corporaFlag + 1].split(',') : quick ? ['builtin', 'laws'] : ['builtin', 'laws', 'nl-treaties', 'synthetic10x', 'cliff'];
/** The numbers of distinct documents the cliff's briefs cite (see `measureCliff`). */
const CLIFF_DISTINCT = [10, 200, 2000];
/** Cold starts per cliff row and of the peer; the median is reported. */
const COLD_SAMPLES = 3;
const REQUESTS = quick ? 300 : 2000;
// `../shared` from the repository, or from the folder above it (a worktree of the repository).
const SHARED = createRequire(import.meta.url)('../scripts/sharedFolder.ts').sharedFolderOrDefault();
const LAWS = path.join(SHARED, 'corpora', 'Laws');
const NL_TREATIES = path.join(SHARED, 'corpora', 'nl-treaties');

function log(message) {
  process.stderr.write(`bench: ${message}\n`);
}

/** No wait has a deadline here: the corpora take as long as they take. */
const NO_DEADLINE = 2 ** 31 - 1;

/**
 * A server on the benchmark's workspace, as a client that shows progress and has no settings of its own;
 * the index cache goes to `cacheHome` (so that a second start is warm).
 */
function startBenchServer(workspace, initializationOptions, cacheHome) {
  return startServer({
    workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'bench' }],
    initializationOptions,
    env: { XDG_CACHE_HOME: cacheHome },
    capabilities: (base) => ({ ...base, window: { workDoneProgress: true } }),
    clientName: 'pinpoint-bench',
  });
}

/** The floor of indexing: read and decode every file with a bare Node script, in a child process. */
function readFloor(root) {
  const script = `const fs=require('fs'),path=require('path');const files=[];const walk=d=>{for(const e of fs.readdirSync(d,{withFileTypes:true})){const f=path.join(d,e.name);e.isDirectory()?walk(f):e.name.endsWith('.md')&&files.push(f)}};const t=performance.now();walk(${JSON.stringify(root)});let n=0;for(const f of files)n+=fs.readFileSync(f,'utf8').length;process.stdout.write(String(performance.now()-t))`;
  const runs = [0, 1, 2].map(() => Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })));
  return percentile(runs, 0.5);
}

function prepare(name) {
  if (name === 'builtin') {
    return { name, root: undefined, files: markdownFiles(path.join(repo, 'corpus')) };
  }
  if (name === 'laws' || name === 'nl-treaties') {
    const source = name === 'laws' ? LAWS : NL_TREATIES;
    const out = path.join(dataDir, name);
    if (!fs.existsSync(path.join(out, '.complete'))) {
      if (!fs.existsSync(source)) {
        log(`skipping ${name}: ${source} is not here`);
        return undefined;
      }
      log(`importing ${source} into the corpus format (once; cached in bench/.data/${name})`);
      fs.rmSync(out, { recursive: true, force: true });
      try {
        execFileSync(process.execPath, [path.join(repo, 'bin', 'pinpoint.js'), 'import', source, '--out', out], { stdio: ['ignore', 'ignore', 'inherit'] });
      } catch (error) {
        if (!fs.existsSync(out)) throw error; // exit 1 only when nothing could be imported
      }
      fs.writeFileSync(path.join(out, '.complete'), '');
    }
    return { name, root: out, files: markdownFiles(out) };
  }
  if (name === 'synthetic10x') {
    const out = path.join(dataDir, 'synthetic10x');
    if (!fs.existsSync(path.join(out, '.complete'))) {
      log('generating the synthetic corpus (35,000 documents, seed 42; once; cached in bench/.data/synthetic10x)');
      fs.rmSync(out, { recursive: true, force: true });
      generate(out, 35_000, 42);
      fs.writeFileSync(path.join(out, '.complete'), '');
    }
    return { name, root: out, files: markdownFiles(out) };
  }
  throw new Error(`unknown corpus ${name}`);
}

/** Reads ids and section counts from a sample of corpus files, to cite real clauses. */
function sampleCitations(files, count) {
  const targets = [];
  const step = Math.max(1, Math.floor(files.length / 200));
  for (let index = 0; index < files.length && targets.length < 200; index += step) {
    const text = fs.readFileSync(files[index], 'utf8');
    const id = /^id: (\S+)$/m.exec(text)?.[1];
    const sections = (text.match(/^## /gm) ?? []).length;
    if (id && !id.includes('"')) targets.push({ id, sections });
  }
  const lines = [];
  for (let index = 0; index < count; index++) {
    const target = targets[index % targets.length];
    const pinpoint = target.sections > 0 ? ` §${1 + (index % target.sections)}` : '';
    lines.push(`- 参见[${target.id}${pinpoint}]，以及其他论述第${index}项。`);
  }
  return { text: `# Benchmark brief\n\n${lines.join('\n')}\n`, targets };
}

async function measureCorpus(corpus) {
  const bytes = corpus.files.reduce((sum, file) => sum + fs.statSync(file).size, 0);
  const megabytes = bytes / 1e6;
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'pinpoint-bench-'));
  const cacheHome = path.join(workspace, '.cache');
  const briefPath = path.join(workspace, 'brief.md');
  const { text: brief, targets } = sampleCitations(corpus.files, 5000);
  fs.writeFileSync(briefPath, brief);
  const briefUri = pathToFileURL(briefPath).href;
  const initializationOptions = { corpus: { paths: corpus.root ? [corpus.root] : [], includeBuiltIn: true, includeLibrary: false } };
  const floorRead = corpus.root ? readFloor(corpus.root) : readFloor(path.join(repo, 'corpus'));

  // Cold start: no cache.
  let server = await startBenchServer(workspace, initializationOptions, cacheHome);
  server.openDocument(briefUri, brief);
  const cold = (await server.waitForVersion(briefUri, 1, NO_DEADLINE)).receivedAt - server.spawnedAt;
  if (corpus.files.length > 200) await server.waitForProgressEnd(1, NO_DEADLINE);
  const indexed = performance.now() - server.spawnedAt;
  const coldComplete = await completeDiagnosticsMs(server, briefUri);
  const rss = server.residentKiB() * 1024;

  const positionOf = (needle, from = 0) => {
    const offset = brief.indexOf(needle, from);
    const before = brief.slice(0, offset);
    const line = before.split('\n').length - 1;
    return { line, character: offset - before.lastIndexOf('\n') - 1 };
  };
  const doc = { uri: briefUri };
  const plain = positionOf('Benchmark');
  const citation = positionOf(`[${targets[0].id}`);
  const onPinpoint = { line: citation.line, character: citation.character + targets[0].id.length + 3 };
  // Completion contexts are typed into a scratch brief so that the big brief stays as it is.
  const scratchUri = pathToFileURL(path.join(workspace, 'scratch.md')).href;
  const scratchLines = [`见[${targets[1].id.slice(0, 6)}`, `见[${targets[1].id} §1.`, `见[${targets[1].id} 国家`, '见[发展规划', '见[人民 法律'];
  server.openDocument(scratchUri, scratchLines.join('\n'));
  const endOf = (line) => ({ line, character: scratchLines[line].length });

  const latencies = {};
  const run = async (name, method, params) => {
    const times = [];
    for (let index = 0; index < REQUESTS; index++) times.push((await server.timed(method, params)).ms);
    latencies[name] = { median: percentile(times, 0.5), p99: percentile(times, 0.99) };
  };
  await run('floor (hover on plain text)', 'textDocument/hover', { textDocument: doc, position: plain });
  await run('hover', 'textDocument/hover', { textDocument: doc, position: onPinpoint });
  await run('definition', 'textDocument/definition', { textDocument: doc, position: onPinpoint });
  await run('completion: ids', 'textDocument/completion', { textDocument: { uri: scratchUri }, position: endOf(0) });
  await run('completion: paths', 'textDocument/completion', { textDocument: { uri: scratchUri }, position: endOf(1) });
  await run('completion: search in a document', 'textDocument/completion', { textDocument: { uri: scratchUri }, position: endOf(2) });
  await run('completion: search everywhere (CJK)', 'textDocument/completion', { textDocument: { uri: scratchUri }, position: endOf(3) });
  await run('completion: search everywhere (two words)', 'textDocument/completion', { textDocument: { uri: scratchUri }, position: endOf(4) });

  // Diagnostics after an edit to the 5,000-citation brief (round trip: the server's time plus transport).
  const edits = [];
  let version = 1;
  for (let index = 0; index < (quick ? 30 : 200); index++) {
    version++;
    const line = 2 + ((index * 37) % 5000);
    const started = performance.now();
    void server.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: briefUri, version },
      contentChanges: [{ range: { start: { line, character: 2 }, end: { line, character: 2 } }, text: index % 2 ? '' : '另' }],
    });
    edits.push((await server.waitForVersion(briefUri, version, NO_DEADLINE)).receivedAt - started);
  }
  latencies['diagnostics after an edit (5,000 citations)'] = { median: percentile(edits, 0.5), p99: percentile(edits, 0.99) };

  // Re-index after one corpus file changes.
  let reindex = NaN;
  if (corpus.root) {
    const changed = corpus.files.find((file) => fs.readFileSync(file, 'utf8').includes(`id: ${targets[0].id}\n`)) ?? corpus.files[0];
    const original = fs.readFileSync(changed, 'utf8');
    fs.writeFileSync(changed, original.replace(/\n## [^\n]*\n/, '\n## 第九九九九条\n'));
    let since = server.mark();
    const started = performance.now();
    server.notifyWatchedFiles([{ uri: pathToFileURL(changed).href, type: 2 }]);
    await server.waitForDiagnostics(briefUri, { since, timeoutMs: NO_DEADLINE });
    reindex = performance.now() - started;
    fs.writeFileSync(changed, original);
    since = server.mark();
    server.notifyWatchedFiles([{ uri: pathToFileURL(changed).href, type: 2 }]);
    await server.waitForDiagnostics(briefUri, { since, timeoutMs: NO_DEADLINE });
  }
  await server.dispose();

  // Warm start: the cache written by the cold start.
  server = await startBenchServer(workspace, initializationOptions, cacheHome);
  server.openDocument(briefUri, brief);
  const warm = (await server.waitForVersion(briefUri, 1, NO_DEADLINE)).receivedAt - server.spawnedAt;
  const warmComplete = await completeDiagnosticsMs(server, briefUri);
  await server.dispose();
  fs.rmSync(workspace, { recursive: true, force: true });

  return {
    corpus: corpus.name,
    files: corpus.files.length,
    megabytes,
    floorReadMs: floorRead,
    coldMs: cold,
    coldMBps: megabytes / (cold / 1000),
    coldVsFloor: floorRead / cold,
    fullyIndexedMs: indexed,
    warmMs: warm,
    coldCompleteMs: coldComplete,
    warmCompleteMs: warmComplete,
    rssMB: rss / 1e6,
    rssPerCorpusByte: rss / bytes,
    reindexMs: reindex,
    latencies,
  };
}

/**
 * When the complete check of the brief's first version arrived (ms after the server started): the first
 * publication, unless the server checked the brief against its cited files first while the corpus loaded
 * (its log says so), then the next one.
 */
async function completeDiagnosticsMs(server, briefUri) {
  const published = () => server.publications.filter((publication) => publication.uri === briefUri && publication.version === 1);
  const partial = server.logs.some((line) => line.includes('checking the open briefs against'));
  const complete = await server.waitFor('the complete check of the brief', () => published()[partial ? 1 : 0], NO_DEADLINE);
  return complete.receivedAt - server.spawnedAt;
}

/**
 * A brief of `count` citations of `distinct` documents of a corpus, each cited by a `§` path inside it, and
 * every fiftieth one past its end (a planted unknown-clause error).
 */
function cliffBrief(files, distinct, count) {
  const targets = cliffTargets(files, distinct).map(({ id, sections }) => ({ id, sections }));
  const lines = [];
  for (let index = 0; index < count; index++) {
    const target = targets[index % targets.length];
    const section = cliffArticle(target, index);
    lines.push(`- 参见[${target.id} §${section}]，以及其他论述第${index}项。`);
  }
  return { text: `# Cliff brief\n\n${lines.join('\n')}\n`, targets };
}

/**
 * `count` cold starts (each with an empty index cache of its own), each stopped at the brief's first
 * diagnostics: the time from the spawn, and from the `initialize` answer (the server's code is loaded, the
 * corpus not read yet; the peer's time starts at the same point).
 */
async function coldStarts(workspace, initializationOptions, cachePrefix, briefUri, brief, count) {
  const colds = [];
  for (let sample = 0; sample < count; sample++) {
    const cacheHome = `${cachePrefix}${sample}`;
    const probe = await startBenchServer(workspace, initializationOptions, cacheHome);
    const ready = performance.now();
    probe.openDocument(briefUri, brief);
    const first = await probe.waitForVersion(briefUri, 1, NO_DEADLINE);
    colds.push({ fromSpawn: first.receivedAt - probe.spawnedAt, fromReady: first.receivedAt - ready, planted: first.diagnostics.filter((diagnostic) => diagnostic.code === 'unknown-clause').length });
    await probe.dispose();
    fs.rmSync(cacheHome, { recursive: true, force: true });
  }
  return colds;
}

/**
 * The cliff: one server per number of distinct cited documents, on the same corpus, each a cold start (an empty
 * index cache of its own, as the peer has none), a 5,000-citation brief; edits alternate between the prose before a citation (the
 * citation moves) and the citation's own pinpoint (it must be resolved again). Each latency is also a multiple
 * of the floor measured on the same server.
 */
async function measureCliff(corpus) {
  const bytes = corpus.files.reduce((sum, file) => sum + fs.statSync(file).size, 0);
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'pinpoint-cliff-'));
  const initializationOptions = { corpus: { paths: [corpus.root], includeBuiltIn: true, includeLibrary: false } };
  const rows = [];
  for (const distinct of CLIFF_DISTINCT) {
    const cacheHome = path.join(workspace, `.cache-${distinct}`);
    const { text: brief, targets } = cliffBrief(corpus.files, distinct, 5000);
    const briefPath = path.join(workspace, `brief-${distinct}.md`);
    fs.writeFileSync(briefPath, brief);
    const briefUri = pathToFileURL(briefPath).href;
    // Two more cold starts, each stopped at its first diagnostics, so that the cold-start column is a median of
    // three: one cold start varies by ±15 % on this machine.
    const colds = await coldStarts(workspace, initializationOptions, `${cacheHome}-sample`, briefUri, brief, COLD_SAMPLES - 1);
    const server = await startBenchServer(workspace, initializationOptions, cacheHome);
    // The server's code is loaded and it has answered `initialize`: the corpus is not read yet. The peer's time
    // starts at the same point (its code loaded, no document read).
    const ready = performance.now();
    server.openDocument(briefUri, brief);
    const first = await server.waitForVersion(briefUri, 1, NO_DEADLINE);
    colds.push({ fromSpawn: first.receivedAt - server.spawnedAt, fromReady: first.receivedAt - ready });
    const firstMs = percentile(colds.map((cold) => cold.fromSpawn), 0.5);
    const firstFromReadyMs = percentile(colds.map((cold) => cold.fromReady), 0.5);
    const completeMs = await completeDiagnosticsMs(server, briefUri);
    const planted = first.diagnostics.filter((diagnostic) => diagnostic.code === 'unknown-clause').length;
    await server.waitForProgressEnd(1, NO_DEADLINE);
    const rss = server.residentKiB() * 1024;
    const floor = [];
    for (let index = 0; index < REQUESTS; index++) {
      floor.push((await server.timed('textDocument/hover', { textDocument: { uri: briefUri }, position: { line: 0, character: 3 } })).ms);
    }
    const lines = brief.split('\n');
    const edits = [];
    let version = 1;
    for (let index = 0; index < (quick ? 30 : 400); index++) {
      version++;
      const line = 2 + ((index * 37) % 5000);
      let change;
      if (index % 2 === 0) {
        change = { range: { start: { line, character: 2 }, end: { line, character: 2 } }, text: index % 4 ? '' : '另' };
        if (index % 4) change.range.end.character = 3;
      } else {
        // The pinpoint's number: `§N` becomes `§M` (another clause of the same document, or one past its end).
        const at = lines[line].indexOf('§') + 1;
        const end = lines[line].indexOf(']', at);
        const target = targets[(line - 2) % targets.length];
        const next = String(1 + ((index * 7) % (target.sections + 1)));
        change = { range: { start: { line, character: at }, end: { line, character: end } }, text: next };
        lines[line] = lines[line].slice(0, at) + next + lines[line].slice(end);
      }
      if (index % 2 === 0) {
        lines[line] = index % 4 ? lines[line].slice(0, 2) + lines[line].slice(3) : lines[line].slice(0, 2) + '另' + lines[line].slice(2);
      }
      const started = performance.now();
      void server.connection.sendNotification('textDocument/didChange', { textDocument: { uri: briefUri, version }, contentChanges: [change] });
      edits.push((await server.waitForVersion(briefUri, version, NO_DEADLINE)).receivedAt - started);
    }
    await server.dispose();
    const floorMedian = percentile(floor, 0.5);
    rows.push({
      distinct: targets.length,
      firstDiagnosticsMs: firstMs,
      firstFromReadyMs,
      completeDiagnosticsMs: completeMs,
      planted,
      floorMedian,
      floorP99: percentile(floor, 0.99),
      editMedian: percentile(edits, 0.5),
      editP99: percentile(edits, 0.99),
      rssMB: rss / 1e6,
      rssPerCorpusByte: rss / bytes,
    });
    log(`cliff: ${targets.length} distinct documents: edit median ${percentile(edits, 0.5).toFixed(2)} ms, p99 ${percentile(edits, 0.99).toFixed(2)} ms`);
  }
  // The peer on the 2,000-document shape, in a process of its own (bench/peer.mjs).
  log('cliff: the peer (vscode-markdown-languageservice) on 2,000 documents and 5,000 links');
  // Its cold start is a median of three runs too (the edits are measured in the first).
  const peerRuns = [];
  for (let sample = 0; sample < COLD_SAMPLES; sample++) {
    const peerOutput = execFileSync(process.execPath, [path.join(here, 'peer.mjs'), corpus.root, '2000', '5000', sample > 0 ? '0' : quick ? '10' : '40'], { encoding: 'utf8', maxBuffer: 1 << 20 });
    peerRuns.push(JSON.parse(peerOutput.trim().split('\n').pop()));
  }
  const peer = { ...peerRuns[0], coldMs: percentile(peerRuns.map((run) => run.coldMs), 0.5) };
  // Pinpoint on the peer's own shape: a corpus of only the 2,000 cited documents, the same 5,000-citation brief.
  log('cliff: Pinpoint on the peer\'s shape (a corpus of the 2,000 cited documents only)');
  const shape = path.join(workspace, 'peer-shape');
  fs.mkdirSync(path.join(shape, 'corpus'), { recursive: true });
  const { text: shapeBrief } = cliffBrief(corpus.files, 2000, 5000);
  const shapeTargets = cliffTargets(corpus.files, 2000);
  for (const target of shapeTargets) {
    fs.writeFileSync(path.join(shape, 'corpus', `${target.id}.md`), target.text);
  }
  const shapeBriefPath = path.join(shape, 'brief.md');
  fs.writeFileSync(shapeBriefPath, shapeBrief);
  const shapeColds = await coldStarts(
    shape,
    { corpus: { paths: [path.join(shape, 'corpus')], includeBuiltIn: true, includeLibrary: false } },
    path.join(workspace, '.cache-shape-'),
    pathToFileURL(shapeBriefPath).href,
    shapeBrief,
    COLD_SAMPLES,
  );
  const peerShape = {
    documents: shapeTargets.length,
    fromSpawnMs: percentile(shapeColds.map((cold) => cold.fromSpawn), 0.5),
    fromReadyMs: percentile(shapeColds.map((cold) => cold.fromReady), 0.5),
    planted: Math.min(...shapeColds.map((cold) => cold.planted)),
  };
  fs.rmSync(workspace, { recursive: true, force: true });
  return { corpus: corpus.name, files: corpus.files.length, megabytes: bytes / 1e6, rows, peer, peerShape };
}

const fmt = (value, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : '–');

process.on('unhandledRejection', (error) => log(`ignored after a server stopped: ${error}`));

async function main() {
  if (!fs.existsSync(serverPath)) execFileSync('npm', ['run', 'build'], { cwd: repo, stdio: 'inherit' });
  const results = [];
  let cliff;
  for (const name of wanted) {
    if (name === 'cliff') {
      const corpus = prepare('synthetic10x');
      log(`measuring the cliff on synthetic10x (${corpus.files.length} files)`);
      cliff = await measureCliff(corpus);
      continue;
    }
    const corpus = prepare(name);
    if (!corpus) continue;
    log(`measuring ${name} (${corpus.files.length} files)`);
    results.push(await measureCorpus(corpus));
  }
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
  const lines = [`Machine: ${machine}. ${new Date().toISOString().slice(0, 10)}. Requests per latency: ${REQUESTS}.`, ''];
  if (results.length > 0) {
    lines.push(`| | ${results.map((result) => result.corpus).join(' | ')} |`);
    lines.push(`| --- | ${results.map(() => '---:').join(' | ')} |`);
    const row = (label, cell) => lines.push(`| ${label} | ${results.map(cell).join(' | ')} |`);
    row('files / MB', (r) => `${r.files} / ${fmt(r.megabytes, 1)}`);
    row('read floor (bare Node read+decode) ms', (r) => fmt(r.floorReadMs, 0));
    row('cold start to first diagnostics (partial while a large corpus loads) ms (MB/s)', (r) => `${fmt(r.coldMs, 0)} (${fmt(r.coldMBps, 0)})`);
    row('cold speed vs read floor', (r) => `${fmt(r.coldVsFloor * 100, 0)} %`);
    row('search index complete ms', (r) => fmt(r.fullyIndexedMs, 0));
    row('cold start to complete diagnostics ms', (r) => fmt(r.coldCompleteMs, 0));
    row('warm start to first diagnostics ms', (r) => fmt(r.warmMs, 0));
    row('warm start to complete diagnostics ms', (r) => fmt(r.warmCompleteMs, 0));
    row('RSS after indexing MB (bytes per corpus byte)', (r) => `${fmt(r.rssMB, 0)} (${fmt(r.rssPerCorpusByte, 1)})`);
    row('re-index after one file changes ms', (r) => fmt(r.reindexMs, 1));
    for (const name of Object.keys(results[0]?.latencies ?? {})) {
      row(`${name}: median / p99 ms (p99 × floor median, × floor p99)`, (r) => {
        const value = r.latencies[name];
        const floor = r.latencies['floor (hover on plain text)'];
        return `${fmt(value.median)} / ${fmt(value.p99)} (${fmt(value.p99 / floor.median, 1)}×, ${fmt(value.p99 / floor.p99, 1)}×)`;
      });
    }
  }
  if (cliff) {
    lines.push('', `The cliff: a 5,000-citation brief on ${cliff.corpus} (${cliff.files} files, ${fmt(cliff.megabytes, 0)} MB), by the number of distinct documents it cites.`, '');
    lines.push('| distinct documents cited | cold start to first diagnostics ms, from spawn (from the initialize answer), median of 3 | to complete diagnostics ms | planted errors found first | floor median / p99 ms | edit → diagnostics median / p99 ms | median × floor median | p99 × floor p99 | RSS MB (bytes per corpus byte) |');
    lines.push('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const r of cliff.rows) {
      lines.push(`| ${r.distinct} | ${fmt(r.firstDiagnosticsMs, 0)} (${fmt(r.firstFromReadyMs, 0)}) | ${fmt(r.completeDiagnosticsMs, 0)} | ${r.planted} | ${fmt(r.floorMedian)} / ${fmt(r.floorP99)} | ${fmt(r.editMedian)} / ${fmt(r.editP99)} | ${fmt(r.editMedian / r.floorMedian, 1)}× | ${fmt(r.editP99 / r.floorP99, 1)}× | ${fmt(r.rssMB, 0)} (${fmt(r.rssPerCorpusByte, 1)}) |`);
    }
    const peer = cliff.peer;
    const ours = cliff.rows[cliff.rows.length - 1];
    if (peer && ours) {
      lines.push(`| peer: vscode-markdown-languageservice 0.4, the same ${peer.distinct} documents, ${peer.links} links | – (${fmt(peer.coldMs, 0)}) | ${fmt(peer.coldMs, 0)} | ${peer.planted} | – | ${fmt(peer.editMedian)} / ${fmt(peer.editP99)} | – | – | heap ${fmt(peer.heapMB, 0)} (of ${peer.distinct} documents only) |`);
      const shape = cliff.peerShape;
      if (shape) {
        lines.push(`| Pinpoint on the peer's shape: a corpus of the same ${shape.documents} documents only, the same brief | ${fmt(shape.fromSpawnMs, 0)} (${fmt(shape.fromReadyMs, 0)}) | ${fmt(shape.fromSpawnMs, 0)} | ${shape.planted} | – | – | – | – | – |`);
        lines.push('', `Cold start against the peer on its own shape (${shape.documents} documents, 5,000 links), both timed from code loaded to diagnostics: ${fmt(peer.coldMs / shape.fromReadyMs, 2)}× the peer's speed (${fmt(peer.coldMs / shape.fromSpawnMs, 2)}× counting Pinpoint's process start and code loading, which the peer's time leaves out).`);
      }
      lines.push('', `Against the peer on ${peer.distinct} documents: per edit ${fmt(peer.editMedian / ours.editMedian, 0)}× faster (median), ${fmt(peer.editP99 / ours.editP99, 0)}× (p99); on the whole ${cliff.files}-file corpus, cold start to first diagnostics ${fmt(peer.coldMs / ours.firstFromReadyMs, 2)}× the peer's speed from code loaded (${fmt(peer.coldMs / ours.firstDiagnosticsMs, 2)}× from the spawn; Pinpoint checks the brief against the ${peer.distinct} cited documents first, then loads all ${cliff.files} files of the corpus; the peer holds only the ${peer.distinct} cited ones), to complete diagnostics ${fmt(peer.coldMs / ours.completeDiagnosticsMs, 2)}×.`);
    }
  }
  // The pathological inputs of issue 19 (bench/pathological.mjs), with their own floors.
  const pathological = quick ? undefined : await measurePathological();
  const table = pathological ? `${lines.join('\n')}\n\n${pathological.table}` : lines.join('\n');
  process.stdout.write(`${table}\n`);
  fs.mkdirSync(path.join(here, 'results'), { recursive: true });
  fs.writeFileSync(path.join(here, 'results', 'latest.json'), JSON.stringify({ machine, date: new Date().toISOString(), results, cliff, pathological: pathological && { rows: pathological.rows, scaling: pathological.scaling } }, null, 2) + '\n');
  fs.writeFileSync(path.join(here, 'results', 'latest.md'), table + '\n');
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`bench: ${error.stack ?? error}\n`);
    process.exit(1);
  },
);
