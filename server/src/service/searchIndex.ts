/**
 * A text search index over clause text: which clauses contain every part of a query.
 *
 * Clauses are stored as spans of their file's text (no copies). Text is compared after folding each
 * character (full-width ASCII forms to ASCII, case to lower case) and skipping white space, so `2030 年`
 * matches `2030年`, `ＵＮ` matches `un`, and line breaks never matter. A compact base index keeps, per hashed
 * bucket of folded character pairs (bigrams), the ids of the clauses that contain one; documents added since
 * the base was built go to a small delta. A query part is looked up by its rarest bucket and every candidate
 * is verified by a folded substring test, so hash collisions never give wrong answers. Documents are added
 * and removed whole: removal leaves tombstones that queries skip, and `compact` rebuilds the base.
 *
 * NOTE: memory is the point of this design (corpora reach hundreds of megabytes): per clause it keeps two
 * offsets, and per distinct bigram of a clause one 4-byte id.
 */

/** Folded code unit of each UTF-16 code unit; 0 for white space, which matching skips. */
const FOLD = buildFoldTable();

function buildFoldTable(): Uint16Array {
  const table = new Uint16Array(0x10000);
  for (let code = 0; code < 0x10000; code++) {
    table[code] = code;
  }
  for (let code = 0xff01; code <= 0xff5e; code++) {
    table[code] = code - 0xfee0;
  }
  for (let code = 0; code < 0x0530; code++) {
    const source = table[code];
    const lower = String.fromCharCode(source).toLowerCase();
    if (lower.length === 1) {
      table[code] = lower.charCodeAt(0);
    }
  }
  for (let code = 0xff21; code <= 0xff3a; code++) {
    table[code] = code - 0xfee0 + 0x20;
  }
  for (const space of [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff]) {
    table[space] = 0;
  }
  for (let code = 0x2000; code <= 0x200a; code++) {
    table[code] = 0;
  }
  return table;
}

/** Folds a query part: each character folded, white space dropped. */
export function foldText(text: string): string {
  let result = '';
  for (let index = 0; index < text.length; index++) {
    const folded = FOLD[text.charCodeAt(index)];
    if (folded !== 0) {
      result += String.fromCharCode(folded);
    }
  }
  return result;
}

/** Splits a query into folded parts; CJK text without spaces is one part. */
export function queryParts(query: string): string[] {
  return query
    .split(/\s+/)
    .map((part) => foldText(part))
    .filter((part) => part.length > 0);
}

/**
 * Where `part` (folded) occurs in `source[start..end)` compared folded with white space skipped, as an offset
 * from `start`; -1 when it does not.
 */
export function foldedIndexOf(source: string, start: number, end: number, part: string): number {
  return meteredIndexOf(source, start, end, part, { left: Infinity });
}

/** What is left of a search's budget of characters compared. */
interface Meter {
  left: number;
}

/** {@link foldedIndexOf} that counts every character it compares against `meter`; -2 when the meter runs out. */
function meteredIndexOf(source: string, start: number, end: number, part: string, meter: Meter): number {
  const first = part.charCodeAt(0);
  let compared = 0;
  for (let index = start; index < end; index++) {
    compared++;
    if (FOLD[source.charCodeAt(index)] !== first) {
      continue;
    }
    let cursor = index + 1;
    let matched = 1;
    while (matched < part.length && cursor < end) {
      compared++;
      const folded = FOLD[source.charCodeAt(cursor++)];
      if (folded === 0) {
        continue;
      }
      if (folded !== part.charCodeAt(matched)) {
        break;
      }
      matched++;
    }
    if (matched === part.length) {
      meter.left -= compared;
      return index - start;
    }
    if (compared > meter.left) {
      meter.left = 0;
      return -2;
    }
  }
  meter.left -= compared;
  return -1;
}

function pairHash(first: number, second: number): number {
  return Math.imul(first, 0x9e3779b1) ^ Math.imul(second, 0x85ebca77);
}

/** A hit of a query. */
export interface SearchHit {
  /** The document slot returned by `add`. */
  readonly slot: number;
  /** The clause's index within the spans given to `add`. */
  readonly index: number;
  /** 0 when the whole query occurs as a phrase, 1 when only its parts do. */
  readonly tier: number;
  /** Where the first part occurs in the clause. */
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
  /**
   * Most characters to compare while verifying candidates (default {@link SEARCH_CHARACTER_BUDGET}): a few
   * candidates of a megabyte each cost as much as thousands of short ones.
   */
  readonly characterBudget?: number;
}

/** The characters one query may compare while verifying its candidates. */
export const SEARCH_CHARACTER_BUDGET = 8_000_000;

