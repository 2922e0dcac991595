/**
 * Instrument status through the language service, on the fixtures of `test/fixtures/status/` (a VCLT, a
 * 1958 convention superseded by UNCLOS, the Rome Statute and its Kampala amendment) and small inline
 * corpora: `instrument-status` at the brief's date, the quick fix to cite the successor, amendments that
 * give articles, hover and completion lines, `corpus-error`s of relations (unloaded ids, cycles), and links,
 * definition and references along relations.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, Hover } from 'vscode-languageserver-types';
import { createLanguageService, LanguageService } from '../../server/src/service/languageService';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'status');
const ROOT = 'file:///status';
const SCOPE = [ROOT];
const NOW = new Date('2024-06-01T12:00:00Z');

interface Loaded {
  readonly service: LanguageService;
  /** A brief (or any file) as an open document. */
  open(text: string, name?: string): TextDocument;
  /** A corpus file of the fixture as an open document. */
  corpus(name: string): TextDocument;
}

let opened = 0;

/** The fixture corpus, plus extra corpus files (name → text), in one fresh service. */
function load(extra: Record<string, string> = {}, options: { fixtures?: boolean } = {}): Loaded {
  const service = createLanguageService({ now: () => NOW });
  const texts = new Map<string, string>();
  if (options.fixtures !== false) {
    for (const name of fs.readdirSync(path.join(FIXTURES, 'corpus'))) {
      texts.set(name, fs.readFileSync(path.join(FIXTURES, 'corpus', name), 'utf8'));
    }
  }
  for (const [name, text] of Object.entries(extra)) {
    texts.set(name, text);
  }
  for (const [name, text] of texts) {
    assert.ok(service.setCorpusFile(`${ROOT}/${name}`, ROOT, text), `${name} is a corpus file`);
  }
  return {
    service,
    // Each brief its own URI: the service caches scans by URI and version.
    open: (text, name = `brief-${++opened}.md`) => TextDocument.create(`file:///briefs/${name}`, 'markdown', 1, text),
    corpus: (name) => TextDocument.create(`${ROOT}/${name}`, 'markdown', 1, texts.get(name) ?? assert.fail(`no corpus file ${name}`)),
  };
}

function brief(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, 'briefs', name), 'utf8');
}

function statusWarnings(diagnostics: readonly Diagnostic[], document: TextDocument): { at: string; message: string }[] {
  return diagnostics
    .filter((diagnostic) => diagnostic.code === 'instrument-status')
    .map((diagnostic) => {
      assert.equal(diagnostic.severity, 2, 'instrument-status is a warning');
      assert.equal(diagnostic.source, 'pinpoint');
      return { at: document.getText(diagnostic.range), message: typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value };
    });
}

function hoverAt(loaded: Loaded, document: TextDocument, marker: string, delta = 1): string {
  const offset = document.getText().indexOf(marker);
  assert.ok(offset >= 0, `${marker} is in the brief`);
  const hover: Hover | null = loaded.service.hover(document, document.positionAt(offset + delta), SCOPE);
  assert.ok(hover, `a hover at ${marker}`);
  return (hover.contents as { value: string }).value;
}

function corpusErrors(loaded: Loaded, name: string): { message: string; at: string }[] {
  const document = loaded.corpus(name);
  return loaded.service
    .corpusDiagnostics(`${ROOT}/${name}`, SCOPE)
    .filter((diagnostic) => diagnostic.code === 'corpus-error')
    .map((diagnostic) => ({ message: diagnostic.message, at: document.getText(diagnostic.range) }));
}

