// The long rapid-editing soak (`node --import tsx bench/soak.mjs`, part of `npm run bench`): the real server
// (`node dist/server.js --stdio`) on a workspace with a corpus of 200 documents and two briefs, driven for
// tens of thousands of seeded random incremental edits to both briefs and to an open corpus file, with
// hover, completion, definition and references requests between them (a quarter cancelled at once).
//
// It checks what the short soak in `npm test` checks (test/protocol/soakEditing.test.ts), over a longer run:
// every answer fits the text its request was sent for, the final diagnostics of each brief equal those of a
// fresh server opening the final text, and resident memory (VmRSS of the server process) does not climb
// window after window. It prints one Markdown table per window and writes bench/results/soak.json.
//
// Options: --edits N (default 20000), --seed S (default 20230321), --window N (edits per window, 2500),
// --corpus-edits F (the share of edits made to the open corpus file, 0.02).
// Exit status 1 when a check fails.
//
// It drives the server through the protocol tests' own client (test/protocol/lspClient.ts), so it is run with
// tsx: `node --import tsx bench/soak.mjs`.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import rpc from 'vscode-jsonrpc/node';

// NOTE: required (tsx compiles it), not imported: as a CommonJS module the client knows its own folder.
const { EditedDocument, offsetAt, positionAt, seededRandom, startServer } = createRequire(import.meta.url)('../test/protocol/lspClient.ts');

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.dirname(here);

function option(name, fallback) {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
}
const EDITS = option('edits', 20_000);
const SEED = option('seed', 20230321);
const WINDOW = option('window', 2_500);
const CORPUS_EDITS = option('corpus-edits', 0.02);
const REQUEST_EVERY = 3;
const CANCELLED = -32800;

function log(message) {
  process.stderr.write(`soak: ${message}\n`);
}

function percentile(values, fraction) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))];
}

/** No diagnostics wait has a deadline here: a stuck server shows as a soak that does not finish. */
const NO_DEADLINE = 2 ** 31 - 1;

/** A server on the workspace, through the tests' client (SOAK_SERVER_ARGS: Node options for it, e.g. `--cpu-prof`). */
async function startSoakServer(workspace) {
  return startServer({
    workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'soak' }],
    cwd: workspace,
    watcherRegistration: true,
    nodeArguments: (process.env.SOAK_SERVER_ARGS ?? '').split(' ').filter(Boolean),
    clientName: 'pinpoint-soak',
  });
}

/** The diagnostics of one version of a document. */
async function diagnosticsOf(client, document) {
  return (await client.waitForVersion(document.uri, document.version, NO_DEADLINE)).diagnostics;
}

/** Opens a document edited by incremental changes. */
function openDocument(client, uri, text) {
  const document = new EditedDocument(client, uri, text);
  document.open();
  return document;
}

const SNIPPETS = [
  '[2023-JS §3.4]', '[2023-ECON §2.4–6]', '[2099-D1 §1.1]', '[2099-D150 §2.2]', '[2099-D7 §9]', '[2023-js §1]', '[2023-JS  §1]',
  '[2023-', '[2023-JS §', '§', '§1.', '[', ']', ']]', '\\', '`', '``', '<!--', '-->', '```\n', '\n', '\n\n', '    ', '- ', '## ', '> ',
  ' ', 'a', 'the', '双方', '合作', 'Стороны', '😀', '𠀀', '\u200F', 'e\u0301', '; 2023-ECON §1', ', §2.1', '–', '-', '.', '3', '0', '“双方强调” ',
];

function safeOffset(text, offset) {
  const code = text.charCodeAt(offset);
  return offset > 0 && code >= 0xdc00 && code <= 0xdfff ? offset - 1 : offset;
}

function randomEdit(document, random) {
  const text = document.text;
  const at = safeOffset(text, Math.floor(random() * (text.length + 1)));
  const choice = random();
  if (choice < 0.45 || text.length < 200) {
    document.edit(at, at, SNIPPETS[Math.floor(random() * SNIPPETS.length)]);
  } else if (choice < 0.75) {
    const length = random() < 0.8 ? 1 + Math.floor(random() * 6) : Math.floor(random() * (text.length > 20_000 ? 4_000 : 200));
    document.edit(at, safeOffset(text, Math.min(text.length, at + length)), '');
  } else if (choice < 0.9) {
    const open = text.indexOf('[', at);
    if (open >= 0 && open + 3 < text.length) {
      const inside = safeOffset(text, open + 1 + Math.floor(random() * 12));
      document.edit(inside, safeOffset(text, Math.min(text.length, inside + 1)), random() < 0.5 ? '' : SNIPPETS[Math.floor(random() * 12)]);
    } else {
      document.edit(at, at, '[2023-JS §1.7.3]');
    }
  } else {
    const end = safeOffset(text, Math.min(text.length, at + Math.floor(random() * 40)));
    document.edit(at, end, SNIPPETS.slice(0, 8).join(' '));
  }
}

