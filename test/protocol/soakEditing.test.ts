/**
 * The rapid-editing soak, through the protocol: thousands of seeded random incremental edits to a brief
 * (typing, deleting, pasting, breaking and mending citations, opening code spans and comments), interleaved
 * with hover, completion and definition requests, some of them cancelled at once with `$/cancelRequest`.
 * Every request is answered (a result, or the cancellation error) and each answer fits the text the request
 * was sent for; at the end the server's diagnostics equal those a fresh server gives the final text, and the
 * server's resident memory is within a small bound of what it was before the soak.
 *
 * The counts are bounded and the seed fixed, so `npm test` repeats exactly; `npm run bench` runs the longer
 * soak of `bench/soak.mjs`.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { CancellationTokenSource, ResponseError } from 'vscode-jsonrpc/node';
import type { CompletionItem, CompletionList, Diagnostic, Hover, Position, TextEdit } from 'vscode-languageserver-protocol';
import { corpusFile, EditedDocument, LspClient, offsetAt, positionAt, REPOSITORY, seededRandom, startInWorkspace } from './lspClient';

const SEED = 20230321;
const EDITS = Number(process.env.SOAK_EDITS ?? 2500);
const WARM_UP_EDITS = 300;
/** One request every this many edits, on average. */
const REQUEST_EVERY = 4;
/** The server may grow by this much over the soak (heap growth, not a leak per edit). */
const MEMORY_BOUND_KIB = 48 * 1024;
/** The reachable heap may differ by this much between the middle and the end of the soak (caches already full). */
const HEAP_LEAK_BOUND_KIB = 4 * 1024;

/** The server's reachable heap (after a full collection) and resident memory, in KiB. */
async function memoryOf(client: LspClient): Promise<{ heapKiB: number; residentKiB: number }> {
  const usage = await client.request<{ heapUsed: number; rss: number; collected: boolean }>('pinpoint/memoryUsage', null);
  assert.ok(usage.collected, 'the server runs with --expose-gc');
  return { heapKiB: Math.round(usage.heapUsed / 1024), residentKiB: Math.round(usage.rss / 1024) };
}

const CORPUS = corpusFile('2099-SOAK', 'A document for the soak', '## 一\n\n第一段。\n\n- 一项\n- 二项\n\n## 二\n\nSecond section, first paragraph.\n\nSecond paragraph.');

/** Text the edits insert: citations whole and in pieces, Markdown that hides them, and every script. */
const SNIPPETS: readonly string[] = [
  '[2023-JS §3.4]', '[2023-ECON §2.4–6]', '[2099-SOAK §1.1.2]', '[2099-SOAK §9]', '[2023-js §1]', '[2023-JS  §1]',
  '[2023-', '[2023-JS §', '§', '§1.', '[', ']', ']]', '\\', '`', '``', '<!--', '-->', '```\n', '\n', '\n\n', '    ', '- ', '## ',
  ' ', 'a', 'the', '双方', '合作', 'Стороны', '😀', '𠀀', '\u200F', 'e\u0301', '; 2023-ECON §1', ', §2.1', '–', '-', '.', '3', '0',
];

/** The brief the soak starts from: the example memorandum and the broken-citations example. */
function initialBrief(): string {
  return ['economic-commitments-memo.md', 'broken-citations.md'].map((name) => fs.readFileSync(path.join(REPOSITORY, 'examples', name), 'utf8')).join('\n\n');
}

/** An offset that does not split a surrogate pair (an editor never puts the cursor there). */
function safeOffset(text: string, offset: number): number {
  const code = text.charCodeAt(offset);
  return offset > 0 && code >= 0xdc00 && code <= 0xdfff ? offset - 1 : offset;
}

/** Applies one random edit. */
function randomEdit(document: EditedDocument, random: () => number): void {
  const text = document.text;
  const at = safeOffset(text, Math.floor(random() * (text.length + 1)));
  const choice = random();
  if (choice < 0.45 || text.length < 200) {
    document.edit(at, at, SNIPPETS[Math.floor(random() * SNIPPETS.length)]);
  } else if (choice < 0.75) {
    // Deleting: mostly a character or a word, sometimes a whole line or more; more when the text has grown.
    const length = random() < 0.8 ? 1 + Math.floor(random() * 6) : Math.floor(random() * (text.length > 12_000 ? 2_000 : 200));
    document.edit(at, safeOffset(text, Math.min(text.length, at + length)), '');
  } else if (choice < 0.9) {
    // Breaking or mending a citation: change one character inside the nearest one.
    const open = text.indexOf('[', at);
    if (open >= 0 && open + 3 < text.length) {
      const inside = safeOffset(text, open + 1 + Math.floor(random() * 12));
      document.edit(inside, safeOffset(text, Math.min(text.length, inside + 1)), random() < 0.5 ? '' : SNIPPETS[Math.floor(random() * 12)]);
    } else {
      document.edit(at, at, '[2023-JS §1.7.3]');
    }
  } else {
    // A paste over a selection.
    const end = safeOffset(text, Math.min(text.length, at + Math.floor(random() * 40)));
    document.edit(at, end, SNIPPETS.slice(0, 8).join(' '));
  }
}

