/**
 * Large documents are re-read and re-checked once typing pauses, not on every keystroke.
 *
 * NOTE: checking a brief costs time in proportion to its citations (a 10 MB brief holds a quarter of a
 * million); run on every keystroke, that cost was paid per character typed (issue 19).
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';

/** Documents this long wait for a pause in typing. */
export const LARGE_DOCUMENT_CHARS = 1_000_000;
/** The pause, in milliseconds. */
export const TYPING_PAUSE_MS = 300;

/** Runs work on changed documents: at once for ordinary ones, after a pause in typing for large ones. */
export class TypingPauses {
  readonly #timers = new Map<string, NodeJS.Timeout>();

  /** `current` gives the document's latest version when the pause ends (undefined once it is closed). */
  constructor(private readonly current: (uri: string) => TextDocument | undefined) {}

  /** Runs `work` on the document now, or on its latest version after a pause when it is large. */
  run(document: TextDocument, work: (document: TextDocument) => void): void {
    clearTimeout(this.#timers.get(document.uri));
    this.#timers.delete(document.uri);
    if (document.getText().length < LARGE_DOCUMENT_CHARS) {
      work(document);
      return;
    }
    this.#timers.set(
      document.uri,
      setTimeout(() => {
        this.#timers.delete(document.uri);
        const latest = this.current(document.uri);
        if (latest) {
          work(latest);
        }
      }, TYPING_PAUSE_MS),
    );
  }
}
