/**
 * What a brief's last check found, kept for the next one (see `diagnostics.ts`): each citation's problems and
 * each quotation's, with what in the corpus they depend on, reused while none of it changed.
 */
import { hasLead } from './briefBinding';
import { Citation, formatPinpoint } from './citationParser';
import { CorpusIndex, CorpusScope } from './corpusIndex';
import type { NonCanonicalProblem } from './codeActions';
import type { QuoteProblem } from './quoteCheck';
import { Problem } from './types';

/** The remembered result of one quotation: its problem (with offsets relative to the quotation), or null when it matches. */
export interface QuoteEntry {
  readonly problem: QuoteProblem | null;
  readonly dependencies: Dependencies;
}

/** When a remembered result was computed, and what in the corpus it depends on. */
export interface Dependencies {
  /** The index generation it was computed at. */
  readonly computedAt: number;
  /** The ids whose documents (and relations) it read. */
  readonly ids: readonly string[];
  /** The index's `idsGeneration` when it depends on the set of ids (an unknown id's suggestions), else -1. */
  readonly idsGeneration: number;
  /** The last generation at which it was found still valid. */
  validAt: number;
}

/** The ids a citation's results depend on: those it cites, and those their documents name in relations. */
export function dependenciesOf(citation: Citation, index: CorpusIndex, scope: CorpusScope): Dependencies {
  const ids = new Set<string>();
  let usesIdSet = false;
  for (const cite of citation.cites) {
    if (cite.ambiguous) {
      continue;
    }
    ids.add(cite.docId);
    const document = index.resolve(cite.docId, scope);
    if (!document) {
      usesIdSet = true;
      continue;
    }
    for (const related of document.header.related) {
      ids.add(related);
    }
  }
  return { computedAt: index.generation, ids: [...ids], idsGeneration: usesIdSet ? index.idsGeneration : -1, validAt: index.generation };
}

/** True while nothing a remembered result depends on has changed. */
export function stillValid(dependencies: Dependencies, index: CorpusIndex): boolean {
  if (dependencies.validAt === index.generation) {
    return true;
  }
  if (dependencies.idsGeneration >= 0 && dependencies.idsGeneration !== index.idsGeneration) {
    return false;
  }
  for (const id of dependencies.ids) {
    if (index.idGeneration(id) > dependencies.computedAt) {
      return false;
    }
  }
  dependencies.validAt = index.generation;
  return true;
}

/**
 * A copy of a piece of a text that does not keep the text alive, for what is kept longer than the text.
 *
 * NOTE: V8 keeps `text.slice()` of 13 characters or more, and a concatenation, as views of the strings they
 * were made from. A key or message kept per citation held the whole brief of the version it was cut from, so
 * a typing session kept one version of a large brief per citation it edited (issue 14: the memory it held grew
 * with every edit and forced full garbage collections of the whole heap while typing). A sliced concatenation
 * is copied into a string of its own.
 */
export function detached(piece: string): string {
  return piece.length < 13 ? piece : ` ${piece}`.slice(1);
}

/**
 * What identifies a citation's results: its text, and what binding made of it where binding changed it (an
 * alias's id, `ibid.`'s document and inherited pinpoints, an ambiguity, an orphan `ibid.`). A string of its
 * own (`detached`): it is kept after the text it comes from is gone.
 */
export function citationKey(text: string, citation: Citation): string {
  const written = text.slice(citation.start, citation.end);
  let bound = '';
  // NOTE: `hasLead` asks the citation the scanner found: the cites of a citation an edit moved are not shifted for it.
  if (citation.aliasCandidate !== undefined || citation.malformed !== undefined || hasLead(citation)) {
    bound = citation.malformed ? `\u0000M${citation.malformed.message}` : '';
    for (const cite of citation.cites) {
      bound += `\u0000${cite.docId}${cite.ambiguous ? `?${cite.ambiguous.join(',')}` : ''}`;
      if (cite.pinpoints.some((pinpoint) => pinpoint.inherited)) {
        bound += `^${cite.pinpoints.map((pinpoint) => formatPinpoint(pinpoint)).join(',')}`;
      }
    }
  }
  return detached(bound === '' ? written : `${written}${bound}`);
}

/** The remembered problems of one citation. */
export interface CitationEntry {
  /** Offsets relative to the citation's start. */
  readonly problems: readonly Problem[];
  readonly dependencies: Dependencies;
  /** The check that last used it (entries no check used are swept away). */
  seen: number;
}

/** Marks a citation whose results are kept by key (it has an alias or `ibid.`). */
export const LEAD: unique symbol = Symbol('lead');

