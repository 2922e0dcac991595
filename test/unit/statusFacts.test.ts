/**
 * The status of an instrument (`status.ts`): dates as front matter writes them, the facts and their
 * problems, and tables of the status judged at dates (before and after entry into force, after
 * termination, after supersession), with the words hover and the warning use.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCorpusDocument } from '../../server/src/service/corpusParser';
import {
  describeStatus,
  FactDate,
  InstrumentFacts,
  judgeStatus,
  parseFactDate,
  readInstrumentFacts,
  StatusState,
  statusWarning,
  Succession,
} from '../../server/src/service/status';

function date(text: string): FactDate {
  const parsed = parseFactDate(text);
  assert.ok(parsed && 'date' in parsed, `${text} is a date`);
  return parsed.date;
}

const TODAY = date('2024-06-01');

/** The facts of a front matter (YAML lines without the `---`), with their problems. */
function facts(frontMatter: string): { facts: InstrumentFacts; problems: { message: string; line: number }[] } {
  const document = parseCorpusDocument(`---\nid: 2000-X\ntitle: X\n${frontMatter}\n---\n\nText.\n`);
  return { facts: document.facts, problems: document.problems.map((problem) => ({ message: problem.message, line: problem.range.startLine })) };
}

describe('status: dates', () => {
  const valid: [unknown, string, string][] = [
    ['1980-01-27', '1980-01-27', '1980-01-27'],
    ['1980-01', '1980-01-01', '1980-01-31'],
    ['1980-02', '1980-02-01', '1980-02-29'],
    ['1981-02', '1981-02-01', '1981-02-28'],
    ['1980', '1980-01-01', '1980-12-31'],
    [1980, '1980-01-01', '1980-12-31'],
    ['2000-02-29', '2000-02-29', '2000-02-29'],
  ];
  for (const [written, first, last] of valid) {
    it(`reads ${JSON.stringify(written)} as ${first}…${last}`, () => {
      const parsed = parseFactDate(written);
      assert.ok(parsed && 'date' in parsed);
      assert.deepEqual([parsed.date.first, parsed.date.last], [first, last]);
    });
  }

  const invalid: [unknown, string][] = [
    ['27 January 1980', "'27 January 1980' is not a date: write YYYY-MM-DD (1980-01-27)"],
    ['January 27, 1980', '(1980-01-27)'],
    ['1900-02-29', 'February 1900 has no day 29'],
    ['1980-13-01', 'there is no month 13'],
    ['soon', "'soon' is not a date"],
    [true, "'true' is not a date"],
    ['80-01-27', 'write YYYY-MM-DD'],
  ];
  for (const [written, message] of invalid) {
    it(`refuses ${JSON.stringify(written)}`, () => {
      const parsed = parseFactDate(written);
      assert.ok(parsed && 'error' in parsed, `${String(written)} is refused`);
      assert.ok(parsed.error.includes(message), `${parsed.error} should include ${message}`);
    });
  }

  it('takes an absent value as no date', () => {
    assert.equal(parseFactDate(undefined), undefined);
    assert.equal(parseFactDate(null), undefined);
    assert.equal(parseFactDate(''), undefined);
  });
});

