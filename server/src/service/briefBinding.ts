/**
 * Binding: what each cite of a scanned brief names, now that the corpus is known (spec.md §1.1).
 *
 * The scanner is pure text: it cannot know whether `[VCLT art. 31]` is a citation (a loaded document
 * gives the alias `VCLT`) or plain bracketed text, nor what `[ibid.]` refers to. Binding answers both, once
 * per scan and corpus generation: an alias becomes the id of the document that gives it, `ibid.` and
 * `id.` become the document (and, without pinpoints of their own, the pinpoints) of the nearest cite before
 * them, and a span whose first word is an alias nobody gives is dropped as plain text.
 *
 * Every feature works on bound scans, so `cite.docId` is always a real id there (or a word no corpus
 * knows, which diagnostics report); `cite.written` keeps what the brief says, for rename and hover.
 */
import { BriefScan, shareSerial } from './briefScanner';
import { Cite, Citation, Pinpoint } from './citationParser';
import { CorpusIndex, CorpusScope } from './corpusIndex';
import { originOf } from './incrementalScan';

/** The ids of the loaded documents that give an alias (none, one, or several when it is ambiguous). */
export type AliasTargets = (alias: string) => readonly string[];

const leads = new WeakMap<Citation, boolean>();

/**
 * True when binding may change a citation: it has an alias candidate or a cite led by an alias or `ibid.`.
 * Remembered per citation as the scanner found it (edits move citations without changing that).
 */
export function hasLead(citation: Citation): boolean {
  const origin = originOf(citation);
  let found = leads.get(origin);
  if (found === undefined) {
    found = origin.aliasCandidate !== undefined || origin.cites.some((cite) => cite.lead !== undefined);
    leads.set(origin, found);
  }
  return found;
}

/** True when no citation of the list needs binding (no alias, no short form): the scan is used as it is. */
function needsBinding(citations: readonly Citation[]): boolean {
  // NOTE: indexed, not `for…of`: asked on every keystroke of every brief, whose iterator allocated per citation.
  for (let at = 0; at < citations.length; at++) {
    if (hasLead(citations[at])) {
      return true;
    }
  }
  return false;
}

/** An antecedent's pinpoints taken over by `ibid.`, located on the `ibid.` itself. */
function inheritedPinpoints(pinpoints: readonly Pinpoint[], at: Cite): Pinpoint[] {
  return pinpoints.map((pinpoint) => ({
    start: at.docIdSpan.start,
    end: at.docIdSpan.end,
    from: pinpoint.from,
    toWritten: pinpoint.toWritten,
    pathSpan: at.docIdSpan,
    printed: pinpoint.printed,
    printedTo: pinpoint.printedTo,
    inherited: true,
  }));
}

/**
 * Binds a list of citations in text order (see the top of this file). A citation that binding leaves as it is
 * stays the same object.
 */
export function bindCitations(citations: readonly Citation[], aliasTargets: AliasTargets): Citation[] {
  const bound: Citation[] = [];
  // The cite `ibid.` refers to: the last cite of a citation binding changed, or of the last one it left as it
  // was (read only when an `ibid.` needs it, so that unchanged citations are not looked into).
  let last: Cite | undefined;
  let lastUnchanged: Citation | undefined;
  const antecedentCite = (): Cite | undefined => {
    if (lastUnchanged) {
      const cites = lastUnchanged.cites;
      last = cites[cites.length - 1];
      lastUnchanged = undefined;
    }
    return last;
  };
  for (const citation of citations) {
    if (citation.aliasCandidate !== undefined && aliasTargets(citation.aliasCandidate).length === 0) {
      continue; // `[NOTE this]`: plain text, since no loaded document gives the alias NOTE.
    }
    if (citation.malformed || !hasLead(citation)) {
      bound.push(citation);
      if (!citation.malformed && originOf(citation).cites.length > 0) {
        lastUnchanged = citation;
      }
      continue;
    }
    const cites: Cite[] = [];
    let orphan: Cite | undefined;
    for (const cite of citation.cites) {
      if (cite.lead === 'alias') {
        const ids = aliasTargets(cite.docId);
        const written = cite.docId;
        cites.push(ids.length === 1 ? { ...cite, docId: ids[0], written } : ids.length > 1 ? { ...cite, ambiguous: ids, written } : { ...cite, written });
      } else if (cite.lead === 'ibid') {
        const antecedent = antecedentCite();
        if (!antecedent) {
          orphan = cite;
          break;
        }
        cites.push({
          ...cite,
          docId: antecedent.docId,
          written: cite.docId,
          antecedent: { start: antecedent.start, end: antecedent.end },
          ambiguous: antecedent.ambiguous,
          pinpoints: cite.pinpoints.length > 0 ? cite.pinpoints : inheritedPinpoints(antecedent.pinpoints, cite),
        });
      } else {
        cites.push(cite);
      }
      last = cites[cites.length - 1];
      lastUnchanged = undefined;
    }
    if (orphan) {
      bound.push({
        start: citation.start,
        end: citation.end,
        cites: [],
        malformed: {
          message: `${orphan.docId} refers to the citation before it, and there is none in this brief: cite the document by its id`,
          offset: orphan.docIdSpan.start,
        },
      });
      continue;
    }
    bound.push({ start: citation.start, end: citation.end, cites });
  }
  return bound;
}

const boundMemo = new WeakMap<BriefScan, { generation: number; scope: CorpusScope; scan: BriefScan }>();

/** The bound form of a scan against an index and scope, computed once per scan, corpus generation and scope. */
export function bindScan(scan: BriefScan, index: CorpusIndex, scope: CorpusScope): BriefScan {
  if (!needsBinding(scan.citations)) {
    return scan;
  }
  const memo = boundMemo.get(scan);
  if (memo && memo.generation === index.generation && memo.scope === scope) {
    return memo.scan;
  }
  const targets = new Map<string, readonly string[]>();
  const aliasTargets: AliasTargets = (alias) => {
    let ids = targets.get(alias);
    if (!ids) {
      ids = index.aliasTargets(alias, scope);
      targets.set(alias, ids);
    }
    return ids;
  };
  const bound: BriefScan = { ...scan, citations: bindCitations(scan.citations, aliasTargets) };
  shareSerial(bound, scan);
  boundMemo.set(scan, { generation: index.generation, scope, scan: bound });
  return bound;
}
