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
import { BriefCache, citationAt } from './briefModel';
import { completionContext, computeCompletion, resolveDocumentation, Suggestion } from './completion';
import { CorpusIndex, CorpusScope } from './corpusIndex';
import { LineRange } from './corpusParser';
import { computeDefinition } from './definition';
import { computeBriefProblems } from './diagnostics';
import { ILogger, ITextDocument, nullLogger } from './host';
import { computeHover, HoverOptions } from './hover';
import { DiagnosticCodes, Problem, severityOf, Severity } from './types';

/** What `createLanguageService` needs. */
export interface LanguageServiceOptions {
  /** Where warnings go; nothing is logged when absent. */
  readonly logger?: ILogger;
  /**
   * Reads a corpus file's text on demand. With it, the index keeps only headers and search entries in
   * memory and re-reads files whose clauses it needs; without it, it keeps all corpus text.
   */
  readonly loadCorpusText?: (uri: string) => string | undefined;
}

/** The core's whole surface, as the server and the command line use it. */
export interface LanguageService {
  /** The corpus index (read access for commands and tests). */
  readonly index: CorpusIndex;
  /**
   * Indexes a Markdown file found under a corpus root. Returns true when it is a corpus file; false when it
   * is a brief (it is then removed from the index if it was there).
   */
  setCorpusFile(uri: string, root: string, text: string): boolean;
  /** Removes a corpus file (deleted, or no longer under a corpus root). */
  deleteCorpusFile(uri: string): boolean;
  /** The diagnostics of a brief. */
  briefDiagnostics(document: ITextDocument, scope: CorpusScope): Diagnostic[];
  /** The `corpus-error` diagnostics of an indexed corpus file. */
  corpusDiagnostics(uri: string, scope: CorpusScope): Diagnostic[];
  hover(document: ITextDocument, position: Position, scope: CorpusScope, options?: HoverOptions): Hover | null;
  definition(document: ITextDocument, position: Position, scope: CorpusScope): Location | null;
  completion(document: ITextDocument, position: Position, scope: CorpusScope): CompletionList | null;
  resolveCompletion(item: CompletionItem): CompletionItem;
  /** Forgets the cached data of a closed brief. */
  closeBrief(uri: string): void;
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

/** Converts a corpus line range to an LSP range. */
export function toLspRange(range: LineRange): Range {
  return Range.create(range.startLine, range.startCharacter, range.endLine, range.endCharacter);
}

/** Converts a problem with offsets to an LSP diagnostic. */
export function toDiagnostic(document: ITextDocument, problem: Problem): Diagnostic {
  return {
    range: Range.create(document.positionAt(problem.start), document.positionAt(problem.end)),
    severity: LSP_SEVERITY[severityOf[problem.code]],
    code: problem.code,
    source: 'pinpoint',
    message: problem.message,
  };
}

/** Builds the language service. */
export function createLanguageService(options: LanguageServiceOptions = {}): LanguageService {
  const logger = options.logger ?? nullLogger;
  const index = new CorpusIndex({ load: options.loadCorpusText });
  const briefs = new BriefCache();

  const service: LanguageService = {
    index,
    setCorpusFile(uri, root, text) {
      try {
        return index.set(uri, root, text) !== undefined;
      } catch (error) {
        logger.warn(`could not index ${uri}: ${String(error)}`);
        index.delete(uri);
        return false;
      }
    },
    deleteCorpusFile(uri) {
      return index.delete(uri);
    },
    briefDiagnostics(document, scope) {
      const scan = briefs.scan(document);
      return computeBriefProblems(scan, index, scope).map((problem) => toDiagnostic(document, problem));
    },
    corpusDiagnostics(uri, scope) {
      return index.problemsOf(uri, scope).map((problem) => ({
        range: toLspRange(problem.range),
        severity: LSP_SEVERITY[severityOf[DiagnosticCodes.corpusError]],
        code: DiagnosticCodes.corpusError,
        source: 'pinpoint',
        message: problem.message,
      }));
    },
    hover(document, position, scope, hoverOptions) {
      const scan = briefs.scan(document);
      const target = citationAt(scan, document.offsetAt(position));
      if (!target) {
        return null;
      }
      const markdown = computeHover(target, index, scope, hoverOptions);
      if (!markdown) {
        return null;
      }
      const span = target.pinpoint ?? (target.onDocId && target.cite ? target.cite.docIdSpan : target.citation);
      return {
        contents: { kind: MarkupKind.Markdown, value: markdown },
        range: Range.create(document.positionAt(span.start), document.positionAt(span.end)),
      };
    },
    definition(document, position, scope) {
      const scan = briefs.scan(document);
      const target = citationAt(scan, document.offsetAt(position));
      if (!target) {
        return null;
      }
      const location = computeDefinition(target, index, scope);
      return location ? Location.create(location.uri, toLspRange(location.range)) : null;
    },
    completion(document, position, scope) {
      const scan = briefs.scan(document);
      const text = document.getText();
      const context = completionContext(text, document.offsetAt(position), scan);
      if (!context) {
        return null;
      }
      const list = computeCompletion(context, index, scope);
      const items = list.items.map(
        (suggestion): CompletionItem => ({
          label: suggestion.label,
          kind: LSP_KIND[suggestion.kind],
          detail: suggestion.detail,
          documentation: suggestion.documentation ? { kind: MarkupKind.Markdown, value: suggestion.documentation } : undefined,
          filterText: suggestion.filterText,
          sortText: suggestion.sortText,
          textEdit: {
            range: Range.create(document.positionAt(suggestion.replace.start), document.positionAt(suggestion.replace.end)),
            newText: suggestion.newText,
          },
          data: suggestion.data,
        }),
      );
      return { isIncomplete: list.incomplete, items };
    },
    resolveCompletion(item) {
      const data = item.data as { uri?: unknown; key?: unknown } | undefined;
      if (!item.documentation && data && typeof data.uri === 'string') {
        const documentation = resolveDocumentation({ uri: data.uri, key: typeof data.key === 'string' ? data.key : undefined }, index);
        if (documentation) {
          return { ...item, documentation: { kind: MarkupKind.Markdown, value: documentation } };
        }
      }
      return item;
    },
    closeBrief(uri) {
      briefs.delete(uri);
    },
  };
  return Object.freeze(service);
}