/** Sends a random request at a random place (mostly in a citation); returns what to check it against. */
function randomRequest(client, document, random) {
  const methods = ['textDocument/hover', 'textDocument/completion', 'textDocument/definition', 'textDocument/references'];
  const method = methods[Math.floor(random() * methods.length)];
  const text = document.text;
  let offset = safeOffset(text, Math.floor(random() * (text.length + 1)));
  const bracket = text.indexOf('[', offset);
  if (random() < 0.7 && bracket >= 0) offset = safeOffset(text, Math.min(text.length, bracket + 1 + Math.floor(random() * 14)));
  const params = { textDocument: { uri: document.uri }, position: positionAt(text, offset) };
  if (method === 'textDocument/completion') params.context = { triggerKind: 1 };
  if (method === 'textDocument/references') params.context = { includeDeclaration: true };
  const source = new rpc.CancellationTokenSource();
  const started = performance.now();
  const answer = client.connection.sendRequest(method, params, source.token).then(
    (result) => ({ result, ms: performance.now() - started }),
    (error) => ({ error, ms: performance.now() - started }),
  );
  const cancelled = random() < 0.25;
  if (cancelled) source.cancel();
  return { method, text, offset, cancelled, answer };
}

/** Returns a problem with an answer, or undefined. */
function problemOf(sent, outcome) {
  if (outcome.error) {
    return sent.cancelled && outcome.error.code === CANCELLED ? undefined : `${sent.method} failed: ${outcome.error.message}`;
  }
  const result = outcome.result;
  if (sent.method === 'textDocument/hover' && result) {
    if (!result.range) return 'a hover without a range';
    const start = offsetAt(sent.text, result.range.start);
    const end = offsetAt(sent.text, result.range.end);
    if (!(start <= sent.offset && sent.offset <= end)) return `a hover range ${start}..${end} away from the cursor ${sent.offset}`;
    if (!/^(§[0-9.–-]+|[0-9]{4}-[A-Z][A-Z0-9-]*|\[[^[\]\n]*\])$/.test(sent.text.slice(start, end))) return `a hover range over ${JSON.stringify(sent.text.slice(start, end))}`;
  }
  if (sent.method === 'textDocument/completion' && result) {
    for (const item of Array.isArray(result) ? result : result.items) {
      if (!item.textEdit) continue;
      const start = offsetAt(sent.text, item.textEdit.range.start);
      const end = offsetAt(sent.text, item.textEdit.range.end);
      if (!(start <= sent.offset && sent.offset <= end)) return `a completion edit ${start}..${end} away from the cursor ${sent.offset}`;
    }
  }
  return undefined;
}

function makeWorkspace() {
  const workspace = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pinpoint-soak-')));
  fs.mkdirSync(path.join(workspace, 'corpus'));
  for (let index = 0; index < 200; index++) {
    const sections = [1, 2, 3].map((section) => `## ${section}\n\n${[1, 2, 3].map((paragraph) => `第${section}节第${paragraph}段，文件${index}。双方强调合作。`).join('\n\n')}\n\n- 一项\n- 二项`).join('\n\n');
    fs.writeFileSync(path.join(workspace, 'corpus', `d${index}.md`), `---\nid: 2099-D${index}\ntitle: Document ${index}\n---\n\n${sections}\n`);
  }
  return workspace;
}

