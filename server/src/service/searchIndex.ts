/**
 * A text search index over clause text: which clauses contain every part of a query.
 *
 * Each clause's text is normalised (`normalizeForMatch`) and split into overlapping character pairs
 * (bigrams), hashed into a fixed number of buckets. A compact base index keeps, per bucket, the ids of the
 * clauses that contain one of its bigrams (one Int32Array in compressed-sparse-row form); documents added
 * since the base was built go to a small delta index. A query part is looked up by its rarest bucket and
 * every candidate is verified by a substring test, so hash collisions never give wrong answers.
 * Documents are added and removed whole: removal leaves tombstones that queries skip, and `compact`
 * rebuilds the base when the delta or the tombstones grow.
 *
 * NOTE: memory matters here (corpora reach hundreds of megabytes): postings are 4 bytes per distinct
 * bigram of a clause, and the clause text is shared with the caller's strings whenever normalisation does
 * not change it.
 */
import { normalizeForMatch } from './text';

/** A hit of a query. */
export interface SearchHit {
  /** The document slot returned by `add`. */
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

/** Splits a query into normalised parts; CJK text without spaces is one part. */
export function queryParts(query: string): string[] {
  return query
    .split(/\s+/)
    .map((part) => normalizeForMatch(part))
    .filter((part) => part.length > 0);
}

function bigramHash(text: string, index: number): number {
  return Math.imul(text.charCodeAt(index), 0x9e3779b1) ^ Math.imul(text.charCodeAt(index + 1), 0x85ebca77);
}

interface BaseIndex {
  readonly mask: number;
  /** offsets[bucket]..offsets[bucket + 1] delimit the bucket's clause ids in `ids`. */
  readonly offsets: Int32Array;
  readonly ids: Int32Array;
}

export class SearchIndex {
  /** The normalised clause texts of each slot (undefined once removed). */
  #texts: (readonly string[] | undefined)[] = [];
  /** The global id of each slot's first clause; ids grow with slots, so this array is sorted. */
  #slotStart: number[] = [];
  #nextId = 0;
  #base: BaseIndex | undefined;
  /** Slots below this one are in the base index. */
  #delta = new Map<number, number[]>();
  #deltaEntries = 0;
  #liveClauses = 0;
  #deadClauses = 0;

  /** Adds a document's clause texts under a new slot and returns the slot. */
  add(texts: readonly string[]): number {
    const slot = this.#texts.length;
    const normalized = texts.map((text) => {
      const folded = normalizeForMatch(text);
      return folded === text ? text : folded;
    });
    this.#texts.push(normalized);
    this.#slotStart.push(this.#nextId);
    if (this.#base) {
      this.#indexDelta(this.#nextId, normalized);
    }
    this.#nextId += normalized.length;
    this.#liveClauses += normalized.length;
    return slot;
  }

  /** Removes a slot's clauses from every future answer. */
  remove(slot: number): void {
    const texts = this.#texts[slot];
    if (!texts) {
      return;
    }
    this.#texts[slot] = undefined;
    this.#liveClauses -= texts.length;
    this.#deadClauses += texts.length;
  }

  /** The normalised text of a clause. */
  textOf(slot: number, index: number): string | undefined {
    return this.#texts[slot]?.[index];
  }

  /** True when `compact` would do work worth doing (many additions or removals since the last one). */
  get needsCompaction(): boolean {
    if (!this.#base) {
      return this.#liveClauses > 0;
    }
    return this.#deltaEntries > 200_000 + this.#base.ids.length / 4 || this.#deadClauses > 10_000 + this.#liveClauses;
  }

  #indexDelta(firstId: number, texts: readonly string[]): void {
    const mask = this.#base?.mask ?? 0;
    for (let index = 0; index < texts.length; index++) {
      const id = firstId + index;
      const text = texts[index];
      for (let offset = 0; offset + 1 < text.length; offset++) {
        const bucket = bigramHash(text, offset) & mask;
        let list = this.#delta.get(bucket);
        if (!list) {
          list = [];
          this.#delta.set(bucket, list);
        }
        if (list[list.length - 1] !== id) {
          list.push(id);
          this.#deltaEntries++;
        }
      }
    }
  }

  /** Builds the base index from every live slot (two passes over the text: count, then fill). */
  compact(): void {
    let characters = 0;
    for (const texts of this.#texts) {
      if (texts) {
        for (const text of texts) {
          characters += text.length;
        }
      }
    }
    let buckets = 1 << 12;
    while (buckets < characters / 16 && buckets < 1 << 20) {
      buckets <<= 1;
    }
    const mask = buckets - 1;
    const counts = new Int32Array(buckets + 1);
    const lastSeen = new Int32Array(buckets).fill(-1);
    const visit = (fill: Int32Array | undefined, cursors: Int32Array | undefined): void => {
      lastSeen.fill(-1);
      for (let slot = 0; slot < this.#texts.length; slot++) {
        const texts = this.#texts[slot];
        if (!texts) {
          continue;
        }
        const first = this.#slotStart[slot];
        for (let index = 0; index < texts.length; index++) {
          const id = first + index;
          const text = texts[index];
          for (let offset = 0; offset + 1 < text.length; offset++) {
            const bucket = bigramHash(text, offset) & mask;
            if (lastSeen[bucket] === id) {
              continue;
            }
            lastSeen[bucket] = id;
            if (fill && cursors) {
              fill[cursors[bucket]++] = id;
            } else {
              counts[bucket + 1]++;
            }
          }
        }
      }
    };
    visit(undefined, undefined);
    for (let bucket = 0; bucket < buckets; bucket++) {
      counts[bucket + 1] += counts[bucket];
    }
    const ids = new Int32Array(counts[buckets]);
    const cursors = counts.slice(0, buckets);
    visit(ids, cursors);
    this.#base = { mask, offsets: counts, ids };
    this.#delta = new Map();
    this.#deltaEntries = 0;
    this.#deadClauses = 0;
  }

  /** The slot of a global clause id. */
  #slotOf(id: number): number {
    const starts = this.#slotStart;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle] <= id) {
        low = middle;
      } else {
        high = middle - 1;
      }
    }
    return low;
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
    if (!this.#base || this.needsCompaction) {
      this.compact();
    }
    const base = this.#base as BaseIndex;
    const phrase = normalizeForMatch(query.trim());
    const budget = options.budget ?? 20_000;
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
      // The rarest bucket among the bigrams of every part.
      let bestBucket = -1;
      let bestSize = Infinity;
      for (const part of parts) {
        for (let offset = 0; offset + 1 < part.length; offset++) {
          const bucket = bigramHash(part, offset) & base.mask;
          const size = base.offsets[bucket + 1] - base.offsets[bucket] + (this.#delta.get(bucket)?.length ?? 0);
          if (size < bestSize) {
            bestSize = size;
            bestBucket = bucket;
          }
        }
      }
      if (bestBucket < 0 || bestSize === 0) {
        return { hits: [], incomplete: false };
      }
      const visitId = (id: number): boolean => {
        if (examined >= budget) {
          incomplete = true;
          return false;
        }
        const slot = this.#slotOf(id);
        consider(slot, id - this.#slotStart[slot]);
        return true;
      };
      let going = true;
      for (let cursor = base.offsets[bestBucket]; going && cursor < base.offsets[bestBucket + 1]; cursor++) {
        going = visitId(base.ids[cursor]);
      }
      for (const id of this.#delta.get(bestBucket) ?? []) {
        if (!going || !visitId(id)) {
          break;
        }
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
