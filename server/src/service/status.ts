/**
 * The status and history of an instrument (spec.md §2: `status`, `date`, `entry_into_force`, `terminated`,
 * `superseded_by`, `amended_by`; and the extensions `supersedes` and `amends`, README.md "Status of
 * instruments"): reading them from front matter, judging the status at a date, and saying it in words.
 *
 * Pure: front matter values and dates in, facts, problems with line ranges and sentences out. What needs
 * other documents (a successor's entry into force, unloaded ids, cycles) is `relations.ts`'s business; it
 * passes what it found to `judgeStatus`.
 *
 * Dates are `YYYY-MM-DD`, or `YYYY-MM` and `YYYY` where only those are known; a partial date stands for
 * every day of its month or year, and a warning is given only when the dates make it certain.
 */
import { isDocId, parseCitationBody } from './citationParser';
import type { CorpusProblem, LineRange } from './corpusParser';

/** The values of `status` (spec.md §2). */
// NOTE: `draft` extends spec.md §2's four values: a text under negotiation (issue of drafting), not adopted.
export const STATUS_VALUES = ['in-force', 'not-in-force', 'terminated', 'superseded', 'draft'] as const;
export type StatusValue = (typeof STATUS_VALUES)[number];

/** A date as the front matter gives it, with the first and last day it may stand for (ISO `YYYY-MM-DD`). */
export interface FactDate {
  /** As written (`1980-01-27`, `1980-01`, `1980`). */
  readonly text: string;
  readonly first: string;
  readonly last: string;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** A written date that is not ISO (`27 January 1980`, `January 27, 1980`) in ISO form, for the message. */
function isoSuggestion(text: string): string | undefined {
  const dayFirst = /^(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})$/.exec(text);
  const monthFirst = /^([A-Za-z]+)\s+(\d{1,2}),?\s+(\d{4})$/.exec(text);
  const parts = dayFirst ? { day: dayFirst[1], month: dayFirst[2], year: dayFirst[3] } : monthFirst ? { day: monthFirst[2], month: monthFirst[1], year: monthFirst[3] } : undefined;
  const slashed = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(text);
  if (parts) {
    const month = MONTHS.findIndex((name) => name.toLowerCase().startsWith(parts.month.toLowerCase().slice(0, 3)) && parts.month.length >= 3) + 1;
    const day = Number(parts.day);
    return month > 0 && day >= 1 && day <= daysIn(Number(parts.year), month) ? `${parts.year}-${pad(month)}-${pad(day)}` : undefined;
  }
  return slashed ? `${slashed[3]}-MM-DD` : undefined;
}

/** Reads a date of the front matter; undefined for an absent value. */
export function parseFactDate(value: unknown): { date: FactDate } | { error: string } | undefined {
  if (value === undefined || value === null || value === '') {
    return undefined;
  }
  const text = typeof value === 'number' && Number.isInteger(value) ? String(value) : typeof value === 'string' ? value.trim() : undefined;
  const match = text === undefined ? null : /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text);
  if (text === undefined || !match) {
    const written = typeof value === 'string' ? value : JSON.stringify(value);
    const suggestion = text === undefined ? undefined : isoSuggestion(text);
    return { error: `'${written}' is not a date: write YYYY-MM-DD${suggestion ? ` (${suggestion})` : ''}, or YYYY-MM or YYYY when only those are known` };
  }
  const year = Number(match[1]);
  if (match[2] === undefined) {
    return { date: { text, first: `${match[1]}-01-01`, last: `${match[1]}-12-31` } };
  }
  const month = Number(match[2]);
  if (month < 1 || month > 12) {
    return { error: `'${text}' is not a date: there is no month ${match[2]}` };
  }
  if (match[3] === undefined) {
    return { date: { text, first: `${match[1]}-${match[2]}-01`, last: `${match[1]}-${match[2]}-${pad(daysIn(year, month))}` } };
  }
  const day = Number(match[3]);
  if (day < 1 || day > daysIn(year, month)) {
    return { error: `'${text}' is not a date: ${MONTHS[month - 1]} ${year} has no day ${match[3]}` };
  }
  return { date: { text, first: text, last: text } };
}