describe('instrument-status at the brief’s date', () => {
  it('a brief dated 1975 that cites the VCLT gets "not yet in force (27 January 1980)"; dated 2020, nothing', () => {
    const loaded = load();
    const early = loaded.open(brief('vclt-1975.md'));
    assert.deepEqual(statusWarnings(loaded.service.briefDiagnostics(early, SCOPE), early), [
      { at: '1969-VCLT', message: "instrument status: 1969-VCLT was not yet in force (27 January 1980) on 1 May 1975, the brief's date" },
    ]);
    const later = loaded.open(brief('vclt-2020.md'));
    assert.deepEqual(loaded.service.briefDiagnostics(later, SCOPE), []);
  });

  it('judges a brief without a date today, and every brief at --as-of when given', () => {
    const loaded = load();
    const undated = loaded.open('See [1969-VCLT art. 31(1)].\n');
    assert.deepEqual(statusWarnings(loaded.service.briefDiagnostics(undated, SCOPE), undated), []);
    assert.deepEqual(statusWarnings(loaded.service.briefDiagnostics(undated, SCOPE, { asOf: '1979-12' }), undated), [
      { at: '1969-VCLT', message: 'instrument status: 1969-VCLT is not yet in force (27 January 1980)' },
    ]);
    const dated = loaded.open(brief('vclt-1975.md'));
    assert.deepEqual(statusWarnings(loaded.service.briefDiagnostics(dated, SCOPE, { asOf: '2020-01-01' }), dated), [], '--as-of wins over the brief’s date');
  });

  it('is turned off by the setting', () => {
    const loaded = load();
    const early = loaded.open(brief('vclt-1975.md'));
    assert.deepEqual(loaded.service.briefDiagnostics(early, SCOPE, { check: false }), []);
    const superseded = loaded.open(brief('territorial-sea-2020.md'));
    const everything = { start: superseded.positionAt(0), end: superseded.positionAt(superseded.getText().length) };
    assert.deepEqual(loaded.service.codeActions(superseded, everything, SCOPE, [], { check: false }).filter((action) => action.title.includes('UNCLOS')), []);
  });

  it('warns on each cite of a superseded instrument, through an alias too, but not on ibid.', () => {
    const loaded = load();
    const text = '---\ndate: 2020-01-15\n---\n\n[1958-TSC art. 1(1)]; [TSC art. 2]; [ibid. art. 3]\n';
    const aliased = load({
      '1958-TSC.md': fs.readFileSync(path.join(FIXTURES, 'corpus', '1958-TSC.md'), 'utf8').replace('status: in-force', 'status: in-force\naliases: [TSC]'),
    });
    const document = aliased.open(text);
    const warnings = statusWarnings(aliased.service.briefDiagnostics(document, SCOPE), document);
    assert.deepEqual(warnings.map((warning) => warning.at), ['1958-TSC', 'TSC']);
    assert.ok(warnings[1].message.startsWith('instrument status: 1958-TSC was superseded by 1982-UNCLOS (art. 311(1)) between its parties on 16 November 1994'));
    assert.ok(loaded, 'the plain fixture loads too');
  });

  it('before the successor entered into force, the superseded instrument is in force', () => {
    const loaded = load();
    const document = loaded.open('---\ndate: 1990-06-01\n---\n\n[1958-TSC art. 1(1)]\n');
    assert.deepEqual(loaded.service.briefDiagnostics(document, SCOPE), []);
    assert.ok(hoverAt(loaded, document, '1958-TSC').includes('*In force since 10 September 1964*'));
  });
});

