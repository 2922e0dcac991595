/**
 * The starter library (library/), rebuilt from the Netherlands treaty database (scripts/buildLibrary.ts):
 * every file loads into the core with no problem at all (no corpus-error, no label-sequence warning, the
 * Chinese versions aligned by label), famous provisions resolve by the numbers the treaties print, a brief
 * citing every article of every instrument checks clean, and — where the shared corpora are present — the
 * committed files are exactly what the build writes and every English clause equals its source text.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { buildLibrary, checkedView, clausesInOrder, libraryFiles, libraryPath, libraryProblems, nlTreatiesPath } from '../../scripts/buildLibrary';
import { roundTripProblems, withoutWhiteSpace } from '../../scripts/libraryChecks';
import { instruments } from '../../scripts/libraryInstruments';
import { libraryStatusDocuments, readLibraryStatus, statusRelations } from '../../scripts/libraryStatus';
// ../shared is absent from a bare clone: `sharedPath` checks that a path under it exists (fs.existsSync) and
// `needsShared` skips the test with the missing path as its reason when it does not.
import { needsShared } from '../helpers/shared';
import { readerTextOf } from '../../server/src/import/nlTreaties';
import { parseCitationBody } from '../../server/src/service/citationParser';
import { CorpusIndex } from '../../server/src/service/corpusIndex';
import { parseCorpusDocument } from '../../server/src/service/corpusParser';
import { createLanguageService } from '../../server/src/service/languageService';
import { resolvePinpoint } from '../../server/src/service/resolve';
import { TextDocument } from 'vscode-languageserver-textdocument';

const repository = path.join(__dirname, '..', '..');
/** The amending instruments the library holds as metadata only (scripts/libraryStatus.json): no articles to cite. */
const amendmentFiles = new Set(libraryStatusDocuments(readLibraryStatus()).map((document) => document.fileName));
const root = 'file:///library';
const corpusFiles = fs.readdirSync(libraryPath).filter((name) => name.endsWith('.md') && name !== 'README.md').sort();
const index = new CorpusIndex();
for (const name of corpusFiles) {
  index.set(`${root}/${name}`, root, fs.readFileSync(path.join(libraryPath, name), 'utf8'));
}

/** The clause a citation body names in the library, as the server resolves it; a section gives its first clause. */
function resolve(body: string): string {
  const parsed = parseCitationBody(body, 0, body.length);
  assert.equal(parsed.error, undefined, `${body}: ${parsed.error?.message}`);
  const cite = parsed.cites[0];
  const targets = cite.lead === 'alias' ? index.aliasTargets(cite.docId, [root]) : [cite.docId];
  assert.equal(targets.length, 1, `${body}: ${cite.docId} names one instrument`);
  const document = index.resolve(targets[0], [root]);
  assert.ok(document, `${body}: ${targets[0]} is in the library`);
  const resolved = resolvePinpoint(document, cite.pinpoints[0]);
  assert.equal(resolved.problem, undefined, `${body}: ${resolved.problem?.message}`);
  assert.equal(resolved.warning, undefined, `${body}: ${resolved.warning?.message}`);
  const clause = resolved.clauses[0];
  return clause.kind === 'section' ? document.document.clauses[clause.ordinal + 1].text : clause.text;
}

