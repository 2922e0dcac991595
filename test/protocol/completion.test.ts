/**
 * Completion through the protocol (spec.md §4): document ids with titles, paths after `[2023-JS §3.`,
 * content search (Chinese without spaces too, exact phrase first), `filterText` that matches what was
 * typed, `isIncomplete` on cut lists, and `completionItem/resolve`.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import type { CompletionItem, CompletionList, TextEdit } from 'vscode-languageserver-protocol';
import { ExpectedClause, readCorpusFile } from './corpusReader';
import { BUILTIN_CORPUS, LspClient, startInWorkspace } from './lspClient';

const corpus = new Map(
  ['2023-JS', '2023-ECON'].map((id) => [id, readCorpusFile(fs.readFileSync(path.join(BUILTIN_CORPUS, `${id}.md`), 'utf8'))]),
);

function clause(id: string, clausePath: string): ExpectedClause {
  const found = corpus.get(id)?.clauses.find((entry) => entry.path === clausePath);
  assert.ok(found, `${id} §${clausePath} exists in the corpus file`);
  return found;
}

/**
 * Text as search compares it: lower case, white space left out (so `2023 年` in one document matches
 * `2023年` in another: Chinese typesetting spaces are not part of the words).
 */
function searchForm(text: string): string {
  return text.toLowerCase().replace(/\s+/g, '');
}

/** The clauses (paragraphs and items) whose text contains every part of a query. */
function clausesContaining(parts: readonly string[]): string[] {
  const found: string[] = [];
  for (const [id, document] of corpus) {
    for (const entry of document.clauses) {
      if (entry.kind !== 'section' && parts.every((part) => searchForm(entry.text).includes(searchForm(part)))) {
        found.push(`${id} §${entry.path}`);
      }
    }
  }
  return found;
}

interface Session {
  readonly client: LspClient;
  /** Opens a one-line brief and asks for completion at the end of `before` (text after it follows the cursor). */
  complete(before: string, after?: string): Promise<{ list: CompletionList; line: string; cursor: number }>;
}

let documentCount = 0;

async function start(t: { after: (fn: () => Promise<void>) => void }): Promise<Session> {
  const { client, uri } = await startInWorkspace({});
  t.after(() => client.dispose());
  return {
    client,
    async complete(before, after = '') {
      const documentUri = uri(`completion-${documentCount++}.md`);
      const line = `Some prose, then ${before}${after}`;
      await client.openDocumentAndWaitForDiagnostics(documentUri, `${line}\n`);
      const cursor = line.length - after.length;
      const list = await client.completion(documentUri, { line: 0, character: cursor });
      return { list, line, cursor };
    },
  };
}

function editOf(item: CompletionItem): TextEdit {
  const edit = item.textEdit;
  assert.ok(edit && 'range' in edit, `${item.label} carries a textEdit with a range`);
  return edit;
}

/** The line after accepting `item`, as an editor applies its textEdit. */
function accept(line: string, item: CompletionItem): string {
  const edit = editOf(item);
  assert.equal(edit.range.start.line, 0);
  assert.equal(edit.range.end.line, 0);
  return line.slice(0, edit.range.start.character) + edit.newText + line.slice(edit.range.end.character);
}

/** True when `typed` is a subsequence of `filterText` ignoring case: what editors require to keep an item. */
function fuzzyMatches(filterText: string, typed: string): boolean {
  let position = 0;
  const haystack = filterText.toLowerCase();
  for (const char of typed.toLowerCase()) {
    position = haystack.indexOf(char, position);
    if (position < 0) {
      return false;
    }
    position++;
  }
  return true;
}

/** Every item's filterText (or label) matches the text between its edit's start and the cursor. */
function assertFilterable(line: string, cursor: number, list: CompletionList): void {
  for (const item of list.items) {
    const edit = editOf(item);
    assert.ok(edit.range.start.character <= cursor && cursor <= edit.range.end.character, `${item.label}'s edit range holds the cursor`);
    const typed = line.slice(edit.range.start.character, cursor);
    const filterText = item.filterText ?? item.label;
    assert.ok(fuzzyMatches(filterText, typed), `${item.label}: filterText ${JSON.stringify(filterText)} keeps it when ${JSON.stringify(typed)} is typed`);
  }
}

function documentationOf(item: CompletionItem): string {
  const documentation = item.documentation;
  return documentation === undefined ? '' : typeof documentation === 'string' ? documentation : documentation.value;
}

