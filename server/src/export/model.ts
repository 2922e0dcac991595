/**
 * The document the writers write: the brief's blocks, its citations formatted in a style, the table of
 * authorities and the broken citations. Writers only lay it out; every decision about citations is made
 * before (citationFormat.ts).
 */
import { CitationStyle } from './style';
import { AuthorityUse, FormattedCitation, Run } from './citationFormat';
import { Block, Inline } from './document';

/** A citation that names nothing, or is malformed. */
export interface BrokenCitation {
  /** As written, brackets included. */
  readonly text: string;
  /** 1-based line of the brief. */
  readonly line: number;
  readonly messages: readonly string[];
}

/** What a writer writes. */
export interface ExportDocument {
  readonly title?: readonly Inline[];
  /** The brief's language (`en`, `zh`, …). */
  readonly language: string;
  readonly blocks: readonly Block[];
  /** The brief's citations, by the index an inline `citation` carries. */
  readonly citations: readonly FormattedCitation[];
  readonly style: CitationStyle;
  readonly authorities: readonly AuthorityUse[];
  readonly broken: readonly BrokenCitation[];
}

/** One line of the table of authorities. */
export interface AuthorityLine {
  /** The authority in its first form. */
  readonly entry: readonly Run[];
  /** The pinpoints cited, in document order (`art 31(3)(a), art 32`); empty when only the whole is cited. */
  readonly pinpoints: string;
  /** Where it is cited (`nn 1, 3`); empty for in-text styles. */
  readonly citedIn: string;
}

/** A group of the table (treaties, joint statements, …) with its lines, alphabetical by title. */
export interface AuthorityGroup {
  readonly title: string;
  readonly lines: readonly AuthorityLine[];
}

/** The table of authorities, grouped as the style says; authorities of a kind it does not list come last. */
export function authorityTable(document: ExportDocument): AuthorityGroup[] {
  const style = document.style;
  const table = style.tableOfAuthorities;
  const groups: AuthorityGroup[] = [];
  const listed = new Set<string>();
  const line = (use: AuthorityUse): AuthorityLine => ({
    entry: use.entry,
    pinpoints: use.pinpoints.map((pinpoint) => pinpoint.text).join(style.pinpointSeparator),
    citedIn:
      style.placement === 'footnote' && use.notes.length > 0
        ? (use.notes.length === 1 ? table.citedInOne : table.citedInMany).replace('{notes}', use.notes.join(', '))
        : '',
  });
  const byTitle = (left: AuthorityUse, right: AuthorityUse): number =>
    (left.authority.fields.title ?? left.authority.id).localeCompare(right.authority.fields.title ?? right.authority.id);
  for (const group of table.groups) {
    if (listed.has(group.kind)) {
      continue;
    }
    listed.add(group.kind);
    const uses = document.authorities.filter((use) => use.authority.kind === group.kind).sort(byTitle);
    if (uses.length > 0) {
      groups.push({ title: group.title, lines: uses.map(line) });
    }
  }
  const others = document.authorities.filter((use) => !listed.has(use.authority.kind)).sort(byTitle);
  if (others.length > 0) {
    groups.push({ title: table.title, lines: others.map(line) });
  }
  return groups;
}

/** Plain text of inline content (for titles and metadata). */
export function plainText(content: readonly Inline[], citations: readonly FormattedCitation[]): string {
  return content
    .map((inline) => {
      if (inline.type === 'text') {
        return inline.text;
      }
      if (inline.type === 'break') {
        return ' ';
      }
      const citation = citations[inline.index];
      return citation && citation.note === undefined ? citation.runs.map((run) => run.text).join('') : '';
    })
    .join('');
}
