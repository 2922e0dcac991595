/**
 * Hover previews: the cited text in full, with the document's id and title and the clause's path.
 */
import { CitationTarget } from './briefModel';
import { Cite, formatPinpoint, pathToString } from './citationParser';
import { Clause, printedFormOf } from './corpusParser';
import { CorpusIndex, CorpusScope, IndexedDocument, isAuthentic, languageOf } from './corpusIndex';
import { amendmentsOf, amendmentsTouching, CitedResolution, describeAmendment, predecessorsOf, resolveCited, StatusContext, statusOf } from './relations';
import { clauseMarkdown, escapeMarkdown, escapeMarkdownInline, excerpt, joinBounded, markdownLinkTarget, uriAtLine } from './markdownEscape';
import { childrenOf, clauseDisplay, descendantsOf, printedPinpointOf, unknownDocumentMessage } from './resolve';
import { describeStatus } from './status';
import { counterpart } from './versions';

function documentHeader(document: IndexedDocument, statusLine?: string): string {
  const meta = document.document.meta;
  const details = [meta['date'], meta['place']].filter((value) => typeof value === 'string' && value.length > 0).join(', ');
  return `**${document.tree.id}** · ${escapeMarkdownInline(document.document.title ?? '')}${details ? `  \n*${escapeMarkdownInline(details)}*` : ''}${statusLine ? `  \n${statusLine}` : ''}`;
}

/** A link to an instrument's corpus file, at its id. */
function instrumentLink(index: CorpusIndex, scope: CorpusScope, id: string): string {
  const document = index.resolve(id, scope);
  if (!document) {
    return escapeMarkdown(id);
  }
  return `[${escapeMarkdown(id)}](${markdownLinkTarget(uriAtLine(document.uri, document.skeleton.info.idRange?.startLine ?? 0))})`;
}

/** The status of an instrument in one line (`*In force since 27 January 1980*`), or '' when nothing is known. */
export function statusLine(index: CorpusIndex, scope: CorpusScope, document: IndexedDocument, status: StatusContext): string {
  const words = describeStatus(statusOf(index, scope, document, status.at, status.today), status, (id) => instrumentLink(index, scope, id));
  return words ? `*${words}*` : '';
}

/** The history of a whole document, one line each, linked and dated: its amendments, and what it supersedes. */
function historyLines(index: CorpusIndex, scope: CorpusScope, document: IndexedDocument): string {
  const link = (id: string): string => instrumentLink(index, scope, id);
  const amendments = amendmentsOf(index, scope, document).map(
    (amendment) => `- Amended by ${describeAmendment(amendment, link)}${amendment.changes.length > 0 ? `: ${escapeMarkdown(shortList(amendment.changes))}` : ''}`,
  );
  const predecessors = predecessorsOf(index, scope, document).map(
    (predecessor) => `- Supersedes ${link(predecessor.id)}${predecessor.provision ? ` (${escapeMarkdown(predecessor.provision)})` : ''}${predecessor.note ? ` ${escapeMarkdown(predecessor.note)}` : ''}`,
  );
  const lines = [...amendments, ...predecessors];
  // Bounded: a statute amended hundreds of times shows its first amendments and a count.
  return (lines.length > HISTORY_LIMIT ? [...lines.slice(0, HISTORY_LIMIT), `- … ${lines.length - HISTORY_LIMIT} more`] : lines).join('\n');
}

/** At most this many lines of a document's history in a hover. */
const HISTORY_LIMIT = 20;

/** A list of provisions, cut after a dozen. */
function shortList(items: readonly string[]): string {
  return items.length > 12 ? `${items.slice(0, 12).join(', ')} … (${items.length} in all)` : items.join(', ');
}

/** The amendments that changed a clause, one line each. */
function clauseAmendments(index: CorpusIndex, scope: CorpusScope, document: IndexedDocument, clause: Clause): string {
  const lines = amendmentsTouching(index, scope, document, clause).map(
    ({ amendment, change }) => `*${escapeMarkdown(change)} amended by ${describeAmendment(amendment, (id) => instrumentLink(index, scope, id))}*`,
  );
  return lines.length > 0 ? `${[...new Set(lines)].join('  \n')}\n\n` : '';
}