/** A date as a lawyer writes it: `27 January 1980`, `January 1980`, `1980`. */
export function formatFactDate(date: FactDate): string {
  const [year, month, day] = date.text.split('-');
  if (month === undefined) {
    return year;
  }
  const monthName = MONTHS[Number(month) - 1];
  return day === undefined ? `${monthName} ${year}` : `${Number(day)} ${monthName} ${year}`;
}

/** The day of a JavaScript date (UTC) as a fact date. */
export function dayOf(moment: Date): FactDate {
  const text = `${pad(moment.getUTCFullYear(), 4)}-${pad(moment.getUTCMonth() + 1)}-${pad(moment.getUTCDate())}`;
  return { text, first: text, last: text };
}

/** True when every day `left` may stand for comes before every day of `right`. */
export function surelyBefore(left: FactDate, right: FactDate): boolean {
  return left.last < right.first;
}

/** True when every day of `left` is on or after every day of `right`. */
export function surelyOnOrAfter(left: FactDate, right: FactDate): boolean {
  return left.first >= right.last;
}

// ---------------------------------------------------------------------------------------------------------
// Relations

/** The front matter keys that name other instruments. */
export const RELATION_KEYS = ['superseded_by', 'supersedes', 'amended_by', 'amends'] as const;
export type RelationKey = (typeof RELATION_KEYS)[number];

/** How pinpoints of a superseded instrument carry over to its successor (for the quick fix). */
export type ArticleCorrespondence = 'same' | ReadonlyMap<string, string>;

/** One entry of a relation key: the instrument it names, and what the entry says about the relation. */
export interface Relation {
  readonly key: RelationKey;
  /** The instrument named. */
  readonly id: string;
  /**
   * The provision of the superseding instrument that does it (`art. 311(1)`), as a printed or `§` pinpoint:
   * of the instrument named (`superseded_by`), or of this one (`supersedes`).
   */
  readonly provision?: string;
  /** A qualification, shown as written (`between its parties`). */
  readonly note?: string;
  /** Since when, where the successor's entry into force is not the date. */
  readonly date?: FactDate;
  /** `superseded_by`: how article numbers carry over (`same`, or a table `art. 2: art. 87`). */
  readonly articles?: ArticleCorrespondence;
  /** `amends` and `amended_by`: the provisions the amendment inserts or changes (`art. 8 bis`, `art. 25(3 bis)`). */
  readonly changes: readonly string[];
  /** Where the id stands in the file. */
  readonly range: LineRange;
}

/** What the front matter says about an instrument's status and history. */
export interface InstrumentFacts {
  readonly status?: StatusValue;
  /** `date`: adoption (or signature) of the instrument. */
  readonly adopted?: FactDate;
  readonly entryIntoForce?: FactDate;
  readonly terminated?: FactDate;
  /** Every entry of the relation keys, in the order written. */
  readonly relations: readonly Relation[];
}

export const NO_FACTS: InstrumentFacts = Object.freeze({ relations: Object.freeze([]) });

/** True when the facts say anything about status or history. */
export function hasFacts(facts: InstrumentFacts): boolean {
  return facts.status !== undefined || facts.entryIntoForce !== undefined || facts.terminated !== undefined || facts.relations.length > 0;
}

/** The fields of a relation entry's mapping form; each but `id` may also stand beside the key (`superseded_by_note`). */
const RELATION_FIELDS: Readonly<Record<RelationKey, readonly string[]>> = {
  superseded_by: ['id', 'provision', 'note', 'date', 'articles'],
  // `provision` here is the superseding instrument's own (this document's).
  supersedes: ['id', 'provision', 'note', 'date'],
  amended_by: ['id', 'articles'],
  amends: ['id', 'articles'],
};

