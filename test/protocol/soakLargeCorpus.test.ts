/**
 * The rapid-editing soak on a corpus larger than any of the server's caches, through the protocol: a generated
 * corpus whose cited documents hold more clauses than the cache of parsed documents (50,000 clauses) and the
 * cache of clause trees (500,000) together, a brief citing every one of its documents by `§` path, by printed
 * pinpoint (some positionally mismatched), by alias and by `ibid.`, with quotations; then seeded random edits
 * to the brief, and corpus files rewritten behind the server's back between them. At the end the server's
 * diagnostics equal those a fresh server gives the final brief on the final corpus.
 *
 * This is what keeps results kept per citation honest: a result reused after the document it came from changed,
 * or one that the caches' evictions lost or mixed up, shows as a difference from the fresh server.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { EditedDocument, fileUri, LspClient, makeTempFolder, seededRandom, startServer, writeFiles } from './lspClient';

const SEED = 20261206;
const DOCUMENTS = 640;
const ARTICLES = 60;
const PARAGRAPHS = 3;
const ITEMS = 4;
const EDITS = 600;
const CORPUS_CHANGES = 4;
const LETTERS = 'abcdefghij';
const SETTINGS = { corpus: { paths: ['corpus'], includeBuiltIn: false, includeLibrary: false } };

function idOf(document: number): string {
  return `2099-D${document}`;
}

/** Every fifth document gives an alias. */
function aliasOf(document: number): string | undefined {
  return document % 5 === 0 ? `DOC${document}` : undefined;
}

/** The text of item `item` (1-based) of paragraph `paragraph` of article `article` of a document. */
function itemText(document: number, article: number, paragraph: number, item: number): string {
  return `Item ${LETTERS[item - 1]} of ${document}.${article}.${paragraph}.`;
}

/**
 * A treaty-shaped corpus file: `## Article N`, numbered paragraphs, lettered items. In every seventh document,
 * article 2 prints its paragraphs 1, 3, 4 (positionally mismatched). `articles` may leave some out.
 */
function corpusText(document: number, articles: readonly number[]): string {
  const alias = aliasOf(document);
  const lines = ['---', `id: ${idOf(document)}`, `title: Generated instrument ${document}`, 'language: en', ...(alias ? [`aliases: [${alias}]`] : []), '---', ''];
  for (const article of articles) {
    lines.push(`## Article ${article}`, '');
    for (let paragraph = 1; paragraph <= PARAGRAPHS; paragraph++) {
      const printed = document % 7 === 0 && article === 2 && paragraph > 1 ? paragraph + 1 : paragraph;
      lines.push(`${printed}. Paragraph ${printed} of article ${article} of ${document}:`, '');
      for (let item = 1; item <= ITEMS; item++) {
        lines.push(`- (${LETTERS[item - 1]}) ${itemText(document, article, paragraph, item)}`);
      }
      lines.push('');
    }
  }
  return lines.join('\n');
}

function range(count: number): number[] {
  return Array.from({ length: count }, (_, index) => index + 1);
}

/** One citation of a document, in one of the forms a brief uses, now and then wrong. */
function citationOf(document: number, random: () => number): string {
  const id = idOf(document);
  const article = 1 + Math.floor(random() * (ARTICLES + 2)); // sometimes past the end
  const paragraph = 1 + Math.floor(random() * (PARAGRAPHS + 1));
  const item = 1 + Math.floor(random() * ITEMS);
  const roll = random();
  if (roll < 0.3) {
    return `[${id} §${article}.${paragraph}]`;
  }
  if (roll < 0.45) {
    return `[${id} §${article}.${paragraph}.${item}–${Math.min(ITEMS + 1, item + 1)}]`;
  }
  if (roll < 0.7) {
    return `[${id} art. ${article}(${paragraph})(${LETTERS[item - 1]})]`;
  }
  if (roll < 0.8) {
    const alias = aliasOf(document);
    return `[${alias ?? id} art. ${article}(${paragraph})]`;
  }
  if (roll < 0.9) {
    // A quotation the citation vouches for: right, or with one word changed.
    const quoted = itemText(document, Math.min(article, ARTICLES), Math.min(paragraph, PARAGRAPHS), item);
    return `“${random() < 0.7 ? quoted : quoted.replace('Item', 'Items')}” [${id} §${Math.min(article, ARTICLES)}.${Math.min(paragraph, PARAGRAPHS)}.${item}]`;
  }
  return `[${id} art. ${article}] and [ibid. art. ${1 + Math.floor(random() * ARTICLES)}(${paragraph})]`;
}

/** The brief: a line per document, each citing it twice, then the sentinels (which the edits leave alone). */
function initialBrief(random: () => number): string {
  const lines = ['# A survey of a treaty series', ''];
  for (let document = 0; document < DOCUMENTS; document++) {
    lines.push(`- Instrument ${document}: see ${citationOf(document, random)}; compare ${citationOf((document * 7 + 3) % DOCUMENTS, random)}.`);
  }
  return `${lines.join('\n')}\n`;
}

/** The sentinel line of corpus change `change`: it cites the article that the change adds to a document. */
function sentinel(change: number): string {
  return `Sentinel ${change}: [${idOf(sentinelDocument(change))} art. ${ARTICLES + 1}(1)(a)].`;
}

function sentinelDocument(change: number): number {
  return 11 + change * 97;
}

