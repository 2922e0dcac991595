/**
 * Fixtures for the unit tests of the core, in the style of rust-analyzer's `check(fixture, expect)`.
 *
 * A fixture is one string. Without headers it is a brief checked against the built-in corpus
 * (`corpus/*.md`, read here: the core itself never touches the file system). With `//- /path` headers it
 * holds several files: those under `/corpus/` are a small made-up corpus (used instead of the built-in
 * one), and the one other file is the brief. A `$0` marks the cursor; helpers that need one fail loudly
 * when it is missing.
 *
 * ```ts
 * checkHover('见 $0[2023-JS §3.4]。', { includes: '俄罗斯经济发展部' });
 * checkDiagnostics(`
 * //- /corpus/a.md
 * ---
 * id: 2020-A
 * title: A
 * ---
 * One.
 * //- /brief.md
 * [2020-A §2]
 * `, [{ code: 'unknown-clause', at: '§2' }]);
 * ```
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionItem, CompletionList, Diagnostic, Hover, Location } from 'vscode-languageserver-types';
import { createLanguageService, LanguageService } from '../../../server/src/service/languageService';

/** The root the built-in corpus is loaded under. */
export const BUILTIN_ROOT = 'file:///extension/corpus';
/** The root of a fixture's made-up corpus (files `//- /corpus/…`). */
export const FIXTURE_ROOT = 'file:///corpus';
/** The marker of the cursor. */
export const CURSOR = '$0';

const repository = path.join(__dirname, '..', '..', '..');

/** The built-in corpus of spec.md §3, read once: URI → text. */
export const builtInCorpus: ReadonlyMap<string, string> = new Map(
  ['2023-ECON.md', '2023-JS.md'].map((name) => [`${BUILTIN_ROOT}/${name}`, fs.readFileSync(path.join(repository, 'corpus', name), 'utf8')]),
);

/** The URI of a built-in corpus file, e.g. `builtInUri('2023-JS')`. */
export function builtInUri(id: string): string {
  return `${BUILTIN_ROOT}/${id}.md`;
}

/** Removes the one `$0` of a text and returns the text and the cursor's offset. Throws when there is none or several. */
export function extractCursor(text: string): { text: string; offset: number } {
  const offset = text.indexOf(CURSOR);
  if (offset < 0) {
    throw new Error(`fixture has no cursor marker ${CURSOR}: ${JSON.stringify(text)}`);
  }
  if (text.indexOf(CURSOR, offset + 1) >= 0) {
    throw new Error(`fixture has more than one cursor marker ${CURSOR}: ${JSON.stringify(text)}`);
  }
  return { text: text.slice(0, offset) + text.slice(offset + CURSOR.length), offset };
}

/** One file of a fixture. */
export interface FixtureFile {
  /** The path of its `//- ` header, e.g. `/corpus/a.md`. */
  readonly path: string;
  readonly text: string;
}

/** Splits a fixture into files at its `//- /path` header lines; without headers, the whole text is `/brief.md`. */
export function parseFixture(fixture: string): FixtureFile[] {
  if (!/^\/\/- /m.test(fixture)) {
    return [{ path: '/brief.md', text: fixture }];
  }
  const files: FixtureFile[] = [];
  const pattern = /^\/\/- (\S+)[ \t]*\n/gm;
  const headers = [...fixture.matchAll(pattern)];
  assert.ok(fixture.slice(0, headers[0].index).trim() === '', 'nothing may stand before the first //- header');
  headers.forEach((header, position) => {
    const start = (header.index ?? 0) + header[0].length;
    const end = position + 1 < headers.length ? (headers[position + 1].index ?? fixture.length) : fixture.length;
    files.push({ path: header[1], text: fixture.slice(start, end) });
  });
  return files;
}

/** A language service loaded with a fixture's corpus and its brief. */
export interface Loaded {
  readonly service: LanguageService;
  /** The roots the brief sees (the fixture's corpus, then the built-in one). */
  readonly scope: readonly string[];
  /** The brief, when the fixture has one. */
  readonly brief: TextDocument | undefined;
  /** The cursor in the brief, when marked. */
  readonly offset: number | undefined;
  /** The corpus files loaded: URI → text. */
  readonly corpus: ReadonlyMap<string, string>;
}

/** The URI a fixture path gets. */
export function fixtureUri(filePath: string): string {
  return `file://${filePath}`;
}