test('after [ alone, and after part of an id, the document ids are offered with their titles', async (t) => {
  const session = await start(t);
  for (const [before, after] of [
    ['[', ''],
    ['[', ']'],
    ['[2023-', ''],
    ['[2023-', ']'],
  ] as const) {
    const { list, line, cursor } = await session.complete(before, after);
    const ids = list.items.map((item) => item.label);
    assert.ok(ids.includes('2023-JS') && ids.includes('2023-ECON'), `ids after ${before}|${after}: ${ids.join(', ')}`);
    for (const id of ['2023-JS', '2023-ECON']) {
      const item = list.items.find((entry) => entry.label === id)!;
      const title = corpus.get(id)!.title;
      assert.ok((item.detail ?? '').includes(title) || documentationOf(item).includes(title), `${id} comes with its title`);
      assert.equal(accept(line, item), `Some prose, then [${id}${after}`, `accepting ${id} writes it in place of what was typed`);
    }
    assertFilterable(line, cursor, list);
  }
  const { list } = await session.complete('[2023-E', ']');
  assert.deepEqual(
    list.items.map((item) => item.label),
    ['2023-ECON'],
    'a typed prefix narrows the ids',
  );
});

test('after [2023-JS §3. the paragraphs of section 3 are offered, with or without the closing bracket', async (t) => {
  const session = await start(t);
  const expected = corpus.get('2023-JS')!.clauses.filter((entry) => entry.kind === 'paragraph' && entry.path.startsWith('3.'));
  for (const after of ['', ']', '] and more text']) {
    const { list, line, cursor } = await session.complete('[2023-JS §3.', after);
    const labels = list.items.map((item) => item.label);
    assert.deepEqual(
      labels.filter((label) => label.startsWith('§3.')).sort(),
      expected.map((entry) => `§${entry.path}`).sort(),
    );
    assertFilterable(line, cursor, list);
    const item = list.items.find((entry) => entry.label === '§3.4')!;
    assert.equal(accept(line, item), `Some prose, then [2023-JS §3.4${after || ''}`, 'accepting §3.4 replaces the pinpoint being typed');
    if (documentationOf(item) === '') {
      const resolved = await session.client.resolveCompletion(item);
      assert.ok(documentationOf(resolved).includes(clause('2023-JS', '3.4').text.slice(0, 20)), 'resolve supplies the clause text');
    } else {
      assert.ok(documentationOf(item).includes(clause('2023-JS', '3.4').text.slice(0, 20)), 'the clause text is the documentation');
    }
  }
  const items = await session.complete('[2023-JS §1.7.');
  assert.deepEqual(
    items.list.items.map((item) => item.label).filter((label) => label.startsWith('§1.7.')),
    ['§1.7.1', '§1.7.2', '§1.7.3', '§1.7.4', '§1.7.5'],
    'items of a paragraph',
  );
  const partial = await session.complete('[2023-JS §3.1', ']');
  assert.ok(
    partial.list.items.some((item) => item.label === '§3.12'),
    'a partly typed number still offers the paths it begins',
  );
  assertFilterable(partial.line, partial.cursor, partial.list);
});

test('after a second cite the ids are offered again and only that cite is replaced', async (t) => {
  const session = await start(t);
  const { list, line } = await session.complete('[2023-JS §3.4; 2023-E', ']');
  const item = list.items.find((entry) => entry.label === '2023-ECON');
  assert.ok(item, 'the second id is offered');
  assert.equal(accept(line, item), 'Some prose, then [2023-JS §3.4; 2023-ECON]');
});

test('content search: Chinese without spaces after [ alone finds the clause and accepting writes the canonical citation', async (t) => {
  const session = await start(t);
  for (const [query, id, clausePath] of [
    ['北极', '2023-JS', '9.9'],
    ['联合巡航', '2023-JS', '2.9'],
    ['巩固全方位能源合作伙伴关系', '2023-ECON', '2.4'],
  ] as const) {
    for (const after of ['', ']']) {
      const { list, line, cursor } = await session.complete(`[${query}`, after);
      assert.ok(list.items.length > 0, `${query} finds something`);
      const expected = clausesContaining([query]);
      const offered = list.items.map((item) => accept(line, item).replace('Some prose, then [', '').replace(/\]$/, ''));
      assert.equal(offered[0], `${id} §${clausePath}`, `${query} finds ${id} §${clausePath} first; offered ${offered.join(', ')}`);
      assert.deepEqual([...offered].sort(), [...expected].sort(), `${query} offers exactly the clauses that contain it`);
      assert.equal(accept(line, list.items[0]), `Some prose, then [${id} §${clausePath}]`, 'accepting writes the canonical citation, once closed');
      assertFilterable(line, cursor, list);
    }
  }
});