/** A clause an amendment gave: where its text comes from, and the text. */
function insertedClause(index: CorpusIndex, scope: CorpusScope, document: IndexedDocument, resolved: CitedResolution, clause: Clause): string {
  const source = resolved.source;
  if (!source) {
    return '';
  }
  const printed = printedPinpointOf(source.document, clause) ?? clauseDisplay(source.document, clause);
  const label = `**${escapeMarkdown(`${document.tree.id ?? ''} ${printed}`)}**`;
  const origin = `*Inserted by the amendment ${describeAmendment(source, (id) => instrumentLink(index, scope, id))}: the text is ${escapeMarkdown(source.id)}'s.*`;
  return `${label}\n\n${origin}\n\n${clauseBody(source.document, clause)}`;
}

/**
 * How a hover names a clause: in the form it was cited, with the `§` path beside it (spec.md §1.1):
 * `1969-VCLT art. 31(3)(a) · §31.3.1`, `1945-UNCH §2.4 · art. 2(3)`, `1982-UNCLOS annex VII art. 2`.
 */
function clauseLabel(document: IndexedDocument, clause: Clause, printedFirst: boolean, zh = false): string {
  const id = document.tree.id ?? '';
  // A clause cited in the Chinese form (`第八条之二第二款`) is labelled so, whatever the document's own style.
  const printed = (zh ? printedFormOf(document.tree.clauses, clause, 'zh') : undefined) ?? printedPinpointOf(document, clause);
  if (clause.annex !== undefined) {
    return `${id} ${printed ?? clauseDisplay(document, clause)}`;
  }
  if (printed === undefined) {
    return `${id} §${clause.key}`;
  }
  return printedFirst ? `${id} ${printed} · §${clause.key}` : `${id} §${clause.key} · ${printed}`;
}

/**
 * How a clause listed in a hover is named: as a lawyer cites it (`art. 31(3)(a)`) where the document prints its
 * numbers, else by its `§` path (the joint statements, an unnumbered chapeau).
 */
function listedName(document: IndexedDocument, clause: Clause): string {
  return printedPinpointOf(document, clause) ?? clauseDisplay(document, clause);
}

/** About this many characters of an article are shown whole; a longer one shows its outline (spec.md §4). */
const WHOLE_SECTION_LIMIT = 3000;

/** The text of a clause as a hover shows it: its own text, then its items or outline. */
function clauseBody(document: IndexedDocument, clause: Clause): string {
  if (clause.kind === 'section' || clause.kind === 'annex') {
    const heading = clause.text.length > 0 ? clause.text : clause.key === '0' ? 'Preamble' : '';
    const title = `**${clause.kind === 'annex' ? '' : `§${clause.key}`}${heading ? `${clause.kind === 'annex' ? '' : ' · '}${escapeMarkdownInline(heading)}` : ''}**`;
    const descendants = descendantsOf(document, clause);
    const size = descendants.reduce((total, child) => total + child.text.length, 0);
    if (clause.kind === 'section' && size <= WHOLE_SECTION_LIMIT) {
      // An article short enough to read whole: every clause, items indented under their paragraph.
      const depth = clause.path.length;
      const lines = joinBounded(descendants, (child) => `${'  '.repeat(Math.max(0, child.path.length - depth - 1))}- **${listedName(document, child)}** ${escapeMarkdown(child.text)}`, '\n', (left) => moreLine(document, left, 'clauses'));
      return `${title}${lines.length > 0 ? '\n\n' + lines : ''}`;
    }
    const outline = joinBounded(childrenOf(document, clause.key), (child) => `- **${listedName(document, child)}** ${escapeMarkdown(excerpt(child.text, 80))}`, '\n', (left) => moreLine(document, left, 'clauses'));
    return `${title}${outline ? '\n\n' + outline : ''}`;
  }
  const items = joinBounded(
    descendantsOf(document, clause),
    (item) => `${'  '.repeat(Math.max(0, item.path.length - clause.path.length - 1))}- **${listedName(document, item)}** ${clauseMarkdown(item.text, { uri: document.uri, line: item.range.startLine })}`,
    '\n',
    (left) => moreLine(document, left, 'items'),
  );
  return clauseMarkdown(clause.text, { uri: document.uri, line: clause.range.startLine }) + (items.length > 0 ? '\n\n' + items : '');
}

