/**
 * Bad corpora degrade gracefully, through the protocol: binary files, a 50 MB corpus file, files that
 * vanish between listing and reading, files that cannot be read, named pipes and devices called `*.md`,
 * dangling links, symbolic-link loops, and one id in two corpus folders. Each is reported (a `corpus-error`
 * on the file, or a warning in the log the user sees in the Output panel) and every other document stays
 * usable.
 *
 * NOTE: the tests run as root, so `chmod 000` would not stop a read. A file that cannot be read is made
 * otherwise: a link to `/proc/self/mem`, which even root reads only as EIO (I/O error); a named pipe, which
 * would block a naive reader for ever; a link to `/dev/zero`, which would never end.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { readText, walkMarkdown } from '../../server/src/nodeHost';
import { corpusFile, fileUri, hoverText, LspClient, makeTempFolder, startInWorkspace, startServer, writeFiles } from './lspClient';

const GOOD = corpusFile('2099-GOOD', 'A good document', '## 一\n\nThe first paragraph of one.\n\n## 二\n\nThe first paragraph of two.');
const BRIEF = 'See [2099-GOOD §1.1], [2099-GOOD §2.1] and [2023-JS §3.4].\n';

/** Makes a workspace with `files`, lets `prepare` add to its `corpus/` folder, then starts a server on it. */
async function startWith(files: Record<string, string>, prepare: (corpus: string) => void): Promise<{ client: LspClient; folder: string; uri: (relative: string) => string }> {
  const workspace = makeTempFolder('pinpoint-corpora-');
  try {
    writeFiles(workspace.path, files);
    prepare(path.join(workspace.path, 'corpus'));
    const client = await startServer({ workspaceFolders: [{ uri: workspace.uri, name: 'corpora' }] });
    client.onDispose(workspace.cleanup);
    return { client, folder: workspace.path, uri: (relative) => fileUri(path.join(workspace.path, relative)) };
  } catch (error) {
    workspace.cleanup();
    throw error;
  }
}

/** Waits until the brief's citations resolve, and checks that hover on the good document still works. */
async function checkGoodDocumentsWork(client: LspClient, briefUri: string): Promise<void> {
  const diagnostics = await client.openDocumentAndWaitForDiagnostics(briefUri, BRIEF);
  assert.deepEqual(diagnostics, [], 'the brief citing good documents has no diagnostics');
  const hover = await client.hover(briefUri, { line: 0, character: BRIEF.indexOf('§2.1') + 1 });
  assert.match(hoverText(hover), /The first paragraph of two/);
  const builtIn = await client.hover(briefUri, { line: 0, character: BRIEF.indexOf('§3.4') + 1 });
  assert.match(hoverText(builtIn), /商务部/);
}

/** Waits for a log line that names `fileName` and matches `pattern`. */
function waitForLog(client: LspClient, fileName: string, pattern: RegExp): Promise<string> {
  return client.waitFor(`a warning naming ${fileName} (${pattern})`, () => client.logs.find((line) => line.includes(fileName) && pattern.test(line)));
}