test('content search after an id finds clauses of that document that contain every typed part', async (t) => {
  const session = await start(t);
  const { list, line, cursor } = await session.complete('[2023-JS 北极 和平', ']');
  const offered = list.items.map((item) => accept(line, item));
  assert.deepEqual(offered, ['Some prose, then [2023-JS §9.9]'], 'the one clause with both parts, written canonically');
  assertFilterable(line, cursor, list);

  const several = await session.complete('[2023-JS 联合国 安理会');
  const citations = several.list.items.map((item) => accept(several.line, item).replace('Some prose, then [', '').replace(/\]$/, ''));
  const expected = clausesContaining(['联合国', '安理会']).filter((citation) => citation.startsWith('2023-JS '));
  assert.ok(expected.length >= 2, 'the query has several matches');
  assert.deepEqual([...citations].sort(), [...expected].sort(), 'each clause with every part, and only those');
});

test('content search puts the exact phrase first', async (t) => {
  const session = await start(t);
  // NOTE: the exact phrase is the parts side by side (white space aside): `2023 年` or `2023年`, not
  // `2023` somewhere and `年` elsewhere.
  const query = '2023 年';
  const exact = clausesContaining([query]);
  const all = clausesContaining(query.split(' '));
  assert.ok(exact.length > 0 && all.length > exact.length, 'the query has exact and scattered matches');
  const { list, line } = await session.complete(`[${query}`);
  const offered = list.items.map((item) => accept(line, item).replace('Some prose, then [', '').replace(/\]$/, ''));
  assert.deepEqual([...offered.slice(0, exact.length)].sort(), [...exact].sort(), `the exact phrase first: ${offered.join(', ')}`);
  assert.deepEqual([...offered].sort(), [...all].sort(), 'then the others with every part');
});

test('a cut list is marked incomplete, its items resolve their documentation, and a narrower query completes it', async (t) => {
  const session = await start(t);
  const broad = await session.complete('[双方');
  const matches = clausesContaining(['双方']);
  assert.ok(broad.list.items.length > 0);
  if (broad.list.items.length < matches.length) {
    assert.equal(broad.list.isIncomplete, true, `${broad.list.items.length} of ${matches.length} matches shown: the list is incomplete`);
  }
  const offered = new Set(broad.list.items.map((item) => accept(broad.line, item).replace('Some prose, then [', '').replace(/\]$/, '')));
  if (!broad.list.isIncomplete) {
    assert.deepEqual([...offered].sort(), [...matches].sort(), 'a complete list holds every match');
  }
  for (const citation of offered) {
    assert.ok(matches.includes(citation), `${citation} contains 双方`);
  }
  // Items without documentation get it from completionItem/resolve.
  const lazy = broad.list.items.filter((item) => documentationOf(item) === '').slice(0, 3);
  for (const item of lazy) {
    const citation = accept(broad.line, item).replace('Some prose, then [', '').replace(/\]$/, '');
    const [id, pinpoint] = citation.split(' ');
    const resolved = await session.client.resolveCompletion(item);
    assert.ok(documentationOf(resolved).includes(clause(id, pinpoint.slice(1)).text.slice(0, 30)), `resolve gives ${citation} its text`);
    assert.equal(resolved.label, item.label, 'resolve keeps the item');
  }
  const narrow = await session.complete('[2023-JS §9.');
  assert.equal(narrow.list.items.length, corpus.get('2023-JS')!.clauses.filter((entry) => entry.path.startsWith('9.')).length);
});

test('no completion outside brackets, inside code, or after a closed citation', async (t) => {
  const session = await start(t);
  for (const [before, after] of [
    ['plain text ', ''],
    ['`[2023-', '`'],
    ['[2023-JS §3.4] ', ''],
  ] as const) {
    const { list } = await session.complete(before, after);
    assert.deepEqual(
      list.items.map((item) => item.label),
      [],
      `nothing for ${before}|${after}`,
    );
  }
});
