/**
 * The citations of every brief of the workspace, by URI: what find-references, rename, CodeLens counts and
 * the table of authorities search. Pure: the server feeds it one brief at a time (from disk at start-up, from
 * the editor while a brief is open, from file events after that), and each update touches that brief only.
 */
import { bindCitations } from './briefBinding';
import { BriefScan, lineStarts, scanBrief } from './briefScanner';
import { Citation } from './citationParser';
import { CorpusIndex, CorpusScope } from './corpusIndex';
import { Span } from './types';

/** The word under which briefs with `ibid.`/`id.` are indexed: they may cite any document. */
export const SHORT_FORM_KEY = '\u0000ibid';

/** A position in a text, as LSP counts it (0-based line, UTF-16 character). */
export interface TextPosition {
  readonly line: number;
  readonly character: number;
}

/** One brief in the index. */
export interface IndexedBrief {
  readonly uri: string;
  /**
   * Its well-formed citations (malformed ones cite nothing), in text order, as scanned: aliases and short
   * forms are not bound yet (see `boundCitations`).
   */
  readonly citations: readonly Citation[];
  /** Offsets of the start of each line, to turn offsets into positions. */
  readonly lineStarts: readonly number[];
  /** The ids and aliases it writes (and `SHORT_FORM_KEY` when it uses `ibid.`). */
  readonly ids: ReadonlySet<string>;
}

const boundMemo = new WeakMap<IndexedBrief, { generation: number; scope: CorpusScope; citations: readonly Citation[] }>();

/** A brief's citations bound against the corpus (aliases and short forms resolved; see `briefBinding.ts`). */
export function boundCitations(brief: IndexedBrief, index: CorpusIndex, scope: CorpusScope): readonly Citation[] {
  const memo = boundMemo.get(brief);
  if (memo && memo.generation === index.generation && memo.scope === scope) {
    return memo.citations;
  }
  const citations = bindCitations(brief.citations, (alias) => index.aliasTargets(alias, scope)).filter((citation) => citation.cites.length > 0);
  boundMemo.set(brief, { generation: index.generation, scope, citations });
  return citations;
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
  /**
   * Briefs given but not indexed yet: an open brief changes on every keystroke, and is indexed when a query
   * needs it, not on each change.
   */
  #pending = new Map<string, { text: string; scan: BriefScan }>();
  #generation = 0;

  /** Increases on every change. */
  get generation(): number {
    return this.#generation;
  }

  /** The number of briefs indexed. */
  get size(): number {
    this.#flush();
    return this.#briefs.size;
  }

  /** Indexes (or re-indexes) a brief from its text. */
  set(uri: string, text: string): IndexedBrief {
    this.#pending.delete(uri);
    const brief = this.#index(uri, text, scanBrief(text));
    void brief.lineStarts; // computed now, so that the text itself is not kept
    this.#generation++;
    return brief;
  }

  /**
   * Indexes a brief whose scan is already at hand (an open brief's cached scan), when it is next asked for: an
   * open brief changes on every keystroke. Its line starts are found when first asked for (references, rename,
   * the table of authorities).
   */
  setScan(uri: string, text: string, scan: BriefScan): void {
    this.#pending.set(uri, { text, scan });
    this.#generation++;
  }

  #flush(): void {
    if (this.#pending.size === 0) {
      return;
    }
    const pending = [...this.#pending];
    this.#pending.clear();
    for (const [uri, { text, scan }] of pending) {
      this.#index(uri, text, scan);
    }
  }

  #index(uri: string, text: string, scan: BriefScan): IndexedBrief {
    this.#remove(uri);
    const citations = scan.citations.filter((citation) => citation.cites.length > 0);
    const ids = new Set<string>();
    for (const citation of citations) {
      for (const cite of citation.cites) {
        ids.add(cite.lead === 'ibid' ? SHORT_FORM_KEY : cite.docId);
      }
    }
    let source: string | undefined = text;
    let starts: number[] | undefined;
    const brief: IndexedBrief = {
      uri,
      citations,
      get lineStarts(): number[] {
        if (!starts) {
          starts = lineStarts(source ?? '');
          source = undefined;
        }
        return starts;
      },
      ids,
    };
    this.#briefs.set(uri, brief);
    for (const id of ids) {
      let uris = this.#byId.get(id);
      if (!uris) {
        uris = new Set();
        this.#byId.set(id, uris);
      }
      uris.add(uri);
    }
    return brief;
  }

  /** Forgets a brief (deleted, or turned into a corpus file); true when it was indexed. */
  delete(uri: string): boolean {
    const pending = this.#pending.delete(uri);
    const removed = this.#remove(uri);
    if (pending || removed) {
      this.#generation++;
    }
    return pending || removed;
  }

  #remove(uri: string): boolean {
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
    return true;
  }

  /** The indexed brief at a URI. */
  get(uri: string): IndexedBrief | undefined {
    this.#flush();
    return this.#briefs.get(uri);
  }

  /** Every indexed brief. */
  all(): IterableIterator<IndexedBrief> {
    this.#flush();
    return this.#briefs.values();
  }

  /** The briefs that write one of `words` (ids or aliases) or a short form, in URI order. */
  citing(...words: string[]): IndexedBrief[] {
    this.#flush();
    const found = new Set<string>();
    for (const word of [...words, SHORT_FORM_KEY]) {
      for (const uri of this.#byId.get(word) ?? []) {
        found.add(uri);
      }
    }
    const uris = [...found].sort();
    return uris.flatMap((uri) => {
      const brief = this.#briefs.get(uri);
      return brief ? [brief] : [];
    });
  }
}
