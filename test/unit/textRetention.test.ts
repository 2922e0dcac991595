/**
 * What the index keeps of a corpus file for good (its header and its skeleton) must not keep the file's text
 * alive: V8 keeps a slice of 13 characters or more as a view of the whole string it was cut from, so a title
 * or a message cut from the text held all of it (issue 14: 15 KB per file, copied by every garbage collection
 * while a large corpus loaded). Each test builds many large texts, keeps only what the index keeps, collects
 * garbage and checks that the heap did not keep the texts.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { parseCorpusDocument, readHeader } from '../../server/src/service/corpusParser';
import { Skeleton } from '../../server/src/service/skeleton';

v8.setFlagsFromString('--expose-gc');
const collect = vm.runInNewContext('gc') as () => void;

const FILES = 60;
/** About 1 MB of body text per file: FILES of them kept would be more than 60 MB. */
const PARAGRAPHS = 2_000;

/** A corpus file of about 1 MB whose front matter, labels and problems are long enough to be kept as slices. */
function largeFile(index: number): string {
  const body: string[] = [];
  for (let section = 1; section <= 20; section++) {
    body.push(`## Article ${section}`, '');
    for (let paragraph = 1; paragraph <= PARAGRAPHS / 20; paragraph++) {
      body.push(`(${paragraph}) Paragraph ${paragraph} of article ${section} in file ${index}: ${'text of the treaty '.repeat(25)}`, '');
    }
  }
  // A duplicate article number: a problem whose message names the heading.
  body.push('## Article 3', '', 'A paragraph of a duplicate article.', '');
  return [
    '---',
    `id: 2000-F${index}`,
    `title: Agreement number ${index} between the Parties on the Long Title of Treaties`,
    'language: en',
    'status: in-force',
    `date: 2000-01-${String((index % 28) + 1).padStart(2, '0')}`,
    '---',
    '',
    ...body,
  ].join('\n');
}

/** Heap bytes kept by what `keep` returns for each of FILES large texts. */
function keptBytes(keep: (text: string) => unknown): { kept: number; textBytes: number } {
  const held: unknown[] = [];
  collect();
  const before = process.memoryUsage().heapUsed;
  let textBytes = 0;
  for (let index = 0; index < FILES; index++) {
    const text = largeFile(index);
    textBytes += text.length;
    held.push(keep(text));
  }
  collect();
  const kept = process.memoryUsage().heapUsed - before;
  assert.equal(held.length, FILES);
  return { kept, textBytes };
}

test('a corpus file header keeps its title, not the text it was read from', () => {
  const { kept, textBytes } = keptBytes((text) => {
    const header = readHeader(text);
    assert.match(header.title ?? '', /^Agreement number \d+ between the Parties/);
    return header;
  });
  assert.ok(kept < textBytes / 20, `the headers keep ${(kept / 1e6).toFixed(1)} MB of ${(textBytes / 1e6).toFixed(1)} MB of text`);
});

test("a skeleton keeps its title, labels, problems and facts, not the document's text", () => {
  const { kept, textBytes } = keptBytes((text) => {
    const skeleton = Skeleton.of(parseCorpusDocument(text), text.length);
    assert.match(skeleton.info.title ?? '', /^Agreement number \d+/);
    assert.ok(skeleton.info.problems.some((problem) => /duplicate section number 3/.test(problem.message)), 'the duplicate article is a problem');
    assert.equal(skeleton.info.facts.status, 'in-force');
    return skeleton;
  });
  assert.ok(kept < textBytes / 10, `the skeletons keep ${(kept / 1e6).toFixed(1)} MB of ${(textBytes / 1e6).toFixed(1)} MB of text`);
});