/** Famous provisions, cited as lawyers print them, and the words they open with (one or more per instrument). */
const famous: readonly (readonly [string, string])[] = [
  ["1945-UNCH art. 1(1)", "1. To maintain international peace and security"],
  ["1945-UNCH art. 2(3)", "3. All Members shall settle their international"],
  ["1945-UNCH art. 2(4)", "4. All Members shall refrain in their"],
  ["1945-UNCH art. 2(7)", "7. Nothing contained in the present Charter"],
  ["1945-UNCH art. 25", "The Members of the United Nations agree"],
  ["1945-UNCH art. 27(3)", "3. Decisions of the Security Council on"],
  ["1945-UNCH art. 33(1)", "1. The parties to any dispute, the"],
  ["1945-UNCH art. 39", "The Security Council shall determine the existence"],
  ["1945-UNCH art. 41", "The Security Council may decide what measures"],
  ["1945-UNCH art. 42", "Should the Security Council consider that measures"],
  ["1945-UNCH art. 51", "Nothing in the present Charter shall impair"],
  ["1945-UNCH art. 55(c)", "c. universal respect for, and observance of"],
  ["1945-UNCH art. 94(1)", "1. Each Member of the United Nations"],
  ["1945-UNCH art. 96(a)", "a. The General Assembly or the Security"],
  ["1945-UNCH art. 103", "In the event of a conflict between"],
  ["1945-ICJST art. 36(2)", "2. The states parties to the present"],
  ["1945-ICJST art. 36(2)(a)", "a. the interpretation of a treaty"],
  ["1945-ICJST art. 36(6)", "6. In the event of a dispute"],
  ["1945-ICJST art. 38(1)", "1. The Court, whose function is to"],
  ["1945-ICJST art. 38(1)(c)", "c. the general principles of law recognized"],
  ["1945-ICJST art. 38(1)(d)", "d. subject to the provisions of Article"],
  ["1945-ICJST art. 59", "The decision of the Court has no"],
  ["1945-ICJST art. 65(1)", "1. The Court may give an advisory"],
  ["UDHR art. 1", "All human beings are born free and"],
  ["UDHR art. 3", "Everyone has the right to life, liberty"],
  ["UDHR art. 14(1)", "1. Everyone has the right to seek"],
  ["UDHR art. 19", "Everyone has the right to freedom of"],
  ["VCLT art. 2(1)(a)", "(a) “treaty” means an international agreement concluded"],
  ["VCLT art. 18", "A State is obliged to refrain from"],
  ["VCLT art. 19(c)", "(c) in cases not falling under sub-paragraphs"],
  ["VCLT art. 26", "Every treaty in force is binding upon"],
  ["VCLT art. 27", "A party may not invoke the provisions"],
  ["VCLT art. 31(1)", "1. A treaty shall be interpreted in"],
  ["VCLT art. 31(3)(c)", "(c) any relevant rules of international law"],
  ["VCLT art. 32", "Recourse may be had to supplementary means"],
  ["VCLT art. 46(1)", "1. A State may not invoke the"],
  ["VCLT art. 53", "A treaty is void if, at the"],
  ["VCLT art. 60(3)(b)", "(b) the violation of a provision essential"],
  ["VCLT art. 62(1)", "1. A fundamental change of circumstances which"],
  ["VCLT art. 64", "If a new peremptory norm of general"],
  ["VCLT art. 66(a)", "(a) any one of the parties to"],
  ["VCLT annex para. 2", "2. When a request has been made"],
  ["VCDR art. 9(1)", "1. The receiving State may at any"],
  ["VCDR art. 22(1)", "1. The premises of the mission shall"],
  ["VCDR art. 29", "The person of a diplomatic agent shall"],
  ["VCDR art. 31(1)", "1. A diplomatic agent shall enjoy immunity"],
  ["VCCR art. 36(1)(b)", "(b) if he so requests, the competent"],
  ["ICCPR art. 2(1)", "1. Each State Party to the present"],
  ["ICCPR art. 4(1)", "1. In time of public emergency which"],
  ["ICCPR art. 6(1)", "1. Every human being has the inherent"],
  ["ICCPR art. 7", "No one shall be subjected to torture"],
  ["ICCPR art. 9(1)", "1. Everyone has the right to liberty"],
  ["ICCPR art. 14(1)", "1. All persons shall be equal before"],
  ["ICCPR art. 19(2)", "2. Everyone shall have the right to"],
  ["ICCPR art. 27", "In those States in which ethnic, religious"],
  ["ICCPR-OP1 art. 1", "A State Party to the Covenant that"],
  ["ICCPR-OP1 art. 5(2)(b)", "(b) The individual has exhausted all available"],
  ["ICESCR art. 2(1)", "1. Each State Party to the present"],
  ["ICESCR art. 11(1)", "1. The States Parties to the present"],
  ["ICESCR art. 12(1)", "1. The States Parties to the present"],
  ["OST art. I", "The exploration and use of outer space"],
  ["OST art. II", "Outer space, including the moon and other"],
  ["OST art. IV", "States Parties to the Treaty undertake not"],
  ["OST art. VI", "States Parties to the Treaty shall bear"],
  ["AP-I art. 35(1)", "1. In any armed conflict, the right"],
  ["AP-I art. 48", "In order to ensure respect for and"],
  ["AP-I art. 51(2)", "2. The civilian population as such, as"],
  ["AP-I art. 52(2)", "2. Attacks shall be limited strictly to"],
  ["AP-I art. 57(2)(a)(iii)", "(iii) refrain from deciding to launch any"],
  ["AP-I art. 75(1)", "1. In so far as they are"],
  ["AP-II art. 1(1)", "1. This Protocol, which develops and supplements"],
  ["AP-II art. 4(1)", "1. All persons who do not take"],
  ["AP-II art. 13(2)", "2. The civilian population as such, as"],
  ["CEDAW art. 1", "For the purposes of the present Convention"],
  ["CEDAW art. 2(a)", "(a) To embody the principle of the"],
  ["UNCLOS art. 2(1)", "1. The sovereignty of a coastal State"],
  ["UNCLOS art. 3", "Every State has the right to establish"],
  ["UNCLOS art. 15", "Where the coasts of two States are"],
  ["UNCLOS art. 17", "Subject to this Convention, ships of all"],
  ["UNCLOS art. 33(1)", "1. In a zone contiguous to its"],
  ["UNCLOS art. 56(1)(a)", "(a) sovereign rights for the purpose of"],
  ["UNCLOS art. 57", "The exclusive economic zone shall not extend"],
  ["UNCLOS art. 76(1)", "1. The continental shelf of a coastal"],
  ["UNCLOS art. 83(1)", "1. The delimitation of the continental shelf"],
  ["UNCLOS art. 87(1)(a)", "(a) freedom of navigation"],
  ["UNCLOS art. 101(a)(i)", "(i) on the high seas, against another"],
  ["UNCLOS art. 110(1)", "1. Except where acts of interference derive"],
  ["UNCLOS art. 121(3)", "3. Rocks which cannot sustain human habitation"],
  ["UNCLOS art. 192", "States have the obligation to protect and"],
  ["UNCLOS art. 287(1)", "1. When signing, ratifying or acceding to"],
  ["UNCLOS art. 293(1)", "1. A court or tribunal having jurisdiction"],
  ["UNCLOS art. 300", "States Parties shall fulfil in good faith"],
  ["UNCLOS annex VII art. 1", "Subject to the provisions of Part XV"],
  ["UNCLOS annex VII art. 9", "If one of the parties to the"],
  ["UNCLOS annex VI art. 1(1)", "1. The International Tribunal for the Law"],
  ["UNCLOS annex II art. 4", "Where a coastal State intends to establish"],
  ["UNCLOS annex I para. 1", "1. Albacore tuna: Thunnus alalunga."],
  ["CRC art. 1", "For the purposes of the present Convention"],
  ["CRC art. 3(1)", "1. In all actions concerning children, whether"],
  ["CRC art. 12(1)", "1. States Parties shall assure to the"],
  ["CRC art. 37(a)", "a) No child shall be subjected to"],
  ["CRC art. 38(1)", "1. States Parties undertake to respect and"],
  ["1998-ROME art. 5(1)(a)", "a) The crime of genocide"],
  ["1998-ROME art. 6(a)", "a) Killing members of the group"],
  ["1998-ROME art. 7(1)", "1. For the purpose of this Statute"],
  ["1998-ROME art. 7(1)(k)", "k) Other inhumane acts of a similar"],
  ["1998-ROME art. 8(2)(a)(i)", "(i) Wilful killing"],
  ["1998-ROME art. 8(2)(b)(iv)", "(iv) Intentionally launching an attack in the"],
  ["1998-ROME art. 12(2)(a)", "a) The State on the territory of"],
  ["1998-ROME art. 13(b)", "b) A situation in which one or"],
  ["1998-ROME art. 17(1)(a)", "a) The case is being investigated or"],
  ["1998-ROME art. 25(3)(a)", "a) Commits such a crime, whether as"],
  ["1998-ROME art. 28(a)", "a) A military commander or person effectively"],
  ["1998-ROME art. 53(1)(c)", "c) Taking into account the gravity of"],
  ["CRPD art. 1", "The purpose of the present Convention is"],
  ["CRPD art. 12(2)", "2. States Parties shall recognize that persons"],
  ["CRPD art. 24(1)", "1. States Parties recognize the right of"],
  ["ICERD art. 1(1)", "1. In this Convention, the term \"racial"],
  ["ICERD art. 4(a)", "(a) Shall declare an offence punishable by"],
  ["ICERD art. 14(1)", "1. A State Party may at any"],
  ["1948-GENOCIDE art. II", "In the present Convention, genocide means any"],
  ["1948-GENOCIDE art. II(a)", "(a) Killing members of the group"],
  ["1948-GENOCIDE art. III(e)", "(e) Complicity in genocide."],
  ["1948-GENOCIDE art. IX", "Disputes between the Contracting Parties relating to"],
  ["CAT art. 1(1)", "1. For the purpose of this Convention"],
  ["CAT art. 2(2)", "2. No exceptional circumstances whatsoever, whether a"],
  ["CAT art. 3(1)", "1. No State Party shall expel, return"],
  ["CAT art. 16(1)", "1. Each State Party shall undertake to"],
  ["1951-REFUGEES art. 1(A)(2)", "(2) As a result of events occurring"],
  ["1951-REFUGEES art. 1(F)(a)", "(a) he has committed a crime against"],
  ["1951-REFUGEES art. 31(1)", "1. The Contracting States shall not impose"],
  ["1951-REFUGEES art. 33(1)", "1. No Contracting State shall expel or"],
  ["1951-REFUGEES art. 33(2)", "2. The benefit of the present provision"],
  ["1951-REFUGEES annex para. 1(1)", "1. The travel document referred to in"],
  ["1951-REFUGEES annex para. 6(2)", "2. Diplomatic or consular authorities, specially authorized"],
  ["1951-REFUGEES annex para. 14", "Subject only to the terms of paragraph"],
  ["1967-REFUGEES-PROT art. I(2)", "2. For the purpose of the present"],
  ["ECHR art. 1", "The High Contracting Parties shall secure to"],
  ["ECHR art. 2(2)(a)", "(a) in defence of any person from"],
  ["ECHR art. 3", "No one shall be subjected to torture"],
  ["ECHR art. 5(1)(c)", "(c) the lawful arrest or detention of"],
  ["ECHR art. 6(1)", "1. In the determination of his civil"],
  ["ECHR art. 8(2)", "2. There shall be no interference by"],
  ["ECHR art. 10(1)", "1. Everyone has the right to freedom"],
  ["ECHR art. 13", "Everyone whose rights and freedoms as set"],
  ["ECHR art. 15(2)", "2. No derogation from Article 2, except"],
  ["ECHR art. 34", "The Court may receive applications from any"],
  ["ECHR art. 35(3)(b)", "b) the applicant has not suffered a"],
  ["ECHR art. 46(1)", "1. The High Contracting Parties undertake to"],
  ["ECHR-P1 art. 1", "Every natural or legal person is entitled"],
  ["ECHR-P1 art. 2", "No person shall be denied the right"],
  ["ECHR-P1 art. 3", "The High Contracting Parties undertake to hold"],
  ["ECHR-P4 art. 2(1)", "1. Everyone lawfully within the territory of"],
  ["ECHR-P4 art. 4", "Collective expulsion of aliens is prohibited."],
  ["ECHR-P6 art. 1", "The death penalty shall be abolished. No"],
  ["ECHR-P12 art. 1(1)", "1. The enjoyment of any right set"],
  ["ECHR-P13 art. 1", "The death penalty shall be abolished. No"],
  ["ECHR-P16 art. 1(1)", "1. Highest courts and tribunals of a"],
  ["TSC art. 1(1)", "1. The sovereignty of a State extends"],
  ["TSC art. 14(4)", "4. Passage is innocent so long as"],
  ["TSC art. 24(1)", "1. In a zone of the high"],
  ["HSC art. 2", "The high seas being open to all"],
  ["HSC art. 15", "Piracy consists of any of the following"],
  ["HSC art. 22(1)", "1. Except where acts of interference derive"],
  ["HSC art. 23(1)", "1. The hot pursuit of a foreign"],
  ["CSC art. 1", "For the purpose of these articles, the"],
  ["CSC art. 2(1)", "1. The coastal State exercises over the"],
  ["CSC art. 6(1)", "1. Where the same continental shelf is"],
  ["FISHING-CONVENTION art. 1(1)", "1. All States have the right for"],
  ["VCSST art. 2(1)(b)", "(b) “succession of States” means the replacement"],
  ["VCSST art. 11", "A succession of States does not as"],
  ["VCSST art. 34(1)", "1. When a part or parts of"],
  ["VCLTIO art. 2(1)(a)", "(a) \"treaty\" means an international agreement governed"],
  ["VCLTIO art. 26", "Every treaty in force is binding upon"],
  ["REGISTRATION-CONVENTION art. II(1)", "1. When a space object is launched"],
  ["RESCUE-AGREEMENT art. 5(1)", "1. Each Contracting Party which receives information"],
  ["LIABILITY-CONVENTION art. II", "A launching State shall be absolutely liable"],
  ["LIABILITY-CONVENTION art. III", "In the event of damage being caused"],
  ["MOON-AGREEMENT art. 11(1)", "1. The moon and its natural resources"],
  ["ICCPR-OP2 art. 1(1)", "1. No one within the jurisdiction of"],
  ["OP-ICESCR art. 2", "Communications may be submitted by or on"],
  ["OP-CEDAW art. 2", "Communications may be submitted by or on"],
  ["OPAC art. 1", "States Parties shall take all feasible measures"],
  ["OPAC art. 4(1)", "1. Armed groups that are distinct from"],
  ["OPSC art. 2(a)", "a) Sale of children means any act"],
  ["OPCAT art. 1", "The objective of the present Protocol is"],
  ["OP-CRPD art. 1(1)", "1. A State Party to the present"],
  ["CED art. 1(1)", "1. No one shall be subjected to"],
  ["CED art. 2", "For the purposes of this Convention, “enforced"],
  ["GC-III art. 3(1)(a)", "(a) violence to life and person, in"],
  ["GC-III art. 4(A)(2)", "(2) Members of other militias and members"],
  ["GC-III art. 13", "Prisoners of war must at all times"],
  ["GC-IV art. 3(1)(c)", "(c) outrages upon personal dignity, in particular"],
  ["GC-IV art. 4", "Persons protected by the Convention are those"],
  ["GC-IV art. 27", "Protected persons are entitled, in all circumstances"],
  ["GC-IV art. 49", "Individual or mass forcible transfers, as well"],
  ["GC-IV art. 147", "Grave breaches to which the preceding Article"],
  ["NPT art. I", "Each nuclear-weapon State Party to the Treaty"],
  ["NPT art. II", "Each non-nuclear-weapon State Party to the Treaty"],
  ["NPT art. VI", "Each of the Parties to the Treaty"],
  ["NPT art. X(1)", "1. Each Party shall in exercising its"],
  ["BWC art. I", "Each State Party to this Convention undertakes"],
  ["HOSTAGES-CONVENTION art. 1(1)", "1. Any person who seizes or detains"],
  ["IPP-CONVENTION art. 2(1)(a)", "(a) a murder, kidnapping or other attack"],
  ["TERRORIST-FINANCING-CONVENTION art. 2(1)(a)", "a) An act which constitutes an offence"],
  ["ICSID art. 25(1)", "(1). The jurisdiction of the Centre shall"],
  ["ICSID art. 42(1)", "(1). The Tribunal shall decide a dispute"],
  ["ICSID art. 52(1)", "(1). Either party may request annulment of"],
  ["ANTARCTIC-TREATY art. I(1)", "1. Antarctica shall be used for peaceful"],
  ["ANTARCTIC-TREATY art. IV(1)", "1. Nothing contained in the present Treaty"],
  ["UNTOC art. 2(a)", "a) “Organized criminal group” shall mean a"],
  ["UNTOC art. 5(1)(a)(i)", "(i) Agreeing with one or more other"],
  ["UNCAC art. 2(a)", "a) ``Public official\" shall mean"],
  ["UNCAC art. 15(a)", "a) The promise, offering or giving, to"],
  ["UNCAC art. 16(1)", "1. Each State Party shall adopt such"],
  ["APMBC art. 1(1)(a)", "a) To use anti-personnel mines"],
];

