/**
 * The small interfaces through which the core talks to the outside world. The language server and the
 * command line implement them with the file system; tests implement them in memory.
 */

/** Where log messages go (the LSP output channel, or standard error). */
export interface ILogger {
  /** Something the user may want to know, e.g. a corpus file that could not be read. */
  warn(message: string): void;
  /** Details for debugging. */
  info(message: string): void;
}

/** A text document the core can read: an open brief or a corpus file. */
export interface ITextDocument {
  /** The document's URI, as the client gave it. */
  readonly uri: string;
  /** Increases with every change; caches compare it. */
  readonly version: number;
  /** The whole text. */
  getText(): string;
  /** The offset of a position (UTF-16 code units), clamped into the document. */
  offsetAt(position: { line: number; character: number }): number;
  /** The position of an offset, clamped into the document. */
  positionAt(offset: number): { line: number; character: number };
  /**
   * What the change to this version did, when the host knows it (the language server records it from the
   * client's incremental changes): the text of version `fromVersion` had `[start, oldEnd)` replaced by what is
   * now `[start, newEnd)`. It lets the core update what it keeps of the brief without comparing the texts.
   */
  readonly lastEdit?: TextChange;
}

/** One change from a version of a text to the next (see `ITextDocument.lastEdit`). */
export interface TextChange {
  readonly fromVersion: number;
  readonly start: number;
  readonly oldEnd: number;
  readonly newEnd: number;
}

/** A logger that drops everything. */
export const nullLogger: ILogger = {
  warn: () => undefined,
  info: () => undefined,
};