describe('status: facts from front matter', () => {
  it('reads status, dates and relations in each written form', () => {
    const read = facts(
      [
        'date: 1958-04-29',
        'entry_into_force: 1964-09-10',
        'status: in-force',
        'superseded_by:',
        '  id: 1982-UNCLOS',
        '  provision: art. 311(1)',
        '  note: between its parties',
        '  articles:',
        '    art. 1(1): art. 2(1)',
        'amended_by: [2010-A, 2011-B]',
      ].join('\n'),
    );
    assert.deepEqual(read.problems, []);
    assert.equal(read.facts.status, 'in-force');
    assert.equal(read.facts.adopted?.text, '1958-04-29');
    assert.equal(read.facts.entryIntoForce?.text, '1964-09-10');
    const [superseded, first, second] = read.facts.relations;
    assert.equal(superseded.key, 'superseded_by');
    assert.equal(superseded.id, '1982-UNCLOS');
    assert.equal(superseded.provision, 'art. 311(1)');
    assert.equal(superseded.note, 'between its parties');
    assert.deepEqual(superseded.articles instanceof Map ? [...superseded.articles] : superseded.articles, [['art. 1(1)', 'art. 2(1)']]);
    assert.deepEqual(superseded.range, { startLine: 7, startCharacter: 6, endLine: 7, endCharacter: 17 }, 'the id as written, for links');
    assert.deepEqual([first.key, first.id, second.id], ['amended_by', '2010-A', '2011-B']);
    assert.equal(second.range.startLine, 12);
    assert.equal(second.range.startCharacter, 'amended_by: [2010-A, '.length);
  });

  it('reads `ID pinpoint` as the id and the provision', () => {
    const [relation] = facts('superseded_by: 1982-UNCLOS art. 311(1)').facts.relations;
    assert.deepEqual([relation.id, relation.provision], ['1982-UNCLOS', 'art. 311(1)']);
  });

  it('reads what an amendment inserts or changes', () => {
    const [relation] = facts('amends:\n  id: 1998-ROME\n  articles: [art. 8 bis, art.  25(3 bis)]').facts.relations;
    assert.deepEqual([relation.key, relation.id, relation.changes], ['amends', '1998-ROME', ['art. 8 bis', 'art. 25(3 bis)']]);
  });

  it('reads the flat companions of a relation key, for front matter written without mappings', () => {
    const read = facts('superseded_by: 1982-UNCLOS art. 311(1)\nsuperseded_by_note: between its parties\namends: [1998-ROME]\namends_articles: [art. 8 bis]');
    assert.deepEqual(read.problems, []);
    const [amends, superseded] = [read.facts.relations.find((relation) => relation.key === 'amends'), read.facts.relations.find((relation) => relation.key === 'superseded_by')];
    assert.deepEqual([superseded?.provision, superseded?.note], ['art. 311(1)', 'between its parties']);
    assert.deepEqual(amends?.changes, ['art. 8 bis']);
    const own = facts('superseded_by:\n  - { id: 2001-A, note: as between A and B }\n  - 2002-B\nsuperseded_by_note: between its parties').facts.relations;
    assert.deepEqual(own.map((relation) => relation.note), ['as between A and B', 'between its parties'], 'an entry’s own field wins');
  });

  const bad: [string, string, number][] = [
    ['superseded_by_note: between its parties', 'superseded_by_note without superseded_by', 3],
    ['supersedes: 1958-TSC art. 1', "write its own provision that does it under provision:", 3],
    ['status: repealed', "status 'repealed' is not a status: write one of in-force, not-in-force, terminated, superseded", 3],
    ['entry_into_force: 27 January 1980', "entry_into_force: '27 January 1980' is not a date: write YYYY-MM-DD (1980-01-27)", 3],
    ['date: 1969-05-23\nentry_into_force: 1960-01-01', 'entry_into_force 1960-01-01 comes before the instrument', 4],
    ['entry_into_force: 1990-01-01\nterminated: 1980-01-01', 'terminated 1980-01-01 comes before entry_into_force', 4],
    ['status: in-force\nterminated: 2001-01-01', "status 'in-force' contradicts terminated: 2001-01-01", 3],
    ['superseded_by: 1982-unclos', "superseded_by: '1982-unclos' is not a document id", 3],
    ['superseded_by: 1982-UNCLOS art 311 (1)', "'art 311 (1)' after 1982-UNCLOS is not a pinpoint", 3],
    ['superseded_by: { id: 1982-UNCLOS, when: 1994 }', "unknown key 'when'", 3],
    ['superseded_by: { provision: art. 2 }', "the entry's id is missing", 3],
    ['superseded_by: 2000-X', 'names the document itself (2000-X)', 3],
    ['amends: 1998-ROME art. 8 bis', 'write what it changes under articles:', 3],
    ['amends: { id: 1998-ROME, articles: [§8, art. 8 bis] }', "articles: '§8' is not a printed pinpoint", 3],
    ['superseded_by: { id: 1982-UNCLOS, articles: all }', "articles must be 'same'", 3],
    ['superseded_by: { id: 1982-UNCLOS, date: 16 November 1994 }', "date: '16 November 1994' is not a date: write YYYY-MM-DD (1994-11-16)", 3],
    ['supersedes: [42]', 'expected a document id', 3],
  ];
  for (const [frontMatter, message, line] of bad) {
    it(`reports ${JSON.stringify(frontMatter)} on its line`, () => {
      const read = facts(frontMatter);
      assert.equal(read.problems.length, 1, JSON.stringify(read.problems));
      assert.ok(read.problems[0].message.includes(message), `${read.problems[0].message} should include ${message}`);
      assert.equal(read.problems[0].line, line);
    });
  }
});