/**
 * Loads a fixture: its `/corpus/` files into a fresh language service (or the built-in corpus when it has
 * none), and its other file as the brief. The cursor is taken out of the brief.
 */
export function load(fixture: string, options: { cursor?: boolean } = {}): Loaded {
  const service = createLanguageService();
  const files = parseFixture(fixture);
  const corpusFiles = files.filter((file) => file.path.startsWith('/corpus/'));
  const briefs = files.filter((file) => !file.path.startsWith('/corpus/'));
  assert.ok(briefs.length <= 1, 'a fixture holds at most one brief');
  const corpus = new Map<string, string>();
  if (corpusFiles.length === 0) {
    for (const [uri, text] of builtInCorpus) {
      assert.equal(service.setCorpusFile(uri, BUILTIN_ROOT, text), true, `${uri} is a corpus file`);
      corpus.set(uri, text);
    }
  }
  for (const file of corpusFiles) {
    service.setCorpusFile(fixtureUri(file.path), FIXTURE_ROOT, file.text);
    corpus.set(fixtureUri(file.path), file.text);
  }
  let brief: TextDocument | undefined;
  let offset: number | undefined;
  if (briefs.length === 1) {
    let text = briefs[0].text;
    if (options.cursor) {
      ({ text, offset } = extractCursor(text));
    } else {
      assert.ok(!text.includes(CURSOR), `this check takes no cursor marker ${CURSOR}`);
    }
    brief = TextDocument.create(fixtureUri(briefs[0].path), 'markdown', 1, text);
  } else {
    assert.ok(!options.cursor, 'a cursor needs a brief');
  }
  return { service, scope: [FIXTURE_ROOT, BUILTIN_ROOT], brief, offset, corpus };
}

function loadWithCursor(fixture: string): Loaded & { brief: TextDocument; offset: number } {
  const loaded = load(fixture, { cursor: true });
  assert.ok(loaded.brief && loaded.offset !== undefined);
  return loaded as Loaded & { brief: TextDocument; offset: number };
}

function asList(value: string | readonly string[] | undefined): readonly string[] {
  return value === undefined ? [] : typeof value === 'string' ? [value] : value;
}

/** The text a range covers in a document. */
export function textOf(document: TextDocument, range: { start: { line: number; character: number }; end: { line: number; character: number } }): string {
  return document.getText(range);
}

/** What a hover must show. */
export interface HoverExpectation {
  /** Substrings of the hover's Markdown. */
  readonly includes?: string | readonly string[];
  /** Substrings it must not contain. */
  readonly excludes?: string | readonly string[];
  /** The brief text the hover's range covers. */
  readonly range?: string;
}

/** Hovers at the cursor; `null` expects no hover. Returns the Markdown shown. */
export function checkHover(fixture: string, expected: HoverExpectation | null): string {
  const { service, scope, brief, offset } = loadWithCursor(fixture);
  const hover: Hover | null = service.hover(brief, brief.positionAt(offset), scope);
  if (expected === null) {
    assert.equal(hover, null, `expected no hover, got ${JSON.stringify(hover)}`);
    return '';
  }
  assert.ok(hover, `expected a hover at ${JSON.stringify(fixture)}`);
  const contents = hover.contents as { kind: string; value: string };
  assert.equal(contents.kind, 'markdown');
  const markdown = contents.value;
  for (const part of asList(expected.includes)) {
    assert.ok(markdown.includes(part), `hover should include ${JSON.stringify(part)}:\n${markdown}`);
  }
  for (const part of asList(expected.excludes)) {
    assert.ok(!markdown.includes(part), `hover should not include ${JSON.stringify(part)}:\n${markdown}`);
  }
  if (expected.range !== undefined) {
    assert.ok(hover.range, 'hover has a range');
    assert.equal(textOf(brief, hover.range), expected.range);
  }
  return markdown;
}

/** A diagnostic expected on a brief: its code and the exact text its range covers. */
export interface ExpectedDiagnostic {
  readonly code: string;
  readonly at: string;
  /** A substring of the message. */
  readonly message?: string;
}

/** A diagnostic's message as plain text. */
export function messageOf(diagnostic: Diagnostic): string {
  const message: unknown = diagnostic.message;
  return typeof message === 'string' ? message : (message as { value: string }).value;
}

