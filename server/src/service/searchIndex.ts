/**
 * A text search index over clause text: which clauses contain every part of a query.
 *
 * Each clause's text is normalised (`normalizeForMatch`) and split into overlapping character pairs
 * (bigrams); a posting list per bigram names the clauses that contain it. A query part is looked up by its
 * rarest bigram and every candidate is verified by a substring test, so hash collisions and bigram
 * coincidences never give wrong answers. Documents are added and removed whole: removal leaves tombstones
 * that queries skip, and the postings are rebuilt once tombstones outnumber live entries.
 */
import { normalizeForMatch } from './text';

/** A hit of a query. */
export interface SearchHit {
  /** The document slot given to `add`. */
  readonly slot: number;
  /** The clause's index within the texts given to `add`. */
  readonly index: number;
  /** 0 when the whole query occurs as a phrase, 1 when only its parts do. */
  readonly tier: number;
  /** Where the first part occurs in the normalised text. */
  readonly position: number;
}

/** Options of a query. */
export interface SearchOptions {
  /** Most hits to return, best first. */
  readonly limit: number;
  /** Only clauses of these slots (undefined: all). */
  readonly slots?: ReadonlySet<number>;
  /** Most candidates to verify before giving up on finding better hits (bounds the time of a query). */
  readonly budget?: number;
}

/** The outcome of a query: the hits, and whether more may exist than were verified. */
export interface SearchResult {
  readonly hits: readonly SearchHit[];
  readonly incomplete: boolean;
}

const BIGRAM_SPACE = 0x3fffffff;

function bigramKey(text: string, index: number): number {
  return (text.charCodeAt(index) * 65599 + text.charCodeAt(index + 1)) % BIGRAM_SPACE;
}

/** Splits a query into normalised parts; CJK text without spaces is one part. */
export function queryParts(query: string): string[] {
  return query
    .split(/\s+/)
    .map((part) => normalizeForMatch(part))
    .filter((part) => part.length > 0);
}

export class SearchIndex {
  /** The normalised clause texts of each slot (undefined once removed). */
  #texts: (readonly string[] | undefined)[] = [];
  /** Bigram → flat list of (slot, index) pairs. */
  #postings = new Map<number, number[]>();
  #liveEntries = 0;
  #deadEntries = 0;

  /** Adds a document's clause texts under a new slot and returns the slot. */
  add(texts: readonly string[]): number {
    const slot = this.#texts.length;
    const normalized = texts.map((text) => {
      const folded = normalizeForMatch(text);
      return folded === text ? text : folded;
    });
    this.#texts.push(normalized);
    this.#index(slot, normalized);
    return slot;
  }

  /** Removes a slot's clauses from every future answer. */
  remove(slot: number): void {
    const texts = this.#texts[slot];
    if (!texts) {
      return;
    }
    this.#texts[slot] = undefined;
    const entries = texts.reduce((sum, text) => sum + Math.max(0, text.length - 1), 0);
    this.#deadEntries += entries;
    this.#liveEntries -= entries;
    if (this.#deadEntries > this.#liveEntries && this.#deadEntries > 100_000) {
      this.#rebuild();
    }
  }

  /** The normalised text of a clause. */
  textOf(slot: number, index: number): string | undefined {
    return this.#texts[slot]?.[index];
  }

  #index(slot: number, texts: readonly string[]): void {
    for (let index = 0; index < texts.length; index++) {
      const text = texts[index];
      for (let offset = 0; offset + 1 < text.length; offset++) {
        const key = bigramKey(text, offset);
        let list = this.#postings.get(key);
        if (!list) {
          list = [];
          this.#postings.set(key, list);
        }
        const length = list.length;
        if (length >= 2 && list[length - 2] === slot && list[length - 1] === index) {
          continue;
        }
        list.push(slot, index);
      }
      this.#liveEntries += Math.max(0, text.length - 1);
    }
  }

  #rebuild(): void {
    this.#postings = new Map();
    this.#liveEntries = 0;
    this.#deadEntries = 0;
    this.#texts.forEach((texts, slot) => {
      if (texts) {
        this.#index(slot, texts);
      }
    });
  }

  /**
   * Finds clauses containing every part of `query`, the exact phrase first, then earlier and shorter
   * matches. Bounded: at most `budget` candidates are verified.
   */
  search(query: string, options: SearchOptions): SearchResult {
    const parts = queryParts(query);
    if (parts.length === 0) {
      return { hits: [], incomplete: false };
    }
    const phrase = normalizeForMatch(query.trim());
    const budget = options.budget ?? 50_000;
    const hits: SearchHit[] = [];
    let examined = 0;
    let incomplete = false;

    const consider = (slot: number, index: number): void => {
      const text = this.#texts[slot]?.[index];
      if (text === undefined || (options.slots && !options.slots.has(slot))) {
        return;
      }
      examined++;
      let position = -1;
      for (const part of parts) {
        const found = text.indexOf(part);
        if (found < 0) {
          return;
        }
        if (position < 0) {
          position = found;
        }
      }
      const phrasePosition = parts.length > 1 ? text.indexOf(phrase) : position;
      hits.push({ slot, index, tier: phrasePosition >= 0 ? 0 : 1, position: phrasePosition >= 0 ? phrasePosition : position });
    };

    const longest = parts.reduce((best, part) => (part.length > best.length ? part : best), parts[0]);
    if (options.slots && options.slots.size <= 4) {
      // A search inside a few documents: scanning their clauses is cheaper than any posting list.
      for (const slot of options.slots) {
        const texts = this.#texts[slot] ?? [];
        for (let index = 0; index < texts.length && examined < budget; index++) {
          consider(slot, index);
        }
      }
      incomplete = examined >= budget;
    } else if (longest.length >= 2) {
      let best: number[] | undefined;
      for (const part of parts) {
        for (let offset = 0; offset + 1 < part.length; offset++) {
          const list = this.#postings.get(bigramKey(part, offset));
          if (!list) {
            return { hits: [], incomplete: false };
          }
          if (!best || list.length < best.length) {
            best = list;
          }
        }
      }
      const list = best ?? [];
      for (let cursor = 0; cursor < list.length; cursor += 2) {
        if (examined >= budget) {
          incomplete = true;
          break;
        }
        consider(list[cursor], list[cursor + 1]);
      }
    } else {
      // One character: no bigram to look up; scan in document order within the budget.
      outer: for (let slot = 0; slot < this.#texts.length; slot++) {
        const texts = this.#texts[slot];
        if (!texts || (options.slots && !options.slots.has(slot))) {
          continue;
        }
        for (let index = 0; index < texts.length; index++) {
          if (examined >= budget || hits.length >= options.limit * 4) {
            incomplete = true;
            break outer;
          }
          consider(slot, index);
        }
      }
    }
    hits.sort(
      (left, right) =>
        left.tier - right.tier ||
        left.position - right.position ||
        (this.#texts[left.slot]?.[left.index].length ?? 0) - (this.#texts[right.slot]?.[right.index].length ?? 0) ||
        left.slot - right.slot ||
        left.index - right.index,
    );
    if (hits.length > options.limit) {
      incomplete = true;
    }
    return { hits: hits.slice(0, options.limit), incomplete };
  }
}