describe('status: judged at dates', () => {
  const vclt = facts('date: 1969-05-23\nentry_into_force: 1980-01-27\nstatus: in-force').facts;
  const terminated = facts('date: 1990-03-01\nentry_into_force: 1991-01-01\nterminated: 2005-06-30\nstatus: terminated').facts;
  const superseded = facts('date: 1958-04-29\nentry_into_force: 1964-09-10\nstatus: in-force').facts;
  const succession: Succession = { successor: '1982-UNCLOS', provision: 'art. 311(1)', note: 'between its parties', date: date('1994-11-16') };
  const undated = facts('entry_into_force: 1964-09-10\nstatus: superseded').facts;
  const draft = facts('date: 2023-01-10\nstatus: not-in-force').facts;
  const plain = facts('status: in-force').facts;
  const none = facts('place: Geneva').facts;

  const table: [string, InstrumentFacts, readonly Succession[], string, StatusState, string | undefined][] = [
    ['VCLT', vclt, [], '1960-01-01', 'not-yet-adopted', 'Not yet adopted on 1 January 1960, the brief\'s date (adopted 23 May 1969)'],
    ['VCLT', vclt, [], '1975-05-01', 'not-yet-in-force', "Not yet in force on 1 May 1975, the brief's date (in force from 27 January 1980)"],
    ['VCLT', vclt, [], '1980-01-26', 'not-yet-in-force', "Not yet in force on 26 January 1980, the brief's date (in force from 27 January 1980)"],
    ['VCLT', vclt, [], '1980-01-27', 'in-force', 'In force since 27 January 1980'],
    ['VCLT', vclt, [], '1979', 'not-yet-in-force', "Not yet in force on 1979, the brief's date (in force from 27 January 1980)"],
    ['VCLT', vclt, [], '1980', 'in-force', 'In force since 27 January 1980'],
    ['VCLT', vclt, [], '2020-01-15', 'in-force', 'In force since 27 January 1980'],
    ['terminated', terminated, [], '1995-01-01', 'in-force', 'In force since 1 January 1991'],
    ['terminated', terminated, [], '2005-06-29', 'in-force', 'In force since 1 January 1991'],
    ['terminated', terminated, [], '2005-06-30', 'terminated', 'Terminated on 30 June 2005'],
    ['terminated', terminated, [], '2010', 'terminated', 'Terminated on 30 June 2005'],
    ['superseded', superseded, [succession], '1963-01-01', 'not-yet-in-force', "Not yet in force on 1 January 1963, the brief's date (in force from 10 September 1964)"],
    ['superseded', superseded, [succession], '1990-01-01', 'in-force', 'In force since 10 September 1964'],
    ['superseded', superseded, [succession], '1994-11-16', 'superseded', 'Superseded by 1982-UNCLOS (art. 311(1)) between its parties, since 16 November 1994'],
    ['superseded', superseded, [succession], '2020-01-15', 'superseded', 'Superseded by 1982-UNCLOS (art. 311(1)) between its parties, since 16 November 1994'],
    ['undated supersession', undated, [{ successor: '2000-NEW' }], '2024-06-01', 'superseded', 'Superseded by 2000-NEW'],
    ['undated supersession', undated, [{ successor: '2000-NEW' }], '1990-01-01', 'in-force', 'In force since 10 September 1964'],
    ['undated supersession, no status', none, [{ successor: '2000-NEW' }], '2024-06-01', 'superseded', 'Superseded by 2000-NEW'],
    ['undated supersession, still in force', plain, [{ successor: '2000-NEW' }], '2024-06-01', 'in-force', 'In force'],
    ['draft', draft, [], '2024-06-01', 'not-yet-in-force', 'Not yet in force'],
    ['draft', draft, [], '2022-12-31', 'not-yet-adopted', "Not yet adopted on 31 December 2022, the brief's date (adopted 10 January 2023)"],
    ['status only', plain, [], '1900-01-01', 'in-force', 'In force'],
    ['nothing known', none, [], '2024-06-01', 'unknown', undefined],
  ];
  for (const [name, instrument, successions, at, state, words] of table) {
    it(`${name} at ${at}: ${state}`, () => {
      const judged = date(at);
      const judgement = judgeStatus(instrument, successions, judged, TODAY);
      assert.equal(judgement.state, state);
      const briefDate = at !== TODAY.text;
      assert.equal(describeStatus(judgement, { at: judged, briefDate }), words);
    });
  }

  it('says why a citation is warned about, naming the date and the successor', () => {
    const at = { at: date('1975-05-01'), briefDate: true };
    assert.equal(
      statusWarning('1969-VCLT', judgeStatus(vclt, [], at.at, TODAY), at),
      "instrument status: 1969-VCLT was not yet in force (27 January 1980) on 1 May 1975, the brief's date",
    );
    assert.equal(statusWarning('1969-VCLT', judgeStatus(vclt, [], date('2020-01-15'), TODAY), { at: date('2020-01-15'), briefDate: true }), undefined);
    const later = { at: date('2020-01-15'), briefDate: true };
    assert.equal(
      statusWarning('1958-TSC', judgeStatus(superseded, [succession], later.at, TODAY), later),
      "instrument status: 1958-TSC was superseded by 1982-UNCLOS (art. 311(1)) between its parties on 16 November 1994, before the brief's date (15 January 2020); cite 1982-UNCLOS instead",
    );
    assert.equal(
      statusWarning('1990-T', judgeStatus(terminated, [], TODAY, TODAY), { at: TODAY, briefDate: false }),
      'instrument status: 1990-T was terminated on 30 June 2005',
    );
    assert.equal(statusWarning('2023-D', judgeStatus(draft, [], TODAY, TODAY), { at: TODAY, briefDate: false }), 'instrument status: 2023-D is not yet in force');
    assert.equal(statusWarning('2000-N', judgeStatus(none, [], TODAY, TODAY), { at: TODAY, briefDate: false }), undefined);
  });

  it('writes successors the way it is asked to (links in a hover)', () => {
    const judgement = judgeStatus(superseded, [succession], date('2020-01-15'), TODAY);
    assert.equal(
      describeStatus(judgement, { at: TODAY, briefDate: false }, (id) => `[${id}](file:///x.md)`),
      'Superseded by [1982-UNCLOS](file:///x.md) (art. 311(1)) between its parties, since 16 November 1994',
    );
  });
});