/** The diagnostic codes of spec.md §4. */
export const SPEC_CODES: ReadonlySet<string> = new Set(['unknown-document', 'unknown-clause', 'malformed-citation', 'invalid-range', 'corpus-error']);

/**
 * Checks a brief's diagnostics with the codes of spec.md §4: exactly the expected ones (in text order), each
 * an error from `pinpoint`. Diagnostics with other codes (hints and warnings of later features) are not
 * this check's business. Returns the diagnostics compared.
 */
export function checkDiagnostics(fixture: string, expected: readonly ExpectedDiagnostic[]): Diagnostic[] {
  const { service, scope, brief } = load(fixture);
  assert.ok(brief, 'the fixture has a brief');
  const diagnostics = service.briefDiagnostics(brief, scope).filter((diagnostic) => SPEC_CODES.has(String(diagnostic.code)));
  const actual = diagnostics.map((diagnostic) => ({ code: String(diagnostic.code), at: textOf(brief, diagnostic.range) }));
  assert.deepEqual(
    actual,
    expected.map(({ code, at }) => ({ code, at })),
    `diagnostics: ${JSON.stringify(diagnostics.map((diagnostic) => diagnostic.message))}`,
  );
  diagnostics.forEach((diagnostic, index) => {
    assert.equal(diagnostic.source, 'pinpoint');
    assert.equal(diagnostic.severity, 1, 'every code is an error');
    const message = expected[index].message;
    if (message !== undefined) {
      assert.ok(messageOf(diagnostic).includes(message), `message ${JSON.stringify(messageOf(diagnostic))} should include ${JSON.stringify(message)}`);
    }
  });
  return diagnostics;
}

/** A corpus problem expected on a fixture's corpus file: the file's path and the text the range covers. */
export interface ExpectedCorpusDiagnostic {
  readonly path: string;
  /** A substring of the message. */
  readonly message: string;
  /** The text of the file the range covers, when checked. */
  readonly at?: string;
}