/** A link to a corpus file, for what a bounded hover leaves out. */
function fileLink(document: IndexedDocument): string {
  return `[${escapeMarkdownInline(document.document.id ?? 'the corpus file')}](${markdownLinkTarget(uriAtLine(document.uri, 0))})`;
}

/** The paragraph that stands for the clauses of a long range left out of a hover. */
function moreClauses(document: IndexedDocument, left: number): string {
  return `*… ${left} more clauses, in ${fileLink(document)}*`;
}

/** The line that stands for what a bounded list left out. */
function moreLine(document: IndexedDocument, left: number, what: string): string {
  return `- … ${left} more ${what} in ${fileLink(document)}`;
}

function documentOutline(document: IndexedDocument): string {
  const top = [...childrenOf(document, undefined), ...document.tree.clauses.filter((clause) => clause.kind === 'annex')];
  const lines = top.slice(0, 60).map((clause) => `- **${clause.kind === 'annex' ? escapeMarkdownInline(clause.text) : listedName(document, clause)}** ${clause.kind === 'annex' ? '' : escapeMarkdown(excerpt(clause.text.length > 0 ? clause.text : 'Preamble', 80))}`);
  if (top.length > 60) {
    lines.push(`- … ${top.length - 60} more`);
  }
  return lines.join('\n');
}

/** What a cite written with an alias or `ibid.` stands for, as a line above its text. */
function resolvedLine(cite: Cite, document: IndexedDocument): string {
  if (cite.written === undefined) {
    return '';
  }
  const pinpoints = cite.pinpoints.map((pinpoint) => formatPinpoint(pinpoint)).join(', ');
  const target = `${document.tree.id ?? ''}${pinpoints ? ` ${pinpoints}` : ''}`;
  return cite.lead === 'ibid'
    ? `*${escapeMarkdown(cite.written)}* refers to the citation before it: **${escapeMarkdown(target)}**\n\n`
    : `*${escapeMarkdown(cite.written)}* is an alias of **${escapeMarkdown(document.tree.id ?? '')}**\n\n`;
}

function citeBody(index: CorpusIndex, scope: CorpusScope, document: IndexedDocument, versions: readonly IndexedDocument[], cite: Cite): string {
  const parts: string[] = [];
  for (const pinpoint of cite.pinpoints) {
    const resolved = resolveCited(index, scope, document, pinpoint);
    if (resolved.problem) {
      parts.push(`*${escapeMarkdown(resolved.problem.message)}*`);
      continue;
    }
    parts.push(
      joinBounded(
        resolved.clauses,
        (clause) =>
          resolved.source
            ? insertedClause(index, scope, document, resolved, clause)
            : `**${clauseLabel(document, clause, pinpoint.printed !== undefined, pinpoint.printed?.zh)}**\n\n${clauseAmendments(index, scope, document, clause)}${clauseInVersions(versions, document, clause)}`,
        '\n\n---\n\n',
        (left) => moreClauses(document, left),
      ),
    );
  }
  return parts.join('\n\n---\n\n');
}

/** The outline of a document in every language version (`versions`, ordered), each labelled. */
function outlineInVersions(versions: readonly IndexedDocument[], document: IndexedDocument): string {
  if (versions.length <= 1) {
    return documentOutline(document);
  }
  return versions.map((version) => `*${escapeMarkdown(versionLabel(version))}*\n\n${documentOutline(version)}`).join('\n\n');
}

/**
 * Orders language versions for display: the preferred languages in the order given, then the others in
 * their own order (the primary version first).
 */
export function orderVersions(versions: readonly IndexedDocument[], languages: readonly string[]): IndexedDocument[] {
  const preferred = languages.map((language) => language.toLowerCase());
  const rank = (entry: IndexedDocument): number => {
    const language = languageOf(entry);
    const exact = preferred.indexOf(language);
    if (exact >= 0) {
      return exact;
    }
    // `zh` prefers `zh-hans` and the other way round.
    const partial = preferred.findIndex((wanted) => language.split('-')[0] === wanted.split('-')[0]);
    return partial >= 0 ? partial + 0.5 : preferred.length;
  };
  return versions
    .map((entry, position) => ({ entry, position, rank: rank(entry) }))
    .sort((left, right) => left.rank - right.rank || left.position - right.position)
    .map(({ entry }) => entry);
}