describe('instrument-status: the quick fix cites the successor', () => {
  it('carries each pinpoint over by the correspondence the relation gives, checked against the successor', () => {
    const loaded = load();
    const document = loaded.open(brief('territorial-sea-2020.md'));
    const text = document.getText();
    const fixesAt = (marker: string): { title: string; newText: string; replaced: string; preferred: boolean }[] => {
      const offset = text.indexOf(marker);
      const range = { start: document.positionAt(offset), end: document.positionAt(offset + marker.length) };
      const diagnostics = loaded.service.briefDiagnostics(document, SCOPE).filter((diagnostic) => diagnostic.code === 'instrument-status');
      return loaded.service
        .codeActions(document, range, SCOPE, diagnostics)
        .filter((action) => action.diagnostics?.some((diagnostic) => diagnostic.code === 'instrument-status'))
        .map((action) => {
          const [edit] = action.edit?.changes?.[document.uri] ?? [];
          return { title: action.title, newText: edit.newText, replaced: document.getText(edit.range), preferred: action.isPreferred === true };
        });
    };
    assert.deepEqual(fixesAt('[1958-TSC art. 1(1)]'), [
      { title: 'Cite 1982-UNCLOS art. 2(1) instead', newText: '1982-UNCLOS art. 2(1)', replaced: '1958-TSC art. 1(1)', preferred: true },
      { title: 'Cite 1982-UNCLOS instead', newText: '1982-UNCLOS', replaced: '1958-TSC art. 1(1)', preferred: false },
    ]);
    assert.deepEqual(fixesAt('[1958-TSC art. 2]')[0], { title: 'Cite 1982-UNCLOS art. 2(2) instead', newText: '1982-UNCLOS art. 2(2)', replaced: '1958-TSC art. 2', preferred: true });
    assert.deepEqual(fixesAt('[1958-TSC art. 3]'), [
      { title: 'Cite 1982-UNCLOS instead (its provisions are not known to correspond)', newText: '1982-UNCLOS', replaced: '1958-TSC art. 3', preferred: false },
    ]);
    // The carried-over citation is itself clean.
    const fixed = loaded.open('---\ndate: 2020-01-15\n---\n\n[1982-UNCLOS art. 2(1)] [1982-UNCLOS art. 2(2)]\n');
    assert.deepEqual(loaded.service.briefDiagnostics(fixed, SCOPE), []);
  });

  it('with `articles: same`, keeps the pinpoint where the successor has it, and only there', () => {
    const loaded = load(
      {
        '2000-OLD.md': '---\nid: 2000-OLD\ntitle: Old\nentry_into_force: 2001-01-01\nsuperseded_by: { id: 2010-NEW, articles: same }\n---\n\n## Article 1\n\nOld one.\n\n## Article 2\n\nOld two.\n',
        '2010-NEW.md': '---\nid: 2010-NEW\ntitle: New\nentry_into_force: 2011-01-01\n---\n\n## Article 1\n\nNew one.\n',
      },
      { fixtures: false },
    );
    const document = loaded.open('[2000-OLD art. 1] [2000-OLD §2]\n');
    const titles = loaded.service
      .codeActions(document, { start: document.positionAt(0), end: document.positionAt(document.getText().length) }, SCOPE)
      .map((action) => action.title);
    assert.deepEqual(titles.filter((title) => title.includes('2010-NEW')), ['Cite 2010-NEW art. 1 instead', 'Cite 2010-NEW instead', 'Cite 2010-NEW instead (its provisions are not known to correspond)']);
  });
});