/** What one request was sent for, to check its answer against. */
interface Sent {
  readonly method: 'textDocument/hover' | 'textDocument/completion' | 'textDocument/definition';
  readonly text: string;
  readonly offset: number;
  readonly cancelled: boolean;
  readonly answer: Promise<unknown>;
}

const CANCELLED = -32800;

function sendRandomRequest(client: LspClient, document: EditedDocument, random: () => number): Sent {
  const methods = ['textDocument/hover', 'textDocument/completion', 'textDocument/definition'] as const;
  const method = methods[Math.floor(random() * methods.length)];
  const text = document.text;
  // Mostly on a citation, where the work is.
  let offset = safeOffset(text, Math.floor(random() * (text.length + 1)));
  const bracket = text.indexOf('[', offset);
  if (random() < 0.7 && bracket >= 0) {
    offset = safeOffset(text, Math.min(text.length, bracket + 1 + Math.floor(random() * 14)));
  }
  const position: Position = positionAt(text, offset);
  const source = new CancellationTokenSource();
  const params = method === 'textDocument/completion'
    ? { textDocument: { uri: document.uri }, position, context: { triggerKind: 1 } }
    : { textDocument: { uri: document.uri }, position };
  const answer = client.connection.sendRequest(method, params, source.token);
  const cancelled = random() < 0.25;
  if (cancelled) {
    source.cancel();
  }
  return { method, text, offset, cancelled, answer };
}

/** Checks one answer against the text its request was sent for. */
async function checkAnswer(sent: Sent): Promise<void> {
  let result: unknown;
  try {
    result = await sent.answer;
  } catch (error) {
    assert.ok(sent.cancelled && error instanceof ResponseError && error.code === CANCELLED, `${sent.method} failed: ${String(error)}`);
    return;
  }
  const where = `${sent.method} at ${sent.offset} of ${JSON.stringify(sent.text.slice(Math.max(0, sent.offset - 30), sent.offset + 30))}`;
  if (sent.method === 'textDocument/hover' && result) {
    const range = (result as Hover).range;
    assert.ok(range, `${where}: a hover without a range`);
    const start = offsetAt(sent.text, range.start);
    const end = offsetAt(sent.text, range.end);
    assert.ok(start <= sent.offset && sent.offset <= end, `${where}: the hover range ${start}..${end} is not under the cursor`);
    assert.match(sent.text.slice(start, end), /^(§[0-9.–-]+|[0-9]{4}-[A-Z][A-Z0-9-]*|\[[^[\]\n]*\])$/, `${where}: the hover range covers no citation part`);
  }
  if (sent.method === 'textDocument/completion' && result) {
    const items = Array.isArray(result) ? (result as CompletionItem[]) : (result as CompletionList).items;
    for (const item of items) {
      const edit = item.textEdit as TextEdit | undefined;
      if (edit) {
        const start = offsetAt(sent.text, edit.range.start);
        const end = offsetAt(sent.text, edit.range.end);
        assert.ok(start <= sent.offset && sent.offset <= end, `${where}: the completion edit ${start}..${end} does not touch the cursor`);
        assert.ok(!/[\r\n]/.test(sent.text.slice(start, end)), `${where}: a completion edit spans lines`);
      }
    }
  }
}

/** Waits for the diagnostics of the document's current version. */
function diagnosticsOf(client: LspClient, document: EditedDocument): Promise<Diagnostic[]> {
  const version = document.version;
  return client.waitForDiagnostics(document.uri, { accept: (_diagnostics, publication) => publication.version === version, describe: `diagnostics of version ${version}` });
}

/** Runs `count` random edits with requests between them; returns the number of requests sent. */
async function soak(client: LspClient, document: EditedDocument, random: () => number, count: number): Promise<number> {
  let pending: Sent[] = [];
  let requests = 0;
  for (let edit = 0; edit < count; edit++) {
    randomEdit(document, random);
    if (random() < 1 / REQUEST_EVERY) {
      pending.push(sendRandomRequest(client, document, random));
      requests++;
    }
    // Now and then the typist pauses: the answers so far arrive before the next burst.
    if (pending.length >= 16 || random() < 0.01) {
      await Promise.all(pending.map(checkAnswer));
      pending = [];
    }
  }
  await Promise.all(pending.map(checkAnswer));
  return requests;
}

