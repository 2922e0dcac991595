/**
 * The importer for the Netherlands treaty database (server/src/import/nlTreaties.ts) on excerpts of real files
 * (test/fixtures/import/nl/, see README.md there): the corpus files it writes are read back with the core's
 * own parser and resolver, as the language server reads them, and cited by the numbers the treaty prints.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { detectFormat, IdAllocator, renderImported } from '../../server/src/import';
import { importNlTreaty, readerTextOf, splitRunInList } from '../../server/src/import/nlTreaties';
import { checkLabelSequence, type LabelledBlock, nestByLabels, readLeadingLabel } from '../../server/src/import/printedLabels';
import { testimoniumDate, testimoniumPlace } from '../../server/src/import/testimonium';
import { alignTranslation } from '../../server/src/import/alignVersions';
import type { ImportedDocument, ImportedParagraph, ImportedSection, ImporterResult } from '../../server/src/import/types';
import { parseCitationBody } from '../../server/src/service/citationParser';
import { CorpusIndex } from '../../server/src/service/corpusIndex';
import { parseCorpusDocument } from '../../server/src/service/corpusParser';
import { resolvePinpoint } from '../../server/src/service/resolve';

const fixtures = path.join(__dirname, '..', 'fixtures', 'import', 'nl');
const fixture = (name: string): string => fs.readFileSync(path.join(fixtures, name), 'utf8');

/** Imports a fixture and renders it (with the Dutch version when asked); the files by name. */
function importFixture(name: string, options: { translations?: boolean; ids?: string[] } = {}): { result: ImporterResult; files: Map<string, string> } {
  const result = importNlTreaty(fixture(name), `verdrag/example/${name}`);
  assert.equal(result.error, undefined, result.error?.message);
  const { files } = renderImported(result.documents, new IdAllocator(options.ids ?? []), { translations: options.translations });
  return { result, files: new Map(files.map((file) => [file.fileName, file.content])) };
}

/** Resolves a citation body (`1969-VCLT art. 31(3)(c)`) in corpus files, as the server does; the first clause's text. */
function cite(files: Map<string, string>, body: string): string {
  const index = new CorpusIndex();
  const root = 'file:///corpus';
  for (const [name, content] of files) {
    index.set(`${root}/${name}`, root, content);
  }
  const parsed = parseCitationBody(body, 0, body.length);
  assert.equal(parsed.error, undefined, `${body}: ${parsed.error?.message}`);
  const citation = parsed.cites[0];
  const document = index.resolve(citation.docId, [root]);
  assert.ok(document, `${citation.docId} is loaded`);
  const resolved = resolvePinpoint(document, citation.pinpoints[0]);
  assert.equal(resolved.problem, undefined, `${body}: ${resolved.problem?.message}`);
  return resolved.clauses[0].text;
}

/**
 * The corpus-errors of a file as the core reads it. (The excerpts leave articles out, so their article
 * numbers skip: a `label-sequence` warning there is expected and not counted.)
 */
function corpusErrors(content: string): string[] {
  return parseCorpusDocument(content).problems.filter((problem) => problem.code === undefined).map((problem) => problem.message);
}

/** Every non-blank source line is in the output (clauses, headings, front matter) or in a note saying why not. */
function assertNothingDroppedSilently(source: string, result: ImporterResult, output: string): void {
  const covered = new Set<number>();
  for (const note of result.skipped) {
    const range = /^lines? (\d+)(?:–(\d+))?:/.exec(note.message);
    if (range) {
      for (let line = Number(range[1]); line <= Number(range[2] ?? range[1]); line++) {
        covered.add(line);
      }
    } else {
      covered.add(note.line);
    }
  }
  const flat = output.replace(/\s+/g, '').toLowerCase();
  source.split('\n').forEach((line, index) => {
    const text = readerTextOf(line).replace(/\s+/g, '').toLowerCase();
    if (text === '' || covered.has(index + 1)) {
      return;
    }
    assert.ok(flat.includes(text), `line ${index + 1} is neither in the output nor listed as left out: ${line.slice(0, 80)}`);
  });
}

describe('nl-treaties importer: detection', () => {
  it('detects the format by content, whatever the file is called (every treaty is a README.md)', () => {
    assert.equal(detectFormat('README.md', fixture('vclt.md')), 'nl-treaty');
    assert.equal(detectFormat('verdrag.markdown', fixture('echr.md')), 'nl-treaty');
    assert.equal(detectFormat('README.md', '# Project\n\nSome notes.\n'), 'statute-markdown');
  });
});