describe('amendments as documents', () => {
  it('an article the amendment inserts resolves once it is loaded, with hover saying where the text comes from', () => {
    const loaded = load();
    const document = loaded.open(brief('aggression-2020.md'));
    assert.deepEqual(loaded.service.briefDiagnostics(document, SCOPE), []);
    const hover = hoverAt(loaded, document, 'art. 8 bis(1)');
    assert.ok(hover.includes('**1998-ROME art. 8 bis\\(1\\)**'), hover);
    assert.ok(hover.includes('Inserted by the amendment [2010-RC-RES6](file:///status/2010-RC-RES6.md#L2) (adopted 11 June 2010; in force 8 May 2013)'), hover);
    assert.ok(hover.includes('"crime of aggression" means the planning'), hover);
    const definition = loaded.service.definition(document, document.positionAt(document.getText().indexOf('art. 8 bis') + 2), SCOPE);
    assert.equal(definition?.uri, `${ROOT}/2010-RC-RES6.md`, 'definition opens the amendment');
    assert.equal(definition?.range.start.line, 14, 'at paragraph 1 of article 8 bis');
    const link = loaded.service.documentLinks(document, SCOPE).find((candidate) => document.getText(candidate.range) === 'art. 8 bis(1)');
    assert.equal(link?.target, `${ROOT}/2010-RC-RES6.md#L15`);
  });

  it('without the amendment the article is unknown; before the amendment entered into force it is a warning', () => {
    const without = load({}, { fixtures: false });
    for (const name of ['1998-ROME.md']) {
      without.service.setCorpusFile(`${ROOT}/${name}`, ROOT, fs.readFileSync(path.join(FIXTURES, 'corpus', name), 'utf8'));
    }
    const document = without.open(brief('aggression-2020.md'));
    assert.deepEqual(
      without.service.briefDiagnostics(document, SCOPE).map((diagnostic) => diagnostic.code),
      ['unknown-clause'],
    );
    const loaded = load();
    const early = loaded.open(brief('aggression-2011.md'));
    assert.deepEqual(statusWarnings(loaded.service.briefDiagnostics(early, SCOPE), early), [
      { at: 'art. 8 bis(1)', message: "instrument status: this provision of 1998-ROME comes from the amendment 2010-RC-RES6, not yet in force (8 May 2013) on 1 March 2011, the brief's date" },
    ]);
  });

  it('a quotation of an inserted article is checked against the amendment’s text', () => {
    const loaded = load();
    const document = loaded.open('It is "the planning, preparation, initiation or execution" [1998-ROME art. 8 bis(1)], not "a war of aggression" [1998-ROME art. 8 bis(1)].\n');
    const problems = loaded.service.briefDiagnostics(document, SCOPE).map((diagnostic) => [diagnostic.code, document.getText(diagnostic.range)]);
    assert.deepEqual(problems, [['quote-mismatch', '"a war of aggression"']]);
  });

  it('the table of authorities lists an inserted article as cited, after the article it follows', () => {
    const loaded = load();
    const document = loaded.open('[1998-ROME art. 9(1)] [1998-ROME art. 8 bis(1)] [1998-ROME art. 8(1)]\n');
    const { table } = loaded.service.tableOfAuthorities(document, SCOPE, 'brief.md');
    const rome = table.documents.find((entry) => entry.docId === '1998-ROME');
    assert.deepEqual(rome?.entries.map((entry) => entry.label), ['1998-ROME art. 8(1)', '1998-ROME art. 8 bis(1)', '1998-ROME art. 9(1)']);
    assert.deepEqual(table.unresolved, []);
  });

  it('an article the amendment lists without its text says so', () => {
    const loaded = load();
    const document = loaded.open('[1998-ROME art. 15 bis]\n');
    const [diagnostic] = loaded.service.briefDiagnostics(document, SCOPE);
    assert.equal(diagnostic.code, 'unknown-clause');
    assert.ok(diagnostic.message.includes('art. 15 bis comes from the amendment 2010-RC-RES6 (adopted 11 June 2010; in force 8 May 2013), whose text does not hold it'), diagnostic.message);
  });

  it('hover on an amended article says which amendment changed it, and when; on the document, every amendment', () => {
    const loaded = load();
    const document = loaded.open(brief('aggression-2020.md'));
    const article = hoverAt(loaded, document, 'art. 9(1)');
    assert.ok(article.includes('*art. 9\\(1\\) amended by [2010-RC-RES6](file:///status/2010-RC-RES6.md#L2) (adopted 11 June 2010; in force 8 May 2013)*'), article);
    const unchanged = loaded.open('[1998-ROME art. 8(1)]\n');
    assert.ok(!hoverAt(loaded, unchanged, 'art. 8(1)').includes('amended by'));
    const whole = loaded.open('[1998-ROME]\n');
    const hover = hoverAt(loaded, whole, '1998-ROME');
    assert.ok(hover.includes('*In force since 1 July 2002*'), hover);
    assert.ok(
      hover.includes('- Amended by [2010-RC-RES6](file:///status/2010-RC-RES6.md#L2) (adopted 11 June 2010; in force 8 May 2013): art. 5\\(2\\), art. 9\\(1\\), art. 15 bis, art. 15 ter, art. 20\\(3\\), art. 25\\(3 bis\\), art. 8 bis'),
      hover,
    );
  });
});

describe('hover and completion show the status in one line under the title', () => {
  it('hover: in force, not yet in force at the brief’s date, superseded with its provision and qualification', () => {
    const loaded = load();
    assert.ok(hoverAt(loaded, loaded.open(brief('vclt-2020.md')), '1969-VCLT').includes('**1969-VCLT** · Vienna Convention on the Law of Treaties  \n*1969-05-23, Vienna*  \n*In force since 27 January 1980*'));
    assert.ok(hoverAt(loaded, loaded.open(brief('vclt-1975.md')), '1969-VCLT').includes("*Not yet in force on 1 May 1975, the brief's date (in force from 27 January 1980)*"));
    assert.ok(
      hoverAt(loaded, loaded.open(brief('territorial-sea-2020.md')), '1958-TSC').includes(
        '*Superseded by [1982-UNCLOS](file:///status/1982-UNCLOS.md#L2) (art. 311(1)) between its parties, since 16 November 1994*',
      ),
    );
  });

  it('completion: the status line in the documentation, judged at the brief’s date', () => {
    const loaded = load();
    const document = loaded.open('---\ndate: 1975-01-01\n---\n[1969-');
    const list = loaded.service.completion(document, document.positionAt(document.getText().length), SCOPE);
    const item = list?.items.find((candidate) => candidate.label === '1969-VCLT');
    assert.ok(item, 'the VCLT is offered');
    const documentation = loaded.service.resolveCompletion(item).documentation as { value: string } | undefined;
    assert.equal(documentation?.value, "**1969-VCLT** · Vienna Convention on the Law of Treaties\n\n*Not yet in force on 1 January 1975, the brief's date (in force from 27 January 1980)*");
  });

  it('completion of a document not parsed yet resolves its status line later, with the brief’s scope and date', () => {
    const loaded = load();
    const document = loaded.open('---\ndate: 2020-01-01\n---\n[1958-');
    const item = loaded.service.completion(document, document.positionAt(document.getText().length), SCOPE)?.items.find((candidate) => candidate.label === '1958-TSC');
    assert.ok(item);
    assert.equal(item.documentation, undefined, 'not parsed yet: resolved lazily');
    const resolved = loaded.service.resolveCompletion(JSON.parse(JSON.stringify(item)));
    assert.ok((resolved.documentation as { value: string }).value.endsWith('between its parties, since 16 November 1994*'), JSON.stringify(resolved.documentation));
  });
});

