/**
 * The answers the Markdown preview's plugin renders from, per document, and when to ask the language server
 * again. Pure (no `vscode`): the request and the refresh are given to it.
 *
 * A render whose citations the cache does not know yet shows them as pending, asks the server, and refreshes
 * the preview once the answer is in; a render of known citations is checked again in the background at most
 * once a second (a corpus file may have changed) and refreshes the preview only if an answer changed, so a
 * refresh never leads to another.
 */
import { CitationLookup, PreviewAnswer } from './previewPlugin';

/** Asks the server for the answers of a document's bracketed texts; undefined when it cannot answer. */
export type PreviewRequest = (documentUri: string, texts: readonly string[]) => Promise<readonly PreviewAnswer[] | undefined>;

/** How often known citations are checked again while the preview renders. */
const REVALIDATE_MS = 1_000;
/** Documents whose answers are kept. */
const MAX_DOCUMENTS = 20;

/** A citation that depends on the one before it (`[ibid.]`, `[id. art. 3]`). */
const CONTEXTUAL = /^\[(?:ibid|id)\./i;

/**
 * The cache key of each text: the text itself, or for `[ibid.]`-like texts, the text with the key before it
 * (their answer depends on the citation they follow).
 */
export function cacheKeys(texts: readonly string[]): string[] {
  const keys: string[] = [];
  texts.forEach((text, index) => {
    keys.push(CONTEXTUAL.test(text) && index > 0 ? `${text}\u0000${keys[index - 1]}` : text);
  });
  return keys;
}

interface DocumentEntry {
  answers: Map<string, PreviewAnswer>;
  /** The texts of the last request, joined, and when it was answered. */
  validatedKey: string;
  validatedAt: number;
  inFlight: boolean;
  /** Texts rendered while a request was in flight, to ask for next. */
  pending?: readonly string[];
}

/** The answers the preview has, per document; see the file comment. */
export class PreviewCitationCache implements CitationLookup {
  readonly #documents = new Map<string, DocumentEntry>();

  constructor(
    private readonly request: PreviewRequest,
    private readonly refresh: () => void,
    private readonly now: () => number = Date.now,
  ) {}

  lookup(documentUri: string, texts: readonly string[]): (PreviewAnswer | undefined)[] {
    let entry = this.#documents.get(documentUri);
    if (!entry) {
      entry = { answers: new Map(), validatedKey: '', validatedAt: -Infinity, inFlight: false };
      this.#documents.set(documentUri, entry);
      if (this.#documents.size > MAX_DOCUMENTS) {
        this.#documents.delete(this.#documents.keys().next().value as string);
      }
    }
    const keys = cacheKeys(texts);
    const answers = keys.map((key) => (entry.answers.has(key) ? entry.answers.get(key) : undefined));
    const missing = keys.some((key) => !entry.answers.has(key));
    const listKey = keys.join('\u0001');
    if (missing || listKey !== entry.validatedKey || this.now() - entry.validatedAt >= REVALIDATE_MS) {
      this.#ask(documentUri, entry, texts);
    }
    return answers;
  }

  #ask(documentUri: string, entry: DocumentEntry, texts: readonly string[]): void {
    if (entry.inFlight) {
      entry.pending = texts;
      return;
    }
    entry.inFlight = true;
    const keys = cacheKeys(texts);
    const listKey = keys.join('\u0001');
    this.request(documentUri, texts).then(
      (answers) => {
        entry.inFlight = false;
        entry.validatedKey = listKey;
        entry.validatedAt = this.now();
        let changed = false;
        if (answers && answers.length === keys.length) {
          const next = new Map<string, PreviewAnswer>();
          keys.forEach((key, index) => {
            const answer = answers[index] ?? null;
            if (!entry.answers.has(key) || JSON.stringify(entry.answers.get(key)) !== JSON.stringify(answer)) {
              changed = true;
            }
            next.set(key, answer);
          });
          entry.answers = next;
        }
        const pending = entry.pending;
        entry.pending = undefined;
        if (pending && cacheKeys(pending).join('\u0001') !== listKey) {
          this.#ask(documentUri, entry, pending);
        }
        if (changed) {
          this.refresh();
        }
      },
      () => {
        // The server is not running or failed: keep what is known, and try again at the next render after a pause.
        entry.inFlight = false;
        entry.validatedKey = listKey;
        entry.validatedAt = this.now();
        entry.pending = undefined;
      },
    );
  }
}