describe('the starter library', () => {
  it('holds at least 40 instruments, among them those of the earlier library under their ids', () => {
    const ids = instruments.map((instrument) => instrument.id);
    assert.ok(ids.length >= 40, `${ids.length} instruments`);
    for (const id of ['1945-UNCH', '1945-ICJST', '1948-UDHR', '1961-VCDR', '1963-VCCR', '1966-ICCPR', '1966-ICESCR', '1967-OST', '1969-VCLT', '1977-AP-I', '1977-AP-II', '1979-CEDAW', '1982-UNCLOS', '1989-CRC', '1998-ROME', '2006-CRPD']) {
      assert.ok(ids.includes(id), id);
      assert.ok(corpusFiles.includes(`${id}.md`), `library/${id}.md`);
    }
    for (const id of ['1965-ICERD', '1948-GENOCIDE', '1984-CAT', '1951-REFUGEES', '1967-REFUGEES-PROT', '1950-ECHR', '1958-TSC', '1958-HSC', '1958-CSC', '1958-FISHC', '1978-VCSST', '1986-VCLTIO', '1974-REG']) {
      assert.ok(ids.includes(id), id);
    }
  });

  it('loads into the core with no problem in any file: no corpus-error, no label-sequence warning, Chinese aligned', () => {
    const problems = corpusFiles.flatMap((name) => index.problemsOf(`${root}/${name}`, [root]).map((problem) => `${name}:${problem.range.startLine + 1}: ${problem.code ?? 'corpus-error'}: ${problem.message}`));
    assert.deepEqual(problems, []);
  });

  it('gives every instrument its front matter: title, short title, unique aliases, date, source, and status where it is a treaty', () => {
    const seen = new Map<string, string>();
    for (const instrument of instruments) {
      const meta = parseCorpusDocument(fs.readFileSync(path.join(libraryPath, `${instrument.id}.md`), 'utf8')).meta;
      assert.equal(meta.id, instrument.id);
      assert.equal(meta.title, instrument.title);
      assert.equal(meta.short_title, instrument.shortTitle);
      assert.equal(meta.date, instrument.date);
      assert.equal(meta.language, 'en');
      assert.equal(meta.authentic, true);
      assert.match(String(meta.source), /^(statengeneraal\/laws-markdown@91556a8:verdrag\/|lawchat-oss\/open-treaties@29319bc:data\/)/);
      assert.equal(meta.entry_into_force, instrument.entryIntoForce);
      assert.equal(meta.citation, instrument.citation);
      if (instrument.id !== '1948-UDHR') {
        assert.match(String(meta.status), /^(in-force|not-in-force|terminated|superseded)$/, instrument.id);
      }
      for (const key of ['date', 'entry_into_force', 'citation', 'status'] as const) {
        if (meta[key] !== undefined) {
          assert.ok(instrument.sources[key] !== undefined, `${instrument.id}: the ${key} has a stated source`);
        }
      }
      for (const alias of instrument.aliases) {
        assert.ok(!seen.has(alias), `${alias} is given by ${seen.get(alias)} and ${instrument.id}`);
        seen.set(alias, instrument.id);
        assert.deepEqual(index.aliasTargets(alias, [root]), [instrument.id]);
      }
    }
  });

  it(`resolves ${famous.length} famous provisions by their printed numbers, each opening with its own words`, () => {
    assert.ok(famous.length >= 150);
    const covered = new Set<string>();
    for (const [body, opening] of famous) {
      const text = resolve(body);
      assert.ok(text.startsWith(opening), `${body}: “${text.slice(0, 80)}” does not open with “${opening}”`);
      const id = body.split(' ')[0];
      covered.add(index.aliasTargets(id, [root])[0] ?? id);
    }
    assert.deepEqual(instruments.map((instrument) => instrument.id).filter((id) => !covered.has(id)), [], 'every instrument has a famous provision');
  });

  it('checks a brief citing every article of every instrument (annexes included) with `pinpoint check` and reports no error, only the status of instruments', () => {
    const lines = ['# Every article of the library', ''];
    for (const name of corpusFiles.filter((file) => !/\.[a-z]{2}\.md$/.test(file) && !amendmentFiles.has(file))) {
      const document = parseCorpusDocument(fs.readFileSync(path.join(libraryPath, name), 'utf8'));
      const annexLabels = new Map(document.clauses.filter((clause) => clause.kind === 'annex').map((clause) => [clause.key, clause.label]));
      const cites = document.clauses
        .filter((clause) => clause.kind === 'section' && clause.label !== undefined)
        .map((clause) => {
          const label = clause.annex === undefined ? undefined : annexLabels.get(clause.annex);
          const annex = clause.annex === undefined ? '' : label === undefined ? 'annex ' : `annex ${label} `;
          return `[${document.id} ${annex}art. ${clause.label}]`;
        });
      assert.ok(cites.length > 0, name);
      lines.push(`${document.id}: ${cites.join(' ')}`, '');
    }
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'pinpoint-library-'));
    try {
      fs.writeFileSync(path.join(folder, 'brief.md'), lines.join('\n'));
      const result = spawnSync(process.execPath, [path.join(repository, 'dist', 'cli.js'), 'check', 'brief.md'], { cwd: folder, encoding: 'utf8' });
      assert.equal(result.status, 0, result.stdout + result.stderr);
      // The only warnings are the status of instruments that are not in force (the 1986 Vienna Convention) or
      // superseded (the 1958 Geneva conventions, by UNCLOS art. 311(1)): true of the law, not defects of the text.
      const output = result.stdout.trim().split('\n');
      const notInForce = new Set(instruments.filter((instrument) => /not-in-force/.test(JSON.stringify(instrument))).map((instrument) => instrument.id));
      const superseded = new Set(statusRelations(readLibraryStatus()).filter((relation) => relation.key === 'supersedes').map((relation) => `${relation.id} by ${relation.holder}`));
      for (const line of output.slice(0, -1)) {
        const match = /warning instrument-status: instrument status: (\S+) (?:is not yet in force|was superseded by (\S+))/.exec(line);
        assert.ok(match && (match[2] === undefined ? notInForce.has(match[1]) : superseded.has(`${match[1]} by ${match[2]}`)), line);
      }
      assert.ok(notInForce.size > 0 && superseded.size === 4);
      assert.match(output[output.length - 1], /^1 brief checked: 0 errors/, result.stdout);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('the status of the library’s instruments', () => {
  const service = createLanguageService();
  for (const name of corpusFiles) {
    service.setCorpusFile(`${root}/${name}`, root, fs.readFileSync(path.join(libraryPath, name), 'utf8'));
  }
  let briefs = 0;
  const brief = (date: string, text: string): TextDocument => TextDocument.create(`file:///brief${briefs++}.md`, 'markdown', 1, `---\ndate: ${date}\n---\n${text}\n`);
  const hover = (document: TextDocument, at: string): string => {
    const result = service.hover(document, document.positionAt(document.getText().indexOf(at) + 2), [root]);
    return (result?.contents as { value: string } | undefined)?.value ?? '';
  };

  it('loads as a whole with no diagnostic on any file, relations and amendments included', () => {
    const files = new Map([...corpusFiles, 'README.md'].map((name) => [name, fs.readFileSync(path.join(libraryPath, name), 'utf8')]));
    assert.deepEqual(libraryProblems(files), []);
  });

  it('shows the status line in hover, and warns of the VCLT cited in a brief dated 1975, not in one dated 2020', () => {
    const early = brief('1975-05-01', '[1969-VCLT art. 31(1)]');
    assert.deepEqual(
      service.briefDiagnostics(early, [root]).map((diagnostic) => [diagnostic.code, diagnostic.message]),
      [['instrument-status', "instrument status: 1969-VCLT was not yet in force (27 January 1980) on 1 May 1975, the brief's date"]],
    );
    assert.match(hover(early, 'art. 31(1)'), /\*Not yet in force on 1 May 1975, the brief's date \(in force from 27 January 1980\)\*/);
    const late = brief('2020-05-01', '[VCLT art. 31(1)] [ICCPR art. 6(1)]');
    assert.deepEqual(service.briefDiagnostics(late, [root]), []);
    assert.match(hover(late, 'ICCPR'), /\*In force since 23 March 1976\*/);
  });

  it('gives the 1958 Geneva conventions as superseded by UNCLOS art. 311(1) between its parties', () => {
    for (const id of ['1958-TSC', '1958-HSC', '1958-FISHC', '1958-CSC']) {
      const document = brief('2020-05-01', `[${id} art. 1]`);
      const [warning] = service.briefDiagnostics(document, [root]);
      assert.equal(warning?.code, 'instrument-status', id);
      assert.match(String(warning.message), new RegExp(`${id} was superseded by 1982-UNCLOS \\(art\\. 311\\(1\\)\\) between its parties on 16 November 1994`));
      assert.match(hover(document, id), /Superseded by \[1982-UNCLOS\]\([^)]*\) \(art\. 311\(1\)\) between its parties, since 16 November 1994/);
    }
    assert.deepEqual(service.briefDiagnostics(brief('1990-01-01', '[1958-TSC art. 1]'), [root]), [], 'before UNCLOS was in force');
  });

  it('names the amendments of an amended article, with their dates', () => {
    const document = brief('2024-01-01', '[1945-UNCH art. 23(1)] [ECHR art. 35(1)] [1998-ROME art. 5(2)]');
    assert.match(hover(document, 'art. 23(1)'), /art\. 23 amended by \[1963-UNCH-AM\]\([^)]*\) \(adopted 17 December 1963; in force 31 August 1965\)/);
    assert.match(hover(document, 'art. 35(1)'), /art\. 35 amended by \[2013-ECHR-P15\]\([^)]*\) \(adopted 24 June 2013; in force 1 August 2021\)/);
    assert.match(hover(document, 'art. 5(2)'), /2010-RC-RES6/);
  });
});

// NOTE: what needs the source dataset runs where ../shared is, and is skipped with its reason in a clone that
// has nothing beside it (test/helpers/shared.ts).
describe('the starter library against its sources', needsShared('corpora/nl-treaties', 'corpora/open-treaties'), () => {
  it('is exactly what scripts/buildLibrary.ts writes, and every instrument passes every check of the build', () => {
    const built = buildLibrary();
    assert.deepEqual(built.flatMap((entry) => entry.problems.map((problem) => `${entry.instrument.id}: ${problem}`)), []);
    const files = libraryFiles(built);
    assert.deepEqual([...files.keys()].sort(), [...corpusFiles, 'README.md'].sort());
    for (const [name, content] of files) {
      assert.equal(fs.readFileSync(path.join(libraryPath, name), 'utf8'), content, `library/${name} is out of date: run npm run build:library`);
    }
  });

  it('round trip: every English clause equals its source text, white space aside, in the source’s order', () => {
    for (const instrument of instruments.filter((entry) => entry.nl !== undefined)) {
      const document = parseCorpusDocument(fs.readFileSync(path.join(libraryPath, `${instrument.id}.md`), 'utf8'));
      const relative = String(document.meta.source).replace(/^[^:]+:/, '');
      let source = fs.readFileSync(path.join(nlTreatiesPath, relative), 'utf8');
      for (const correction of instrument.corrections ?? []) {
        source = source.replace(correction.find, correction.replace);
      }
      const clauses = clausesInOrder(checkedView(instrument.id, document));
      assert.ok(clauses.length > 0, instrument.id);
      assert.deepEqual(roundTripProblems(clauses, withoutWhiteSpace(source.split(/\r?\n/).map(readerTextOf).join('\n'))), [], instrument.id);
    }
  });

  it('lists every correction in library/README.md, and a correction changes only labels or white space', () => {
    const readme = fs.readFileSync(path.join(libraryPath, 'README.md'), 'utf8');
    for (const instrument of instruments) {
      for (const correction of instrument.corrections ?? []) {
        assert.ok(readme.includes(correction.reason), `${instrument.id}: ${correction.reason}`);
        // What is left once the leading label (`2`, `2.`, `(ix)`, `i -`, `l.`) is taken off must be the same.
        const afterLabel = (text: string): string => withoutWhiteSpace(text).replace(/^\(?(?:[0-9]{1,3}|[a-z]{1,4})\)?(?:-|[.)])?/, '');
        assert.ok(withoutWhiteSpace(correction.find) === withoutWhiteSpace(correction.replace) || afterLabel(correction.find) === afterLabel(correction.replace), `${instrument.id}: “${correction.find}” → “${correction.replace}” changes more than a label`);
      }
    }
  });
});