describe('relations: corpus errors', () => {
  const file = (id: string, extra: string): string => `---\nid: ${id}\ntitle: ${id}\n${extra}\n---\n\nText.\n`;

  it('the fixtures have none', () => {
    const loaded = load();
    for (const name of fs.readdirSync(path.join(FIXTURES, 'corpus'))) {
      assert.deepEqual(corpusErrors(loaded, name), [], name);
    }
  });

  it('an id no loaded corpus has, in superseded_by, amended_by or amends, is a corpus-error on its line; in supersedes it is not', () => {
    const loaded = load(
      {
        '2000-A.md': file('2000-A', 'superseded_by: 2010-NONE\namended_by: [2005-NONE]'),
        '2000-B.md': file('2000-B', 'amends: 1998-ROMA'),
        '2000-C.md': file('2000-C', 'supersedes: [1900-GONE]'),
      },
      { fixtures: false },
    );
    assert.deepEqual(corpusErrors(loaded, '2000-A.md'), [
      { message: 'superseded_by names 2010-NONE, which is in no loaded corpus', at: '2010-NONE' },
      { message: 'amended_by names 2005-NONE, which is in no loaded corpus', at: '2005-NONE' },
    ]);
    loaded.service.setCorpusFile(`${ROOT}/1998-ROME.md`, ROOT, fs.readFileSync(path.join(FIXTURES, 'corpus', '1998-ROME.md'), 'utf8'));
    assert.deepEqual(corpusErrors(loaded, '2000-B.md'), [{ message: 'amends names 1998-ROMA, which is in no loaded corpus; did you mean 1998-ROME?', at: '1998-ROMA' }]);
    assert.deepEqual(corpusErrors(loaded, '2000-C.md'), []);
  });

  it('a provision of `supersedes` is the superseding instrument’s own', () => {
    const loaded = load({
      '2000-G.md': file('2000-G', 'supersedes:\n  - { id: 1900-OLD, provision: art. 1 }'),
      '2000-H.md': '---\nid: 2000-H\ntitle: H\nsupersedes:\n  - { id: 1958-TSC, provision: art. 1 }\n---\n\n## Article 1\n\nThis replaces the old convention.\n',
    });
    assert.deepEqual(corpusErrors(loaded, '2000-H.md'), []);
    const [error] = corpusErrors(loaded, '2000-G.md');
    assert.ok(error.message.startsWith('supersedes: the provision art. 1 does not resolve: unknown clause: 2000-G'), error.message);
    const hover = hoverAt(loaded, loaded.open('[2000-H]\n'), '2000-H');
    assert.ok(hover.includes('- Supersedes [1958-TSC](file:///status/1958-TSC.md#L2) (art. 1)'), hover);
    const unclos = hoverAt(loaded, loaded.open('[1982-UNCLOS]\n'), '1982-UNCLOS');
    assert.ok(unclos.includes('- Supersedes 1958-HSC\n- Supersedes [1958-TSC](file:///status/1958-TSC.md#L2) (art. 311\\(1\\)) between its parties'), unclos);
  });

  it('a provision the successor does not have is a corpus-error', () => {
    const loaded = load({ '2000-D.md': file('2000-D', 'superseded_by: 1982-UNCLOS art. 311(9)') });
    const [error] = corpusErrors(loaded, '2000-D.md');
    assert.ok(error.message.startsWith('superseded_by: the provision art. 311(9) does not resolve: unknown clause: 1982-UNCLOS has no art. 311(9)'), error.message);
    assert.equal(error.at, '1982-UNCLOS');
  });

  it('cycles are reported on every file that states them, and nothing loops', () => {
    const loaded = load(
      {
        '2000-A.md': file('2000-A', 'superseded_by: 2001-B'),
        '2001-B.md': file('2001-B', 'superseded_by: 2002-C'),
        '2002-C.md': file('2002-C', 'supersedes: [2001-B]\nsuperseded_by: 2000-A'),
        '2003-D.md': file('2003-D', 'amends: 2004-E'),
        '2004-E.md': file('2004-E', 'amends: 2003-D'),
      },
      { fixtures: false },
    );
    assert.deepEqual(corpusErrors(loaded, '2000-A.md'), [
      { message: 'supersession cycle: 2000-A → 2001-B → 2002-C → 2000-A; an instrument cannot supersede itself through others', at: '2001-B' },
    ]);
    assert.equal(corpusErrors(loaded, '2002-C.md').length, 1);
    assert.deepEqual(corpusErrors(loaded, '2003-D.md'), [
      { message: 'amendment cycle: 2003-D → 2004-E → 2003-D; an instrument cannot amend itself through others', at: '2004-E' },
    ]);
    // Citing and hovering over instruments in a cycle answers.
    const document = loaded.open('[2000-A] [2003-D]\n');
    assert.ok(Array.isArray(loaded.service.briefDiagnostics(document, SCOPE)));
    assert.ok(hoverAt(loaded, document, '2000-A').includes('Superseded by'));
    assert.ok(hoverAt(loaded, document, '2003-D').includes('Amended by'));
  });

  it('a status outside the four values and a date that does not parse are corpus-errors with the line', () => {
    const loaded = load({ '2000-F.md': file('2000-F', 'status: repealed\nterminated: 30 June 2005') }, { fixtures: false });
    assert.deepEqual(corpusErrors(loaded, '2000-F.md'), [
      { message: "status 'repealed' is not a status: write one of in-force, not-in-force, terminated, superseded, draft", at: 'status: repealed' },
      { message: "terminated: '30 June 2005' is not a date: write YYYY-MM-DD (2005-06-30), or YYYY-MM or YYYY when only those are known", at: 'terminated: 30 June 2005' },
    ]);
  });
});

