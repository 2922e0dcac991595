/**
 * The requests behind the Markdown preview and "Export Brief…", through the protocol (`dist/server.js`):
 * `pinpoint/previewCitations` answers each bracketed text with links and tooltips, a broken mark, or nothing;
 * `pinpoint/exportBrief` answers with the file's bytes and writes nothing itself.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { corpusFile, startInWorkspace } from './lspClient';

const LONG = 'The Parties shall test '.repeat(100).trim() + '.';
const TREATY = corpusFile('2099-T', 'Treaty of Testing', `## Article 1 – Tests\n\n1\\. The Parties shall test.\n\n2\\. The Parties shall report.\n\n## Article 2\n\n${LONG}`, 'short_title: Testing Treaty\ndate: 2099-01-01\n');

type Answer = { links: { start: number; end: number; target: string; title: string }[] } | { broken: string } | null;

test('pinpoint/previewCitations: links with tooltips, broken marks, and nothing for plain text', async (t) => {
  const { client, uri } = await startInWorkspace({ 'corpus/2099-T.md': TREATY, 'memo.md': '# Memo\n' });
  t.after(() => client.dispose());
  const texts = ['[2099-T §1.2]', '[2099-T §9]', '[NOTE]', '[2023-JS §3.4; 2099-T §1]', 'not a bracket', '[2023-js]', '[2099-T]', '[2099-T §2.1]'];
  const answer = await client.request<{ citations: Answer[] }>('pinpoint/previewCitations', { uri: uri('memo.md'), citations: texts });
  const [clause, unknown, plain, two, notBracket, malformed, whole, long] = answer.citations;

  assert.ok(clause && 'links' in clause);
  assert.equal(clause.links.length, 1);
  assert.deepEqual([clause.links[0].start, clause.links[0].end], [0, texts[0].length], 'one document: the whole citation is the link');
  // A path relative to the brief, with the clause's line: what VS Code's preview follows (and scrolls to).
  assert.equal(clause.links[0].target, `corpus/2099-T.md#L${TREATY.split('\n').indexOf('2\\. The Parties shall report.') + 1}`);
  assert.equal(clause.links[0].title, 'Testing Treaty (2099-T)\nart. 1(2) · §1.2\n2. The Parties shall report.');

  assert.deepEqual(unknown, { broken: 'unknown clause: 2099-T has no §9 (its sections are §1–§2)' });
  assert.equal(plain, null);
  assert.equal(notBracket, null);
  assert.ok(malformed && 'broken' in malformed && malformed.broken.startsWith('malformed citation: document ids are upper case'));

  assert.ok(two && 'links' in two);
  assert.deepEqual(
    two.links.map((link) => texts[3].slice(link.start, link.end)),
    ['2023-JS §3.4', '2099-T §1'],
    'several documents: each is its own link',
  );
  assert.match(two.links[0].title, /§3\.4\n双方欢迎中国商务部和俄罗斯经济发展部/);
  assert.match(two.links[0].target, /^(\.\.\/)+.*\/corpus\/2023-JS\.md#L\d+$/, 'the built-in corpus, relative to the brief');

  assert.ok(whole && 'links' in whole);
  assert.equal(whole.links[0].title, '2099-T · Treaty of Testing\n2099-01-01');

  assert.ok(long && 'links' in long);
  assert.ok(long.links[0].title.length <= 1_200 && long.links[0].title.endsWith('…'), 'the tooltip is bounded');
});

test('pinpoint/previewCitations: printed pinpoints, aliases and ibid. render like the others', async (t) => {
  const treaty = TREATY.replace('short_title: Testing Treaty\n', 'short_title: Testing Treaty\naliases: [TT]\n');
  const { client, uri } = await startInWorkspace({ 'corpus/2099-T.md': treaty, 'memo.md': '# Memo\n' });
  t.after(() => client.dispose());
  const texts = ['[ibid.]', '[2099-T art. 1(2)]', '[ibid.]', '[TT art. 1(1)]', '[ibid. art. 9]', '[TTX art. 1]'];
  const answer = await client.request<{ citations: Answer[] }>('pinpoint/previewCitations', { uri: uri('memo.md'), citations: texts });
  const [orphan, printed, ibid, alias, ibidUnknown, notAlias] = answer.citations;
  assert.ok(orphan && 'broken' in orphan && /refers to the citation before it/.test(orphan.broken), 'ibid. with nothing before it is broken');
  const line = (number: string): number => treaty.split('\n').findIndex((text) => text.startsWith(`${number}\\.`)) + 1;
  assert.ok(printed && 'links' in printed);
  assert.equal(printed.links[0].target, `corpus/2099-T.md#L${line('2')}`);
  assert.equal(printed.links[0].title, 'Testing Treaty (2099-T)\nart. 1(2) · §1.2\n2. The Parties shall report.');
  assert.ok(ibid && 'links' in ibid);
  assert.deepEqual(ibid.links, [{ ...printed.links[0], end: '[ibid.]'.length }], 'ibid. is the citation before it');
  assert.ok(alias && 'links' in alias);
  assert.equal(alias.links[0].target, `corpus/2099-T.md#L${line('1')}`);
  assert.ok(ibidUnknown && 'broken' in ibidUnknown && /unknown clause/.test(ibidUnknown.broken));
  assert.equal(notAlias, null, 'a word no document gives as alias is plain text');
});

test('pinpoint/previewCitations: bad parameters are refused', async (t) => {
  const { client } = await startInWorkspace({ 'memo.md': '# Memo\n' });
  t.after(() => client.dispose());
  await assert.rejects(client.request('pinpoint/previewCitations', { citations: 'x' }), /takes \{ uri, citations: string\[\] \}/);
  const answer = await client.request<{ citations: Answer[] }>('pinpoint/previewCitations', { uri: 'file:///nowhere.md', citations: [42, '[2023-JS §3.4]'] });
  assert.equal(answer.citations[0], null);
  assert.ok(answer.citations[1] && 'links' in answer.citations[1]);
});

test('pinpoint/exportBrief: the bytes of the file, in the brief’s scope; the server writes nothing', async (t) => {
  const { client, folder, uri } = await startInWorkspace({ 'corpus/2099-T.md': TREATY, 'memo.md': '# Memo\n' });
  t.after(() => client.dispose());
  const before = fs.readdirSync(folder, { recursive: true }).sort();
  const text = '# Memo\n\nTests [2099-T §1.1]. Again [2099-T §1.1]. Broken [2099-T §7].\n';
  const html = await client.request<{ data: string; broken: { text: string; line: number; messages: string[] }[]; warnings: string[]; citations: number }>('pinpoint/exportBrief', {
    textDocument: { uri: uri('memo.md') },
    text,
    format: 'html',
  });
  const page = Buffer.from(html.data, 'base64').toString('utf8');
  assert.match(page, /<li id="fn1"><i>Treaty of Testing<\/i> \(adopted 1 January 2099\), art 1\(1\)\./);
  assert.match(page, /<li id="fn2">Ibid\./);
  assert.equal(html.citations, 2);
  assert.deepEqual(html.broken, [{ text: '[2099-T §7]', line: 3, messages: ['unknown clause: 2099-T has no §7 (its sections are §1–§2)'] }]);
  assert.deepEqual(html.warnings, ['2099-T: its front matter has no entry_into_force, citation; its first citation goes without them']);

  const docx = await client.request<{ data: string }>('pinpoint/exportBrief', { textDocument: { uri: uri('memo.md') }, text, format: 'docx', style: 'plain' });
  assert.equal(Buffer.from(docx.data, 'base64').subarray(0, 2).toString('latin1'), 'PK');

  await assert.rejects(client.request('pinpoint/exportBrief', { textDocument: { uri: uri('memo.md') }, text, format: 'pdf' }), /unknown format 'pdf'/);
  await assert.rejects(client.request('pinpoint/exportBrief', { textDocument: { uri: uri('memo.md') }, text, format: 'html', style: 'bluebook' }), /unknown style 'bluebook'/);
  assert.deepEqual(fs.readdirSync(folder, { recursive: true }).sort(), before, 'no file was written');
  assert.ok(!fs.existsSync(path.join(folder, 'memo.html')));
});
