/**
 * Symbols of the corpus: the outline of a corpus file (sections, their paragraphs, their items) and a
 * workspace symbol search over documents and clause text.
 */
import { DocumentSymbol, Location, Range, SymbolInformation, SymbolKind } from 'vscode-languageserver-types';
import { Clause, ClauseKind, LineRange } from './corpusParser';
import { CorpusIndex, CorpusScope, IndexedDocument } from './corpusIndex';
import { excerpt } from './markdownEscape';

const KIND: Readonly<Record<ClauseKind, SymbolKind>> = {
  annex: SymbolKind.Module,
  section: SymbolKind.Namespace,
  paragraph: SymbolKind.Field,
  item: SymbolKind.EnumMember,
};

function toRange(range: LineRange): Range {
  return Range.create(range.startLine, range.startCharacter, range.endLine, range.endCharacter);
}

function clauseName(clause: Clause): string {
  if (clause.kind === 'section') {
    const heading = clause.text.length > 0 ? clause.text : clause.key === '0' ? 'Preamble' : '';
    return heading ? `§${clause.key} ${heading}` : `§${clause.key}`;
  }
  return `§${clause.key}`;
}

function extend(range: Range, end: Range): Range {
  if (end.end.line > range.end.line || (end.end.line === range.end.line && end.end.character > range.end.character)) {
    return Range.create(range.start, end.end);
  }
  return range;
}

/** The outline of a corpus file: sections with their paragraphs, paragraphs with their items. */
export function computeDocumentSymbols(entry: IndexedDocument): DocumentSymbol[] {
  const roots: DocumentSymbol[] = [];
  // The open symbol at each depth (1: section or top-level paragraph, …).
  const open: { symbol: DocumentSymbol; depth: number }[] = [];
  for (const clause of entry.tree.clauses) {
    const own = toRange(clause.range);
    const symbol: DocumentSymbol = {
      name: clauseName(clause),
      detail: clause.kind === 'section' ? undefined : excerpt(clause.text, 60),
      kind: KIND[clause.kind],
      range: own,
      selectionRange: own,
      children: [],
    };
    const depth = clause.path.length;
    while (open.length > 0 && open[open.length - 1].depth >= depth) {
      open.pop();
    }
    const parent = open[open.length - 1];
    if (parent) {
      parent.symbol.children?.push(symbol);
    } else {
      roots.push(symbol);
    }
    // Every ancestor's range grows to hold it.
    for (const ancestor of open) {
      ancestor.symbol.range = extend(ancestor.symbol.range, own);
    }
    open.push({ symbol, depth });
  }
  return roots;
}

/** Options of a workspace symbol search. */
export interface WorkspaceSymbolOptions {
  /** Most symbols returned (default 100). */
  readonly limit?: number;
}

/** The opening words of a clause from near where a query matched, so that an editor's own filter keeps it. */
function nameAround(text: string, query: string): string {
  const first = query.trim().split(/\s+/)[0] ?? '';
  const at = first.length > 0 ? text.toLowerCase().indexOf(first.toLowerCase()) : -1;
  const from = at > 20 ? at - 10 : 0;
  return (from > 0 ? '…' : '') + excerpt(text.slice(from), 100);
}

/**
 * Workspace symbols: documents whose id or title contains the query, then clauses whose text contains it
 * (the index's content search, bounded).
 */
export function computeWorkspaceSymbols(query: string, index: CorpusIndex, scope: CorpusScope, options: WorkspaceSymbolOptions = {}): SymbolInformation[] {
  const limit = options.limit ?? 100;
  const symbols: SymbolInformation[] = [];
  const needle = query.trim().toLowerCase();
  for (const id of [...index.ids(scope)].sort()) {
    if (symbols.length >= limit) {
      break;
    }
    const document = index.resolve(id, scope);
    if (!document) {
      continue;
    }
    const title = document.document.title ?? '';
    if (needle.length === 0 || id.toLowerCase().includes(needle) || title.toLowerCase().includes(needle)) {
      const range = document.skeleton.info.idRange ?? { startLine: 0, startCharacter: 0, endLine: 0, endCharacter: 0 };
      symbols.push(SymbolInformation.create(`${id} ${title}`.trim(), SymbolKind.File, toRange(range), document.uri));
    }
  }
  if (needle.length === 0 || symbols.length >= limit) {
    return symbols;
  }
  const { hits } = index.search(query, scope, { limit: limit - symbols.length, budget: 20_000 });
  for (const hit of hits) {
    const clause = hit.clause;
    const id = hit.document.tree.id ?? '';
    const symbol: SymbolInformation = {
      name: `§${clause.key} ${nameAround(clause.text, query)}`,
      kind: KIND[clause.kind],
      location: Location.create(hit.document.uri, toRange(clause.range)),
      containerName: id,
    };
    symbols.push(symbol);
  }
  return symbols;
}
