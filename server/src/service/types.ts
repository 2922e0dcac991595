/**
 * The data model shared by the core: offsets, problems and the diagnostic codes of spec.md §4.
 */

/** A half-open span of UTF-16 offsets `[start, end)` in some text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** The diagnostic codes of spec.md §4 (and the extensions documented in README.md). */
export const DiagnosticCodes = {
  unknownDocument: 'unknown-document',
  unknownClause: 'unknown-clause',
  malformedCitation: 'malformed-citation',
  invalidRange: 'invalid-range',
  corpusError: 'corpus-error',
  quoteMismatch: 'quote-mismatch',
  nonCanonicalCitation: 'non-canonical-citation',
  positionalMismatch: 'positional-mismatch',
  labelSequence: 'label-sequence',
  instrumentStatus: 'instrument-status',
  brokenCrossReference: 'broken-cross-reference',
  definedTerm: 'defined-term',
  versionMismatch: 'version-mismatch',
  quoteNotChecked: 'quote-not-checked',
} as const;

export type DiagnosticCode = (typeof DiagnosticCodes)[keyof typeof DiagnosticCodes];

/** How serious a problem is (spec.md §4: the first five codes are errors). */
export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** The one table that says how severe each code is. */
export const severityOf: Readonly<Record<DiagnosticCode, Severity>> = {
  'unknown-document': 'error',
  'unknown-clause': 'error',
  'malformed-citation': 'error',
  'invalid-range': 'error',
  'corpus-error': 'error',
  'quote-mismatch': 'warning',
  'non-canonical-citation': 'hint',
  'positional-mismatch': 'warning',
  'label-sequence': 'warning',
  'instrument-status': 'warning',
  'broken-cross-reference': 'warning',
  // A definition that is never used is a hint; the drafting provider says so on each diagnostic.
  'defined-term': 'warning',
  'version-mismatch': 'warning',
  'quote-not-checked': 'hint',
};

/** A problem found in a text, located by offsets; turned into an LSP diagnostic only at the edge. */
export interface Problem extends Span {
  readonly code: DiagnosticCode;
  readonly message: string;
}
