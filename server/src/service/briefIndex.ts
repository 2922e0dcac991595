/**
 * The citations of every brief of the workspace, by URI: what find-references, rename, CodeLens counts and
 * the table of authorities search. Pure: the server feeds it one brief at a time (from disk at start-up, from
 * the editor while a brief is open, from file events after that), and each update touches that brief only.
 */
import { BriefScan, lineStarts, scanBrief } from './briefScanner';
import { Citation } from './citationParser';
import { Span } from './types';

/** A position in a text, as LSP counts it (0-based line, UTF-16 character). */
export interface TextPosition {
  readonly line: number;
  readonly character: number;
}

/** One brief in the index. */
export interface IndexedBrief {
  readonly uri: string;
  /** Its well-formed citations (malformed ones cite nothing), in text order. */
  readonly citations: readonly Citation[];
  /** Offsets of the start of each line, to turn offsets into positions. */
  readonly lineStarts: readonly number[];
  /** The ids it cites. */
  readonly ids: ReadonlySet<string>;
}

/** The position of an offset in an indexed brief. */
export function positionIn(brief: Pick<IndexedBrief, 'lineStarts'>, offset: number): TextPosition {
  const starts = brief.lineStarts;
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle] <= offset) {
      low = middle;
    } else {
      high = middle - 1;
    }
  }
  return { line: low, character: offset - starts[low] };
}

/** The range of a span in an indexed brief. */
export function rangeIn(brief: Pick<IndexedBrief, 'lineStarts'>, span: Span): { start: TextPosition; end: TextPosition } {
  return { start: positionIn(brief, span.start), end: positionIn(brief, span.end) };
}

export class BriefIndex {
  #briefs = new Map<string, IndexedBrief>();
  /** Document id → the URIs of the briefs that cite it. */
  #byId = new Map<string, Set<string>>();
  #generation = 0;

  /** Increases on every change. */
  get generation(): number {
    return this.#generation;
  }

  /** The number of briefs indexed. */
  get size(): number {
    return this.#briefs.size;
  }

  /** Indexes (or re-indexes) a brief from its text. */
  set(uri: string, text: string): IndexedBrief {
    return this.setScan(uri, text, scanBrief(text));
  }

  /** Indexes a brief whose scan is already at hand (an open brief's cached scan). */
  setScan(uri: string, text: string, scan: BriefScan): IndexedBrief {
    this.delete(uri);
    const citations = scan.citations.filter((citation) => citation.cites.length > 0);
    const ids = new Set<string>();
    for (const citation of citations) {
      for (const cite of citation.cites) {
        ids.add(cite.docId);
      }
    }
    const brief: IndexedBrief = { uri, citations, lineStarts: lineStarts(text), ids };
    this.#briefs.set(uri, brief);
    for (const id of ids) {
      let uris = this.#byId.get(id);
      if (!uris) {
        uris = new Set();
        this.#byId.set(id, uris);
      }
      uris.add(uri);
    }
    this.#generation++;
    return brief;
  }

  /** Forgets a brief (deleted, or turned into a corpus file); true when it was indexed. */
  delete(uri: string): boolean {
    const old = this.#briefs.get(uri);
    if (!old) {
      return false;
    }
    this.#briefs.delete(uri);
    for (const id of old.ids) {
      const uris = this.#byId.get(id);
      uris?.delete(uri);
      if (uris && uris.size === 0) {
        this.#byId.delete(id);
      }
    }
    this.#generation++;
    return true;
  }

  /** The indexed brief at a URI. */
  get(uri: string): IndexedBrief | undefined {
    return this.#briefs.get(uri);
  }

  /** Every indexed brief. */
  all(): IterableIterator<IndexedBrief> {
    return this.#briefs.values();
  }

  /** The briefs that cite a document id, in URI order. */
  citing(id: string): IndexedBrief[] {
    const uris = [...(this.#byId.get(id) ?? [])].sort();
    return uris.flatMap((uri) => {
      const brief = this.#briefs.get(uri);
      return brief ? [brief] : [];
    });
  }
}