async function main() {
  const workspace = makeWorkspace();
  const uri = (relative) => pathToFileURL(path.join(workspace, relative)).href;
  const examples = (name) => fs.readFileSync(path.join(repo, 'examples', name), 'utf8');
  const server = await startSoakServer(workspace);
  const failures = [];
  const windows = [];
  try {
    const random = seededRandom(SEED);
    const briefs = [openDocument(server, uri('memo.md'), examples('economic-commitments-memo.md')), openDocument(server, uri('broken.md'), examples('broken-citations.md'))];
    const corpusText = fs.readFileSync(path.join(workspace, 'corpus', 'd7.md'), 'utf8');
    const corpusDocument = openDocument(server, uri('corpus/d7.md'), corpusText);
    await Promise.all(briefs.map((brief) => diagnosticsOf(server, brief)));
    const startRss = server.residentKiB();
    log(`started: ${EDITS} edits, seed ${SEED}, resident ${startRss} KiB`);
    let done = 0;
    while (done < EDITS) {
      const windowStarted = performance.now();
      const latencies = [];
      let requests = 0;
      let cancelledAnswered = 0;
      let pending = [];
      const settle = async () => {
        for (const sent of pending) {
          const outcome = await sent.answer;
          latencies.push(outcome.ms);
          if (sent.cancelled && outcome.error) cancelledAnswered++;
          const problem = problemOf(sent, outcome);
          if (problem) failures.push(`${problem} (${sent.method} at ${sent.offset})`);
        }
        pending = [];
      };
      const end = Math.min(EDITS, done + WINDOW);
      for (; done < end; done++) {
        // Mostly the briefs; now and then the open corpus file (which re-indexes it and re-checks the briefs).
        const document = random() < CORPUS_EDITS ? corpusDocument : briefs[Math.floor(random() * briefs.length)];
        randomEdit(document, random);
        if (random() < 1 / REQUEST_EVERY) {
          pending.push(randomRequest(server, briefs[Math.floor(random() * briefs.length)], random));
          requests++;
        }
        if (pending.length >= 24 || random() < 0.01) await settle();
      }
      await settle();
      const diagnosticsStarted = performance.now();
      const counts = await Promise.all(briefs.map((brief) => diagnosticsOf(server, brief)));
      const row = {
        edits: done,
        requests,
        cancelledWithError: cancelledAnswered,
        p50Ms: percentile(latencies, 0.5),
        p99Ms: percentile(latencies, 0.99),
        settleDiagnosticsMs: performance.now() - diagnosticsStarted,
        windowMs: performance.now() - windowStarted,
        residentKiB: server.residentKiB(),
        diagnostics: counts.map((list) => list.length),
        briefLengths: briefs.map((brief) => brief.text.length),
      };
      windows.push(row);
      log(`${done} edits: p50 ${row.p50Ms.toFixed(2)} ms, p99 ${row.p99Ms.toFixed(2)} ms, resident ${row.residentKiB} KiB`);
    }
    // The final diagnostics against a fresh server's for the same texts (the corpus file as edited, too).
    const finals = await Promise.all(briefs.map((brief) => diagnosticsOf(server, brief)));
    fs.writeFileSync(path.join(workspace, 'corpus', 'd7.md'), corpusDocument.text);
    const fresh = await startSoakServer(workspace);
    try {
      const freshBriefs = briefs.map((brief) => openDocument(fresh, brief.uri, brief.text));
      const expected = await Promise.all(freshBriefs.map((brief) => diagnosticsOf(fresh, brief)));
      briefs.forEach((brief, index) => {
        if (JSON.stringify(finals[index]) !== JSON.stringify(expected[index])) {
          failures.push(`the final diagnostics of ${path.basename(brief.uri)} differ from a fresh server's (${finals[index].length} against ${expected[index].length})`);
        }
      });
    } finally {
      await fresh.dispose();
    }
    // Memory: the last windows must not keep climbing above the first ones.
    const settled = windows.slice(1).map((row) => row.residentKiB);
    const growth = settled.length > 1 ? settled[settled.length - 1] - Math.min(...settled) : 0;
    if (growth > 64 * 1024) failures.push(`resident memory climbed ${growth} KiB after the first window`);
    const summary = { seed: SEED, edits: EDITS, startResidentKiB: startRss, windows, failures };
    fs.mkdirSync(path.join(here, 'results'), { recursive: true });
    fs.writeFileSync(path.join(here, 'results', 'soak.json'), JSON.stringify(summary, null, 2) + '\n');
    const table = [
      '| edits | requests | p50 ms | p99 ms | diagnostics settle ms | resident MiB | brief lengths |',
      '| ---: | ---: | ---: | ---: | ---: | ---: | --- |',
      ...windows.map((row) => `| ${row.edits} | ${row.requests} | ${row.p50Ms.toFixed(2)} | ${row.p99Ms.toFixed(2)} | ${row.settleDiagnosticsMs.toFixed(0)} | ${(row.residentKiB / 1024).toFixed(1)} | ${row.briefLengths.join(', ')} |`),
    ];
    process.stdout.write(`\n## Rapid-editing soak (seed ${SEED})\n\n${table.join('\n')}\n\n${failures.length === 0 ? 'All checks passed.' : `FAILED:\n${failures.slice(0, 20).map((failure) => `- ${failure}`).join('\n')}`}\n`);
  } finally {
    await server.dispose();
    fs.rmSync(workspace, { recursive: true, force: true });
  }
  process.exitCode = failures.length === 0 ? 0 : 1;
}

main().catch((error) => {
  process.stderr.write(`soak: ${error.stack ?? error}\n`);
  process.exitCode = 1;
});
