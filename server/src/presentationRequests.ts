/**
 * The language server's requests for presenting a brief: the citations of VS Code's Markdown preview and
 * "Pinpoint: Export Brief…". Wiring only, like `server.ts`: each handler checks its parameters, waits for the
 * corpus and calls the core (`service/preview.ts`, `export/`). The server never writes the exported file:
 * it answers with the bytes, and the client writes them where the user chose.
 */
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Connection, ErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { builtInStyle, defaultStyleId, exportBrief, ExportFormat, exportFormats } from './export';
import { uriToPath } from './nodeHost';
import type { LanguageService } from './service/languageService';
import { previewCitations, PreviewCitation } from './service/preview';
import { resolveBriefCitations } from './service/resolveBrief';

/** What the handlers need of the server. */
export interface PresentationHost {
  readonly service: LanguageService;
  /** Settles when the corpus is loaded (asked at each request: a settings change loads it again). */
  whenReady(): Promise<unknown>;
  /**
   * Runs the core with the team corpus's texts at hand (fetched when it met some not here yet, and run again);
   * the core is run once, directly, when absent.
   */
  withCorpusText?<T>(compute: () => T): Promise<T>;
  /** The corpus scope of a brief. */
  scopeOf(uri: string): readonly string[];
  /** The preferred languages of a brief's folder (setting `pinpoint.languages`). */
  languagesOf(uri: string): readonly string[];
  /** A corpus file's URI as the client knows it. */
  clientUri(uri: string): string;
  readonly logger: { warn(message: string): void };
}

/** `pinpoint/previewCitations` parameters: a brief and its bracketed texts, in order. */
export interface PreviewCitationsParams {
  readonly uri: string;
  readonly citations: readonly string[];
}

/** `pinpoint/exportBrief` parameters. */
export interface ExportBriefParams {
  readonly textDocument: { readonly uri: string };
  /** The brief's text as the editor has it (unsaved changes included). */
  readonly text: string;
  readonly format: ExportFormat;
  /** A built-in style; the default when absent. */
  readonly style?: string;
}

/** `pinpoint/exportBrief` result. */
export interface ExportBriefResult {
  /** The file's bytes, base64. */
  readonly data: string;
  readonly broken: readonly { readonly text: string; readonly line: number; readonly messages: readonly string[] }[];
  readonly warnings: readonly string[];
  readonly citations: number;
}

/**
 * The link from a brief to a line of a corpus file, as VS Code's Markdown preview follows links: a path
 * relative to the brief (the preview hands a link with a scheme to the browser, which opens nothing), with
 * the line as `#L<n>` (see previewAnchor.ts). A brief that is no file (untitled) gets the corpus file's URI.
 */
export function previewLink(briefUri: string, corpusUri: string, line: number): string {
  const fragment = `#L${line + 1}`;
  const brief = uriToPath(briefUri);
  const corpus = uriToPath(corpusUri);
  if (!brief || !corpus) {
    return `${corpusUri}${fragment}`;
  }
  const relative = path.relative(path.dirname(brief), corpus).split(path.sep);
  return `${relative.map((segment) => encodeURIComponent(segment)).join('/')}${fragment}`;
}

/** Briefs larger than this are not exported over the protocol (the command line has no such bound). */
const MAX_EXPORT_TEXT = 32 * 1024 * 1024;

let exports = 0;

/** Registers the preview and export requests. */
export function registerPresentationRequests(connection: Connection, host: PresentationHost): void {
  connection.onRequest('pinpoint/previewCitations', async (params: PreviewCitationsParams): Promise<{ citations: (PreviewCitation | null)[] } | null> => {
    if (!params || typeof params.uri !== 'string' || !Array.isArray(params.citations)) {
      throw new ResponseError(ErrorCodes.InvalidParams, 'pinpoint/previewCitations takes { uri, citations: string[] }');
    }
    await host.whenReady();
    try {
      const compute = () =>
        previewCitations(host.service, params.citations, host.scopeOf(params.uri), {
          languages: host.languagesOf(params.uri),
          linkTo: (uri, line) => previewLink(params.uri, host.clientUri(uri), line),
        });
      return { citations: host.withCorpusText ? await host.withCorpusText(compute) : compute() };
    } catch (error) {
      host.logger.warn(`Pinpoint: preview citations failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return null;
    }
  });

  connection.onRequest('pinpoint/exportBrief', async (params: ExportBriefParams): Promise<ExportBriefResult> => {
    if (!params || typeof params.textDocument?.uri !== 'string' || typeof params.text !== 'string') {
      throw new ResponseError(ErrorCodes.InvalidParams, 'pinpoint/exportBrief takes { textDocument: { uri }, text, format, style? }');
    }
    if (!(exportFormats as readonly string[]).includes(params.format)) {
      throw new ResponseError(ErrorCodes.InvalidParams, `unknown format '${String(params.format)}': use docx or html`);
    }
    const style = builtInStyle(params.style ?? defaultStyleId);
    if (!style) {
      throw new ResponseError(ErrorCodes.InvalidParams, `unknown style '${String(params.style)}'`);
    }
    if (params.text.length > MAX_EXPORT_TEXT) {
      throw new ResponseError(ErrorCodes.InvalidParams, 'the brief is too large to export from the editor; use pinpoint export on the command line');
    }
    await host.whenReady();
    const uri = `pinpoint-export:${++exports}`;
    try {
      const brief = TextDocument.create(uri, 'markdown', 1, params.text);
      // The cited documents' texts, fetched first when some are in the team corpus.
      await host.withCorpusText?.(() => resolveBriefCitations(host.service, brief, host.scopeOf(params.textDocument.uri)));
      const result = await exportBrief(host.service, brief, host.scopeOf(params.textDocument.uri), { format: params.format, style });
      return { data: Buffer.from(result.data).toString('base64'), broken: result.broken, warnings: result.warnings, citations: result.citations };
    } catch (error) {
      host.logger.warn(`Pinpoint: export failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      throw new ResponseError(ErrorCodes.InternalError, `the export failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      host.service.closeBrief(uri);
    }
  });
}