describe('relations: navigation', () => {
  it('document links and go-to-definition on the relation ids of a corpus file’s front matter', () => {
    const loaded = load();
    const tsc = loaded.corpus('1958-TSC.md');
    const links = loaded.service.documentLinks(tsc, SCOPE);
    assert.deepEqual(
      links.map((link) => [tsc.getText(link.range), link.target]),
      [['1982-UNCLOS', `${ROOT}/1982-UNCLOS.md#L23`]],
      'superseded_by with a provision opens the provision',
    );
    const definition = loaded.service.definition(tsc, links[0].range.start, SCOPE);
    assert.equal(definition?.uri, `${ROOT}/1982-UNCLOS.md`);
    assert.equal(definition?.range.start.line, 22);
    const amendment = loaded.corpus('2010-RC-RES6.md');
    const [amends] = loaded.service.documentLinks(amendment, SCOPE);
    assert.equal(amendment.getText(amends.range), '1998-ROME');
    assert.equal(amends.target, `${ROOT}/1998-ROME.md#L2`);
    assert.deepEqual(loaded.service.definition(amendment, amends.range.end, SCOPE)?.range.start, { line: 1, character: 4 });
  });

  it('find references on a document lists the instruments that amend or supersede it', () => {
    const loaded = load();
    const context = { scope: SCOPE, scopeOf: () => SCOPE };
    const rome = loaded.corpus('1998-ROME.md');
    assert.deepEqual(
      loaded.service.references(rome, { line: 1, character: 6 }, context, false)?.map((location) => [location.uri, location.range.start.line]),
      [[`${ROOT}/2010-RC-RES6.md`, 8]],
    );
    const tsc = loaded.corpus('1958-TSC.md');
    assert.deepEqual(
      loaded.service.references(tsc, { line: 1, character: 6 }, context, false)?.map((location) => [location.uri, location.range.start.line]),
      [[`${ROOT}/1982-UNCLOS.md`, 1]],
      'UNCLOS supersedes it, though only the 1958 convention says so: its id',
    );
    const unclos = loaded.corpus('1982-UNCLOS.md');
    assert.deepEqual(
      loaded.service.references(unclos, { line: 1, character: 6 }, context, false)?.map((location) => [location.uri, location.range.start.line]),
      [[`${ROOT}/1958-TSC.md`, 8]],
      'the instruments that name it',
    );
  });
});
