/**
 * The citations of a brief, resolved for the features that present them rather than check them: the
 * Markdown preview and the export. Each citation comes with the documents and clauses it names and the
 * error messages `pinpoint check` would print for it, so a citation is broken here exactly when it is broken
 * there.
 *
 * NOTE: this is the one place where presenting features ask the core what a citation means (its document,
 * its clauses). When the citation grammar grows (aliases, `ibid.`, printed pinpoints), only this file needs
 * to learn how the core resolves them; the preview and the export take what it returns.
 */
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { bindScan } from './briefBinding';
import { scanBrief } from './briefScanner';
import { Cite, Pinpoint } from './citationParser';
import { Clause } from './corpusParser';
import { CorpusScope, IndexedDocument } from './corpusIndex';
import { ITextDocument } from './host';
import type { LanguageService } from './languageService';
import { resolvePinpoint } from './resolve';
import { Span } from './types';

/** A pinpoint of a resolved cite. */
export interface ResolvedPinpointRef {
  readonly pinpoint: Pinpoint;
  /** The pinpoint as the brief writes it (`§3.4`, `art. 31(3)(a)`). */
  readonly written: string;
  /** The clauses it names, in document order; empty when it names none. */
  readonly clauses: readonly Clause[];
}

/** One document of a citation and its pinpoints. */
export interface ResolvedCite {
  readonly cite: Cite;
  /** The cite as the brief writes it (`2023-JS §3.4, §5.2`). */
  readonly written: string;
  /** The id of the cited document. */
  readonly docId: string;
  /** The cited document's language versions in the brief's scope, the primary first; empty when unknown. */
  readonly versions: readonly IndexedDocument[];
  readonly pinpoints: readonly ResolvedPinpointRef[];
}

/** A citation of a brief, resolved. */
export interface ResolvedCitation extends Span {
  /** The citation as written, brackets included. */
  readonly text: string;
  /** Its 0-based line in the brief. */
  readonly line: number;
  /** Its cites; empty for a malformed citation. */
  readonly cites: readonly ResolvedCite[];
  /** The messages of the errors `pinpoint check` reports on it; empty when it is sound. */
  readonly errors: readonly string[];
}

/** Resolves every citation of a brief, in text order. */
export function resolveBriefCitations(service: LanguageService, document: ITextDocument, scope: CorpusScope): ResolvedCitation[] {
  const text = document.getText();
  // Bound: aliases name their documents, `ibid.` the document (and pinpoints) of the cite before it.
  const scan = bindScan(scanBrief(text), service.index, scope);
  // Errors are the core's own diagnostics, so that a broken citation here is one `check` reports.
  const errors = service
    .briefDiagnostics(document, scope)
    .filter((diagnostic) => diagnostic.severity === DiagnosticSeverity.Error)
    .map((diagnostic) => ({ start: document.offsetAt(diagnostic.range.start), end: document.offsetAt(diagnostic.range.end), message: diagnostic.message }))
    .sort((left, right) => left.start - right.start);
  const resolved: ResolvedCitation[] = [];
  let errorCursor = 0;
  let previous: ResolvedCite | undefined;
  for (const citation of scan.citations) {
    while (errorCursor < errors.length && errors[errorCursor].start < citation.start) {
      errorCursor++;
    }
    const messages: string[] = [];
    for (let cursor = errorCursor; cursor < errors.length && errors[cursor].start < citation.end; cursor++) {
      messages.push(errors[cursor].message);
    }
    const cites = citation.cites.map((cite): ResolvedCite => {
      const versions = service.index.versions(cite.docId, scope);
      const primary = versions[0];
      const resolvedCite: ResolvedCite = {
        cite,
        written: text.slice(cite.start, cite.end),
        docId: cite.docId,
        versions,
        pinpoints: cite.pinpoints.map((pinpoint, index) => ({
          pinpoint,
          // An `ibid.` without pinpoints of its own takes over those of the cite before it, as written there.
          written: pinpoint.inherited ? (previous?.pinpoints[index]?.written ?? text.slice(pinpoint.start, pinpoint.end)) : text.slice(pinpoint.start, pinpoint.end),
          clauses: primary ? resolvePinpoint(primary, pinpoint).clauses : [],
        })),
      };
      previous = resolvedCite;
      return resolvedCite;
    });
    resolved.push({
      start: citation.start,
      end: citation.end,
      text: text.slice(citation.start, citation.end),
      line: document.positionAt(citation.start).line,
      cites,
      errors: messages,
    });
  }
  return resolved;
}
