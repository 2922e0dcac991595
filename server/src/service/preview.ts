/**
 * What VS Code's Markdown preview shows for citations (the `pinpoint/previewCitations` request): for each
 * bracketed text of a brief, in order, whether it is a citation, where each of its documents or clauses is
 * (a link target) and a short tooltip (short title, pinpoint and the clause's text), or why it is broken.
 *
 * NOTE: the preview's markdown-it plugin sees the brief's bracketed texts but not their offsets, so the
 * texts are laid out one per paragraph in a small brief of their own and resolved like any brief: a
 * citation that depends on the one before it (`[ibid.]`) then sees the same citation before it as in the
 * real brief.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { builtInStyles } from '../export/style';
import { formatPinpoint } from '../export/pinpointFormat';
import { CorpusScope, IndexedDocument } from './corpusIndex';
import { orderVersions } from './hover';
import type { LanguageService } from './languageService';
import { ResolvedCite, resolveBriefCitations } from './resolveBrief';
import { excerpt, uriAtLine } from './markdownEscape';

/** At most this many texts are answered per request; the rest get null. */
export const MAX_PREVIEW_CITATIONS = 5_000;
/** Texts longer than this are not citations (spec: one line, no brackets inside). */
const MAX_TEXT_LENGTH = 1_000;
/** Tooltip bounds: the clause text of one pinpoint, and the whole tooltip. */
const CLAUSE_EXCERPT = 400;
const TOOLTIP_LENGTH = 1_200;

/** A link inside a citation's text, by offsets into that text. */
export interface PreviewLink {
  readonly start: number;
  readonly end: number;
  /** Where the clause is: by default the corpus file's URI with the clause's line, `file:///…/2023-JS.md#L40`. */
  readonly target: string;
  /** Short title, pinpoint and the clause's opening text, on a few lines. */
  readonly title: string;
}

/** What the preview shows for one bracketed text: null when it is no citation. */
export type PreviewCitation = { readonly links: readonly PreviewLink[] } | { readonly broken: string };

/** How the server answers. */
export interface PreviewOptions {
  /** Preferred languages of clause text (setting `pinpoint.languages`). */
  readonly languages?: readonly string[];
  /** The link target of a line (0-based) of a corpus file; `uri#L<line + 1>` by default. */
  readonly linkTo?: (uri: string, line: number) => string;
}

const plainStyle = builtInStyles.get('plain');
let previewRequests = 0;


/** The tooltip and target of one cite. */
function citeLink(cite: ResolvedCite, options: PreviewOptions): { target: string; title: string } | undefined {
  const primary = cite.versions[0];
  if (!primary) {
    return undefined;
  }
  const shown: IndexedDocument = orderVersions(cite.versions, options.languages ?? [])[0] ?? primary;
  const meta = shown.document.meta;
  const name = [meta['short_title'], primary.document.meta['short_title']].find((value): value is string => typeof value === 'string' && value.length > 0);
  const title = shown.document.title ?? primary.document.title ?? cite.docId;
  const lines: string[] = [];
  let target = { uri: shown.uri, line: shown.skeleton.info.idRange?.startLine ?? 0 };
  if (cite.pinpoints.length === 0) {
    lines.push(`${cite.docId} · ${title}`);
    const details = [meta['date'], meta['place']].filter((value): value is string => typeof value === 'string' && value.length > 0);
    if (details.length > 0) {
      lines.push(details.join(', '));
    }
  } else {
    lines.push(name ? `${name} (${cite.docId})` : `${cite.docId} · ${title}`);
    cite.pinpoints.forEach((pinpoint, index) => {
      const first = pinpoint.clauses[0];
      const label = plainStyle ? formatPinpoint(primary, pinpoint, plainStyle) : pinpoint.written;
      const path = first && pinpoint.clauses.length === 1 && label !== `§${first.key}` ? ` · §${first.key}` : '';
      lines.push(`${label}${path}`);
      if (!first) {
        return;
      }
      // The clause in the version shown, or in the primary one when that version lacks it.
      const inShown = shown.byKey.get(first.key);
      const clause = inShown ?? first;
      if (index === 0) {
        target = { uri: inShown ? shown.uri : primary.uri, line: clause.range.startLine };
      }
      const text = clause.text || (clause.key === '0' ? 'Preamble' : '');
      if (text) {
        lines.push(excerpt(text, CLAUSE_EXCERPT) + (pinpoint.clauses.length > 1 ? ` (and ${pinpoint.clauses.length - 1} more)` : ''));
      }
    });
  }
  const tooltip = lines.join('\n');
  return {
    target: (options.linkTo ?? uriAtLine)(target.uri, target.line),
    title: tooltip.length <= TOOLTIP_LENGTH ? tooltip : `${tooltip.slice(0, TOOLTIP_LENGTH - 1)}…`,
  };
}

/**
 * Answers the preview for a brief's bracketed texts (`[2023-JS §3.4]`, brackets included), in the brief's
 * order and scope: one answer per text.
 */
export function previewCitations(service: LanguageService, texts: readonly unknown[], scope: CorpusScope, options: PreviewOptions = {}): (PreviewCitation | null)[] {
  const answers: (PreviewCitation | null)[] = texts.map(() => null);
  const lineOf: number[] = [];
  const lines: string[] = [];
  texts.slice(0, MAX_PREVIEW_CITATIONS).forEach((text) => {
    // Each text on a line of its own with a blank line after it; anything that is not one bracketed span
    // on one line becomes a placeholder that cites nothing.
    const usable = typeof text === 'string' && text.length <= MAX_TEXT_LENGTH && /^\[[^[\]\r\n]*\]$/.test(text);
    lineOf.push(lines.length);
    lines.push(usable ? text : '-', '');
  });
  const uri = `pinpoint-preview:${++previewRequests}`;
  const document = TextDocument.create(uri, 'markdown', 1, lines.join('\n'));
  try {
    const byLine = new Map(resolveBriefCitations(service, document, scope).map((citation) => [citation.line, citation]));
    lineOf.forEach((line, index) => {
      const citation = byLine.get(line);
      if (!citation) {
        return;
      }
      if (citation.errors.length > 0 || citation.cites.length === 0) {
        answers[index] = { broken: citation.errors.join('\n') || 'malformed citation' };
        return;
      }
      const links: PreviewLink[] = [];
      for (const cite of citation.cites) {
        const link = citeLink(cite, options);
        if (!link) {
          continue;
        }
        // One document: the whole citation, brackets included, is the link; several: each its own.
        const single = citation.cites.length === 1;
        links.push({
          start: single ? 0 : cite.cite.start - citation.start,
          end: single ? citation.text.length : cite.cite.end - citation.start,
          ...link,
        });
      }
      answers[index] = { links };
    });
  } finally {
    service.closeBrief(uri);
  }
  return answers;
}
