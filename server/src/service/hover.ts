/**
 * Hover previews: the cited text in full, with the document's id and title and the clause's path.
 */
import { CitationTarget } from './briefModel';
import { Cite, pathToString } from './citationParser';
import { Clause } from './corpusParser';
import { CorpusIndex, CorpusScope, IndexedDocument } from './corpusIndex';
import { childrenOf, descendantsOf, resolvePinpoint, unknownDocumentMessage } from './resolve';

/** Escapes text so that Markdown shows it literally. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()<>#+!|~]/g, '\\$&').replace(/^(\s*)([-=]|\d+\.)/, '$1\\$2');
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
    return `**${escapeMarkdown(heading)}**${outline ? '\n\n' + outline : ''}`;
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

function citeBody(document: IndexedDocument, cite: Cite): string {
  const parts: string[] = [];
  for (const pinpoint of cite.pinpoints) {
    const resolved = resolvePinpoint(document, pinpoint);
    if (resolved.problem) {
      parts.push(`*${escapeMarkdown(resolved.problem.message)}*`);
      continue;
    }
    for (const clause of resolved.clauses) {
      parts.push(`**§${clause.key}**\n\n${clauseBody(document, clause)}`);
    }
  }
  return parts.join('\n\n---\n\n');
}

/** The Markdown of a hover at a citation target, or undefined when there is nothing to show. */
export function computeHover(target: CitationTarget, index: CorpusIndex, scope: CorpusScope): string | undefined {
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
      const bodies = resolved.clauses.map((clause) => `**${clauseLabel(document, clause)}**\n\n${clauseBody(document, clause)}`);
      return `${documentHeader(document)}\n\n---\n\n${bodies.join('\n\n---\n\n')}`;
    }
    const body = cite.pinpoints.length > 0 ? citeBody(document, cite) : documentOutline(document);
    sections.push(`${documentHeader(document)}${body ? '\n\n---\n\n' + body : ''}`);
  }
  return sections.length > 0 ? sections.join('\n\n---\n\n') : undefined;
}

/** The path of a clause as text, e.g. `§3.4`. */
export function clausePath(clause: Clause): string {
  return '§' + pathToString(clause.path);
}