/** Text the edits insert: citations whole and in pieces, and Markdown that hides them. */
const SNIPPETS: readonly string[] = ['[2099-D', ' §', 'art. ', '(2)', '(b)', '[', ']', '`', '<!--', '-->', '\n', '1', '9', '–', '; ', 'ibid. ', 'DOC5 ', '“', '”'];

/** Applies one random edit somewhere before `limit` characters from the end. */
function randomEdit(document: EditedDocument, random: () => number, tail: number): void {
  const text = document.text;
  const end = text.length - tail;
  const at = Math.floor(random() * end);
  const roll = random();
  if (roll < 0.35) {
    document.edit(at, at, SNIPPETS[Math.floor(random() * SNIPPETS.length)]);
  } else if (roll < 0.6) {
    document.edit(at, Math.min(end, at + 1 + Math.floor(random() * 8)), '');
  } else if (roll < 0.85) {
    // Changing a digit or a letter inside the next citation: another document, article, paragraph or item.
    const open = text.indexOf('[', at);
    if (open >= 0 && open + 14 < end) {
      const inside = open + 1 + Math.floor(random() * 14);
      document.edit(inside, inside + 1, String(Math.floor(random() * 10)));
    }
  } else {
    const line = `\n- Added: ${citationOf(Math.floor(random() * DOCUMENTS), random)}`;
    document.edit(at, at, line);
  }
}

function diagnosticsOf(client: LspClient, document: EditedDocument): Promise<Diagnostic[]> {
  const version = document.version;
  return client.waitForDiagnostics(document.uri, { accept: (_diagnostics, publication) => publication.version === version, describe: `diagnostics of version ${version}`, timeoutMs: 60_000 });
}

function start(folder: string): Promise<LspClient> {
  return startServer({ workspaceFolders: [{ uri: fileUri(folder), name: path.basename(folder) }], initializationOptions: SETTINGS, watcherRegistration: true });
}

describe('rapid editing on a corpus larger than any cache', () => {
  it(`ends with a fresh server's diagnostics after ${EDITS} random edits and ${CORPUS_CHANGES} corpus changes`, async (t) => {
    const workspace = makeTempFolder('pinpoint-large-');
    t.after(workspace.cleanup);
    const files: Record<string, string> = {};
    for (let document = 0; document < DOCUMENTS; document++) {
      files[`corpus/${idOf(document)}.md`] = corpusText(document, range(ARTICLES));
    }
    writeFiles(workspace.path, files);
    const clauses = DOCUMENTS * ARTICLES * (1 + PARAGRAPHS * (1 + ITEMS));
    assert.ok(clauses > 50_000 + 500_000, `the corpus (${clauses} clauses) is larger than the caches`);

    const started = Date.now();
    const phases: string[] = [];
    const phase = (name: string): void => {
      phases.push(`${name} ${Date.now() - started} ms`);
    };
    const client = await start(workspace.path);
    t.after(() => client.dispose());
    const random = seededRandom(SEED);
    const sentinels = range(CORPUS_CHANGES).map((change) => sentinel(change));
    const tail = `\n${sentinels.join('\n')}\n`;
    const document = new EditedDocument(client, fileUri(path.join(workspace.path, 'brief.md')), initialBrief(random) + tail);
    document.open();
    const first = await diagnosticsOf(client, document);
    phase('first diagnostics');
    assert.ok(first.length > 100, `the brief has problems to keep (${first.length})`);
    const sentinelCount = (diagnostics: readonly Diagnostic[]): number => diagnostics.filter((diagnostic) => diagnostic.range.start.line >= document.text.split('\n').length - 1 - CORPUS_CHANGES).length;
    assert.equal(sentinelCount(first), CORPUS_CHANGES, 'every sentinel cites an article its document lacks');

    const between = Math.floor(EDITS / (CORPUS_CHANGES + 1));
    for (let edit = 0; edit < EDITS; edit++) {
      randomEdit(document, random, tail.length);
      if (random() < 0.02) {
        await diagnosticsOf(client, document);
      }
      const change = Math.floor(edit / between);
      if (edit % between === between - 1 && change < CORPUS_CHANGES) {
        // A corpus file rewritten behind the server's back: the document the sentinel cites gains the article
        // the sentinel names, and loses article 1.
        await diagnosticsOf(client, document);
        const changed = sentinelDocument(change + 1);
        const file = path.join(workspace.path, 'corpus', `${idOf(changed)}.md`);
        fs.writeFileSync(file, corpusText(changed, range(ARTICLES + 1).slice(1)));
        const since = client.mark();
        client.notifyWatchedFiles([{ uri: fileUri(file), type: 2 }]);
        const expected = CORPUS_CHANGES - change - 1;
        await client.waitForDiagnostics(document.uri, { since, accept: (diagnostics) => sentinelCount(diagnostics) === expected, describe: `${expected} sentinels left after change ${change + 1}`, timeoutMs: 60_000 });
        phase(`corpus change ${change + 1}`);
      }
    }
    const final = await diagnosticsOf(client, document);
    phase('edits');
    t.diagnostic(`${clauses} clauses in ${DOCUMENTS} documents; ${first.length} diagnostics at first, ${final.length} at the end`);
    assert.ok(client.alive, 'the server is still running');

    const fresh = await start(workspace.path);
    t.after(() => fresh.dispose());
    const expected = await fresh.openDocumentAndWaitForDiagnostics(document.uri, document.text);
    phase('fresh server');
    t.diagnostic(phases.join('; '));
    assert.ok(expected.length > 100, 'the final text has problems to compare');
    assert.deepEqual(final, expected);
  });
});
