/**
 * Export of a brief to Word or HTML: the brief's citations are resolved by the core, formatted in a
 * citation style (footnotes or in the text, full form first, short form and ibid after), and written with
 * the table of authorities. Pure: a brief's text and the language service in, the file's bytes out; the
 * command line and the language server do the reading and writing.
 */
import { CorpusScope } from '../service/corpusIndex';
import { ITextDocument } from '../service/host';
import type { LanguageService } from '../service/languageService';
import { resolveBriefCitations } from '../service/resolveBrief';
import { formatCitations, isMostlyCjk } from './citationFormat';
import { attachNoteMarkers, readBrief } from './document';
import { renderHtml } from './htmlWriter';
import { BrokenCitation, ExportDocument } from './model';
import { builtInStyles, CitationStyle } from './style';

export { builtInStyles, defaultStyleId, parseStyle } from './style';
export type { CitationStyle } from './style';
export type { BrokenCitation } from './model';

/** The formats `pinpoint export` writes. */
export const exportFormats = ['docx', 'html'] as const;
export type ExportFormat = (typeof exportFormats)[number];

/** What an export produced. */
export interface ExportResult {
  /** The file's bytes. */
  readonly data: Uint8Array;
  /** Citations that name nothing or are malformed; they are marked in the file and listed at its end. */
  readonly broken: readonly BrokenCitation[];
  /** Things the reader of the file may miss, such as front matter a first citation needed. */
  readonly warnings: readonly string[];
  /** How many citations were written (footnotes, or citations in the text). */
  readonly citations: number;
}

/** The built-in style with a name, or undefined. */
export function builtInStyle(name: string): CitationStyle | undefined {
  return builtInStyles.get(name);
}

/** Builds the document a writer writes: the brief's blocks with its citations formatted in the style. */
export function buildExportDocument(service: LanguageService, brief: ITextDocument, scope: CorpusScope, style: CitationStyle): { document: ExportDocument; warnings: readonly string[] } {
  const resolved = resolveBriefCitations(service, brief, scope);
  const body = readBrief(brief.getText(), resolved, isMostlyCjk);
  const formatted = formatCitations(resolved, style, body.language);
  const broken = formatted.citations
    .filter((citation) => citation.broken)
    .map((citation) => ({ text: citation.source.text, line: citation.source.line + 1, messages: citation.source.errors }));
  const blocks = style.placement === 'footnote' ? attachNoteMarkers(body.blocks, (index) => formatted.citations[index]?.note !== undefined) : body.blocks;
  return {
    document: { title: body.title, language: body.language, blocks, citations: formatted.citations, style, authorities: formatted.authorities, broken },
    warnings: formatted.warnings,
  };
}

/** Exports a brief in a format and style. */
export async function exportBrief(service: LanguageService, brief: ITextDocument, scope: CorpusScope, options: { format: ExportFormat; style: CitationStyle }): Promise<ExportResult> {
  const { document, warnings } = buildExportDocument(service, brief, scope, options.style);
  // NOTE: the Word writer is loaded on first use; in dist/ it is a bundle of its own (esbuild.mjs).
  const data =
    options.format === 'html' ? new TextEncoder().encode(renderHtml(document)) : await (await import('./docxWriter')).renderDocx(document);
  return { data, broken: document.broken, warnings, citations: document.citations.filter((citation) => !citation.broken).length };
}