/** The outcome of a query: the hits, and whether more may exist than were verified. */
export interface SearchResult {
  readonly hits: readonly SearchHit[];
  readonly incomplete: boolean;
}

interface Slot {
  readonly source: string;
  /** start, end, start, end, … of each clause in `source`. */
  readonly spans: Int32Array;
  readonly firstId: number;
}

interface BaseIndex {
  readonly mask: number;
  /** offsets[bucket]..offsets[bucket + 1] delimit the bucket's clause ids in `bytes`. */
  readonly offsets: Int32Array;
  /**
   * Each bucket's clause ids, ascending, as variable-length deltas (7 bits a byte, the high bit set on all
   * bytes but the last); the first delta is from -1.
   */
  readonly bytes: Uint8Array;
}

function varintLength(value: number): number {
  return value < 0x80 ? 1 : value < 0x4000 ? 2 : value < 0x200000 ? 3 : value < 0x10000000 ? 4 : 5;
}

export class SearchIndex {
  #slots: (Slot | undefined)[] = [];
  /** The global id of each slot's first clause; ids grow with slots, so this array is sorted. */
  #slotStart: number[] = [];
  #nextId = 0;
  #base: BaseIndex | undefined;
  #delta = new Map<number, number[]>();
  #deltaEntries = 0;
  #liveClauses = 0;
  #deadClauses = 0;

  /** Adds a document's clauses (spans of `source`) under a new slot and returns the slot. */
  add(source: string, spans: Int32Array): number {
    const slot = this.#slots.length;
    const entry: Slot = { source, spans, firstId: this.#nextId };
    this.#slots.push(entry);
    this.#slotStart.push(this.#nextId);
    if (this.#base) {
      this.#indexDelta(entry);
    }
    this.#nextId += spans.length / 2;
    this.#liveClauses += spans.length / 2;
    return slot;
  }

  /** Removes a slot's clauses from every future answer. */
  remove(slot: number): void {
    const entry = this.#slots[slot];
    if (!entry) {
      return;
    }
    this.#slots[slot] = undefined;
    this.#liveClauses -= entry.spans.length / 2;
    this.#deadClauses += entry.spans.length / 2;
  }

  /** The raw source of a clause. */
  rawOf(slot: number, index: number): string | undefined {
    const entry = this.#slots[slot];
    return entry ? entry.source.slice(entry.spans[index * 2], entry.spans[index * 2 + 1]) : undefined;
  }

  /** True when `compact` would do work worth doing (many additions or removals since the last one). */
  get needsCompaction(): boolean {
    if (!this.#base) {
      return this.#liveClauses > 0;
    }
    return this.#deltaEntries > 200_000 + this.#base.bytes.length / 8 || this.#deadClauses > 10_000 + this.#liveClauses;
  }

  /** Calls `visit(bucket)` once per distinct bucket of each clause's folded bigrams. */
  #forEachBucket(entry: Slot, mask: number, lastSeen: Int32Array | Map<number, number>, visit: (bucket: number, id: number, previous: number) => void): void {
    const { source, spans, firstId } = entry;
    for (let index = 0; index < spans.length / 2; index++) {
      const id = firstId + index;
      const end = spans[index * 2 + 1];
      let previous = 0;
      for (let cursor = spans[index * 2]; cursor < end; cursor++) {
        const folded = FOLD[source.charCodeAt(cursor)];
        if (folded === 0) {
          continue;
        }
        if (previous !== 0) {
          const bucket = pairHash(previous, folded) & mask;
          if (lastSeen instanceof Int32Array) {
            const previous = lastSeen[bucket];
            if (previous !== id) {
              lastSeen[bucket] = id;
              visit(bucket, id, previous);
            }
          } else {
            const previous = lastSeen.get(bucket) ?? -1;
            if (previous !== id) {
              lastSeen.set(bucket, id);
              visit(bucket, id, previous);
            }
          }
        }
        previous = folded;
      }
    }
  }

