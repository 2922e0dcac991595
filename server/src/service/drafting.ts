/**
 * The drafting features on a corpus file, as LSP values: cross-references and defined terms (hover,
 * go-to-definition, document links, references), their diagnostics (`broken-cross-reference`,
 * `defined-term`), the concordance of language versions (`version-mismatch`), and the "Renumber and update
 * references" code action. The analyses are in `crossReferences.ts`, `definedTerms.ts`, `concordance.ts` and
 * `renumber.ts`; this module reads the files they need through the index and converts offsets to ranges.
 *
 * Pure: the index, the brief index and a text reader in; LSP values out.
 */
import {
  AnnotatedTextEdit,
  ChangeAnnotation,
  CodeAction,
  Diagnostic,
  DiagnosticSeverity,
  DocumentLink,
  Location,
  Range,
  TextDocumentEdit,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-types';
import { BriefIndex, boundCitations, positionIn } from './briefIndex';
import { lineStarts } from './briefScanner';
import { clauseFacts, compareFacts } from './concordance';
import { Clause, LineRange } from './corpusParser';
import { CorpusIndex, CorpusScope, IndexedDocument } from './corpusIndex';
import { citationSpans, clausesReferredTo, crossReferenceAt, CrossReference, findCrossReferences } from './crossReferences';
import { analyseTerms, termAt } from './definedTerms';
import { childrenOf, clauseStartingAt, DraftModel, draftModelOf, isPreamble } from './draftModel';
import { escapeMarkdown, excerpt, uriAtLine } from './markdownEscape';
import { printedFormOf } from './corpusParser';
import { BriefCites, planRenumbering, RenumberEdit, VersionText } from './renumber';
import { ScopeOf } from './references';
import { DiagnosticCodes, Span } from './types';
import { counterpart } from './versions';

/** What the drafting features need besides the document a request is about. */
export interface DraftingEnvironment {
  readonly index: CorpusIndex;
  readonly briefs: BriefIndex;
  /** Reads a file's current text (the editor's when it is open); undefined when it cannot. */
  readonly readText: (uri: string) => string | undefined;
  readonly scope: CorpusScope;
  readonly scopeOf: ScopeOf;
  /** False for files that must not be edited; every file is writable when absent. */
  readonly writable?: (uri: string) => boolean;
}

/** What the client can do with a workspace edit and a code action. */
export interface EditCapabilities {
  /** `documentChanges` with change annotations (the refactor preview); plain `changes` otherwise. */
  readonly annotations?: boolean;
  /** Code actions may be sent `disabled`, with the reason. */
  readonly disabledActions?: boolean;
}

/** Beyond this many characters a corpus file is not checked as a draft (its diagnostics would cost too much per keystroke). */
export const MAX_DRAFT_LENGTH = 2_000_000;

/** The title of the renumbering code action. */
export const RENUMBER_TITLE = 'Renumber and update references';

/** The drafting view of an indexed corpus file, from its current text. */
export function draftOf(entry: IndexedDocument, readText: (uri: string) => string | undefined, text?: string): DraftModel | undefined {
  const source = text ?? entry.retainedText ?? readText(entry.uri);
  if (source === undefined) {
    return undefined;
  }
  const document = entry.document;
  // The index may still hold an older parse than the text read now; then the text is parsed afresh.
  const last = document.clauses[document.clauses.length - 1];
  return draftModelOf(source, last && last.span.end > source.length ? undefined : document);
}

/** True when the drafting diagnostics apply: `status: draft`, or a file the user may edit (a workspace corpus). */
export function isDraft(entry: IndexedDocument, writable?: (uri: string) => boolean): boolean {
  const status = entry.document.meta['status'];
  return (typeof status === 'string' && status.trim().toLowerCase() === 'draft') || (writable ? writable(entry.uri) : false);
}

/** How a clause is named to a reader: `art. 5(2)`, `第五条第二款`, `annex I`, `§0.1`. */
export function clauseName(model: DraftModel, clause: Clause): string {
  if (clause.kind === 'annex') {
    return model.zh ? `附件${clause.label ?? ''}` : `annex ${clause.label ?? clause.labelKey ?? ''}`.trim();
  }
  const style = model.zh ? 'zh' : 'article';
  const printed = printedFormOf(model.clauses, clause, style);
  if (printed !== undefined) {
    const annex = clause.annex === undefined ? undefined : model.annexes.find((candidate) => candidate.key === clause.annex);
    return annex && !printed.startsWith('annex') && !printed.startsWith('附件') ? `${clauseName(model, annex)} ${printed}` : printed;
  }
  if (isPreamble(clause)) {
    return model.zh ? '序言' : 'the preamble';
  }
  // An unnumbered paragraph: its article and its place there (`art. 6 ¶1`, `the preamble ¶2`).
  const parent = clause.parent >= 0 ? model.clauses[clause.parent] : undefined;
  const position = childrenOf(model, clause.parent).filter((sibling) => sibling.kind === clause.kind).indexOf(clause) + 1;
  return parent ? `${clauseName(model, parent)} ¶${position}` : `¶${position}`;
}

/** A clause as a hover shows it: its name and heading, then its text (an article: its clauses, briefly). */
function clausePreview(model: DraftModel, clause: Clause): string {
  const title = `**${escapeMarkdown(clauseName(model, clause))}**${clause.kind === 'section' || clause.kind === 'annex' ? ` · ${escapeMarkdown(clause.text)}` : ''}`;
  const lines: string[] = [];
  let budget = 3000;
  const visit = (parent: Clause, depth: number): void => {
    for (const child of childrenOf(model, parent.ordinal)) {
      if (budget <= 0) {
        return;
      }
      const text = budget > child.text.length ? child.text : excerpt(child.text, 80);
      budget -= text.length;
      lines.push(`${'  '.repeat(depth)}- ${escapeMarkdown(text)}`);
      visit(child, depth + 1);
    }
  };
  if (clause.kind === 'section' || clause.kind === 'annex') {
    visit(clause, 0);
    return [title, lines.join('\n')].filter((part) => part.length > 0).join('\n\n');
  }
  visit(clause, 0);
  return [title, escapeMarkdown(clause.text), lines.join('\n')].filter((part) => part.length > 0).join('\n\n');
}

/** A line range of a clause as an LSP range. */
function rangeOf(range: LineRange): Range {
  return Range.create(range.startLine, range.startCharacter, range.endLine, range.endCharacter);
}

/** Converts offsets of a text to LSP ranges. */
function ranger(text: string): (span: Span) => Range {
  const starts = { lineStarts: lineStarts(text) };
  return (span) => Range.create(positionIn(starts, span.start), positionIn(starts, span.end));
}

// ---------------------------------------------------------------------------------------------------------
// Navigation

/** The Markdown of a hover on a cross-reference or a defined term at an offset, with its span. */
export function draftHover(model: DraftModel, offset: number): { markdown: string; span: Span } | undefined {
  const reference = crossReferenceAt(model, offset);
  if (reference) {
    if (reference.problem !== undefined) {
      return { markdown: `*${escapeMarkdown(`broken cross-reference: ${reference.problem}`)}*`, span: reference };
    }
    return { markdown: reference.targets.slice(0, 6).map((target) => clausePreview(model, target)).join('\n\n---\n\n'), span: reference };
  }
  const term = termAt(model, offset);
  if (term) {
    const definition = term.definition;
    const where = clauseName(model, definition.clause);
    const heading = term.use ? `**“${escapeMarkdown(definition.term)}”** is defined in ${escapeMarkdown(where)}` : `**“${escapeMarkdown(definition.term)}”**, defined here (${escapeMarkdown(where)})`;
    const uses = analyseTerms(model).uses.filter((use) => use.definition === definition).length;
    return {
      markdown: `${heading}\n\n${escapeMarkdown(definition.clause.text)}\n\n*${uses === 1 ? '1 use' : `${uses} uses`} in this text*`,
      span: term.use ?? definition,
    };
  }
  return undefined;
}

/** Where go-to-definition leads from an offset: the clause a cross-reference names, or a term's definition. */
export function draftDefinition(model: DraftModel, offset: number): { range: LineRange } | { span: Span } | undefined {
  const reference = crossReferenceAt(model, offset);
  if (reference) {
    return reference.targets.length > 0 ? { range: reference.targets[0].range } : undefined;
  }
  const term = termAt(model, offset);
  return term?.use ? { span: term.definition } : undefined;
}

/** Document links on the cross-references of a corpus file (to `uri#L<line>`). */
export function draftLinks(model: DraftModel, uri: string): DocumentLink[] {
  const toRange = ranger(model.text);
  return findCrossReferences(model)
    .filter((reference) => reference.targets.length > 0)
    .map((reference) => ({
      range: toRange(reference),
      target: uriAtLine(uri, reference.targets[0].range.startLine),
      tooltip: `Go to ${clauseName(model, reference.targets[0])}`,
    }));
}

/** The cross-references of a document that refer to a clause (or to a clause inside it). */
export function internalReferences(model: DraftModel, uri: string, clauses: readonly Clause[]): Location[] {
  const wanted = new Set<Clause>();
  for (const clause of clauses) {
    const own = clauseStartingAt(model, clause.span.start);
    if (own) {
      wanted.add(own);
    }
  }
  if (wanted.size === 0) {
    return [];
  }
  const toRange = ranger(model.text);
  const found: Location[] = [];
  for (const reference of findCrossReferences(model)) {
    const referred = clausesReferredTo(model, reference);
    if ([...wanted].some((clause) => referred.has(clause))) {
      found.push(Location.create(uri, toRange(reference)));
    }
  }
  return found;
}

// ---------------------------------------------------------------------------------------------------------
// Diagnostics

function diagnostic(range: Range, code: string, message: string, severity: DiagnosticSeverity = DiagnosticSeverity.Warning): Diagnostic & { message: string } {
  return { range, severity, code, source: 'pinpoint', message };
}

/** The references of a model grouped by the clause that holds them. */
function referencesByClause(model: DraftModel): Map<Clause, CrossReference[]> {
  const map = new Map<Clause, CrossReference[]>();
  for (const reference of findCrossReferences(model)) {
    const list = map.get(reference.source);
    if (list) {
      list.push(reference);
    } else {
      map.set(reference.source, [reference]);
    }
  }
  return map;
}

/** `broken-cross-reference`, `defined-term` and `version-mismatch` diagnostics of a draft. */
export function draftDiagnostics(entry: IndexedDocument, environment: DraftingEnvironment): (Diagnostic & { message: string })[] {
  if (!isDraft(entry, environment.writable)) {
    return [];
  }
  const model = draftOf(entry, environment.readText);
  // A draft is a few hundred kilobytes at most; a statute book that lies in a workspace corpus is no draft.
  if (!model || model.text.length > MAX_DRAFT_LENGTH) {
    return [];
  }
  const toRange = ranger(model.text);
  const diagnostics: (Diagnostic & { message: string })[] = [];
  for (const reference of findCrossReferences(model)) {
    if (reference.problem !== undefined) {
      diagnostics.push(diagnostic(toRange(reference), DiagnosticCodes.brokenCrossReference, `broken cross-reference: ${reference.problem}`));
    }
  }
  for (const problem of analyseTerms(model).problems) {
    diagnostics.push(diagnostic(toRange(problem), DiagnosticCodes.definedTerm, problem.message, problem.severity === 'hint' ? DiagnosticSeverity.Hint : DiagnosticSeverity.Warning));
  }
  diagnostics.push(...versionMismatches(entry, model, environment));
  return diagnostics.sort((left, right) => left.range.start.line - right.range.start.line || left.range.start.character - right.range.start.character);
}

/** The file name of a URI, for messages. */
function fileName(uri: string): string {
  return decodeURIComponent(uri.replace(/[?#].*$/, '').replace(/^.*\//, ''));
}

/** `version-mismatch` on the clauses of `entry` whose facts differ from their counterparts in the other versions. */
function versionMismatches(entry: IndexedDocument, model: DraftModel, environment: DraftingEnvironment): (Diagnostic & { message: string })[] {
  const id = entry.document.id;
  if (id === undefined) {
    return [];
  }
  const versions = environment.index.versions(id, environment.scope);
  if (!versions.includes(entry) || versions.length < 2) {
    return [];
  }
  const found: (Diagnostic & { message: string })[] = [];
  const here = referencesByClause(model);
  const citationsHere = (clause: Clause): Span[] => citationSpans(model.text, clause.span.start, clause.span.end);
  for (const other of versions) {
    if (other === entry) {
      continue;
    }
    const otherModel = draftOf(other, environment.readText);
    if (!otherModel) {
      continue;
    }
    const there = referencesByClause(otherModel);
    const language = otherModel.language || 'other';
    for (const clause of entry.document.clauses) {
      if (clause.kind === 'section' || clause.kind === 'annex') {
        continue;
      }
      const match = counterpart(entry, clause, other);
      const mine = clauseStartingAt(model, clause.span.start);
      const theirs = match ? clauseStartingAt(otherModel, match.span.start) : undefined;
      if (!mine || !theirs) {
        continue;
      }
      const differences = compareFacts(
        clauseFacts(model, mine, here.get(mine) ?? [], citationsHere(mine)),
        clauseFacts(otherModel, theirs, there.get(theirs) ?? [], citationSpans(otherModel.text, theirs.span.start, theirs.span.end)),
      );
      if (differences.length > 0) {
        found.push(
          diagnostic(
            rangeOf(clause.range),
            DiagnosticCodes.versionMismatch,
            `version mismatch with the ${language} text (${clauseName(otherModel, theirs)} in ${fileName(other.uri)}): ${differences.join('; ')}`,
          ),
        );
      }
    }
  }
  return found;
}

// ---------------------------------------------------------------------------------------------------------
// Renumbering

/** The citations of `id` in the workspace's briefs that resolve to `primary`, with each brief's text. */
function briefCitesOf(id: string, primary: IndexedDocument, environment: DraftingEnvironment): (BriefCites & { text: string; lineStarts: readonly number[] })[] {
  const aliases = new Set(environment.index.withId(id).flatMap((entry) => entry.header.aliases));
  const found: (BriefCites & { text: string; lineStarts: readonly number[] })[] = [];
  for (const brief of environment.briefs.citing(id, ...aliases)) {
    const scope = environment.scopeOf(brief.uri);
    if (environment.index.resolve(id, scope) !== primary) {
      continue;
    }
    const cites = boundCitations(brief, environment.index, scope).flatMap((citation) => citation.cites.filter((cite) => cite.docId === id));
    const text = cites.length > 0 ? environment.readText(brief.uri) : undefined;
    if (text !== undefined && lineStarts(text).length === brief.lineStarts.length) {
      found.push({ uri: brief.uri, cites, text, lineStarts: brief.lineStarts });
    }
  }
  return found;
}

const ANNOTATIONS: Readonly<Record<RenumberEdit['kind'], string>> = {
  label: 'Renumber the printed labels',
  reference: 'Update the cross-references',
  citation: 'Update the citations',
};

/**
 * The "Renumber and update references" code action for a corpus file whose labels are out of sequence, a
 * disabled one saying why it cannot be done, or nothing when the labels are in sequence.
 */
export function renumberAction(
  entry: IndexedDocument,
  text: string,
  environment: DraftingEnvironment,
  capabilities: EditCapabilities,
  version?: { readonly uri: string; readonly version: number },
  diagnostics: readonly Diagnostic[] = [],
): CodeAction | undefined {
  const model = draftOf(entry, environment.readText, text);
  if (!model || entry.document.id === undefined || !isDraft(entry, environment.writable) || text.length > MAX_DRAFT_LENGTH) {
    return undefined;
  }
  // Editors ask for code actions at every move of the cursor: the plan is made once per state of the workspace.
  const key = `${environment.index.generation}/${environment.briefs.generation}/${version?.version ?? ''}/${capabilities.annotations === true}/${capabilities.disabledActions === true}`;
  let known = actionMemo.get(model);
  if (!known || known.key !== key) {
    known = { key, action: planAction(entry, model, environment, capabilities, version) };
    actionMemo.set(model, known);
  }
  const action = known.action;
  if (!action) {
    return undefined;
  }
  const matching = diagnostics.filter((candidate) => candidate.code === DiagnosticCodes.labelSequence || (candidate.code === DiagnosticCodes.corpusError && /^duplicate section number/.test(String(candidate.message))));
  return matching.length > 0 ? { ...action, diagnostics: matching } : action;
}

const actionMemo = new WeakMap<DraftModel, { key: string; action: CodeAction | undefined }>();

/** The renumbering action of a draft as it stands (without the diagnostics of a request). */
function planAction(
  entry: IndexedDocument,
  model: DraftModel,
  environment: DraftingEnvironment,
  capabilities: EditCapabilities,
  version: { readonly uri: string; readonly version: number } | undefined,
): CodeAction | undefined {
  const id = entry.document.id ?? '';
  const versions = environment.index.versions(id, environment.scope);
  const others: VersionText[] = [];
  for (const other of versions) {
    const otherModel = other === entry ? undefined : draftOf(other, environment.readText);
    if (otherModel) {
      others.push({ uri: other.uri, model: otherModel });
    }
  }
  const primary = versions[0] ?? entry;
  const briefs = briefCitesOf(id, primary, environment);
  const plan = planRenumbering({ uri: entry.uri, model }, others, briefs, primary.uri);
  const refuse = (reason: string): CodeAction | undefined => (capabilities.disabledActions ? { title: RENUMBER_TITLE, kind: 'quickfix', disabled: { reason } } : undefined);
  if (plan.kind === 'in-sequence') {
    return undefined;
  }
  if (plan.kind === 'refused') {
    return refuse(`Renumbering would not know what the old numbers meant: ${plan.reason}.`);
  }
  const readOnly = [...new Set(plan.edits.map((edit) => edit.uri))].find((uri) => environment.writable && !environment.writable(uri));
  if (readOnly) {
    return refuse(`${fileName(readOnly)} is not in the workspace and cannot be edited.`);
  }
  if (plan.edits.length === 0) {
    return undefined;
  }
  const texts = new Map<string, string>([[entry.uri, model.text], ...others.map((other): [string, string] => [other.uri, other.model.text]), ...briefs.map((brief): [string, string] => [brief.uri, brief.text])]);
  const edit = toWorkspaceEdit(plan.edits, texts, capabilities, version, (uri) => (uri === entry.uri ? model.language : others.find((other) => other.uri === uri)?.model.language));
  return { title: RENUMBER_TITLE, kind: 'quickfix', isPreferred: true, edit };
}

/** One workspace edit, grouped by file and kind, each group a change annotation that asks for confirmation. */
function toWorkspaceEdit(
  edits: readonly RenumberEdit[],
  texts: ReadonlyMap<string, string>,
  capabilities: EditCapabilities,
  version: { readonly uri: string; readonly version: number } | undefined,
  languageOf: (uri: string) => string | undefined,
): WorkspaceEdit {
  const rangers = new Map<string, (span: Span) => Range>();
  const byUri = new Map<string, RenumberEdit[]>();
  for (const edit of edits) {
    const list = byUri.get(edit.uri);
    if (list) {
      list.push(edit);
    } else {
      byUri.set(edit.uri, [edit]);
    }
  }
  const rangeIn = (uri: string, span: Span): Range => {
    let convert = rangers.get(uri);
    if (!convert) {
      convert = ranger(texts.get(uri) ?? '');
      rangers.set(uri, convert);
    }
    return convert(span);
  };
  if (!capabilities.annotations) {
    const changes: Record<string, TextEdit[]> = {};
    for (const [uri, list] of byUri) {
      changes[uri] = list.map((edit) => TextEdit.replace(rangeIn(uri, edit), edit.newText));
    }
    return { changes };
  }
  const changeAnnotations: Record<string, ChangeAnnotation> = {};
  const documentChanges: TextDocumentEdit[] = [];
  for (const [uri, list] of byUri) {
    const language = languageOf(uri);
    const textEdits: AnnotatedTextEdit[] = list.map((edit) => {
      const id = `${edit.kind}:${uri}`;
      if (!changeAnnotations[id]) {
        const count = list.filter((candidate) => candidate.kind === edit.kind).length;
        changeAnnotations[id] = {
          label: ANNOTATIONS[edit.kind],
          description: `${fileName(uri)}${language ? ` (${language})` : ''}: ${count} ${count === 1 ? 'change' : 'changes'}`,
          needsConfirmation: true,
        };
      }
      return AnnotatedTextEdit.replace(rangeIn(uri, edit), edit.newText, id);
    });
    documentChanges.push(TextDocumentEdit.create({ uri, version: version && version.uri === uri ? version.version : null }, textEdits));
  }
  return { documentChanges, changeAnnotations };
}