/** What is filed under a citation the scanner found, and the check that last looked it up. */
interface OriginSlot {
  readonly entry: CitationEntry | typeof LEAD;
  seen: number;
}

/**
 * The remembered results of one brief's last checks (citations, quotations, non-canonical brackets), for the
 * next one. Holds about the results of the citations the brief had at its last check.
 */
export class ProblemMemo {
  #context = '';
  #check = 0;
  /** Citations that binding leaves as they are, by the citation the scanner found (which edits only move). */
  // NOTE: swept by when each citation was last looked up, not by its entry: one entry may be filed under the
  // citation an earlier scan found and under the one a full scan found again.
  #byOrigin = new Map<Citation, OriginSlot>();
  /** Every citation by its text and binding (`citationKey`): those with an alias or `ibid.`, and those a full scan found again. */
  #byKey = new Map<string, CitationEntry>();
  #quotes = new Map<string, QuoteEntry>();
  #canonical: { serial: number; idsGeneration: number; problems: readonly NonCanonicalProblem[] } | undefined;

  /** Starts a check; forgets everything when the scope or the status context changed. */
  begin(context: string): void {
    if (context !== this.#context) {
      this.#context = context;
      this.#byOrigin = new Map();
      this.#byKey = new Map();
      this.#quotes = new Map();
    }
    this.#check++;
  }

  /**
   * The remembered entry of a citation binding leaves as it is, by the citation the scanner found; `LEAD` when
   * that citation has an alias or `ibid.` (then `byKey`). Marks it as used by this check.
   */
  byOrigin(origin: Citation): CitationEntry | typeof LEAD | undefined {
    const slot = this.#byOrigin.get(origin);
    if (!slot) {
      return undefined;
    }
    slot.seen = this.#check;
    if (slot.entry !== LEAD) {
      slot.entry.seen = this.#check;
    }
    return slot.entry;
  }

  /** Remembers that a citation has an alias or `ibid.`: its results are kept by key. */
  markLead(origin: Citation): void {
    this.#byOrigin.set(origin, { entry: LEAD, seen: this.#check });
  }

  /** The remembered entry of a citation by its `citationKey`, marked as used by this check. */
  byKey(key: string): CitationEntry | undefined {
    const entry = this.#byKey.get(key);
    if (entry) {
      entry.seen = this.#check;
    }
    return entry;
  }

  set(origin: Citation | undefined, key: string | undefined, problems: readonly Problem[], dependencies: Dependencies): CitationEntry {
    // The messages quote the brief: copied, so that the entry does not keep this version of it (`detached`).
    const kept = problems.map((problem) => ({ ...problem, message: detached(problem.message) }));
    const entry: CitationEntry = { problems: kept, dependencies, seen: this.#check };
    if (origin) {
      this.#byOrigin.set(origin, { entry, seen: this.#check });
    }
    if (key !== undefined) {
      this.#byKey.set(key, entry);
    }
    return entry;
  }

  /** Files a remembered entry under the citation the scanner found (when it was found by text). */
  setOrigin(origin: Citation, entry: CitationEntry): void {
    this.#byOrigin.set(origin, { entry, seen: this.#check });
  }

  /** Ends a check of `citations` citations: sweeps the entries no recent check used. */
  end(citations: number): void {
    if (this.#byOrigin.size > 2 * citations + 64) {
      for (const [origin, slot] of this.#byOrigin) {
        if (slot.seen !== this.#check) {
          this.#byOrigin.delete(origin);
        }
      }
    }
    if (this.#byKey.size > 2 * citations + 64) {
      for (const [key, entry] of this.#byKey) {
        if (entry.seen !== this.#check) {
          this.#byKey.delete(key);
        }
      }
    }
  }

  /** Like `begin` and `end`, for the quotations (checked after the citations, in the same context). */
  beginQuotes(): { previous: Map<string, QuoteEntry>; next: Map<string, QuoteEntry> } {
    return { previous: this.#quotes, next: new Map() };
  }

  endQuotes(next: Map<string, QuoteEntry>): void {
    this.#quotes = next;
  }

  /** The non-canonical brackets found in the scan `serial` (the last check's), at an ids generation. */
  canonicalOf(serial: number, idsGeneration: number): readonly NonCanonicalProblem[] | undefined {
    const remembered = this.#canonical;
    return remembered && remembered.serial === serial && remembered.idsGeneration === idsGeneration ? remembered.problems : undefined;
  }

  setCanonical(serial: number, idsGeneration: number, problems: readonly NonCanonicalProblem[]): void {
    this.#canonical = { serial, idsGeneration, problems };
  }
}