/** The ids a front matter's relation keys name (valid ones only), for the index's headers. */
export function relatedIdsOf(data: Readonly<Record<string, unknown>>): string[] {
  const ids = new Set<string>();
  for (const key of RELATION_KEYS) {
    for (const entry of asList(data[key])) {
      const raw = entry !== null && typeof entry === 'object' && !Array.isArray(entry) ? (entry as Record<string, unknown>)['id'] : entry;
      const id = typeof raw === 'string' ? raw.trim().split(/\s/, 1)[0] : undefined;
      if (id !== undefined && isDocId(id)) {
        ids.add(id);
      }
    }
  }
  return [...ids].sort();
}

function asList(value: unknown): unknown[] {
  return value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
}

/** The lines of one top-level key of the front matter: from its line to the next top-level key. */
function keyBlock(lines: readonly string[], bodyLine: number, key: string): { start: number; end: number } | undefined {
  const close = Math.max(1, bodyLine - 1);
  for (let line = 1; line < close; line++) {
    if (lines[line].startsWith(key + ':')) {
      let end = line + 1;
      while (end < close && (lines[end] === '' || /^[ \t#-]/.test(lines[end]))) {
        end++;
      }
      return { start: line, end };
    }
  }
  return undefined;
}

function wholeLine(lines: readonly string[], line: number): LineRange {
  return { startLine: line, startCharacter: 0, endLine: line, endCharacter: lines[line]?.length ?? 0 };
}

/** Where `word` first stands as a whole token in a block of lines (the id of a relation entry), else the block's first line. */
function wordRange(lines: readonly string[], block: { start: number; end: number }, word: string, after: LineRange | undefined): LineRange {
  for (let line = after ? after.startLine : block.start; line < block.end; line++) {
    let from = after && line === after.startLine ? after.endCharacter : line === block.start ? lines[line].indexOf(':') + 1 : 0;
    for (;;) {
      const at = lines[line].indexOf(word, from);
      if (at < 0) {
        break;
      }
      const before = at === 0 ? ' ' : lines[line][at - 1];
      const next = lines[line][at + word.length] ?? ' ';
      if (!/[A-Za-z0-9-]/.test(before) && !/[A-Za-z0-9-]/.test(next)) {
        return { startLine: line, startCharacter: at, endLine: line, endCharacter: at + word.length };
      }
      from = at + 1;
    }
  }
  return wholeLine(lines, block.start);
}

/** Reads a pinpoint written alone (`art. 311(1)`, `§3.4`); the error says why it is none. */
export function parseProvision(text: string): { ok: true } | { ok: false; error: string } {
  const body = `0000-X ${text.trim()}`;
  const parsed = parseCitationBody(body, 0, body.length);
  if (parsed.error || parsed.cites.length !== 1 || parsed.cites[0].pinpoints.length !== 1) {
    return { ok: false, error: parsed.error ? parsed.error.message : 'expected one pinpoint' };
  }
  return { ok: true };
}

/** Reads `status`, the dates and the relation keys of a front matter. Never throws. */
export function readInstrumentFacts(
  data: Readonly<Record<string, unknown>>,
  lines: readonly string[],
  bodyLine: number,
): { facts: InstrumentFacts; problems: CorpusProblem[] } {
  const problems: CorpusProblem[] = [];
  const keyLine = (key: string): LineRange => {
    const block = keyBlock(lines, bodyLine, key);
    return block ? wholeLine(lines, block.start) : { startLine: 0, startCharacter: 0, endLine: 0, endCharacter: 3 };
  };

  let status: StatusValue | undefined;
  const rawStatus = data['status'];
  if (rawStatus !== undefined && rawStatus !== null) {
    if (typeof rawStatus === 'string' && (STATUS_VALUES as readonly string[]).includes(rawStatus.trim())) {
      status = rawStatus.trim() as StatusValue;
    } else {
      problems.push({ message: `status '${String(rawStatus)}' is not a status: write one of ${STATUS_VALUES.join(', ')}`, range: keyLine('status') });
    }
  }

  const readDate = (key: string): FactDate | undefined => {
    const parsed = parseFactDate(data[key]);
    if (parsed && 'error' in parsed) {
      problems.push({ message: `${key}: ${parsed.error}`, range: keyLine(key) });
      return undefined;
    }
    return parsed?.date;
  };
  const adopted = readDate('date');
  const entryIntoForce = readDate('entry_into_force');
  const terminated = readDate('terminated');
  if (adopted && entryIntoForce && surelyBefore(entryIntoForce, adopted)) {
    problems.push({ message: `entry_into_force ${entryIntoForce.text} comes before the instrument's date ${adopted.text}`, range: keyLine('entry_into_force') });
  }
  if (terminated && entryIntoForce && surelyBefore(terminated, entryIntoForce)) {
    problems.push({ message: `terminated ${terminated.text} comes before entry_into_force ${entryIntoForce.text}`, range: keyLine('terminated') });
  }
  if (terminated && status !== undefined && status !== 'terminated' && status !== 'superseded') {
    problems.push({ message: `status '${status}' contradicts terminated: ${terminated.text}; write status: terminated, or remove the date`, range: keyLine('status') });
  }

  const relations: Relation[] = [];
  const ownId = typeof data['id'] === 'string' ? data['id'] : undefined;
  for (const key of RELATION_KEYS) {
    const raw = data[key];
    if (raw === undefined || raw === null) {
      const lonely = RELATION_FIELDS[key].find((field) => field !== 'id' && data[`${key}_${field}`] !== undefined);
      if (lonely !== undefined) {
        problems.push({ message: `${key}_${lonely} without ${key}: it gives each entry of ${key} its ${lonely}`, range: keyLine(`${key}_${lonely}`) });
      }
      continue;
    }
    const block = keyBlock(lines, bodyLine, key) ?? { start: 0, end: 1 };
    const companions = companionsOf(data, key);
    let previous: LineRange | undefined;
    for (const entry of asList(raw)) {
      const read = readRelation(key, entry, companions);
      if ('error' in read) {
        problems.push({ message: `${key}: ${read.error}`, range: wholeLine(lines, block.start) });
        continue;
      }
      const range = wordRange(lines, block, read.id, previous);
      previous = range;
      if (read.id === ownId) {
        problems.push({ message: `${key} names the document itself (${read.id}): an instrument cannot ${key.startsWith('amend') ? 'amend' : 'supersede'} itself`, range });
        continue;
      }
      for (const problem of read.problems) {
        problems.push({ message: `${key}: ${problem}`, range });
      }
      relations.push({ ...read.relation, key, range });
    }
  }
  return { facts: { status, adopted, entryIntoForce, terminated, relations }, problems };
}

type ReadRelation = { id: string; relation: Omit<Relation, 'key' | 'range'>; problems: string[] } | { error: string };

/**
 * The companions of a relation key (`superseded_by_note`, `amends_articles`, …): flat keys that give every
 * entry of the key a field it does not set itself, for front matter written without nested mappings.
 */
function companionsOf(data: Readonly<Record<string, unknown>>, key: RelationKey): Record<string, unknown> {
  const companions: Record<string, unknown> = {};
  for (const field of RELATION_FIELDS[key]) {
    const value = data[`${key}_${field}`];
    if (field !== 'id' && value !== undefined && value !== null) {
      companions[field] = value;
    }
  }
  return companions;
}

/** Reads one entry of a relation key: `ID`, `ID pinpoint` (`superseded_by` only) or a mapping (see README.md). */
function readRelation(key: RelationKey, entry: unknown, companions: Readonly<Record<string, unknown>>): ReadRelation {
  const problems: string[] = [];
  const example = key === 'superseded_by' ? '1982-UNCLOS, or 1982-UNCLOS art. 311(1)' : '1998-ROME';
  let record: Record<string, unknown>;
  if (typeof entry === 'string') {
    const text = entry.trim();
    const id = text.split(/\s/, 1)[0];
    if (!isDocId(id)) {
      return { error: `'${entry}' is not a document id (e.g. ${example})` };
    }
    const rest = text.slice(id.length).trim();
    if (rest.length > 0 && key !== 'superseded_by') {
      const where = key === 'supersedes' ? 'its own provision that does it under provision:' : 'what it changes under articles:';
      return { error: `'${entry}': write ${where} (see README.md), not after the id` };
    }
    if (rest.length > 0) {
      const provision = parseProvision(rest);
      if (!provision.ok) {
        return { error: `'${rest}' after ${id} is not a pinpoint: ${provision.error}` };
      }
    }
    record = rest.length > 0 ? { id, provision: rest } : { id };
  } else if (entry !== null && typeof entry === 'object' && !Array.isArray(entry)) {
    record = entry as Record<string, unknown>;
  } else {
    return { error: `expected a document id (e.g. ${example}) or a mapping with id:, got ${JSON.stringify(entry)}` };
  }
  const fields = RELATION_FIELDS[key];
  const unknown = Object.keys(record).filter((name) => !fields.includes(name));
  if (unknown.length > 0) {
    problems.push(`unknown key ${unknown.map((name) => `'${name}'`).join(', ')}: an entry takes ${fields.join(', ')}`);
  }
  const id = record['id'];
  if (typeof id !== 'string' || !isDocId(id.trim())) {
    return { error: `the entry's id ${id === undefined ? 'is missing' : `'${String(id)}' is not a document id`} (e.g. ${example})` };
  }
  const cleanId = id.trim();
  const field = (name: string): unknown => (record[name] !== undefined && record[name] !== null ? record[name] : companions[name]);
  let provision: string | undefined;
  const rawProvision = field('provision');
  if (rawProvision !== undefined && rawProvision !== null) {
    const text = String(rawProvision);
    const parsed = parseProvision(text);
    if (parsed.ok) {
      provision = text.trim();
    } else {
      problems.push(`provision '${text}' is not a pinpoint: ${parsed.error}`);
    }
  }
  const rawNote = field('note');
  const note = rawNote === undefined || rawNote === null ? undefined : String(rawNote).trim();
  let date: FactDate | undefined;
  const parsedDate = parseFactDate(field('date'));
  if (parsedDate && 'error' in parsedDate) {
    problems.push(`date: ${parsedDate.error}`);
  } else {
    date = parsedDate?.date;
  }
  let articles: ArticleCorrespondence | undefined;
  let changes: string[] = [];
  const rawArticles = field('articles');
  if (rawArticles !== undefined && rawArticles !== null) {
    if (key === 'superseded_by') {
      const read = readCorrespondence(rawArticles);
      if ('error' in read) {
        problems.push(read.error);
      } else {
        articles = read.value;
      }
    } else {
      const read = readChanges(rawArticles);
      problems.push(...read.problems);
      changes = read.changes;
    }
  }
  return { id: cleanId, relation: { id: cleanId, provision, note: note || undefined, date, articles, changes }, problems };
}

/** `articles: same`, or a table of printed pinpoints (`art. 2: art. 87`). */
function readCorrespondence(value: unknown): { value: ArticleCorrespondence } | { error: string } {
  if (value === 'same') {
    return { value: 'same' };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { error: `articles must be 'same' (the successor keeps the article numbers) or a table such as { "art. 2": "art. 87" }` };
  }
  const table = new Map<string, string>();
  for (const [from, to] of Object.entries(value as Record<string, unknown>)) {
    const source = canonicalProvision(from);
    const target = canonicalProvision(String(to));
    if (!isPrintedProvision(source) || !isPrintedProvision(target)) {
      return { error: `articles: '${from}: ${String(to)}' does not map a printed pinpoint to another (e.g. "art. 2": "art. 87")` };
    }
    table.set(source, target);
  }
  return { value: table };
}

/** `articles: [art. 8 bis, art. 25(3 bis)]`: the provisions an amendment inserts or changes. */
function readChanges(value: unknown): { changes: string[]; problems: string[] } {
  const changes: string[] = [];
  const problems: string[] = [];
  for (const entry of asList(value)) {
    const text = typeof entry === 'string' || typeof entry === 'number' ? canonicalProvision(String(entry)) : JSON.stringify(entry);
    if (isPrintedProvision(text)) {
      changes.push(text);
    } else {
      problems.push(`articles: '${text}' is not a printed pinpoint such as art. 8 bis or art. 25(3 bis)`);
    }
  }
  return { changes, problems };
}

function isPrintedProvision(text: string): boolean {
  const body = `0000-X ${text.trim()}`;
  const parsed = parseCitationBody(body, 0, body.length);
  return !parsed.error && parsed.cites.length === 1 && parsed.cites[0].pinpoints.length === 1 && parsed.cites[0].pinpoints[0].printed !== undefined && parsed.cites[0].pinpoints[0].printedTo === undefined;
}

/** A printed provision with single spaces (`art.  8 bis` → `art. 8 bis`). */
function canonicalProvision(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}

// ---------------------------------------------------------------------------------------------------------
// Judging the status at a date

/** One instrument that supersedes another, from either side of the relation, with what is known of it. */
export interface Succession {
  /** The superseding instrument. */
  readonly successor: string;
  readonly provision?: string;
  readonly note?: string;
  /** Since when: the entry's own date, else the successor's entry into force, else its adoption. */
  readonly date?: FactDate;
  readonly articles?: ArticleCorrespondence;
}

/** What an instrument was at a date. */
export type StatusState = 'in-force' | 'not-yet-adopted' | 'not-yet-in-force' | 'terminated' | 'superseded' | 'draft' | 'unknown';

/** The status of an instrument at a date, with the dates that decide it. */
export interface StatusJudgement {
  readonly state: StatusState;
  /** When the state began: in force since, terminated or superseded on. */
  readonly since?: FactDate;
  /** For a state that ends: the adoption or entry into force still to come. */
  readonly until?: FactDate;
  /** The successor, when superseded. */
  readonly succession?: Succession;
}

/**
 * The status of an instrument at `at` (the brief's date, or today), knowing `today`. Dated facts decide
 * where they are certain; `status` alone, and a supersession without a date, speak only of today (so of
 * briefs dated today or later).
 */
export function judgeStatus(facts: InstrumentFacts, successions: readonly Succession[], at: FactDate, today: FactDate): StatusJudgement {
  const current = !surelyBefore(at, today);
  if (facts.status === 'draft' && !facts.adopted) {
    return { state: 'draft' };
  }
  if (facts.terminated && surelyOnOrAfter(at, facts.terminated)) {
    return { state: 'terminated', since: facts.terminated };
  }
  // An undated supersession speaks of today, unless `status` says the instrument is (still, or not yet) in force.
  const undatedCounts = current && facts.status !== 'in-force' && facts.status !== 'not-in-force';
  for (const succession of successions) {
    if (succession.date ? surelyOnOrAfter(at, succession.date) : undatedCounts) {
      return { state: 'superseded', since: succession.date, succession };
    }
  }
  if (facts.adopted && surelyBefore(at, facts.adopted)) {
    return { state: 'not-yet-adopted', until: facts.adopted };
  }
  if (facts.entryIntoForce && surelyBefore(at, facts.entryIntoForce)) {
    return { state: 'not-yet-in-force', until: facts.entryIntoForce };
  }
  if (current && facts.status === 'terminated') {
    return { state: 'terminated', since: facts.terminated };
  }
  if (current && facts.status === 'superseded') {
    return { state: 'superseded', succession: successions[0] };
  }
  if (facts.status === 'not-in-force' && !facts.entryIntoForce) {
    return { state: 'not-yet-in-force' };
  }
  if (facts.entryIntoForce || facts.status === 'in-force') {
    return { state: 'in-force', since: facts.entryIntoForce };
  }
  return { state: 'unknown' };
}

/** `Superseded by 1982-UNCLOS (art. 311(1)) between its parties`, the successor written by `name`. */
function supersededWords(succession: Succession | undefined, name: (id: string) => string): string {
  if (!succession) {
    return 'Superseded';
  }
  const provision = succession.provision ? ` (${succession.provision})` : '';
  const note = succession.note ? ` ${succession.note}` : '';
  return `Superseded by ${name(succession.successor)}${provision}${note}`;
}

/** How a status line names the date it judges at. */
export interface JudgedAt {
  readonly at: FactDate;
  /** True when `at` is the brief's own date (else it is today, or a date the user chose). */
  readonly briefDate: boolean;
}

/**
 * The status in one line, for hover and completion: `In force since 27 January 1980`, `Not yet in force`,
 * `Superseded by 1982-UNCLOS (art. 311(1)) between its parties`, `Terminated on 1 January 2000`.
 * Undefined when nothing is known. `name` writes an instrument's id (a link, in a hover).
 */
export function describeStatus(judgement: StatusJudgement, judged: JudgedAt, name: (id: string) => string = (id) => id): string | undefined {
  const on = judged.briefDate ? ` on ${formatFactDate(judged.at)}, the brief's date` : '';
  switch (judgement.state) {
    case 'in-force':
      return judgement.since ? `In force since ${formatFactDate(judgement.since)}` : 'In force';
    case 'not-yet-adopted':
      return `Not yet adopted${on} (adopted ${formatFactDate(judgement.until as FactDate)})`;
    case 'not-yet-in-force':
      return `Not yet in force${on}${judgement.until ? ` (in force from ${formatFactDate(judgement.until)})` : ''}`;
    case 'terminated':
      return judgement.since ? `Terminated on ${formatFactDate(judgement.since)}` : 'Terminated';
    case 'superseded':
      return `${supersededWords(judgement.succession, name)}${judgement.since ? `, since ${formatFactDate(judgement.since)}` : ''}`;
    case 'draft':
      return 'Draft under negotiation: not adopted, not in force';
    case 'unknown':
      return undefined;
  }
}

/**
 * The message of an `instrument-status` warning for a citation of `id`, or undefined when the instrument
 * was in force (or nothing certain is known) at the date judged.
 */
export function statusWarning(id: string, judgement: StatusJudgement, judged: JudgedAt): string | undefined {
  const at = formatFactDate(judged.at);
  const when = judged.briefDate ? ` on ${at}, the brief's date` : '';
  switch (judgement.state) {
    case 'not-yet-adopted':
      return `instrument status: ${id} was not yet adopted (${formatFactDate(judgement.until as FactDate)})${when || ` on ${at}`}`;
    case 'not-yet-in-force':
      return `instrument status: ${id} ${judged.briefDate ? 'was' : 'is'} not yet in force${judgement.until ? ` (${formatFactDate(judgement.until)})` : ''}${when}`;
    case 'terminated':
      return `instrument status: ${id} was terminated${judgement.since ? ` on ${formatFactDate(judgement.since)}` : ''}${judged.briefDate ? `, before the brief's date (${at})` : ''}`;
    case 'superseded': {
      const succession = judgement.succession;
      const words = supersededWords(succession, (successor) => successor).replace(/^Superseded/, 'superseded');
      const since = judgement.since ? ` on ${formatFactDate(judgement.since)}` : '';
      const before = judged.briefDate ? `, before the brief's date (${at})` : '';
      return `instrument status: ${id} was ${words}${since}${before}${succession ? `; cite ${succession.successor} instead` : ''}`;
    }
    default:
      // A draft is cited knowingly, by those who negotiate it: its hover says what it is, and no warning.
      return undefined;
  }
}

/** The `date` of a brief's front matter, when it has a valid one. */
export function briefDateOf(text: string, readFrontMatterLines: (lines: readonly string[]) => { data: Readonly<Record<string, unknown>> }): FactDate | undefined {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (!text.startsWith('---', start)) {
    return undefined;
  }
  // Only the front matter is split: it ends at the first `---` or `...` line (read up to 64 KB).
  const head = text.slice(0, 65_536);
  const close = /\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\r|$)/.exec(head.slice(start + 3));
  if (!close) {
    return undefined;
  }
  const lines = head.slice(0, start + 3 + close.index + close[0].length).split(/\r\n|\r|\n/);
  const parsed = parseFactDate(readFrontMatterLines(lines).data['date']);
  return parsed && 'date' in parsed ? parsed.date : undefined;
}
