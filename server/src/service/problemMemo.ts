/**
 * What a brief's last check found, kept for the next one (see `diagnostics.ts`): each citation's problems and
 * each quotation's, with what in the corpus they depend on, reused while none of it changed.
 */
import { hasLead } from './briefBinding';
import type { BriefScan } from './briefScanner';
import { Citation, formatPinpoint } from './citationParser';
import { CorpusIndex, CorpusScope } from './corpusIndex';
import type { NonCanonicalProblem } from './codeActions';
import type { QuoteProblem } from './quoteCheck';
import { detached } from './strings';
import { Problem } from './types';

/** The remembered result of one quotation: its problem (its offsets are not used), or null when it matches. */
export interface QuoteEntry {
  readonly problem: QuoteProblem | null;
  readonly dependencies: Dependencies;
  /** The check that last used it (entries no check used are swept away). */
  seen: number;
}

/**
 * The quotation found before a citation, with offsets relative to the citation's start (it lies in the text an
 * edit before the citation moves with it), and its result when the citation has no alias or `ibid.` (whose
 * results are found by key, since binding may change them).
 */
export interface FoundQuote {
  readonly start: number;
  readonly end: number;
  readonly contentStart: number;
  readonly contentEnd: number;
  /** The quoted words (`Quotation.text`), a string of their own (`detached`). */
  readonly text: string;
  readonly kind: 'inline' | 'blockquote';
  entry: QuoteEntry | undefined;
}

/** What was found before a citation (null: no quotation), and the serial of the scan it was last found in. */
export interface QuoteSlot {
  found: FoundQuote | null;
  serial: number;
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
  /** Every quotation's result by its text and its citation's key: found again after a full scan. */
  #quotes = new Map<string, QuoteEntry>();
  /** What was found before each citation, by the citation the scanner found. */
  #quoteSlots = new Map<Citation, QuoteSlot>();
  /** The scan whose quotations the slots hold, once a check found them all at one corpus generation. */
  #quotesOf: { serial: number; generation: number } | undefined;
  #canonical: { serial: number; idsGeneration: number; problems: readonly NonCanonicalProblem[] } | undefined;

  /** Starts a check; forgets everything when the scope or the status context changed. */
  begin(context: string): void {
    if (context !== this.#context) {
      this.#context = context;
      this.#byOrigin = new Map();
      this.#byKey = new Map();
      this.#quotes = new Map();
      this.#quoteSlots = new Map();
      this.#quotesOf = undefined;
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

  /**
   * The edit after which the quotations of the last check can be taken again where the edit cannot have changed
   * them: the scan is that check's scan edited on one line (`BriefScan.edit`), and the corpus is unchanged (so
   * binding is: an alias candidate is a citation or plain text as it was).
   */
  quotesFollow(edit: BriefScan['edit'], generation: number): BriefScan['edit'] {
    const last = this.#quotesOf;
    return edit && last && last.serial === edit.from && last.generation === generation ? edit : undefined;
  }

  /** Starts the quotations of a check (after its citations): what they were found in is no longer whole. */
  beginQuotes(): void {
    this.#quotesOf = undefined;
  }

  /** What was found before a citation (by the citation the scanner found), if anything is remembered. */
  quoteSlot(origin: Citation): QuoteSlot | undefined {
    return this.#quoteSlots.get(origin);
  }

  setQuoteSlot(origin: Citation, found: FoundQuote | null, serial: number): void {
    this.#quoteSlots.set(origin, { found, serial });
  }

  /** A quotation's result by its key, marked as used by this check. */
  quoteByKey(key: string): QuoteEntry | undefined {
    const entry = this.#quotes.get(key);
    if (entry) {
      entry.seen = this.#check;
    }
    return entry;
  }

  /** Remembers a quotation's result (its message a string of its own: see `detached`). */
  setQuote(key: string, problem: QuoteProblem | null, dependencies: Dependencies): QuoteEntry {
    const kept = problem ? { ...problem, message: detached(problem.message), exact: problem.exact === undefined ? undefined : detached(problem.exact) } : null;
    const entry: QuoteEntry = { problem: kept, dependencies, seen: this.#check };
    this.#quotes.set(key, entry);
    return entry;
  }

  /** Marks a quotation's result as used by this check. */
  useQuote(entry: QuoteEntry): void {
    entry.seen = this.#check;
  }

  /**
   * Ends the quotations of a check of `citations` citations in the scan `serial`, found at one corpus generation
   * (`whole`) or not: sweeps what no recent check used.
   */
  endQuotes(citations: number, serial: number, generation: number, whole: boolean): void {
    this.#quotesOf = whole ? { serial, generation } : undefined;
    if (this.#quoteSlots.size > 2 * citations + 64) {
      for (const [origin, slot] of this.#quoteSlots) {
        if (slot.serial !== serial) {
          this.#quoteSlots.delete(origin);
        }
      }
    }
    if (this.#quotes.size > 2 * citations + 64) {
      for (const [key, entry] of this.#quotes) {
        if (entry.seen !== this.#check) {
          this.#quotes.delete(key);
        }
      }
    }
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