describe('requests while the corpus loads', () => {
  it('answers each request for the text it was sent for, not for a later edit', async (t) => {
    // Enough corpus files that loading takes a while: requests and edits arrive during it.
    const files: Record<string, string> = {};
    for (let index = 0; index < 3000; index++) {
      files[`corpus/doc${index}.md`] = corpusFile(`2099-D${index}`, `Document ${index}`, `## 一\n\nParagraph of document ${index}.`);
    }
    const { client, uri } = await startInWorkspace(files);
    t.after(() => client.dispose());
    const document = new EditedDocument(client, uri('brief.md'), 'See [2023-JS §3.4] and [2099-D7 §1.1].\n');
    document.open();
    const checks: Promise<void>[] = [];
    for (let round = 0; round < 20; round++) {
      const text = document.text;
      const offset = text.indexOf('§3.4') + 2;
      const sent: Sent = {
        method: 'textDocument/hover',
        text,
        offset,
        cancelled: false,
        answer: client.connection.sendRequest('textDocument/hover', { textDocument: { uri: document.uri }, position: positionAt(text, offset) }),
      };
      checks.push(
        checkAnswer(sent).then(async () => {
          const hover = (await sent.answer) as Hover | null;
          assert.ok(hover?.range, `round ${round}: a hover on §3.4`);
          assert.equal(text.slice(offsetAt(text, hover.range.start), offsetAt(text, hover.range.end)), '§3.4', `round ${round}`);
        }),
      );
      // The next edit moves the citation: an answer computed after it would be off by its length.
      document.edit(0, 0, `${round}😀 `);
    }
    await Promise.all(checks);
    await diagnosticsOf(client, document);
  });
});

describe('rapid editing soak', () => {
  it(`stays correct over ${EDITS} random edits with requests, and ends with a fresh server's diagnostics`, async (t) => {
    // --expose-gc: pinpoint/memoryUsage collects garbage first, so heap sizes are what is still reachable.
    const { client, uri } = await startInWorkspace({ 'corpus/soak.md': CORPUS }, { nodeArguments: ['--expose-gc'] });
    t.after(() => client.dispose());
    const random = seededRandom(SEED);
    const document = new EditedDocument(client, uri('brief.md'), initialBrief());
    document.open();
    // The first edits and requests arrive while the corpus is still loading.
    await soak(client, document, random, 100);
    await diagnosticsOf(client, document);
    // Warm up (the JIT, the caches) before memory is measured.
    await soak(client, document, random, WARM_UP_EDITS);
    await diagnosticsOf(client, document);
    // The library's search index is built in the background: memory is measured once it is complete.
    await client.waitFor('the background indexing to end', () => (client.activeProgress.size === 0 ? true : undefined));
    const before = await memoryOf(client);

    // NOTE: the first half fills the bounded caches (parsed documents, quotations, suggestions), whose size
    // depends on the corpus; a leak shows as growth that goes on in the second half.
    const started = Date.now();
    const requests = (await soak(client, document, random, EDITS / 2)) + 0;
    await diagnosticsOf(client, document);
    const middle = await memoryOf(client);
    const moreRequests = await soak(client, document, random, EDITS / 2);
    const final = await diagnosticsOf(client, document);
    const elapsed = Date.now() - started;
    const after = await memoryOf(client);
    t.diagnostic(
      `${EDITS} edits and ${requests + moreRequests} requests in ${elapsed} ms; ${final.length} diagnostics at the end; ` +
        `heap after collection ${before.heapKiB} KiB before, ${middle.heapKiB} KiB half way, ${after.heapKiB} KiB after; ` +
        `resident ${before.residentKiB}, ${middle.residentKiB}, ${after.residentKiB} KiB`,
    );
    assert.ok(client.alive, 'the server is still running');
    assert.ok(after.residentKiB - before.residentKiB <= 2 * MEMORY_BOUND_KIB, `resident memory grew from ${before.residentKiB} KiB to ${after.residentKiB} KiB over the soak`);
    // The reachable heap is exact where resident memory is not (the collector grows its spaces at will): a leak
    // per edit shows as heap that is still reachable after the second half.
    assert.ok(
      after.heapKiB - middle.heapKiB <= HEAP_LEAK_BOUND_KIB,
      `the reachable heap kept growing in the second half of the soak: ${middle.heapKiB} KiB to ${after.heapKiB} KiB`,
    );

    const fresh = await startInWorkspace({ 'corpus/soak.md': CORPUS });
    t.after(() => fresh.client.dispose());
    const expected = await fresh.client.openDocumentAndWaitForDiagnostics(fresh.uri('brief.md'), document.text);
    assert.ok(expected.length > 0, 'the final text has problems to compare');
    assert.deepEqual(final, expected);
  });
});
