// Fixtures for the drafting features' unit tests: a workspace in one string, with `//- /path` headers
// (rust-analyzer's fixture form), the seed corpus (corpus/2023-JS.md, corpus/2023-ECON.md) loaded beside it,
// and a `$0` cursor marker that fails loudly when it is missing.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CorpusScope } from '../../server/src/service/corpusIndex';
import { createLanguageService, LanguageService, WorkspaceContext } from '../../server/src/service/languageService';

const repository = path.join(__dirname, '..', '..');

/** The root of the seed corpus in fixtures. */
export const SEED_ROOT = 'file:///seed';
/** The root of a fixture's own corpus (`//- /corpus/…` files). */
export const CORPUS_ROOT = 'file:///ws/corpus';

/** The text of a seed corpus file. */
export function seedText(id: '2023-JS' | '2023-ECON'): string {
  return fs.readFileSync(path.join(repository, 'corpus', `${id}.md`), 'utf8');
}

/** A loaded fixture workspace. */
export interface Fixture {
  readonly service: LanguageService;
  readonly scope: CorpusScope;
  readonly context: WorkspaceContext;
  /** Every file by its fixture path (`/brief.md`), as an open document. */
  readonly files: ReadonlyMap<string, TextDocument>;
  /** The file that held `$0`, and the cursor's offset in it. */
  readonly cursor?: { readonly document: TextDocument; readonly offset: number };
}

/** The URI of a fixture path. */
export function uriOf(fixturePath: string): string {
  return `file:///ws${fixturePath}`;
}

/** The fixture path of a URI (`/brief.md`), or the URI itself when it is not one of the fixture's. */
export function pathOf(uri: string): string {
  if (uri.startsWith('file:///ws/')) {
    return uri.slice('file:///ws'.length);
  }
  if (uri.startsWith(`${SEED_ROOT}/`)) {
    return `seed:${uri.slice(SEED_ROOT.length + 1)}`;
  }
  return uri;
}

/** Splits `text` at `$0`; fails when the marker is missing. */
export function withCursor(text: string): { text: string; offset: number } {
  const offset = text.indexOf('$0');
  assert.ok(offset >= 0, `the fixture has no $0 cursor marker:\n${text}`);
  return { text: text.slice(0, offset) + text.slice(offset + 2), offset };
}

/**
 * Loads a fixture. A text without `//- ` headers is one brief, `/brief.md`. Files under `/corpus/` are corpus
 * files; every other file is a brief, indexed as the server indexes a workspace's briefs. The seed corpus is
 * always loaded.
 */
export function loadFixture(fixture: string, options: { seed?: boolean } = {}): Fixture {
  const service = createLanguageService();
  if (options.seed !== false) {
    service.setCorpusFile(`${SEED_ROOT}/2023-JS.md`, SEED_ROOT, seedText('2023-JS'));
    service.setCorpusFile(`${SEED_ROOT}/2023-ECON.md`, SEED_ROOT, seedText('2023-ECON'));
  }
  const parts = fixture.includes('//- /') ? fixture.split(/^\/\/- (?=\/)/m).filter((part) => part.length > 0) : [`/brief.md\n${fixture}`];
  const files = new Map<string, TextDocument>();
  let cursor: Fixture['cursor'];
  for (const part of parts) {
    const newline = part.indexOf('\n');
    const fixturePath = part.slice(0, newline).trim();
    let text = part.slice(newline + 1);
    let offset: number | undefined;
    if (text.includes('$0')) {
      ({ text, offset } = withCursor(text));
    }
    const document = TextDocument.create(uriOf(fixturePath), 'markdown', 1, text);
    files.set(fixturePath, document);
    if (offset !== undefined) {
      cursor = { document, offset };
    }
    if (fixturePath.startsWith('/corpus/')) {
      assert.ok(service.setCorpusFile(document.uri, CORPUS_ROOT, text), `${fixturePath} is a corpus file`);
    } else {
      service.updateBrief(document);
    }
  }
  const scope = [SEED_ROOT, CORPUS_ROOT];
  return { service, scope, context: { scope, scopeOf: () => scope }, files, cursor };
}

/** The cursor of a fixture; fails when it has none. */
export function cursorOf(fixture: Fixture): { document: TextDocument; offset: number; position: { line: number; character: number } } {
  assert.ok(fixture.cursor, 'the fixture has no $0 cursor marker');
  return { ...fixture.cursor, position: fixture.cursor.document.positionAt(fixture.cursor.offset) };
}

/** The text a range of a file covers. */
export function textAt(document: TextDocument, range: { start: { line: number; character: number }; end: { line: number; character: number } }): string {
  return document.getText(range);
}

/** Applies LSP text edits to a text (edits must not overlap). */
export function applyEdits(document: TextDocument, edits: readonly { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]): string {
  return TextDocument.applyEdits(document, [...edits]);
}

/** The position of the clause of a seed document with the given key, in its corpus file. */
export function seedClausePosition(service: LanguageService, id: string, key: string): { uri: string; line: number; character: number } {
  const entry = service.index.resolve(id, [SEED_ROOT]);
  assert.ok(entry, `${id} is loaded`);
  const clause = entry.byKey.get(key);
  assert.ok(clause, `${id} has §${key}`);
  return { uri: entry.uri, line: clause.range.startLine, character: clause.range.startCharacter };
}