describe('bad corpora', () => {
  it('reports binary files, unreadable files, pipes, devices, dangling links and link loops, and keeps the rest usable', async (t) => {
    const binary = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0xff, 0xfe, 0x00]);
    const { client, folder, uri } = await startWith({ 'corpus/good.md': GOOD }, (corpus) => {
      fs.writeFileSync(path.join(corpus, 'image.md'), binary);
      fs.writeFileSync(path.join(corpus, 'front-then-binary.md'), Buffer.concat([Buffer.from('---\nid: 2099-BIN\ntitle: Binary\n---\n\n'), binary]));
      fs.symlinkSync('/proc/self/mem', path.join(corpus, 'unreadable.md'));
      execFileSync('mkfifo', [path.join(corpus, 'pipe.md')]);
      fs.symlinkSync('/dev/zero', path.join(corpus, 'zero.md'));
      fs.symlinkSync(path.join(corpus, 'nowhere.md'), path.join(corpus, 'dangling.md'));
      fs.symlinkSync('self-loop.md', path.join(corpus, 'self-loop.md'));
      fs.symlinkSync(corpus, path.join(corpus, 'loop'));
      fs.mkdirSync(path.join(corpus, 'folder.md'));
      fs.writeFileSync(path.join(corpus, 'folder.md', 'inner.md'), corpusFile('2099-INNER', 'In a folder called folder.md', 'Inner text.'));
    });
    t.after(() => client.dispose());
    const corpus = path.join(folder, 'corpus');

    await checkGoodDocumentsWork(client, uri('brief.md'));
    await waitForLog(client, 'image.md', /not a text file|NUL/);
    await waitForLog(client, 'front-then-binary.md', /not a text file|NUL/);
    await waitForLog(client, 'unreadable.md', /cannot read|EIO/);
    await waitForLog(client, 'pipe.md', /named pipe/);
    await waitForLog(client, 'zero.md', /device/);
    await waitForLog(client, 'dangling.md', /does not exist/);
    await waitForLog(client, 'self-loop.md', /symbolic link/);
    await waitForLog(client, 'loop', /loop/);
    const inner = await client.openDocumentAndWaitForDiagnostics(uri('inner-brief.md'), '[2099-INNER §1]\n');
    assert.deepEqual(inner, [], 'a folder named folder.md is walked like any folder');

    // A watcher event for each bad file makes the server read it directly: it must neither block on the
    // pipe nor read /dev/zero without end, and must go on answering.
    client.notifyWatchedFiles(['pipe.md', 'zero.md', 'unreadable.md', 'dangling.md', 'self-loop.md', 'image.md', 'folder.md'].map((name) => ({ uri: fileUri(path.join(corpus, name)), type: 2 })));
    await checkGoodDocumentsWork(client, uri('brief-after-events.md'));
    assert.ok(client.alive, 'the server is still running');
    const rss = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${client.child.pid}/status`, 'utf8'))?.[1]);
    assert.ok(rss < 1024 * 1024, `the server did not read /dev/zero into memory (${rss} KiB resident)`);
  });

  it('drops a corpus file deleted behind its back when it watches the folder itself', async (t) => {
    const { client, folder, uri } = await startInWorkspace({
      'corpus/good.md': GOOD,
      'corpus/vanishing.md': corpusFile('2099-VANISH', 'Here, then gone', '## 一\n\nSoon gone.'),
    });
    t.after(() => client.dispose());
    const text = 'Gone: [2099-VANISH §1.1].\n';
    assert.deepEqual(await client.openDocumentAndWaitForDiagnostics(uri('gone.md'), text), []);
    const since = client.mark();
    fs.rmSync(path.join(folder, 'corpus', 'vanishing.md'));
    await client.waitForDiagnostics(uri('gone.md'), { since, accept: (diagnostics) => diagnostics.some((diagnostic) => diagnostic.code === 'unknown-document') });
    await checkGoodDocumentsWork(client, uri('brief.md'));
  });

  it('answers for a corpus file that vanished unannounced, and drops it when told', async (t) => {
    // The client watches files (so the server does not), but sends no event: the server finds out only if
    // it reads the file again.
    const { client, folder, uri } = await startInWorkspace(
      {
        'corpus/good.md': GOOD,
        'corpus/vanishing.md': corpusFile('2099-VANISH', 'Here, then gone', '## 一\n\nSoon gone.\n\n## 二\n\nAlso gone.'),
      },
      { watcherRegistration: true },
    );
    t.after(() => client.dispose());
    await checkGoodDocumentsWork(client, uri('brief.md'));
    fs.rmSync(path.join(folder, 'corpus', 'vanishing.md'));
    const text = 'Gone: [2099-VANISH §1.1] and [2099-VANISH §2.1].\n';
    const diagnostics = await client.openDocumentAndWaitForDiagnostics(uri('gone.md'), text);
    for (const diagnostic of diagnostics) {
      assert.ok(['unknown-document', 'unknown-clause'].includes(String(diagnostic.code)), JSON.stringify(diagnostic));
    }
    for (const marker of ['§1.1', '§2.1', '2099-VANISH']) {
      const position = { line: 0, character: text.indexOf(marker) + 1 };
      await client.hover(uri('gone.md'), position);
      await client.definition(uri('gone.md'), position);
      await client.completion(uri('gone.md'), position);
    }
    assert.ok(client.alive);
    const since = client.mark();
    client.notifyWatchedFiles([{ uri: uri('corpus/vanishing.md'), type: 3 }]);
    await client.waitForDiagnostics(uri('gone.md'), { since, accept: (list) => list.length === 2 && list.every((diagnostic) => diagnostic.code === 'unknown-document') });
    await checkGoodDocumentsWork(client, uri('brief-again.md'));
  });

  it('reads nothing when a listed file vanishes before it is read (the walker and reader on their own)', () => {
    const scratch = makeTempFolder('pinpoint-vanish-');
    try {
      writeFiles(scratch.path, { 'a.md': GOOD, 'b.md': GOOD, 'sub/c.md': GOOD });
      const walk = walkMarkdown(scratch.path);
      assert.deepEqual(walk.files.map((file) => path.relative(scratch.path, file)), ['a.md', 'b.md', path.join('sub', 'c.md')]);
      fs.rmSync(path.join(scratch.path, 'b.md'));
      fs.rmSync(path.join(scratch.path, 'sub'), { recursive: true });
      const reads = walk.files.map((file) => readText(file));
      assert.ok('text' in reads[0]);
      assert.match('error' in reads[1] ? reads[1].error : '', /does not exist/);
      assert.match('error' in reads[2] ? reads[2].error : '', /does not exist/);
    } finally {
      scratch.cleanup();
    }
  });

  it('reports one id in two corpus folders on the file that loses, and cites the one in the first folder', async (t) => {
    const { client, uri } = await startInWorkspace(
      {
        'first/dup.md': corpusFile('2099-TWICE', 'In the first folder', 'Text of the first folder.'),
        'second/dup.md': corpusFile('2099-TWICE', 'In the second folder', 'Text of the second folder.'),
        'second/good.md': GOOD,
      },
      { initializationOptions: { corpus: { paths: ['first', 'second'] } } },
    );
    t.after(() => client.dispose());
    const text = 'Twice: [2099-TWICE §1].\n';
    assert.deepEqual(await client.openDocumentAndWaitForDiagnostics(uri('brief.md'), text), []);
    assert.match(hoverText(await client.hover(uri('brief.md'), { line: 0, character: text.indexOf('§1') + 1 })), /Text of the first folder/);
    const diagnostics = await client.waitForDiagnostics(uri('second/dup.md'), { accept: (list) => list.some((diagnostic) => diagnostic.code === 'corpus-error') });
    const message = diagnostics[0].message;
    assert.match(typeof message === 'string' ? message : message.value, /duplicate id 2099-TWICE/);
    assert.equal(diagnostics[0].range.start.line, 1, 'on the id line');
    assert.deepEqual(client.latestDiagnostics(uri('first/dup.md'))?.diagnostics ?? [], []);
    await checkGoodDocumentsWork(client, uri('brief-good.md'));
  });
});

describe('a 50 MB corpus file', () => {
  it('loads, answers hover and definition deep inside it, and leaves the other documents usable', async (t) => {
    const section = (number: number): string => {
      const paragraphs: string[] = [];
      for (let paragraph = 1; paragraph <= 40; paragraph++) {
        paragraphs.push(`第${number}节第${paragraph}段：双方强调，在平等互利的基础上深化合作，推动各领域务实交流取得新进展。`.repeat(4));
      }
      return `## ${number}\n\n${paragraphs.join('\n\n')}\n\n- 一项\n- 二项\n`;
    };
    const parts: string[] = ['---\nid: 2099-HUGE\ntitle: A very large document\n---\n\n'];
    let bytes = Buffer.byteLength(parts[0]);
    let sections = 0;
    while (bytes < 50 * 1024 * 1024) {
      const next = section(++sections);
      parts.push(next);
      bytes += Buffer.byteLength(next);
    }
    const { client, uri } = await startWith({ 'corpus/good.md': GOOD }, (corpus) => {
      fs.writeFileSync(path.join(corpus, 'huge.md'), parts.join(''));
      assert.ok(fs.statSync(path.join(corpus, 'huge.md')).size >= 50 * 1024 * 1024);
    });
    t.after(() => client.dispose());
    const last = `${sections}.40`;
    const text = `Deep: [2099-HUGE §${last}] and [2099-HUGE §${sections}.41].\n`;
    const diagnostics = await client.openDocumentAndWaitForDiagnostics(uri('brief.md'), text);
    assert.deepEqual(diagnostics.map((diagnostic) => diagnostic.code), ['unknown-clause']);
    const hover = await client.hover(uri('brief.md'), { line: 0, character: text.indexOf(`§${last}`) + 1 });
    assert.match(hoverText(hover), new RegExp(`第${sections}节第40段`));
    const definition = await client.definition(uri('brief.md'), { line: 0, character: text.indexOf(`§${last}`) + 1 });
    const location = Array.isArray(definition) ? definition[0] : definition;
    assert.ok(location && 'range' in location);
    assert.equal(location.uri, uri('corpus/huge.md'));
    assert.ok(location.range.start.line > 100_000, `the clause is deep in the file (line ${location.range.start.line})`);
    await checkGoodDocumentsWork(client, uri('brief-good.md'));
  });
});
