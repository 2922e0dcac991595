/**
 * The hostile corpus of test/fixtures/hostile/ (one file per attack, see its README) through the protocol:
 * the server answers a hover while the folder is still being loaded and indexed, and every answer about
 * those documents (hover, completion, its documentation, diagnostics) stays inert and bounded.
 *
 * A hover waits behind whatever the server is doing; before issue 19 the paragraph of 100,000 lines alone
 * held every request for 84 s while background indexing parsed it. The request deadline here is generous
 * for linear code and fails clearly otherwise.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { CompletionItem, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { fileUri, hoverText, LspClient, makeTempFolder, positionOf, REPOSITORY, startServer } from './lspClient';

const HOSTILE = path.join(REPOSITORY, 'test', 'fixtures', 'hostile');
/** A generous deadline for one request: an answer takes milliseconds when nothing freezes the server. */
const REQUEST_DEADLINE_MS = 20_000;

/** Awaits a request, failing clearly when it is not answered in time. */
async function answered<T>(what: string, request: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} was not answered within ${REQUEST_DEADLINE_MS / 1000} s: the server is frozen`)), REQUEST_DEADLINE_MS);
  });
  try {
    return await Promise.race([request, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

function documentation(item: CompletionItem): string {
  const value = item.documentation;
  return typeof value === 'string' ? value : ((value as MarkupContent | undefined)?.value ?? '');
}

function assertInert(markdown: string, what: string): void {
  assert.doesNotMatch(markdown, /(?<!\\)!(?<!\\)\[/, `no image in ${what}`);
  assert.doesNotMatch(markdown, /(?<!\\)<(?:img|a|script)\b/i, `no raw HTML in ${what}`);
  assert.doesNotMatch(markdown, /(?<!\\)\]\(javascript:/, `no corpus link in ${what}`);
  assert.doesNotMatch(markdown, /(?<!\\)https:\/\/tracker/, `no bare URL in ${what}`);
}

/** The hostile folder copied into a workspace's corpus, with the attacks made at test time. */
function hostileWorkspace(): { path: string; uri: string; cleanup: () => void } {
  const workspace = makeTempFolder('pinpoint-hostile-');
  const corpus = path.join(workspace.path, 'corpus');
  fs.cpSync(HOSTILE, corpus, { recursive: true });
  const lines = Array.from({ length: 100_000 }, (_, index) => `w${index}`);
  fs.writeFileSync(path.join(corpus, 'long-paragraph.md'), `---\nid: 2099-LONG\ntitle: A paragraph of 100,000 lines\n---\n\n${lines.join('\n')}\n`);
  const words = Array.from({ length: 150_000 }, (_, index) => `word${index}`).join(' ');
  fs.writeFileSync(path.join(corpus, 'huge-paragraph.md'), `---\nid: 2099-HUGE\ntitle: A paragraph of a megabyte\n---\n\n${words}\n`);
  execFileSync('mkfifo', [path.join(corpus, 'pipe.md')]);
  fs.symlinkSync('.', path.join(corpus, 'loop'));
  return workspace;
}

const BRIEF = [
  '# Memo',
  '',
  'Built in: [2023-JS §3.4].',
  'Injected: [2099-INJECT §1.1] and [2099-MULTI §1].',
  'Long: [2099-LONG §1]. Huge: [2099-HUGE §1].',
  '',
].join('\n');

describe('a hostile corpus', () => {
  it('the server answers a hover while the folder loads, and every answer about it is inert and bounded', async (t) => {
    const workspace = hostileWorkspace();
    let client: LspClient;
    try {
      client = await startServer({ workspaceFolders: [{ uri: workspace.uri, name: 'hostile' }] });
    } catch (error) {
      workspace.cleanup();
      throw error;
    }
    client.onDispose(workspace.cleanup);
    t.after(() => client.dispose());
    const briefUri = fileUri(path.join(workspace.path, 'memo.md'));

    // At once, while the corpus is read and indexed.
    client.openDocument(briefUri, BRIEF);
    const early: Hover | null = await answered('a hover sent while the corpus loads', client.hover(briefUri, positionOf(BRIEF, '§3.4', { at: 1 })));
    assert.match(hoverText(early), /商务部/);

    const diagnostics = await client.waitForDiagnostics(briefUri, { accept: (list) => !list.some((diagnostic) => diagnostic.code === 'unknown-document'), describe: 'the hostile documents resolving', timeoutMs: REQUEST_DEADLINE_MS });
    assert.deepEqual(diagnostics.map((diagnostic) => diagnostic.code), []);

    const injected = hoverText(await answered('hover on the injected document', client.hover(briefUri, positionOf(BRIEF, '2099-INJECT §1', { at: 'end' }))));
    assert.match(injected, /The parties/);
    assertInert(injected, 'the hover');
    const multi = hoverText(await answered('hover on the multi-line title', client.hover(briefUri, positionOf(BRIEF, '2099-MULTI §', { at: 'end' }))));
    assert.match(multi, /^\*\*2099-MULTI\*\* · A title on several lines - that looks like a list \\# and a heading\n/);

    const huge = await answered('hover on a paragraph of a megabyte', client.hover(briefUri, positionOf(BRIEF, '2099-HUGE §', { at: 'end' })));
    const hugeText = (huge?.contents as MarkupContent).value;
    assert.ok(hugeText.length < 20_000, `a bounded hover: ${hugeText.length} characters`);
    assert.match(hugeText, /\[The whole clause \([\d,]+ more characters\)\]\(file:\/\/.*huge-paragraph\.md#L6\)/);
    const long = hoverText(await answered('hover on a paragraph of 100,000 lines', client.hover(briefUri, positionOf(BRIEF, '2099-LONG §', { at: 'end' }))));
    assert.match(long, /^\*\*2099-LONG\*\*/);

    // Completion of ids, paths and content, and resolved documentation: corpus text stays text.
    for (const typed of ['[2099-I', '[2099-INJECT §', '[2099-INJECT parties agree', '[word149999']) {
      const text = `${BRIEF}\n${typed}`;
      client.changeDocument(briefUri, text);
      const list = await answered(`completion after ${typed}`, client.completion(briefUri, positionOf(text, typed)));
      assert.ok(list.items.length > 0, `suggestions after ${typed}`);
      for (const item of list.items) {
        const markdown = item.documentation === undefined ? documentation(await client.resolveCompletion(item)) : documentation(item);
        assertInert(markdown, `the documentation of ${item.label}`);
        assert.ok(markdown.length < 20_000, `bounded documentation of ${item.label}: ${markdown.length} characters`);
      }
    }
    assert.ok(client.alive, 'the server is still running');
  });
});