describe('status: facts never throw', () => {
  it('reads any front matter value without throwing', () => {
    const values = ['[]', '{}', '~', '- a\n  - b', '{ id: [1, 2] }', '[{ id: 1998-ROME, articles: { a: b } }]', '"x"', '123', '2020-02-30'];
    for (const key of ['status', 'date', 'entry_into_force', 'terminated', 'superseded_by', 'supersedes', 'amended_by', 'amends']) {
      for (const value of values) {
        const text = `---\nid: 2000-X\ntitle: X\n${key}: ${value}\n---\n\nText.\n`;
        const document = parseCorpusDocument(text);
        assert.ok(Array.isArray(document.problems));
        const lines = text.split('\n');
        assert.doesNotThrow(() => readInstrumentFacts(document.meta, lines, 6));
      }
    }
  });
});

describe('drafts', () => {
  it('reads status: draft as a text under negotiation: described, never warned about', () => {
    const day = { text: '2026-01-01', first: '2026-01-01', last: '2026-01-01' };
    const judgement = judgeStatus({ status: 'draft' } as InstrumentFacts, [], day, day);
    assert.equal(judgement.state, 'draft');
    assert.match(describeStatus(judgement, { at: day, briefDate: false }) ?? '', /Draft under negotiation/);
    assert.equal(statusWarning('2025-SCI', judgement, { at: day, briefDate: false }), undefined);
  });
});
