/**
 * Document ids for imported documents: the ids the user gave (`--id`, in document order) or a proposal
 * made of the year of signing and a short code (`2023-JS`), unique within one import run.
 */
import { isDocId } from '../service/citationParser';
import type { ImportedDocument } from './types';

/** True when the text is a valid document id (the `doc-id` rule of spec.md §1, kept in the core). */
export const isValidDocId: (id: string) => boolean = isDocId;

/**
 * Short codes for Chinese titles, the first match wins: the subject of the document before its form, so
 * that an economic joint statement is `ECON` and a general one `JS`.
 */
const chineseCodes: readonly (readonly [RegExp, string])[] = [
  [/经济|经贸/, 'ECON'],
  [/贸易/, 'TRADE'],
  [/投资/, 'INV'],
  [/能源/, 'ENERGY'],
  [/边界|边境/, 'BORDER'],
  [/引渡/, 'EXTR'],
  [/司法协助/, 'MLA'],
  [/宪法/, 'CONST'],
  [/刑法/, 'CRIM'],
  [/民法/, 'CIVIL'],
  [/联合声明/, 'JS'],
  [/联合公报/, 'JC'],
  [/宣言/, 'DECL'],
  [/条约/, 'TREATY'],
  [/公约/, 'CONV'],
  [/协定/, 'AGT'],
  [/议定书/, 'PROT'],
  [/备忘录/, 'MOU'],
  [/解释/, 'INTERP'],
  [/决定/, 'DEC'],
  [/条例/, 'REG'],
  [/办法|规定|规则/, 'RULES'],
  [/法$/, 'LAW'],
];

const minorWords = new Set(['a', 'an', 'and', 'at', 'by', 'for', 'from', 'in', 'of', 'on', 'or', 'the', 'to', 'with']);

/** Proposes a short code (upper-case letters and digits, starting with a letter) from a title. */
export function codeFromTitle(title: string): string {
  for (const [pattern, code] of chineseCodes) {
    if (pattern.test(title)) {
      return code;
    }
  }
  const words = title
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9\s-]/g, ' ')
    .split(/[\s-]+/)
    .filter((word) => word !== '' && !minorWords.has(word.toLowerCase()) && /^[A-Za-z]/.test(word));
  if (words.length === 1) {
    return words[0].slice(0, 8).toUpperCase();
  }
  if (words.length > 1) {
    return words
      .map((word) => word[0])
      .join('')
      .slice(0, 8)
      .toUpperCase();
  }
  return 'DOC';
}

/** The year of a document for its id: from its `date`, else the first plausible year in its title. */
export function yearOf(document: ImportedDocument): string | undefined {
  const date = document.frontMatter.date;
  if (typeof date === 'string' && /^[0-9]{4}/.test(date)) {
    return date.slice(0, 4);
  }
  return /(?:^|[^0-9])((?:1[6-9]|20)[0-9]{2})(?![0-9])/.exec(document.title)?.[1];
}

/** The id proposed for a document, before uniqueness is ensured. */
export function proposeId(document: ImportedDocument): string {
  const code = document.idCode !== undefined && /^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*$/.test(document.idCode) ? document.idCode : codeFromTitle(document.title);
  return `${yearOf(document) ?? '0000'}-${code}`;
}

/** What {@link IdAllocator.next} decided. */
export interface AllocatedId {
  /** The id to write. */
  readonly id: string;
  /** True when the id was proposed rather than given by the user: the summary lists it as a guess. */
  readonly proposed: boolean;
}

/**
 * Hands out ids in document order: first the ids the user gave, then proposals, never the same id twice
 * (a proposal that is taken gets `-2`, `-3`, … appended).
 */
export class IdAllocator {
  readonly #given: string[];
  readonly #used = new Set<string>();

  /** `given` are the user's ids in document order; they must already be valid (see {@link isValidDocId}). */
  constructor(given: readonly string[]) {
    this.#given = [...given];
  }

  /** The id for the next document. */
  next(document: ImportedDocument): AllocatedId {
    const given = this.#given.shift();
    if (given !== undefined) {
      this.#used.add(given);
      return { id: given, proposed: false };
    }
    return { id: this.reserve(proposeId(document)), proposed: true };
  }

  /** Reserves `base`, or `base-2`, `base-3`, … when it is taken, and returns what was reserved. */
  reserve(base: string): string {
    let id = base;
    for (let counter = 2; this.#used.has(id); counter++) {
      id = `${base}-${counter}`;
    }
    this.#used.add(id);
    return id;
  }

  /** The given ids that no document used (more ids than documents). */
  get unused(): readonly string[] {
    return this.#given;
  }
}