describe('nl-treaties importer: the VCLT', () => {
  const { result, files } = importFixture('vclt.md', { translations: true, ids: ['1969-VCLT'] });
  const english = files.get('1969-VCLT.md') ?? assert.fail('no English file');
  const parsed = parseCorpusDocument(english);

  it('writes front matter with the title, date, place, language, source and the testimonium, not clauses', () => {
    assert.equal(parsed.meta.title, 'Vienna Convention of the law of treaties');
    assert.equal(parsed.meta.date, '1969-05-23');
    assert.equal(parsed.meta.place, 'Vienna');
    assert.equal(parsed.meta.language, 'en');
    assert.equal(parsed.meta.official_title, 'Verdrag van Wenen inzake het verdragenrecht');
    assert.equal(parsed.meta.source, 'statengeneraal/laws-markdown@91556a8:verdrag/example/vclt.md');
    assert.match(String(parsed.meta.testimonium), /^IN WITNESS WHEREOF the undersigned Plenipotentiaries.*DONE AT VIENNA, this twenty-third day of May/);
    assert.ok(!parsed.clauses.some((clause) => /IN WITNESS WHEREOF/.test(clause.text)), 'the testimonium is no clause');
    assert.deepEqual(corpusErrors(english), []);
  });

  it('splits the preamble into recitals', () => {
    const recitals = parsed.clauses.filter((clause) => clause.kind === 'paragraph' && clause.path[0] === 0).map((clause) => clause.text);
    assert.equal(recitals[0], 'The States Parties to the present Convention,');
    assert.match(recitals[1], /^Considering the fundamental role of treaties/);
    assert.match(recitals[3], /^Noting that the principles of free consent.*pacta sunt servanda rule/);
    assert.equal(recitals[recitals.length - 1], 'Have agreed as follows:');
    assert.equal(recitals.length, 10);
  });

  it('writes articles with their titles, printed paragraph numbers, items, parts and sections', () => {
    assert.match(english, /^# Part I – Introduction$/m);
    assert.match(english, /^# Part III – Observance, application and interpretation of treaties$/m);
    assert.match(english, /^### Section 3 – INTERPRETATION OF TREATIES$/m);
    assert.match(english, /^## Article 31 – General rule of interpretation$/m);
    assert.match(english, /^1\. A treaty shall be interpreted in good faith/m);
    assert.match(english, /^- \(c\) any relevant rules of international law/m);
    assert.match(cite(files, '1969-VCLT art. 31(3)(c)'), /^\(c\) any relevant rules of international law applicable/);
    assert.match(cite(files, '1969-VCLT art. 2(1)(i)'), /^\(i\) “international organization” means an intergovernmental organization\.$/);
    assert.match(cite(files, '1969-VCLT art. 66(a)'), /^\(a\) any one of the parties to a dispute concerning the application/);
  });

  it('writes the annex as `# Annex` with its numbered paragraphs, and the words closing a list as a paragraph', () => {
    assert.match(english, /^# Annex$/m);
    assert.match(cite(files, '1969-VCLT annex para. 2'), /^2\. When a request has been made to the Secretary-General under article 66/);
    assert.match(cite(files, '1969-VCLT annex para. 3'), /^3\. The Conciliation Commission shall decide its own procedure/);
    const annexClauses = parsed.clauses.filter((clause) => clause.annex !== undefined && clause.kind === 'paragraph').map((clause) => clause.text);
    assert.ok(annexClauses.some((text) => text.startsWith('The State or States constituting the other party to the dispute shall appoint two conciliators')), 'closing words of paragraph 2 are a paragraph of their own');
  });

  it('leaves out the Final Act and lists it, and the Dutch translation, in the summary with the reason', () => {
    const messages = result.skipped.map((note) => note.message);
    assert.ok(messages.some((message) => /^lines \d+–\d+: the conference's Final Act/.test(message)), messages.join('\n'));
    assert.ok(messages.some((message) => /^lines \d+–\d+: the Dutch translation/.test(message)), messages.join('\n'));
    assert.ok(messages.some((message) => /^line 1: HTML markup/.test(message)));
    assert.doesNotMatch(english.slice(english.indexOf('\n---\n')), /Final Act|Verdrag van Wenen|Werkingssfeer/);
    assertNothingDroppedSilently(fixture('vclt.md'), result, [...files.values()].join('\n'));
  });

  it('writes the Dutch translation as its own language version, never mixed into the English', () => {
    const dutch = files.get('1969-VCLT.nl.md') ?? assert.fail('no Dutch version');
    const version = parseCorpusDocument(dutch);
    assert.equal(version.meta.language, 'nl');
    assert.equal(version.meta.authentic, false);
    assert.equal(version.meta.title, 'Verdrag van Wenen inzake het verdragenrecht');
    assert.match(dutch, /^# Deel I – Inleiding$/m);
    assert.match(dutch, /Dit Verdrag is van toepassing op verdragen tussen Staten\./);
    assert.deepEqual(version.problems, []);
    // Loaded beside the English, the core aligns the two by label and finds nothing that does not line up.
    const index = new CorpusIndex();
    for (const [name, content] of files) {
      index.set(`file:///corpus/${name}`, 'file:///corpus', content);
    }
    assert.deepEqual(index.problemsOf('file:///corpus/1969-VCLT.nl.md', ['file:///corpus']).filter((problem) => problem.code === undefined), []);
  });

  it('keeps of a translation what aligns by printed label, skipping the labels it lacks', () => {
    const paragraph = (text: string, items: string[] = []): ImportedParagraph => ({ text, line: 0, items: items.map((item) => ({ text: item, line: 0 })) });
    const section = (heading: string, paragraphs: ImportedParagraph[]): ImportedSection => ({ heading, line: 0, paragraphs });
    const english: ImportedDocument = {
      title: 'E',
      frontMatter: {},
      preamble: [paragraph('The Parties,'), paragraph('Have agreed:')],
      sections: [section('Article 1', [paragraph('1. One', ['(a) a', '(b) b']), paragraph('2. Two'), paragraph('3. Three')]), section('Article 2', [paragraph('Unnumbered.')])],
      line: 0,
    };
    const dutch: ImportedDocument = {
      title: 'N',
      frontMatter: {},
      preamble: [paragraph('De Partijen, zijn overeengekomen:')],
      sections: [section('Artikel 1', [paragraph('1. Een', ['a) a']), paragraph('3. Drie')]), section('Artikel 2', [paragraph('1. Genummerd.')])],
      line: 0,
    };
    const { document, counts } = alignTranslation(english, dutch);
    assert.deepEqual(document.preamble, [], 'two recitals against one: left out');
    assert.deepEqual(
      document.sections?.map((entry) => [entry.heading, entry.paragraphs.map((kept) => [kept.text, ...kept.items.map((item) => item.text)])]),
      [
        ['Artikel 1', [['1. Een', 'a) a'], ['3. Drie']]],
        ['Artikel 2', []],
      ],
    );
    assert.deepEqual(counts, { aligned: 3, missing: 5 });
  });
});

describe('nl-treaties importer: the UN Charter', () => {
  const { result, files } = importFixture('un-charter.md', { ids: ['1945-UNCH'] });
  const english = files.get('1945-UNCH.md') ?? assert.fail('no file');

  it('keeps article 2’s chapeau an unlabelled paragraph, so art. 2(4) is the paragraph printed 4.', () => {
    assert.equal(cite(files, '1945-UNCH art. 2(4)').slice(0, 60), '4. All Members shall refrain in their international relation');
    assert.match(english, /^The Organization and its Members, in pursuit of the Purposes stated in Article 1, shall act in accordance with the following Principles\.$/m);
    assert.match(english, /^1\. To maintain international peace and security/m, '`1.To` becomes `1. To`');
  });

  it('writes chapters as level-1 headings and the unnumbered sub-headings (Composition) as level-3 ones', () => {
    assert.match(english, /^# Chapter IV – The General Assembly\n\n### Composition\n\n## Article 9$/m);
    assert.match(cite(files, '1945-UNCH art. 51'), /^Article 51$/);
    const parsed = parseCorpusDocument(english);
    assert.equal(parsed.meta.date, '1945-06-26');
    assert.equal(parsed.meta.place, 'San Francisco');
    assert.deepEqual(corpusErrors(english), []);
    assertNothingDroppedSilently(fixture('un-charter.md'), result, english);
  });
});

describe('nl-treaties importer: UNCLOS', () => {
  const { result, files } = importFixture('unclos.md', { ids: ['1982-UNCLOS'] });
  const english = files.get('1982-UNCLOS.md') ?? assert.fail('no file');

  it('nests items to any depth: art. 1(1)(5)(a)(i)', () => {
    assert.match(english, /^- \(5\)\n {2}- \(a\) “dumping” means:\n {4}- \(i\) any deliberate disposal of wastes/m);
    assert.match(cite(files, '1982-UNCLOS art. 1(1)(5)(a)(ii)'), /^\(ii\) any deliberate disposal of vessels, aircraft/);
    assert.match(cite(files, '1982-UNCLOS art. 1(2)(2)'), /^\(2\) This Convention applies mutatis mutandis to the entities/);
  });

  it('writes annexes at `# Annex …`, with or without articles, numbered within the annex', () => {
    assert.match(english, /^# Annex I – HIGHLY MIGRATORY SPECIES$/m);
    assert.match(cite(files, '1982-UNCLOS annex I para. 3'), /^3\. Bigeye tuna: Thunnus obesus\.$/);
    assert.match(cite(files, '1982-UNCLOS annex VII art. 1'), /^Article 1 – Institution of proceedings$/);
    assert.match(cite(files, '1982-UNCLOS annex VII art. 2(2)'), /^2\. If at any time the arbitrators nominated by a State Party/);
    assert.match(cite(files, '1982-UNCLOS art. 1'), /^Article 1 – Use of terms and scope$/, 'the body’s article 1 is not the annexes’');
    assert.deepEqual(corpusErrors(english), []);
  });

  it('leaves out the resolutions of the Final Act after the annexes, and says so', () => {
    assert.doesNotMatch(english, /Preparatory Commission/);
    assert.ok(result.skipped.some((note) => /the conference's Final Act and its resolutions/.test(note.message)));
    assertNothingDroppedSilently(fixture('unclos.md'), result, english);
  });
});

describe('nl-treaties importer: the Rome Statute', () => {
  const { files } = importFixture('rome.md', { ids: ['1998-ROME'] });

  it('reads `a)` items with `(i)` sub-items, and a list that opens after a colon in a style already open', () => {
    assert.match(cite(files, '1998-ROME art. 8(2)(a)(i)'), /^\(i\) Wilful killing;$/);
    assert.match(cite(files, '1998-ROME art. 8(2)(b)(iii)'), /^\(iii\) Intentionally directing attacks against personnel/);
    assert.match(cite(files, '1998-ROME art. 93(10)(b)(i)(a)'), /^a\) The transmission of statements, documents/);
    assert.match(cite(files, '1998-ROME art. 93(10)(b)(ii)(b)'), /^b\) If the statements, documents or other types of evidence have been provided by a witness/);
    assert.match(cite(files, '1998-ROME art. 93(10)(c)'), /^c\) The Court may, under the conditions set out in this paragraph/);
    const parsed = parseCorpusDocument(files.get('1998-ROME.md') ?? '');
    assert.deepEqual(corpusErrors(files.get('1998-ROME.md') ?? ''), []);
    assert.equal(parsed.meta.date, '1998-07-17');
  });
});

describe('nl-treaties importer: a file with two instruments, the ECHR, notes and other languages', () => {
  it('imports the ICCPR and its first Optional Protocol as two documents', () => {
    const { result, files } = importFixture('iccpr.md', { ids: ['1966-ICCPR', '1966-ICCPR-OP1'] });
    assert.equal(result.documents.length, 2);
    assert.equal(result.documents[1].title, 'Optional Protocol to the International Covenant on Civil and Political Rights');
    assert.match(cite(files, '1966-ICCPR art. 6(1)'), /^1\. Every human being has the inherent right to life/);
    assert.match(cite(files, '1966-ICCPR-OP1 art. 1'), /^Article 1$/);
    assert.match(String(parseCorpusDocument(files.get('1966-ICCPR-OP1.md') ?? '').meta.testimonium), /^IN FAITH WHEREOF/);
  });

  it('keeps ECHR article titles without their dash, adds the space a label lost, and heads a top-level section with #', () => {
    const { files } = importFixture('echr.md', { ids: ['1950-ECHR'] });
    const english = files.get('1950-ECHR.md') ?? '';
    assert.match(english, /^## Article 2 – Right to life$/m);
    assert.match(english, /^# Section I – Rights and freedoms$/m);
    assert.match(cite(files, '1950-ECHR art. 2(2)(a)'), /^\(a\) in defence of any person from unlawful violence;$/);
  });

  it('leaves out the Dutch database’s notes inside an English text, with the reason', () => {
    const { result, files } = importFixture('echr-protocol-14.md', { ids: ['2004-ECHR-P14'] });
    const english = files.get('2004-ECHR-P14.md') ?? '';
    assert.doesNotMatch(english, /Wijzigt/);
    assert.match(english, /^## Article 1$/m);
    assert.ok(result.skipped.some((note) => /a note of the Dutch treaty database \(in Dutch\), not treaty text/.test(note.message)));
    assertNothingDroppedSilently(fixture('echr-protocol-14.md'), result, english);
  });

  it('imports a file with no English text in its own language and says so', () => {
    const { result, files } = importFixture('french.md', { ids: ['1954-FR'] });
    const french = parseCorpusDocument(files.get('1954-FR.md') ?? '');
    assert.equal(french.meta.language, 'fr');
    assert.equal(french.meta.date, '1954-06-01');
    assert.equal(french.meta.place, 'Paris');
    assert.ok(result.guesses.some((note) => /no English text: imported in its own language \(French\)/.test(note.message)));
    assert.ok(french.clauses.some((clause) => clause.kind === 'section' && clause.text === '1 Article 1er'));
    assert.deepEqual(corpusErrors(files.get('1954-FR.md') ?? ''), []);
  });

  it('refuses a file with headings only, with a clear message', () => {
    const result = importNlTreaty("<meta http-equiv='Content-Type' content='text/html; charset=utf-8' />\n\n##Verdrag\n\n####Treaty\n\n### Article  1  \n", 'x/README.md');
    assert.deepEqual(result.documents, []);
    assert.match(result.error?.message ?? '', /no treaty text/);
  });
});

describe('printed labels', () => {
  it('reads labels as printed, with their readings', () => {
    assert.equal(readLeadingLabel('1.The Organization')?.label, '1.');
    assert.equal(readLeadingLabel('(a)in defence')?.label, '(a)');
    assert.equal(readLeadingLabel('2 bis. Text')?.label, '2 bis.');
    assert.equal(readLeadingLabel('(1). The jurisdiction')?.label, '(1).');
    assert.deepEqual(readLeadingLabel('(i) text')?.readings.map((reading) => `${reading.style} ${reading.ordinal}`), ['roman-paren 1', 'lower-paren 9']);
    assert.equal(readLeadingLabel('a.higher standards')?.label, 'a.');
    assert.equal(readLeadingLabel('e.g. this'), undefined);
    assert.equal(readLeadingLabel('l. Should a state')?.scannedOne, true);
    assert.equal(readLeadingLabel('（甲）全體當事國')?.readings[0].style, 'stem-paren');
    assert.equal(readLeadingLabel('一  人人皆有')?.readings[0].ordinal, 1);
    assert.equal(readLeadingLabel('The Court'), undefined);
  });

  const nest = (texts: readonly string[]): string => {
    const blocks: LabelledBlock<string>[] = texts.map((text) => ({ label: readLeadingLabel(text), value: text }));
    const tree = nestByLabels(blocks, (text) => text);
    const show = (nodes: typeof tree): string => nodes.map((node) => `${node.label?.label ?? '¶'}${node.children.length > 0 ? `[${show(node.children)}]` : ''}`).join(' ');
    assert.deepEqual(checkLabelSequence(tree).map((problem) => problem.message), []);
    return show(tree);
  };

  it('nests paragraphs, items and sub-items by their labels, a chapeau and closing words as paragraphs', () => {
    assert.equal(nest(['The Principles:', '1. One', '2. Two']), '¶ 1. 2.');
    assert.equal(nest(['Chapeau:', '(a) one', '(b) two', 'closing words.']), '¶[(a) (b)] ¶');
    assert.equal(nest(['1. For the purposes:', '(a) one', '(h) eight'.replace('(h)', '(b)'), '2. Two']), '1.[(a) (b)] 2.');
    assert.equal(nest(['1. x:', '(a) a', '(b) b', '(c) c', '(d) d', '(e) e', '(f) f', '(g) g', '(h) h', '(i) i', '(j) j']), '1.[(a) (b) (c) (d) (e) (f) (g) (h) (i) (j)]');
    assert.equal(nest(['1. x:', '(a) a:', '(i) one', '(ii) two', '(b) b']), '1.[(a)[(i) (ii)] (b)]');
    assert.equal(nest(['(h) only:'.replace('(h)', '(a)'), '(i) one', '(ii) two']), '(a)[(i) (ii)]');
  });

  it('keeps text that continues an item after its sub-items inside the item, so the list runs on', () => {
    assert.equal(nest(['1. x:', '(a) a:', '(i) one', '(ii) two', 'If, in the second period …', '(b) b']), '1.[(a)[(i) (ii) ¶] (b)]');
  });

  it('opens a new list after a colon even in a style open higher up, and returns to it after a full stop', () => {
    assert.equal(nest(['1.', 'a) first', 'b)', '(i) inter alia:', 'a) one; and', 'b) two;', '(ii) assistance:', 'a) three;', 'b) four.', 'c) last']), '1.[a) b)[(i)[a) b)] (ii)[a) b)]] c)]');
  });

  it('splits a list run into its paragraph', () => {
    assert.deepEqual(splitRunInList('reports: (a) within one year; and (b) thereafter every two years.'), ['reports:', '(a) within one year; and', '(b) thereafter every two years.']);
    assert.deepEqual(splitRunInList('as set out in paragraph 2: (a) only'), ['as set out in paragraph 2: (a) only']);
  });
});

describe('testimonium', () => {
  it('reads the date and place in words, figures, French and Dutch', () => {
    assert.equal(testimoniumDate('DONE at Vienna, this twenty-third day of May, one thousand nine hundred and sixty-nine.'), '1969-05-23');
    assert.equal(testimoniumDate('DONE at Rome, this 17th day of July 1998.'), '1998-07-17');
    assert.equal(testimoniumDate('Fait à Paris, le 1er Juin 1954 en deux exemplaires'), '1954-06-01');
    assert.equal(testimoniumDate('opened for signature at New York on 18 December 1979.'), '1979-12-18');
    assert.equal(testimoniumDate('DONE at Geneva.'), undefined);
    assert.equal(testimoniumPlace('DONE AT VIENNA, this twenty-third day'), 'Vienna');
    assert.equal(testimoniumPlace('DONE at the city of San Francisco the twenty-sixth day'), 'San Francisco');
  });
});

describe('nl-treaties importer: schedules', () => {
  /** A treaty in the database's format: two articles, the testimonium, then what follows it. */
  const treaty = (after: string): string =>
    `<meta http-equiv='Content-Type' content='text/html; charset=utf-8' />\n\n##Verdrag\n\n####Convention on Examples\n\n### Article  1  \n\nThe first article.\n\n### Article  2  \n\nThe second article.\n\nIN WITNESS WHEREOF the undersigned have signed this Convention. DONE at Geneva, this first day of May 1951.\n\n${after}`;
  const render = (text: string): Map<string, string> => {
    const result = importNlTreaty(text, 'verdrag/example/README.md');
    assert.equal(result.error, undefined, result.error?.message);
    return new Map(renderImported(result.documents, new IdAllocator(['1951-X'])).files.map((file) => [file.fileName, file.content]));
  };

  it('writes a schedule as an annex, whose Paragraph N is cited annex para. N', () => {
    const files = render(treaty('### SCHEDULE  \n\n### Paragraph  1  \n\n1. The travel document shall be similar to the specimen.\n2. It shall be made out in two languages.\n\n###Paragraph  2 \n\nChildren may be included.\n\n### ANNEX  \n\n####Specimen Travel Document\n\nThe document will be in booklet form.\n'));
    const content = files.get('1951-X.md') ?? assert.fail('no file');
    assert.match(content, /^# Schedule$/m);
    assert.match(content, /^# Annex – Specimen Travel Document$/m);
    assert.deepEqual(corpusErrors(content), []);
    assert.equal(cite(files, '1951-X annex 1 para. 1(2)'), '2. It shall be made out in two languages.');
    assert.equal(cite(files, '1951-X annex 1 para. 2'), '2 Paragraph 2');
    assert.equal(cite(files, '1951-X art. 2'), 'Article 2');
  });

  it('keeps the schedules of an annex inside it (as its sections), and a repeated schedule heading inside its schedule', () => {
    const inAnnex = render(treaty('### ANNEX  \n\n### SCHEDULE  I  \n\nRoutes to be operated.\n\n### SCHEDULE  II  \n\nMore routes.\n')).get('1951-X.md') ?? assert.fail('no file');
    assert.deepEqual(inAnnex.match(/^#{1,3} .*$/gm)?.slice(2), ['# Annex', '## Schedule I', '## Schedule II']);
    assert.deepEqual(corpusErrors(inAnnex), []);
    const repeated = render(treaty('### SCHEDULE  C  \n\nEligibility.\n\n### SCHEDULE  D  \n\nVotes.\n\n### SCHEDULE  D  \n\n####Annex\n\nThe allocation.\n')).get('1951-X.md') ?? assert.fail('no file');
    assert.deepEqual(repeated.match(/^# .*$/gm), ['# Schedule C', '# Schedule D']);
    assert.deepEqual(corpusErrors(repeated), []);
  });
});