/** Checks the `corpus-error` diagnostics of every corpus file of a fixture: exactly the expected ones. */
export function checkCorpusDiagnostics(fixture: string, expected: readonly ExpectedCorpusDiagnostic[]): Diagnostic[] {
  const { service, scope, corpus } = load(fixture);
  const all: Diagnostic[] = [];
  const actual: { path: string; message: string }[] = [];
  for (const [uri, text] of corpus) {
    const document = TextDocument.create(uri, 'markdown', 1, text);
    for (const diagnostic of service.corpusDiagnostics(uri, scope)) {
      assert.equal(diagnostic.code, 'corpus-error');
      assert.equal(diagnostic.source, 'pinpoint');
      assert.equal(diagnostic.severity, 1);
      all.push(diagnostic);
      actual.push({ path: uri.replace(/^file:\/\//, ''), message: messageOf(diagnostic) });
      const wanted = expected.find((entry) => fixtureUri(entry.path) === uri && messageOf(diagnostic).includes(entry.message));
      if (wanted?.at !== undefined) {
        assert.equal(textOf(document, diagnostic.range), wanted.at, `range of ${JSON.stringify(diagnostic.message)}`);
      }
    }
  }
  assert.equal(actual.length, expected.length, `corpus diagnostics: ${JSON.stringify(actual)}`);
  expected.forEach((entry, index) => {
    assert.equal(actual[index].path, entry.path, `corpus diagnostics: ${JSON.stringify(actual)}`);
    assert.ok(actual[index].message.includes(entry.message), `${JSON.stringify(actual[index].message)} should include ${JSON.stringify(entry.message)}`);
  });
  return all;
}

/** What a completion list must hold. */
export interface CompletionExpectation {
  /** Labels that must be offered. */
  readonly includes?: readonly string[];
  /** Labels that must not be offered. */
  readonly excludes?: readonly string[];
  /** The labels that must come first, in this order (by `sortText`). */
  readonly first?: readonly string[];
}

/** Completion items ordered as an editor shows them before filtering (by `sortText`, then label). */
export function sorted(list: CompletionList): CompletionItem[] {
  return [...list.items].sort((left, right) => {
    const leftKey = left.sortText ?? left.label;
    const rightKey = right.sortText ?? right.label;
    return leftKey < rightKey ? -1 : leftKey > rightKey ? 1 : 0;
  });
}

/** The text an item's edit replaces, and the whole brief after accepting it. */
export function accept(brief: TextDocument, item: CompletionItem): { replaced: string; result: string } {
  const edit = item.textEdit;
  assert.ok(edit && 'range' in edit, `item ${item.label} has a text edit with a range`);
  const start = brief.offsetAt(edit.range.start);
  const end = brief.offsetAt(edit.range.end);
  const text = brief.getText();
  return { replaced: text.slice(start, end), result: text.slice(0, start) + edit.newText + text.slice(end) };
}

/**
 * Completes at the cursor; `null` expects no completion at all. Every item's edit must cover the cursor,
 * and its `filterText` must start with what was typed in its range (so editors that filter on the client
 * keep it). Returns the list, the brief and the items in display order.
 */
export function checkCompletion(
  fixture: string,
  expected: CompletionExpectation | null,
): { list: CompletionList; items: CompletionItem[]; brief: TextDocument; find(label: string): CompletionItem } {
  const { service, scope, brief, offset } = loadWithCursor(fixture);
  const list = service.completion(brief, brief.positionAt(offset), scope);
  if (expected === null) {
    assert.ok(list === null || list.items.length === 0, `expected no completion, got ${JSON.stringify(list?.items.map((item) => item.label))}`);
    return { list: list ?? { isIncomplete: false, items: [] }, items: [], brief, find: () => assert.fail('no items') };
  }
  assert.ok(list, `expected completions at ${JSON.stringify(fixture)}`);
  const items = sorted(list);
  const labels = items.map((item) => item.label);
  for (const label of expected.includes ?? []) {
    assert.ok(labels.includes(label), `completion should offer ${label}: ${JSON.stringify(labels.slice(0, 40))}`);
  }
  for (const label of expected.excludes ?? []) {
    assert.ok(!labels.includes(label), `completion should not offer ${label}: ${JSON.stringify(labels.slice(0, 40))}`);
  }
  if (expected.first) {
    assert.deepEqual(labels.slice(0, expected.first.length), expected.first);
  }
  for (const item of items) {
    const edit = item.textEdit;
    assert.ok(edit && 'range' in edit, `item ${item.label} has a text edit`);
    const start = brief.offsetAt(edit.range.start);
    const end = brief.offsetAt(edit.range.end);
    assert.ok(start <= offset && offset <= end, `the edit of ${item.label} covers the cursor`);
    const typed = brief.getText().slice(start, offset);
    assert.ok(item.filterText !== undefined, `item ${item.label} has a filterText`);
    assert.ok(
      item.filterText.toLowerCase().startsWith(typed.toLowerCase()),
      `filterText ${JSON.stringify(item.filterText)} of ${item.label} should match what was typed, ${JSON.stringify(typed)}`,
    );
  }
  const find = (label: string): CompletionItem => {
    const item = items.find((candidate) => candidate.label === label);
    assert.ok(item, `completion offers ${label}`);
    return item;
  };
  return { list, items, brief, find };
}

/** Where a definition must lead. */
export interface DefinitionExpectation {
  /** The target's URI. */
  readonly uri: string;
  /** The text of the target file at the start of the range (it must begin there). */
  readonly startsWith: string;
  /** The whole text the range covers, when checked. */
  readonly text?: string;
}

/** Goes to the definition at the cursor; `null` expects none. */
export function checkDefinition(fixture: string, expected: DefinitionExpectation | null): Location | null {
  const { service, scope, brief, offset, corpus } = loadWithCursor(fixture);
  const location = service.definition(brief, brief.positionAt(offset), scope);
  if (expected === null) {
    assert.equal(location, null);
    return null;
  }
  assert.ok(location, `expected a definition at ${JSON.stringify(fixture)}`);
  assert.equal(location.uri, expected.uri);
  const text = corpus.get(location.uri);
  assert.ok(text !== undefined, `the definition is in a loaded corpus file: ${location.uri}`);
  const target = TextDocument.create(location.uri, 'markdown', 1, text);
  const covered = textOf(target, location.range);
  const rest = text.slice(target.offsetAt(location.range.start));
  assert.ok(rest.startsWith(expected.startsWith), `the definition starts at ${JSON.stringify(rest.slice(0, 40))}, expected ${JSON.stringify(expected.startsWith)}`);
  if (expected.text !== undefined) {
    assert.equal(covered, expected.text);
  }
  return location;
}
