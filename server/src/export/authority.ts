/**
 * What a citation style needs to know about a cited document, read from its front matter: its kind, title,
 * short title, dates, treaty series citation and place. The language version whose language the brief is
 * written in gives the title; the primary version fills in what that one lacks.
 */
import { IndexedDocument, languageOf } from '../service/corpusIndex';
import { AuthorityKind, CitationStyle, FieldName } from './style';

/** A cited document, as styles see it. */
export interface Authority {
  readonly id: string;
  readonly kind: AuthorityKind;
  /** The field values, as written in the front matter (dates unformatted); absent when missing. */
  readonly fields: Readonly<Partial<Record<Exclude<FieldName, 'pinpoint'>, string>>>;
  /** The version whose clause text and title are used. */
  readonly version: IndexedDocument;
  /** The primary (authentic) version, whose numbering citations use. */
  readonly primary: IndexedDocument;
}

const STATEMENT_TYPES = new Set(['statement', 'joint-statement', 'joint statement', 'communique', 'communiqué', 'declaration-joint']);
const RESOLUTION_TYPES = new Set(['resolution', 'declaration', 'decision']);

function stringValue(value: unknown): string | undefined {
  if (typeof value === 'string') {
    return value.trim() || undefined;
  }
  if (typeof value === 'number') {
    return String(value);
  }
  if (value instanceof Date && !Number.isNaN(value.getTime())) {
    return value.toISOString().slice(0, 10);
  }
  return undefined;
}

function firstAlias(value: unknown): string | undefined {
  if (Array.isArray(value)) {
    return value.map(stringValue).find((alias) => alias !== undefined);
  }
  return stringValue(value);
}

/**
 * The kind of a document: its front matter `type` when it names one (`treaty`, `joint-statement`,
 * `resolution`, …); otherwise a joint statement when its title says so, a resolution when its `citation` is a
 * resolution's (`UNGA Res 217 A (III)`, `A/RES/70/1`), else a treaty.
 */
export function kindOf(meta: Readonly<Record<string, unknown>>, title: string | undefined): AuthorityKind {
  const type = stringValue(meta['type'])?.toLowerCase();
  if (type) {
    if (STATEMENT_TYPES.has(type)) {
      return 'statement';
    }
    if (RESOLUTION_TYPES.has(type)) {
      return 'resolution';
    }
    return 'treaty';
  }
  if (title && /\bjoint (statement|communiqu[eé]|declaration)\b|联合声明|聯合聲明|联合公报/i.test(title)) {
    return 'statement';
  }
  if (/\bRes\b|\/RES\/|\bresolution\b/i.test(stringValue(meta['citation']) ?? '')) {
    return 'resolution';
  }
  return 'treaty';
}

/** True when a language tag matches another's primary language (`zh` matches `zh-hans`). */
function sameLanguage(left: string, right: string): boolean {
  return left.split('-')[0] === right.split('-')[0];
}

/** The authority of a cited document, from its language versions (primary first), for a brief in `language`. */
export function authorityOf(versions: readonly IndexedDocument[], language: string | undefined): Authority | undefined {
  const primary = versions[0];
  if (!primary) {
    return undefined;
  }
  const version = (language && versions.find((candidate) => sameLanguage(languageOf(candidate), language))) || primary;
  const meta = version.document.meta;
  const fallback = primary.document.meta;
  const read = (key: string): string | undefined => stringValue(meta[key]) ?? stringValue(fallback[key]);
  const title = version.document.title ?? primary.document.title;
  const fields: Partial<Record<Exclude<FieldName, 'pinpoint'>, string>> = {
    id: primary.tree.id ?? '',
    title,
    short: stringValue(meta['short_title']) ?? firstAlias(meta['aliases']) ?? stringValue(fallback['short_title']) ?? firstAlias(fallback['aliases']),
    date: read('date'),
    entry_into_force: read('entry_into_force'),
    citation: read('citation'),
    place: stringValue(meta['place']) ?? stringValue(fallback['place']),
  };
  return { id: primary.tree.id ?? '', kind: kindOf(primary.document.meta, primary.document.title), fields, version, primary };
}

/** The front matter keys behind each field, for warnings. */
const FRONT_MATTER_KEY: Readonly<Record<Exclude<FieldName, 'pinpoint'>, string>> = {
  id: 'id',
  title: 'title',
  short: 'short_title',
  date: 'date',
  entry_into_force: 'entry_into_force',
  citation: 'citation',
  place: 'place',
};

/** What a style misses of an authority's front matter, as one warning; undefined when nothing is missing. */
export function missingFieldsWarning(authority: Authority, style: CitationStyle): string | undefined {
  const missing = style.kinds[authority.kind].required.filter(
    (field): field is Exclude<FieldName, 'pinpoint'> => field !== 'pinpoint' && authority.fields[field] === undefined,
  );
  if (missing.length === 0) {
    return undefined;
  }
  const effects: string[] = [];
  const inFirst = missing.filter((field) => field !== 'short');
  if (inFirst.length > 0) {
    effects.push(`its first citation goes without ${inFirst.length === 1 ? 'it' : 'them'}`);
  }
  if (missing.includes('short')) {
    effects.push('later citations repeat its title');
  }
  const keys = missing.map((field) => (field === 'short' ? 'short_title (or aliases)' : FRONT_MATTER_KEY[field]));
  return `${authority.id}: its front matter has no ${keys.join(', ')}; ${effects.join(', and ')}`;
}

/** Writes a front matter date (`1969-05-23`) in a style's long form, or its year; other text stays as it is. */
export function formatDate(value: string, style: CitationStyle, form: 'long' | 'year'): string {
  const match = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/.exec(value.trim());
  if (!match) {
    return value;
  }
  const [, year, month, day] = match;
  if (form === 'year' || !month) {
    return year;
  }
  const monthName = style.dates.months[Number(month) - 1];
  if (!monthName) {
    return value;
  }
  if (!day) {
    return `${monthName} ${year}`;
  }
  return style.dates.long.replace('{day}', String(Number(day))).replace('{month}', monthName).replace('{year}', year);
}