/** `zh · authentic`, `en · translation`. */
export function versionLabel(entry: IndexedDocument): string {
  const language = languageOf(entry) || 'unknown language';
  return `${language} · ${isAuthentic(entry) ? 'authentic' : 'translation'}`;
}

/** A clause's text in every language version, the preferred first, each labelled; a version that lacks it says so. */
function clauseInVersions(versions: readonly IndexedDocument[], primary: IndexedDocument, clause: Clause): string {
  if (versions.length <= 1) {
    return clauseBody(primary, clause);
  }
  const parts: string[] = [];
  for (const version of versions) {
    const found = counterpart(primary, clause, version);
    const label = `*${escapeMarkdown(versionLabel(version))}*`;
    if (found) {
      parts.push(`${label}\n\n${clauseBody(version, found)}`);
    } else {
      const name = printedPinpointOf(primary, clause) ?? clauseDisplay(primary, clause);
      parts.push(`${label}\n\n*This version has no ${escapeMarkdown(name)}: it could not be aligned with the ${escapeMarkdown(versionLabel(primary))} text.*`);
    }
  }
  return parts.join('\n\n');
}

/** Options of a hover. */
export interface HoverOptions {
  /** Preferred languages, in order (setting `pinpoint.languages`). */
  readonly languages?: readonly string[];
  /** The date the instrument's status line is judged at (the brief's date, else today); no line when absent. */
  readonly status?: StatusContext;
}

/** The Markdown of a hover at a citation target, or undefined when there is nothing to show. */
export function computeHover(target: CitationTarget, index: CorpusIndex, scope: CorpusScope, options: HoverOptions = {}): string | undefined {
  const { citation } = target;
  if (citation.malformed) {
    return `**Malformed citation**\n\n${escapeMarkdown(citation.malformed.message)}`;
  }
  const cites = target.cite ? [target.cite] : citation.cites;
  const sections: string[] = [];
  for (const cite of cites) {
    if (cite.ambiguous) {
      sections.push(`*${escapeMarkdown(`${cite.written ?? cite.docId} is ambiguous: it is an alias of ${cite.ambiguous.join(' and ')}; cite one of them by its id`)}*`);
      continue;
    }
    const document = index.resolve(cite.docId, scope);
    if (!document) {
      sections.push(`*${escapeMarkdown(unknownDocumentMessage(index, cite, scope))}*`);
      continue;
    }
    const versions = orderVersions(index.versions(cite.docId, scope), options.languages ?? []);
    const header = `${documentHeader(versions[0] ?? document, options.status ? statusLine(index, scope, document, options.status) : undefined)}`;
    const preface = resolvedLine(cite, document);
    if (target.pinpoint) {
      const resolved = resolveCited(index, scope, document, target.pinpoint);
      if (resolved.problem) {
        return `${header}\n\n${preface}*${escapeMarkdown(resolved.problem.message)}*`;
      }
      const warning = resolved.warning ? `*${escapeMarkdown(resolved.warning.message)}*\n\n` : '';
      const bodies = joinBounded(
        resolved.clauses,
        (clause) =>
          resolved.source
            ? insertedClause(index, scope, document, resolved, clause)
            : `**${clauseLabel(document, clause, target.pinpoint?.printed !== undefined, target.pinpoint?.printed?.zh)}**\n\n${clauseAmendments(index, scope, document, clause)}${clauseInVersions(versions, document, clause)}`,
        '\n\n---\n\n',
        (left) => moreClauses(document, left),
      );
      return `${header}\n\n---\n\n${preface}${warning}${bodies}`;
    }
    const amendments = cite.pinpoints.length === 0 ? historyLines(index, scope, document) : '';
    const body = cite.pinpoints.length > 0 ? citeBody(index, scope, document, versions, cite) : outlineInVersions(versions, document);
    const history = amendments ? `${amendments}\n\n` : '';
    sections.push(`${header}${body || preface || history ? '\n\n---\n\n' + preface + history + body : ''}`);
  }
  return sections.length > 0 ? sections.join('\n\n---\n\n') : undefined;
}

/** The path of a clause as text, e.g. `§3.4`. */
export function clausePath(clause: Clause): string {
  return '§' + pathToString(clause.path);
}
