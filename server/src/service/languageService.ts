/**
 * The composition root of the core: `createLanguageService` builds the index and the providers and returns
 * one frozen object whose methods take documents and positions and return LSP values. It knows nothing of
 * the connection or the file system; `server.ts` and the command line supply documents and corpus text.
 */
import {
  CompletionItem,
  CompletionItemKind,
  CompletionList,
  Diagnostic,
  DiagnosticSeverity,
  Hover,
  Location,
  MarkupKind,
  Position,
  Range,
} from 'vscode-languageserver-types';
import { bindScan } from './briefBinding';
import { isShortForm } from './citationParser';
import { BriefCache, citationAt } from './briefModel';
import { BriefScan } from './briefScanner';
import { completionContext, computeCompletion, resolveDocumentation, Suggestion } from './completion';
import { CorpusIndex, CorpusScope, ExternalSearch } from './corpusIndex';
import { computeDefinition } from './definition';
import { DiagnosticPositions, PinpointDiagnostic } from './diagnosticPositions';
export type { PinpointDiagnostic } from './diagnosticPositions';
import { briefProblemSteps } from './diagnostics';
import { finish, Steps } from './steps';
import { ProblemMemo } from './problemMemo';
import { ILogger, ITextDocument, nullLogger } from './host';
import { computeHover, statusLine } from './hover';
import { relationLinkAt, relationProblems, relationReferences, StatusContext } from './relations';
import { briefDateOf, dayOf, FactDate, parseFactDate } from './status';
import { LineRange, readFrontMatter } from './corpusParser';
import { DiagnosticCodes, severityOf, Severity } from './types';
import type { CodeAction, CodeLens, DocumentLink, DocumentSymbol, SymbolInformation, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { BriefIndex } from './briefIndex';
import { computeQuickFixes } from './codeActions';
import { computeCodeLenses } from './codeLens';
import { computeDocumentLinks, computeRelationLinks } from './documentLinks';
import { findReferences, ReferenceTarget, ScopeOf, targetInCorpus, targetOfCitation } from './references';
import { computeAliasRename, computeRename, FileEdit, renameTargetInBrief, renameTargetInCorpus } from './rename';
import { computeDocumentSymbols, computeWorkspaceSymbols } from './symbols';
import { computeTableOfAuthorities, TableOfAuthorities } from './tableOfAuthorities';
import { draftDefinition, draftDiagnostics, draftHover, DraftingEnvironment, draftLinks, draftOf, EditCapabilities, internalReferences, renumberAction } from './drafting';

/** What the workspace-wide features need to know about the document a request is about. */
export interface WorkspaceContext {
  /** The scope of the document the request is about. */
  readonly scope: CorpusScope;
  /** The scope of each brief of the workspace (briefs of other folders see other corpora). */
  readonly scopeOf: ScopeOf;
  /** The document's URI in the indexes, when it differs from the client's (the server's canonical form). */
  readonly uri?: string;
  /** False for files that must not be edited (the built-in corpus); every file is writable when absent. */
  readonly writable?: (uri: string) => boolean;
  /**
   * Reads any file's current text (the editor's when it is open), for the drafting features that edit other
   * files (briefs, language versions); `loadCorpusText` of the service's options when absent.
   */
  readonly readText?: (uri: string) => string | undefined;
}


/** What `createLanguageService` needs. */
export interface LanguageServiceOptions {
  /** Where warnings go; nothing is logged when absent. */
  readonly logger?: ILogger;
  /**
   * Reads a corpus file's text on demand. With it, the index keeps only headers and search entries in
   * memory and re-reads files whose clauses it needs; without it, it keeps all corpus text.
   */
  readonly loadCorpusText?: (uri: string) => string | undefined;
  /** The clock status is judged by when a brief has no date (`new Date()` when absent). */
  readonly now?: () => Date;
  /** Searches the documents of some roots outside the index (the team corpus in a database). */
  readonly externalSearch?: ExternalSearch;
}

/** How the status of cited instruments is checked (`instrument-status`). */
export interface StatusOptions {
  /** False turns the check off (setting `pinpoint.status.check`); on when absent. */
  readonly check?: boolean;
  /** Judge at this date (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`) instead of the brief's own date or today (`pinpoint check --as-of`). */
  readonly asOf?: string;
}

/** Options of a brief's diagnostics. */
export interface DiagnosticOptions extends StatusOptions {
  /**
   * True for the ids whose citations are not checked now (the team corpus's documents while its database cannot
   * be reached): they get no diagnostics, neither errors nor warnings.
   */
  readonly unchecked?: (id: string) => boolean;
}

/** A check of a brief's diagnostics that runs a slice at a time (see `LanguageService.briefDiagnosticsCheck`). */
export interface BriefCheck {
  /**
   * Goes on with the check until it is done or `stop()` returns true (asked between slices of work, each a few
   * milliseconds of it). Returns the diagnostics once done; undefined while work remains, and once it is stale.
   */
  resume(stop: () => boolean): PinpointDiagnostic[] | undefined;
  /** True when the check will never finish: the brief was edited or closed, or a newer check of it began. */
  readonly stale: boolean;
}

/** Options of a hover request. */
export interface HoverOptions {
  /** Preferred languages, in order (setting `pinpoint.languages`). */
  readonly languages?: readonly string[];
  /** Judge the status line at this date instead of the brief's date or today. */
  readonly asOf?: string;
}

/** The core's whole surface, as the server and the command line use it. */
export interface LanguageService {
  /** The corpus index (read access for commands and tests). */
  readonly index: CorpusIndex;
  /**
   * Indexes a Markdown file found under a corpus root. Returns true when it is a corpus file; false when it
   * is a brief (it is then removed from the index if it was there).
   */
  setCorpusFile(uri: string, root: string, text: string, options?: { parseNow?: boolean }): boolean;
  /** The document ids a brief cites (as written: aliases are not bound), without reading the corpus. */
  citedIds(document: ITextDocument): string[];
  /** Removes a corpus file (deleted, or no longer under a corpus root). */
  deleteCorpusFile(uri: string): boolean;
  /**
   * The diagnostics of a brief; `options` say how instruments' status is checked (on, at the brief's date, by
   * default) and which ids are not checked now.
   */
  briefDiagnostics(document: ITextDocument, scope: CorpusScope, options?: DiagnosticOptions): PinpointDiagnostic[];
  /**
   * `briefDiagnostics` as a check that runs a slice at a time, for a host that answers other requests while a
   * large brief is checked. The document must be the live one (its version changes when it is edited): an
   * edit, closing the brief, or a newer check of it makes this check stale.
   */
  briefDiagnosticsCheck(document: ITextDocument, scope: CorpusScope, options?: DiagnosticOptions): BriefCheck;
  /** The `corpus-error` diagnostics of an indexed corpus file. */
  corpusDiagnostics(uri: string, scope: CorpusScope): PinpointDiagnostic[];
  hover(document: ITextDocument, position: Position, scope: CorpusScope, options?: HoverOptions): Hover | null;
  /**
   * The definition at a position: of a citation in a brief, or of a relation id (`amends`, `superseded_by`,
   * …) in a corpus file's front matter (`uri`: the file's key in the index, when it differs).
   */
  definition(document: ITextDocument, position: Position, scope: CorpusScope, uri?: string): Location | null;
  completion(document: ITextDocument, position: Position, scope: CorpusScope): CompletionList | null;
  resolveCompletion(item: CompletionItem): CompletionItem;
  /** Forgets the cached data of a closed brief. */
  closeBrief(uri: string): void;
  /** The citations of every brief of the workspace, for references, rename, CodeLens and the table of authorities. */
  readonly briefs: BriefIndex;
  /** Indexes an open brief's current text (its cached scan); `uri` is the key when it differs from the document's. */
  updateBrief(document: ITextDocument, uri?: string): void;
  /** Indexes a brief read from disk. */
  setBriefText(uri: string, text: string): void;
  /** Forgets a brief of the workspace (deleted, or now a corpus file). */
  deleteBrief(uri: string): void;
  /** Every citation of the document or clause at a position (of a brief or of a corpus file). */
  references(document: ITextDocument, position: Position, context: WorkspaceContext, includeDeclaration: boolean): Location[] | null;
  /** The document id at a position and its range, or why it cannot be renamed. */
  prepareRename(document: ITextDocument, position: Position, context: WorkspaceContext): { range: Range; placeholder: string } | { error: string };
  /** Renames the document id at a position: its front matter and every citation, in one edit. */
  rename(document: ITextDocument, position: Position, newName: string, context: WorkspaceContext): WorkspaceEdit | { error: string };
  /** Quick fixes for the problems of a brief in a range. */
  codeActions(document: ITextDocument, range: Range, scope: CorpusScope, diagnostics?: readonly Diagnostic[], status?: StatusOptions): CodeAction[];
  /**
   * Links from the citations of a brief to their clauses; in a corpus file (`uri`: its key in the index),
   * from the relation ids of its front matter to the instruments they name.
   */
  documentLinks(document: ITextDocument, scope: CorpusScope, uri?: string): DocumentLink[];
  /** Citation counts above the clauses of a corpus file; null for a brief. */
  codeLenses(document: ITextDocument, context: WorkspaceContext): CodeLens[] | null;
  /** The outline of a corpus file (`uri`: its key in the index); null for a brief. */
  documentSymbols(document: ITextDocument, uri?: string): DocumentSymbol[] | null;
  /** Documents and clauses whose id, title or text contains the query. */
  workspaceSymbols(query: string, scope: CorpusScope): SymbolInformation[];
  /** The table of authorities of a brief and the edit that inserts or updates it. */
  tableOfAuthorities(document: ITextDocument, scope: CorpusScope, fileName: string, options?: { linesAsIs?: boolean }): { table: TableOfAuthorities; edit: WorkspaceEdit };
  /** Hover on a cross-reference or defined term of a corpus file; null anywhere else (then `hover` answers). */
  draftHover(document: ITextDocument, position: Position, context: WorkspaceContext): Hover | null;
  /** Go-to-definition from a cross-reference or a defined term of a corpus file; null anywhere else. */
  draftDefinition(document: ITextDocument, position: Position, context: WorkspaceContext): Location | null;
  /** Links from the cross-references of a corpus file to their clauses; null for a brief. */
  draftLinks(document: ITextDocument, context: WorkspaceContext): DocumentLink[] | null;
  /** `broken-cross-reference`, `defined-term` and `version-mismatch` diagnostics of a draft corpus file. */
  draftDiagnostics(uri: string, context: WorkspaceContext): PinpointDiagnostic[];
  /** "Renumber and update references" on a corpus file whose labels are out of sequence (or disabled, with why). */
  draftCodeActions(document: ITextDocument, context: WorkspaceContext, diagnostics: readonly Diagnostic[], capabilities: EditCapabilities): CodeAction[];
}

const LSP_SEVERITY: Readonly<Record<Severity, DiagnosticSeverity>> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

const LSP_KIND: Readonly<Record<Suggestion['kind'], CompletionItemKind>> = {
  document: CompletionItemKind.Module,
  section: CompletionItemKind.Folder,
  paragraph: CompletionItemKind.Reference,
  item: CompletionItemKind.EnumMember,
  search: CompletionItemKind.Text,
};

function rangesOverlap(left: Range, right: Range): boolean {
  const before = (a: Position, b: Position): boolean => a.line < b.line || (a.line === b.line && a.character < b.character);
  return !before(left.end, right.start) && !before(right.end, left.start);
}

/** Groups file edits by URI into a workspace edit. */
function toWorkspaceEdit(edits: readonly FileEdit[]): WorkspaceEdit {
  const changes: Record<string, TextEdit[]> = {};
  for (const edit of edits) {
    (changes[edit.uri] ??= []).push({ range: Range.create(edit.range.start, edit.range.end), newText: edit.newText });
  }
  return { changes };
}

/** Converts a corpus line range to an LSP range. */
export function toLspRange(range: LineRange): Range {
  return Range.create(range.startLine, range.startCharacter, range.endLine, range.endCharacter);
}

/** A bound scan without the cites of ids that are not checked now (and without citations left with none). */
function withoutUnchecked(scan: BriefScan, unchecked: ((id: string) => boolean) | undefined): BriefScan {
  if (!unchecked || !scan.citations.some((citation) => citation.cites.some((cite) => unchecked(cite.docId)))) {
    return scan;
  }
  const citations = scan.citations.flatMap((citation) => {
    const cites = citation.cites.filter((cite) => !unchecked(cite.docId));
    return cites.length === citation.cites.length ? [citation] : cites.length === 0 ? [] : [{ ...citation, cites }];
  });
  return { ...scan, citations };
}

/** Builds the language service. */
export function createLanguageService(options: LanguageServiceOptions = {}): LanguageService {
  const logger = options.logger ?? nullLogger;
  const index = new CorpusIndex({ load: options.loadCorpusText, externalSearch: options.externalSearch });
  const briefs = new BriefCache();
  /**
   * Per open brief, what its last check found and published, for the next one, and the check that may use them
   * (an older check that has not finished is stale: it would find them changed under it).
   */
  const checked = new Map<string, { problems: ProblemMemo; positions: DiagnosticPositions; check: object | undefined }>();
  const briefIndex = new BriefIndex();
  /** The scan of a brief with its aliases and short forms bound against the corpus of a scope. */
  const bound = (document: ITextDocument, scope: CorpusScope): BriefScan => bindScan(briefs.scan(document), index, scope);
  const now = options.now ?? (() => new Date());
  const briefDates = new WeakMap<BriefScan, FactDate | null>();

  /** The date a brief's citations are judged at: `asOf`, else the brief's front matter `date`, else today. */
  const statusContext = (document: ITextDocument, asOf?: string): StatusContext => {
    const today = dayOf(now());
    const chosen = asOf === undefined ? undefined : parseFactDate(asOf);
    if (chosen && 'date' in chosen) {
      return { at: chosen.date, briefDate: false, today };
    }
    const scan = briefs.scan(document);
    let date = briefDates.get(scan);
    if (date === undefined) {
      date = briefDateOf(document.getText(), readFrontMatter) ?? null;
      briefDates.set(scan, date);
    }
    return date ? { at: date, briefDate: true, today } : { at: today, briefDate: false, today };
  };

  /** What a position points at, for references: a citation in a brief, or a clause or id in a corpus file. */
  const referenceTargetAt = (document: ITextDocument, position: Position, context: WorkspaceContext): ReferenceTarget | undefined => {
    const entry = index.get(context.uri ?? document.uri);
    if (entry) {
      return targetInCorpus(entry, document.getText(), position);
    }
    const target = citationAt(bound(document, context.scope), document.offsetAt(position));
    return target ? targetOfCitation(target, index, context.scope) : undefined;
  };

  const renameTargetAt = (document: ITextDocument, position: Position, context: WorkspaceContext) => {
    const entry = index.get(context.uri ?? document.uri);
    if (entry) {
      return renameTargetInCorpus(entry, position, document.getText());
    }
    const target = citationAt(bound(document, context.scope), document.offsetAt(position));
    return renameTargetInBrief(target, (offset) => document.positionAt(offset), index, context.scope);
  };

  /** The corpus locations of a reference target: its clauses, or the document's id. */
  const declarationsOf = (target: ReferenceTarget, scope: CorpusScope): Location[] => {
    const document = index.resolve(target.docId, scope);
    if (!document) {
      return [];
    }
    if (!target.keys) {
      return document.skeleton.info.idRange ? [Location.create(document.uri, toLspRange(document.skeleton.info.idRange))] : [];
    }
    return target.keys.flatMap((key) => {
      const clause = document.byKey.get(key);
      return clause ? [Location.create(document.uri, toLspRange(clause.range))] : [];
    });
  };

  /** What the last check of a brief found, kept for the next; a new check makes any older one stale. */
  const memoOf = (uri: string) => {
    let memo = checked.get(uri);
    if (!memo) {
      memo = { problems: new ProblemMemo(), positions: new DiagnosticPositions(), check: undefined };
      checked.set(uri, memo);
    }
    memo.check = {};
    return memo;
  };

  /** The diagnostics of a brief, a slice at a time (`briefDiagnostics`, `briefDiagnosticsCheck`). */
  function* checkSteps(document: ITextDocument, scope: CorpusScope, status: DiagnosticOptions | undefined, memo: { problems: ProblemMemo; positions: DiagnosticPositions }): Steps<PinpointDiagnostic[]> {
    const boundScan = bound(document, scope);
    const scan = withoutUnchecked(boundScan, status?.unchecked);
    const context = status?.check === false ? undefined : statusContext(document, status?.asOf);
    // NOTE: while some cites are left unchecked, a citation's text no longer says what is checked in it, so
    // the results kept per citation are neither used nor updated.
    const problems = yield* briefProblemSteps(scan, index, scope, document.getText(), context, scan === boundScan ? memo.problems : undefined);
    return yield* memo.positions.convertSteps(document, problems, scan);
  }

  /** How the drafting features read files: the request's reader, the service's loader, or the index's own text. */
  const textReader = (context: WorkspaceContext) => (uri: string): string | undefined => context.readText?.(uri) ?? options.loadCorpusText?.(uri) ?? index.get(uri)?.retainedText;
  const environmentOf = (context: WorkspaceContext): DraftingEnvironment => ({
    index,
    briefs: briefIndex,
    readText: textReader(context),
    scope: context.scope,
    scopeOf: context.scopeOf,
    writable: context.writable,
  });
  /** The drafting view of the corpus file a request is about, from the editor's text; undefined for a brief. */
  const draftAt = (document: ITextDocument, context: WorkspaceContext) => {
    const entry = index.get(context.uri ?? document.uri);
    return entry ? draftOf(entry, textReader(context), document.getText()) : undefined;
  };

  const service: LanguageService = {
    index,
    setCorpusFile(uri, root, text, options) {
      try {
        return index.set(uri, root, text, options) !== undefined;
      } catch (error) {
        logger.warn(`could not index ${uri}: ${String(error)}`);
        index.delete(uri);
        return false;
      }
    },
    deleteCorpusFile(uri) {
      return index.delete(uri);
    },
    citedIds(document) {
      const ids = new Set<string>();
      for (const citation of briefs.scan(document).citations) {
        for (const cite of citation.cites) {
          ids.add(cite.docId);
        }
      }
      return [...ids];
    },
    briefDiagnostics(document, scope, status) {
      return finish(checkSteps(document, scope, status, memoOf(document.uri)));
    },
    briefDiagnosticsCheck(document, scope, status) {
      const memo = memoOf(document.uri);
      const version = document.version;
      const steps = checkSteps(document, scope, status, memo);
      const token = memo.check;
      let result: PinpointDiagnostic[] | undefined;
      const isStale = () => result === undefined && (memo.check !== token || checked.get(document.uri) !== memo || document.version !== version);
      return {
        resume(stop) {
          if (result !== undefined || isStale()) {
            return result;
          }
          do {
            const step = steps.next();
            if (step.done) {
              result = step.value;
              return result;
            }
          } while (!stop());
          return undefined;
        },
        get stale() {
          return isStale();
        },
      };
    },
    corpusDiagnostics(uri, scope) {
      const entry = index.get(uri);
      const problems = [...index.problemsOf(uri, scope), ...(entry ? relationProblems(index, scope, entry) : [])];
      return problems.map((problem) => ({
        range: toLspRange(problem.range),
        severity: LSP_SEVERITY[severityOf[problem.code ?? DiagnosticCodes.corpusError]],
        code: problem.code ?? DiagnosticCodes.corpusError,
        source: 'pinpoint',
        message: problem.message,
      }));
    },
    hover(document, position, scope, hoverOptions) {
      const scan = bound(document, scope);
      // A hover position names a character (the one under the mouse), not a gap between two.
      const target = citationAt(scan, document.offsetAt(position), { character: true });
      if (!target) {
        return null;
      }
      const markdown = computeHover(target, index, scope, { languages: hoverOptions?.languages, status: statusContext(document, hoverOptions?.asOf) });
      if (!markdown) {
        return null;
      }
      const span = target.pinpoint ?? (target.onDocId && target.cite ? target.cite.docIdSpan : target.citation);
      return {
        contents: { kind: MarkupKind.Markdown, value: markdown },
        range: Range.create(document.positionAt(span.start), document.positionAt(span.end)),
      };
    },
    definition(document, position, scope, uri) {
      const entry = index.get(uri ?? document.uri);
      const link = entry ? relationLinkAt(index, scope, entry, position.line, position.character) : undefined;
      if (link) {
        return Location.create(link.target.uri, toLspRange(link.target.range));
      }
      const scan = bound(document, scope);
      const target = citationAt(scan, document.offsetAt(position));
      if (!target) {
        return null;
      }
      const location = computeDefinition(target, index, scope);
      return location ? Location.create(location.uri, toLspRange(location.range)) : null;
    },
    completion(document, position, scope) {
      const scan = bound(document, scope);
      const text = document.getText();
      const context = completionContext(text, document.offsetAt(position), scan);
      if (!context) {
        return null;
      }
      const status = statusContext(document);
      const list = computeCompletion(context, index, scope, (word, offset) => {
        if (!isShortForm(word)) {
          const ids = index.aliasTargets(word, scope);
          return ids.length === 1 ? ids[0] : undefined;
        }
        // `ibid.` while it is typed: the last cite of the nearest citation before it.
        let found: string | undefined;
        for (const citation of scan.citations) {
          if (citation.end > offset) {
            break;
          }
          const last = citation.cites[citation.cites.length - 1];
          found = last ? last.docId : found;
        }
        return found;
      }, (entry) => statusLine(index, scope, entry, status));
      const items = list.items.map(
        (suggestion): CompletionItem => ({
          label: suggestion.label,
          kind: LSP_KIND[suggestion.kind],
          detail: suggestion.detail,
          // Shown on every row of the suggest widget, not only the focused one.
          labelDetails: suggestion.detail ? { description: suggestion.detail } : undefined,
          documentation: suggestion.documentation ? { kind: MarkupKind.Markdown, value: suggestion.documentation } : undefined,
          filterText: suggestion.filterText,
          sortText: suggestion.sortText,
          textEdit: {
            range: Range.create(document.positionAt(suggestion.replace.start), document.positionAt(suggestion.replace.end)),
            newText: suggestion.newText,
          },
          // A document's status line is resolved later: it needs the scope (its successors) and the brief's date.
          data: suggestion.data && suggestion.kind === 'document' ? { ...suggestion.data, scope: [...scope], at: status.briefDate ? status.at.text : undefined } : suggestion.data,
        }),
      );
      return { isIncomplete: list.incomplete, items };
    },
    resolveCompletion(item) {
      const data = item.data as { uri?: unknown; key?: unknown; at?: unknown; scope?: unknown } | undefined;
      if (!item.documentation && data && typeof data.uri === 'string') {
        // Judged today, or at the brief's date the list was made for.
        const today = dayOf(now());
        const at = typeof data.at === 'string' ? parseFactDate(data.at) : undefined;
        const context: StatusContext = at && 'date' in at ? { at: at.date, briefDate: true, today } : { at: today, briefDate: false, today };
        const entry = index.get(data.uri);
        const scope = Array.isArray(data.scope) && data.scope.every((root) => typeof root === 'string') ? (data.scope as string[]) : entry ? [entry.root] : [];
        const documentation = resolveDocumentation({ uri: data.uri, key: typeof data.key === 'string' ? data.key : undefined }, index, (document) => statusLine(index, scope, document, context));
        if (documentation) {
          return { ...item, documentation: { kind: MarkupKind.Markdown, value: documentation } };
        }
      }
      return item;
    },
    briefs: briefIndex,
    updateBrief(document, uri) {
      briefIndex.setScan(uri ?? document.uri, document.getText(), briefs.scan(document));
    },
    setBriefText(uri, text) {
      briefIndex.set(uri, text);
    },
    deleteBrief(uri) {
      briefIndex.delete(uri);
    },
    references(document, position, context, includeDeclaration) {
      const target = referenceTargetAt(document, position, context);
      if (!target) {
        return null;
      }
      const locations = findReferences(target, briefIndex, index, context.scopeOf).map((reference) => Location.create(reference.uri, reference.range));
      if (!target.keys) {
        // A whole document is also referred to by the instruments that amend or supersede it (front matter).
        locations.push(...relationReferences(index, context.scope, target.docId).map((reference) => Location.create(reference.uri, toLspRange(reference.range))));
      }
      const entry = index.get(context.uri ?? document.uri);
      if (entry && target.keys) {
        // A clause is also referred to by the document's own cross-references.
        const model = draftOf(entry, textReader(context), document.getText());
        const clauses = target.keys.flatMap((key) => entry.byKey.get(key) ?? []);
        locations.push(...(model ? internalReferences(model, entry.uri, clauses) : []));
      }
      if (includeDeclaration) {
        locations.unshift(...declarationsOf(target, context.scope));
      }
      return locations;
    },
    prepareRename(document, position, context) {
      const outcome = renameTargetAt(document, position, context);
      return 'error' in outcome ? outcome : { range: outcome.value.range, placeholder: outcome.value.alias ?? outcome.value.docId };
    },
    rename(document, position, newName, context) {
      const target = renameTargetAt(document, position, context);
      if ('error' in target) {
        return target;
      }
      const outcome =
        target.value.alias !== undefined
          ? computeAliasRename(target.value.docId, target.value.alias, newName, briefIndex, index, context)
          : computeRename(target.value.docId, newName, briefIndex, index, context);
      return 'error' in outcome ? outcome : toWorkspaceEdit(outcome.value);
    },
    codeActions(document, range, scope, diagnostics = [], status) {
      const scan = bound(document, scope);
      const span = { start: document.offsetAt(range.start), end: document.offsetAt(range.end) };
      const context = status?.check === false ? undefined : statusContext(document, status?.asOf);
      return computeQuickFixes(document.getText(), scan, span, index, scope, context).map((fix): CodeAction => {
        const problem = Range.create(document.positionAt(fix.problem.start), document.positionAt(fix.problem.end));
        const matching = diagnostics.filter((diagnostic) => diagnostic.code === fix.code && rangesOverlap(diagnostic.range, problem));
        return {
          title: fix.title,
          kind: 'quickfix',
          diagnostics: matching.length > 0 ? matching : undefined,
          isPreferred: fix.preferred || undefined,
          edit: {
            changes: {
              [document.uri]: fix.edits.map((edit) => ({
                range: Range.create(document.positionAt(edit.start), document.positionAt(edit.end)),
                newText: edit.newText,
              })),
            },
          },
        };
      });
    },
    documentLinks(document, scope, uri) {
      const entry = index.get(uri ?? document.uri);
      const links = entry
        ? computeRelationLinks(entry, index, scope, (line, character) => document.offsetAt(Position.create(line, character)))
        : computeDocumentLinks(bound(document, scope), index, scope);
      return links.map((link) => ({
        range: Range.create(document.positionAt(link.start), document.positionAt(link.end)),
        target: link.target,
        tooltip: link.tooltip,
      }));
    },
    codeLenses(document, context) {
      const entry = index.get(context.uri ?? document.uri);
      return entry ? computeCodeLenses(entry, briefIndex, index, context.scopeOf, document.uri) : null;
    },
    documentSymbols(document, uri) {
      const entry = index.get(uri ?? document.uri);
      return entry ? computeDocumentSymbols(entry) : null;
    },
    workspaceSymbols(query, scope) {
      return computeWorkspaceSymbols(query, index, scope);
    },
    tableOfAuthorities(document, scope, fileName, tableOptions) {
      const text = document.getText();
      const table = computeTableOfAuthorities(text, bound(document, scope), index, scope, { fileName, linesAsIs: tableOptions?.linesAsIs });
      const edit: TextEdit = {
        range: Range.create(document.positionAt(table.replace.start), document.positionAt(table.replace.end)),
        newText: table.newText,
      };
      return { table, edit: { changes: { [document.uri]: [edit] } } };
    },
    closeBrief(uri) {
      briefs.delete(uri);
      checked.delete(uri);
    },
    draftHover(document, position, context) {
      const model = draftAt(document, context);
      const found = model ? draftHover(model, document.offsetAt(position)) : undefined;
      return found
        ? { contents: { kind: MarkupKind.Markdown, value: found.markdown }, range: Range.create(document.positionAt(found.span.start), document.positionAt(found.span.end)) }
        : null;
    },
    draftDefinition(document, position, context) {
      const model = draftAt(document, context);
      const found = model ? draftDefinition(model, document.offsetAt(position)) : undefined;
      if (!found) {
        return null;
      }
      return Location.create(document.uri, 'range' in found ? toLspRange(found.range) : Range.create(document.positionAt(found.span.start), document.positionAt(found.span.end)));
    },
    draftLinks(document, context) {
      const model = draftAt(document, context);
      return model ? draftLinks(model, document.uri) : null;
    },
    draftDiagnostics(uri, context) {
      const entry = index.get(uri);
      return entry ? draftDiagnostics(entry, environmentOf(context)) : [];
    },
    draftCodeActions(document, context, diagnostics, capabilities) {
      const uri = context.uri ?? document.uri;
      const entry = index.get(uri);
      if (!entry) {
        return [];
      }
      const action = renumberAction(entry, document.getText(), environmentOf(context), capabilities, { uri, version: document.version }, diagnostics);
      return action ? [action] : [];
    },
  };
  return Object.freeze(service);
}
