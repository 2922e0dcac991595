import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { detectFormat, IdAllocator, renderImported } from '../../server/src/import';
import { importAkomaNtoso } from '../../server/src/import/akomaNtoso';
import { readCorpus } from './importCorpusReader';

const fixtures = path.join(__dirname, '..', 'fixtures', 'import', 'akn');

/** Imports a fixture (an excerpt of za-by-laws' eThekwini Informal Trading By-law) and reads it back. */
function importFixture(name: string): { corpus: ReturnType<typeof readCorpus>; id: string; guesses: string[] } {
  const text = fs.readFileSync(path.join(fixtures, name), 'utf8');
  const result = importAkomaNtoso(text, name);
  assert.equal(result.error, undefined, result.error?.message);
  const { files, guesses } = renderImported(result.documents, new IdAllocator([]));
  assert.equal(files.length, 1);
  return { corpus: readCorpus(files[0].content), id: files[0].id, guesses: [...result.guesses, ...guesses].map((guess) => `${guess.line}: ${guess.message}`) };
}

describe('Akoma Ntoso importer', () => {
  it('reads a 2.0 by-law: sections by num, subsections as paragraphs, lists as items, inline markup flattened', () => {
    const { corpus, id } = importFixture('informal-trading-2.0.xml');
    assert.equal(id, '2014-ETH-IT');
    assert.equal(corpus.frontMatter.title, 'eThekwini Municipality: Informal Trading By-law, 2014');
    assert.equal(corpus.frontMatter.date, '2014-06-27');
    assert.equal(corpus.frontMatter.language, 'en');
    assert.equal(corpus.frontMatter.format, 'Akoma Ntoso 2.0');
    assert.match(String(corpus.frontMatter.long_title), /^To provide for the right to engage in informal trading;/);
    assert.deepEqual(corpus.sectionNumbers, ['3', '4', '5', '6', '7']);
    // Section 3: the list introduction is the paragraph, (a)–(d) its items; <term> is flattened.
    assert.equal(corpus.clauses.get('3.1'), 'The object of this By-law is to regulate informal trading in a manner which –');
    assert.equal(corpus.clauses.get('3.1.1'), '(a) ensures that informal trading is conducted in an orderly manner;');
    assert.equal(corpus.clauses.get('3.1.4'), '(d) ensures the health and safety of the public.');
    // Section 6(2) is §6.2, with its items.
    assert.match(corpus.clauses.get('6.1') ?? '', /^\(1\) The council may, adopt an informal trading policy/);
    assert.match(corpus.clauses.get('6.2') ?? '', /^\(2\) An informal trading policy may allow/);
    assert.equal(corpus.clauses.get('6.2.2'), '(b) non-municipal property, subject to the rights of the owners of the property.');
    // The wrap-up after section 5's list is a paragraph of its own.
    assert.match(corpus.clauses.get('5.2') ?? '', /^any person is permitted to engage in informal trading/);
  });

  it('puts the preamble in section 0, with its (a)–(e) lines as items', () => {
    const { corpus } = importFixture('informal-trading-2.0.xml');
    assert.equal(corpus.paragraphCounts.get('0'), 5);
    assert.match(corpus.clauses.get('0.2') ?? '', /consideration must also be given to –$/);
    assert.equal(corpus.clauses.get('0.2.5'), '(e) the management of public places and public roads;');
  });

  it('makes a schedule a section with a distinct number and its table rows items', () => {
    const { corpus, guesses } = importFixture('informal-trading-2.0.xml');
    assert.match(corpus.clauses.get('7') ?? '', /SCHEDULE – REPEALED BY-LAWS/);
    assert.equal(corpus.clauses.get('7.1'), 'Part A – BY-LAWS');
    assert.equal(corpus.clauses.get('7.1.2'), 'Municipal Notice No. 97 of 1995 | Street Trading By-laws, eThekwini Municipality | The whole');
    assert.ok(guesses.some((guess) => /^169: section “SCHEDULE – REPEALED BY-LAWS” has no number/.test(guess)), guesses.join('\n'));
  });

  it('reads 3.0 (eId, the OASIS namespace), dated versions and inserted sections', () => {
    const { corpus, id, guesses } = importFixture('informal-trading-3.0.xml');
    assert.equal(corpus.frontMatter.format, 'Akoma Ntoso 3.0');
    assert.equal(corpus.frontMatter.date, '2014-06-27');
    assert.equal(corpus.frontMatter.version_date, '2016-01-01');
    assert.equal(id, '2014-ETH-IT-20160101');
    // Section 4A (an inserted section) is 401: base × 100 + letter, never a duplicate.
    assert.deepEqual(corpus.sectionNumbers, ['3', '401', '5', '6', '7']);
    assert.match(corpus.clauses.get('401') ?? '', /^401 4A\. Application of By-law$/);
    assert.ok(guesses.some((guess) => /^84: section 4A\. is numbered 401/.test(guess)), guesses.join('\n'));
    assert.equal(corpus.clauses.get('3.1.1'), '(a) ensures that informal trading is conducted in an orderly manner;');
  });

  it('reports XML that is not well-formed, with its line', () => {
    const result = importAkomaNtoso('<akomaNtoso>\n<act>\n<body></act>\n</akomaNtoso>', 'broken.xml');
    assert.equal(result.documents.length, 0);
    assert.equal(result.error?.line, 3);
    assert.match(result.error?.message ?? '', /^XML is not well-formed/);
  });

  it('reports XML of another vocabulary and documents without text', () => {
    assert.match(importAkomaNtoso('<html><body/></html>', 'page.xml').error?.message ?? '', /not Akoma Ntoso: the root element is <html>/);
    const empty = '<akomaNtoso xmlns="http://www.akomantoso.org/2.0"><act><body><section id="s1"><content><p/></content></section></body></act></akomaNtoso>';
    assert.match(importAkomaNtoso(empty, 'empty.xml').error?.message ?? '', /no text/);
  });

  it('is detected by extension or by content', () => {
    assert.equal(detectFormat('main.xml', ''), 'akoma-ntoso');
    assert.equal(detectFormat('main', '<?xml version="1.0"?><akomaNtoso/>'), 'akoma-ntoso');
  });
});
