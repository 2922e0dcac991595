/**
 * The library's instrument relations (`scripts/libraryStatus.json`, read by `scripts/libraryStatus.ts`):
 * every fact has a source and a value the corpus format accepts; the amending instruments render as
 * metadata-only corpus files; merged into instruments shaped like the library's, they give hover lines,
 * the history of a document and a clear message for an article whose amending text is not in the library,
 * with no corpus-error.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { renderDocument } from '../../server/src/import/render';
import { createLanguageService } from '../../server/src/service/languageService';
import { instruments } from '../../scripts/libraryInstruments';
import { checkLibraryStatus, libraryStatusDocuments, libraryStatusFrontMatter, libraryStatusSources, readLibraryStatus, statusRelations } from '../../scripts/libraryStatus';

const data = readLibraryStatus();
const LIBRARY = path.join(__dirname, '..', '..', 'library');
const ROOT = 'file:///library';

/** An instrument shaped like the library's (printed article and paragraph numbers), with the data merged in. */
function instrument(id: string, title: string, articles: Record<string, string[]>): string {
  return renderDocument(id, {
    title,
    frontMatter: { language: 'en', authentic: true, ...libraryStatusFrontMatter(data, id) },
    preamble: [],
    sections: Object.entries(articles).map(([label, paragraphs]) => ({
      heading: `Article ${label}`,
      paragraphs: paragraphs.map((text, index) => ({ text: `${index + 1}\\. ${text}`, items: [], line: 1 })),
      line: 1,
    })),
    line: 1,
  }).replace(/^(\d+)\\\\\\. /gm, '$1. ');
}