  #indexDelta(entry: Slot): void {
    const base = this.#base as BaseIndex;
    this.#forEachBucket(entry, base.mask, new Map(), (bucket, id) => {
      let list = this.#delta.get(bucket);
      if (!list) {
        list = [];
        this.#delta.set(bucket, list);
      }
      list.push(id);
      this.#deltaEntries++;
    });
  }

  /** Builds the base index from every live slot (two passes over the text: count, then fill). */
  compact(): void {
    let characters = 0;
    for (const entry of this.#slots) {
      if (entry) {
        for (let index = 0; index < entry.spans.length; index += 2) {
          characters += entry.spans[index + 1] - entry.spans[index];
        }
      }
    }
    // NOTE: a bucket table that fits the processor's caches builds several times faster than a sparse one;
    // the few extra collisions cost little, as every candidate is verified anyway.
    let buckets = 1 << 12;
    while (buckets < characters / 16 && buckets < 1 << 20) {
      buckets <<= 1;
    }
    const mask = buckets - 1;
    const offsets = new Int32Array(buckets + 1);
    // lastSeen holds the last id written to each bucket: it both skips a bigram repeated in one clause and
    // gives the delta to encode.
    const lastSeen = new Int32Array(buckets).fill(-1);
    for (const entry of this.#slots) {
      if (entry) {
        this.#forEachBucket(entry, mask, lastSeen, (bucket, id, previous) => {
          offsets[bucket + 1] += varintLength(id - previous);
        });
      }
    }
    for (let bucket = 0; bucket < buckets; bucket++) {
      offsets[bucket + 1] += offsets[bucket];
    }
    const bytes = new Uint8Array(offsets[buckets]);
    const cursors = offsets.slice(0, buckets);
    lastSeen.fill(-1);
    for (const entry of this.#slots) {
      if (entry) {
        this.#forEachBucket(entry, mask, lastSeen, (bucket, id, previous) => {
          let delta = id - previous;
          let cursor = cursors[bucket];
          while (delta >= 0x80) {
            bytes[cursor++] = (delta & 0x7f) | 0x80;
            delta >>>= 7;
          }
          bytes[cursor++] = delta;
          cursors[bucket] = cursor;
        });
      }
    }
    this.#base = { mask, offsets, bytes };
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
   * matches. Bounded: at most `budget` candidates are verified, comparing at most `characterBudget` characters.
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
    const phrase = parts.join('');
    const budget = options.budget ?? 1_500;
    const meter: Meter = { left: options.characterBudget ?? SEARCH_CHARACTER_BUDGET };
    const hits: (SearchHit & { length: number })[] = [];
    let examined = 0;
    let incomplete = false;

    const consider = (slot: number, index: number): void => {
      const entry = this.#slots[slot];
      if (!entry || (options.slots && !options.slots.has(slot))) {
        return;
      }
      examined++;
      const start = entry.spans[index * 2];
      const end = entry.spans[index * 2 + 1];
      let position = -1;
      for (const part of parts) {
        const found = meteredIndexOf(entry.source, start, end, part, meter);
        if (found === -2) {
          examined = budget; // out of characters: no more candidates
          incomplete = true;
          return;
        }
        if (found < 0) {
          return;
        }
        if (position < 0) {
          position = found;
        }
      }
      const phraseFound = parts.length > 1 ? meteredIndexOf(entry.source, start, end, phrase, meter) : position;
      if (phraseFound === -2) {
        examined = budget;
        incomplete = true;
      }
      const phrasePosition = phraseFound === -2 ? -1 : phraseFound;
      hits.push({
        slot,
        index,
        tier: phrasePosition >= 0 ? 0 : 1,
        position: phrasePosition >= 0 ? phrasePosition : position,
        length: end - start,
      });
    };

    const longest = parts.reduce((best, part) => (part.length > best.length ? part : best), parts[0]);
    if (options.slots && options.slots.size <= 4) {
      // A search inside a few documents: scanning their clauses is cheaper than any posting list.
      for (const slot of options.slots) {
        const count = (this.#slots[slot]?.spans.length ?? 0) / 2;
        for (let index = 0; index < count && examined < budget; index++) {
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
          const bucket = pairHash(part.charCodeAt(offset), part.charCodeAt(offset + 1)) & base.mask;
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
      let id = -1;
      const end = base.offsets[bestBucket + 1];
      for (let cursor = base.offsets[bestBucket]; going && cursor < end; ) {
        let delta = 0;
        let shift = 0;
        let byte: number;
        do {
          byte = base.bytes[cursor++];
          delta += (byte & 0x7f) * 2 ** shift;
          shift += 7;
        } while (byte & 0x80);
        id += delta;
        going = visitId(id);
      }
      for (const id of this.#delta.get(bestBucket) ?? []) {
        if (!going || !visitId(id)) {
          break;
        }
      }
    } else {
      // One character: no bigram to look up; scan in document order within the budget.
      outer: for (let slot = 0; slot < this.#slots.length; slot++) {
        const entry = this.#slots[slot];
        if (!entry || (options.slots && !options.slots.has(slot))) {
          continue;
        }
        for (let index = 0; index < entry.spans.length / 2; index++) {
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
        left.length - right.length ||
        left.slot - right.slot ||
        left.index - right.index,
    );
    if (hits.length > options.limit) {
      incomplete = true;
    }
    return { hits: hits.slice(0, options.limit).map(({ slot, index, tier, position }) => ({ slot, index, tier, position })), incomplete };
  }
}
