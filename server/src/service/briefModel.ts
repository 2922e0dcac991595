/**
 * Per-brief derived data: the citations of each version of an open brief, computed once and looked up by
 * offset. Typing in a brief never touches the corpus index.
 */
import { BriefScan, scanBrief } from './briefScanner';
import { Cite, Citation, Pinpoint } from './citationParser';
import { ITextDocument } from './host';
import { updateScan } from './incrementalScan';

/** What lies under an offset in a brief. */
export interface CitationTarget {
  readonly citation: Citation;
  readonly cite?: Cite;
  readonly pinpoint?: Pinpoint;
  /** True when the offset is on the document id. */
  readonly onDocId: boolean;
}

/** Caches the scan of each brief by URI and version. */
export class BriefCache {
  #scans = new Map<string, { version: number; text: string; scan: BriefScan }>();

  /** The scan of a brief's current version. */
  scan(document: ITextDocument): BriefScan {
    const cached = this.#scans.get(document.uri);
    if (cached && cached.version === document.version) {
      return cached.scan;
    }
    const text = document.getText();
    // The host may say what changed since the cached version (the server knows it from the client's edits).
    const change = cached && document.lastEdit?.fromVersion === cached.version ? document.lastEdit : undefined;
    if (cached && !change && cached.text === text) {
      this.#scans.set(document.uri, { version: document.version, text, scan: cached.scan });
      return cached.scan;
    }
    const scan = (cached && updateScan(cached.text, cached.scan, text, change)) || scanBrief(text);
    this.#scans.set(document.uri, { version: document.version, text, scan });
    return scan;
  }

  /** Forgets a closed brief. */
  delete(uri: string): void {
    this.#scans.delete(uri);
  }
}

/** How `citationAt` reads an offset. */
export interface CitationAtOptions {
  /**
   * True when the offset names the character after it, as a hover's position does: the closing `]` is then
   * the brackets (spec.md §4: the whole citation), not the end of the last pinpoint, and the character after
   * `]` is outside. False (the default) for a cursor, which still counts at the end of what it follows.
   */
  readonly character?: boolean;
}

/** The citation that contains an offset (a cursor just after `]` still counts), or undefined. */
export function citationAt(scan: BriefScan, offset: number, options: CitationAtOptions = {}): CitationTarget | undefined {
  const citations = scan.citations;
  const character = options.character === true;
  let low = 0;
  let high = citations.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const citation = citations[middle];
    if (offset < citation.start) {
      high = middle - 1;
    } else if (offset > (character ? citation.end - 1 : citation.end)) {
      low = middle + 1;
    } else if (character && offset === citation.end - 1) {
      return { citation, onDocId: false };
    } else {
      return targetIn(citation, offset);
    }
  }
  return undefined;
}

function targetIn(citation: Citation, offset: number): CitationTarget {
  for (const cite of citation.cites) {
    if (offset >= cite.docIdSpan.start && offset <= cite.docIdSpan.end) {
      return { citation, cite, onDocId: true };
    }
    for (const pinpoint of cite.pinpoints) {
      if (offset >= pinpoint.start && offset <= pinpoint.end) {
        return { citation, cite, pinpoint, onDocId: false };
      }
    }
    if (offset >= cite.start && offset <= cite.end) {
      return { citation, cite, onDocId: false };
    }
  }
  return { citation, onDocId: false };
}