describe('library status data', () => {
  it('states a source for every fact, in values the corpus format accepts', () => {
    assert.deepEqual(checkLibraryStatus(data), []);
    const rows = libraryStatusSources(data);
    assert.ok(rows.length >= 15, 'the facts are listed for library/README.md');
    for (const row of rows) {
      assert.ok(row.source.length > 20, `${row.id} ${row.key} has a real source: ${row.source}`);
    }
  });

  it('finds a fact without a source, and a value the format refuses', () => {
    const broken = readLibraryStatus(
      JSON.stringify({
        instruments: { '2000-X': { title: 'X', front_matter: { entry_into_force: '1 May 2000', supersedes: ['1990-Y'] }, sources: { supersedes: 'its article 9' } } },
      }),
    );
    assert.deepEqual(checkLibraryStatus(broken), [
      '2000-X: entry_into_force has no source',
      "2000-X: entry_into_force: '1 May 2000' is not a date: write YYYY-MM-DD (2000-05-01), or YYYY-MM or YYYY when only those are known",
    ]);
  });

  it('names, in amends, only instruments the library holds', () => {
    for (const document of Object.values(data.documents)) {
      const amended = document.front_matter['amends'];
      assert.equal(typeof amended, 'string');
      assert.ok(fs.existsSync(path.join(LIBRARY, `${String(amended)}.md`)), `${String(amended)} is in library/`);
    }
  });

  it('merges into a built instrument only the keys the build does not write itself', () => {
    assert.deepEqual(Object.keys(libraryStatusFrontMatter(data, '1982-UNCLOS')), ['supersedes', 'supersedes_provision', 'supersedes_note']);
    assert.deepEqual(Object.keys(libraryStatusFrontMatter(data, '1982-UNCLOS', { supersedes: ['1958-TSC'] })), ['supersedes_provision', 'supersedes_note']);
    assert.deepEqual(libraryStatusFrontMatter(data, '1969-VCLT'), {});
  });

  it('names instruments by the ids the library build gives them, and finds an id it does not', () => {
    const ids = new Set(instruments.map((instrument) => instrument.id));
    assert.deepEqual(checkLibraryStatus(data, ids), []);
    assert.deepEqual(
      statusRelations(data).filter((relation) => relation.holder === '1982-UNCLOS').map((relation) => relation.id),
      ['1958-TSC', '1958-HSC', '1958-FISHC', '1958-CSC'],
    );
    const renamed = readLibraryStatus(JSON.stringify({ ...data, instruments: { '1982-UNCLOS': { ...data.instruments['1982-UNCLOS'], front_matter: { ...data.instruments['1982-UNCLOS'].front_matter, supersedes: ['1958-FCLR'] } }, '1958-FCLR': { title: 'F', front_matter: {}, sources: {} } } }));
    assert.deepEqual(checkLibraryStatus(renamed, ids), [
      '1958-FCLR: not an instrument of the library (scripts/libraryInstruments.ts); its facts would go nowhere',
      '1982-UNCLOS: supersedes names 1958-FCLR, which the library does not hold',
    ]);
  });

  it('with instruments shaped like the library’s, gives history and messages and no corpus-error', () => {
    const service = createLanguageService({ now: () => new Date('2024-06-01T00:00:00Z') });
    const files = new Map<string, string>([
      ['1982-UNCLOS.md', instrument('1982-UNCLOS', 'United Nations Convention on the Law of the Sea', { '311': ['This Convention shall prevail, as between States Parties, over the Geneva Conventions on the Law of the Sea of 29 April 1958.'] })],
      ['1998-ROME.md', instrument('1998-ROME', 'Rome Statute of the International Criminal Court', { '5': ['The jurisdiction of the Court…', 'The Court shall exercise jurisdiction over the crime of aggression once a provision is adopted…'], '8': ['The Court shall have jurisdiction in respect of war crimes…'] })],
      ['1945-UNCH.md', instrument('1945-UNCH', 'Charter of the United Nations', { '23': ['The Security Council shall consist of fifteen Members of the United Nations.'], '24': ['In order to ensure prompt and effective action…'] })],
      ['1950-ECHR.md', instrument('1950-ECHR', 'Convention for the Protection of Human Rights and Fundamental Freedoms', { '35': ['The Court may only deal with the matter after all domestic remedies have been exhausted…'] })],
      ...libraryStatusDocuments(data).map(({ fileName, content }): [string, string] => [fileName, content]),
    ]);
    for (const [name, text] of files) {
      assert.ok(service.setCorpusFile(`${ROOT}/${name}`, ROOT, text), `${name} is a corpus file`);
    }
    for (const name of files.keys()) {
      const errors = service.corpusDiagnostics(`${ROOT}/${name}`, [ROOT]).filter((diagnostic) => diagnostic.code === 'corpus-error');
      assert.deepEqual(errors.map((error) => error.message), [], name);
    }
    const brief = TextDocument.create('file:///brief.md', 'markdown', 1, '[1998-ROME art. 8 bis] [1945-UNCH art. 23(1)] [1982-UNCLOS] [1950-ECHR art. 35(1)]\n');
    const [unknown] = service.briefDiagnostics(brief, [ROOT]);
    assert.equal(unknown.code, 'unknown-clause');
    assert.ok(
      String(unknown.message).endsWith('art. 8 bis comes from the amendment 2010-RC-RES6 (adopted 11 June 2010; in force 8 May 2013), whose text is not in the corpus (metadata only)'),
      String(unknown.message),
    );
    const hover = (marker: string): string => {
      const result = service.hover(brief, brief.positionAt(brief.getText().indexOf(marker) + 2), [ROOT]);
      return (result?.contents as { value: string }).value;
    };
    assert.ok(hover('art. 23(1)').includes('*art. 23 amended by [1963-UNCH-AM](file:///library/1963-UNCH-AM.md#L2) (adopted 17 December 1963; in force 31 August 1965)*'), hover('art. 23(1)'));
    assert.ok(!hover('art. 23(1)').includes('1971-UNCH-AM'), 'the 1971 amendment touches article 61 only');
    assert.ok(hover('art. 35(1)').includes('*art. 35 amended by [2013-ECHR-P15](file:///library/2013-ECHR-P15.md#L2) (adopted 24 June 2013; in force 1 August 2021)*'), hover('art. 35(1)'));
    assert.ok(hover('1982-UNCLOS]').includes('- Supersedes 1958-CSC (art. 311\\(1\\)) between its parties'), hover('1982-UNCLOS]'));
    const amendment = TextDocument.create('file:///brief2.md', 'markdown', 1, '[2010-RC-RES6]\n');
    const kampala = (service.hover(amendment, amendment.positionAt(3), [ROOT])?.contents as { value: string }).value;
    assert.ok(kampala.includes('*In force since 8 May 2013*'), kampala);
  });
});
