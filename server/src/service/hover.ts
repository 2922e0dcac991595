/**
 * Hover previews: the cited text in full, with the document's id and title and the clause's path.
 */
import { CitationTarget } from './briefModel';
import { Cite, pathToString } from './citationParser';
import { Clause } from './corpusParser';
import { CorpusIndex, CorpusScope, IndexedDocument, isAuthentic, languageOf } from './corpusIndex';
import { childrenOf, descendantsOf, resolvePinpoint, unknownDocumentMessage } from './resolve';

/** Escapes text so that Markdown shows it literally. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()<>#+!|~]/g, '\\$&').replace(/^(\s*)([-=])/, '$1\\$2').replace(/^(\s*)(\d+)([.)])/, '$1$2\\$3');
}

/** A one-line excerpt of a clause for outlines and completion details. */
export function excerpt(text: string, length = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= length ? flat : flat.slice(0, length - 1) + '…';
}

function documentHeader(document: IndexedDocument): string {
  const meta = document.document.meta;
  const details = [meta['date'], meta['place']].filter((value) => typeof value === 'string' && value.length > 0).join(', ');
  return `**${document.document.id}** · ${escapeMarkdown(document.document.title ?? '')}${details ? `  \n*${escapeMarkdown(details)}*` : ''}`;
}

function clauseLabel(document: IndexedDocument, clause: Clause): string {
  return `${document.document.id} §${clause.key}`;
}

/** The text of a clause as a hover shows it: its own text, then its items or outline. */
function clauseBody(document: IndexedDocument, clause: Clause): string {
  if (clause.kind === 'section') {
    const heading = clause.text.length > 0 ? clause.text : clause.key === '0' ? 'Preamble' : '';
    const outline = childrenOf(document, clause.key)
      .map((child) => `- **§${child.key}** ${escapeMarkdown(excerpt(child.text, 80))}`)
      .join('\n');
    return `**§${clause.key}${heading ? ' · ' + escapeMarkdown(heading) : ''}**${outline ? '\n\n' + outline : ''}`;
  }
  const items = descendantsOf(document, clause).map((item) => `- **§${item.key}** ${escapeMarkdown(item.text)}`);
  return escapeMarkdown(clause.text) + (items.length > 0 ? '\n\n' + items.join('\n') : '');
}

function documentOutline(document: IndexedDocument): string {
  const top = childrenOf(document, undefined);
  const lines = top.slice(0, 60).map((clause) => `- **§${clause.key}** ${escapeMarkdown(excerpt(clause.text.length > 0 ? clause.text : 'Preamble', 80))}`);
  if (top.length > 60) {
    lines.push(`- … ${top.length - 60} more`);
  }
  return lines.join('\n');
}

/** Every pinpoint of a cite, each clause in every language version (`versions`, ordered) as on a pinpoint. */
function citeBody(versions: readonly IndexedDocument[], document: IndexedDocument, cite: Cite): string {
  const parts: string[] = [];
  for (const pinpoint of cite.pinpoints) {
    const resolved = resolvePinpoint(document, pinpoint);
    if (resolved.problem) {
      parts.push(`*${escapeMarkdown(resolved.problem.message)}*`);
      continue;
    }
    for (const clause of resolved.clauses) {
      parts.push(`**§${clause.key}**\n\n${clauseInVersions(versions, document, clause)}`);
    }
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

/** A clause's text in every language version, the preferred first, each labelled. */
function clauseInVersions(versions: readonly IndexedDocument[], primary: IndexedDocument, clause: Clause): string {
  if (versions.length <= 1) {
    return clauseBody(primary, clause);
  }
  const parts: string[] = [];
  for (const version of versions) {
    const counterpart = version.byKey.get(clause.key);
    if (counterpart) {
      parts.push(`*${escapeMarkdown(versionLabel(version))}*\n\n${clauseBody(version, counterpart)}`);
    }
  }
  return parts.join('\n\n');
}

/** Options of a hover. */
export interface HoverOptions {
  /** Preferred languages, in order (setting `pinpoint.languages`). */
  readonly languages?: readonly string[];
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
    const document = index.resolve(cite.docId, scope);
    if (!document) {
      sections.push(`*${escapeMarkdown(unknownDocumentMessage(index, cite, scope))}*`);
      continue;
    }
    if (target.pinpoint) {
      const resolved = resolvePinpoint(document, target.pinpoint);
      if (resolved.problem) {
        return `${documentHeader(document)}\n\n*${escapeMarkdown(resolved.problem.message)}*`;
      }
      const versions = orderVersions(index.versions(cite.docId, scope), options.languages ?? []);
      const bodies = resolved.clauses.map((clause) => `**${clauseLabel(document, clause)}**\n\n${clauseInVersions(versions, document, clause)}`);
      return `${documentHeader(versions[0] ?? document)}\n\n---\n\n${bodies.join('\n\n---\n\n')}`;
    }
    // NOTE: the one rule of spec §4: every part of a citation shows the same language versions, in the order of
    // `pinpoint.languages`, as hover on a pinpoint does.
    const versions = orderVersions(index.versions(cite.docId, scope), options.languages ?? []);
    const body = cite.pinpoints.length > 0 ? citeBody(versions, document, cite) : outlineInVersions(versions, document);
    sections.push(`${documentHeader(versions[0] ?? document)}${body ? '\n\n---\n\n' + body : ''}`);
  }
  return sections.length > 0 ? sections.join('\n\n---\n\n') : undefined;
}

/** The path of a clause as text, e.g. `§3.4`. */
export function clausePath(clause: Clause): string {
  return '§' + pathToString(clause.path);
}
