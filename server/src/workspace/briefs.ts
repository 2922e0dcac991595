/**
 * The workspace's briefs for the drafting features (references, rename, CodeLens counts): every Markdown file
 * of the workspace folders that is not a corpus file, read from disk in the background, or the editor's text
 * while it is open there. Nothing waits for the reading: requests answer from what has been read so far.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ILogger } from '../service/host';
import type { LanguageService } from '../service/languageService';
import { stampOf } from '../indexCache';
import { canonicalUri, isMarkdownPath, MarkdownWalk, pathToUri, readText, uriToPath, WalkLimits } from '../nodeHost';

/**
 * The limits of a walk of a workspace folder for briefs: a workspace is not a corpus, and tens of thousands of
 * folders of something else (a checkout of a large project) must not keep the server busy.
 */
export const BRIEF_WALK_LIMITS: WalkLimits = Object.freeze({ maxDepth: 24, maxFiles: 20_000, maxEntries: 200_000 });

/**
 * The largest brief read from disk (a brief that is open in the editor has no limit): a memo of hundreds of
 * pages is far below it, a 200 MB log file called `.md` far above.
 */
export const MAX_BRIEF_BYTES = 4 * 1024 * 1024;

/** Entries looked at, or briefs read, between two turns of the event loop. */
const SLICE = 256;

/** What the briefs need from the rest of the server. */
export interface BriefsHost {
  readonly service: LanguageService;
  readonly logger: ILogger;
  /** The workspace folder a path lies in, if any. */
  folderOf(filePath: string): string | undefined;
  /** The open document of a path, if the editor has it open. */
  openDocument(filePath: string): TextDocument | undefined;
  /** True when the client has a document open under this URI (as the client spells it). */
  isOpen(uri: string): boolean;
  /** Starts a progress report in the client, when it shows them. */
  startProgress(title: string): Promise<{ report(message: string): void; done(): void } | undefined>;
  /** Called when the briefs known to the core changed. */
  changed(): void;
}

export class WorkspaceBriefs {
  readonly #host: BriefsHost;
  /** The workspace folders whose briefs have been read, or are being read. */
  readonly #folders = new Set<string>();
  /** Walks under way. */
  #reading = 0;
  #read = 0;
  /** Briefs left out because they are too large, each said once. */
  readonly #tooLarge = new Set<string>();

  constructor(host: BriefsHost) {
    this.#host = host;
  }

  /** True once every workspace folder's briefs have been read (references are then complete). */
  get done(): boolean {
    return this.#reading === 0;
  }

  /** How many briefs have been read from disk so far. */
  get read(): number {
    return this.#read;
  }

  /**
   * Brings one file's entry in the brief index up to date: the editor's text when it is open, else the disk's;
   * forgotten when it is deleted, a corpus file, too large, or outside every workspace folder.
   */
  refresh(filePath: string): void {
    this.#refresh(filePath);
    this.#host.changed();
  }

  #refresh(filePath: string): void {
    const { service } = this.#host;
    const uri = pathToUri(filePath);
    const open = this.#host.openDocument(filePath);
    if (service.index.get(uri) || !isMarkdownPath(filePath)) {
      service.deleteBrief(uri);
    } else if (open) {
      service.updateBrief(open, uri);
    } else if (this.#host.folderOf(filePath) === undefined) {
      service.deleteBrief(uri);
    } else {
      const size = stampOf(filePath)?.size ?? 0;
      if (size > MAX_BRIEF_BYTES) {
        service.deleteBrief(uri);
        if (!this.#tooLarge.has(filePath)) {
          this.#tooLarge.add(filePath);
          this.#host.logger.warn(
            `Pinpoint: left ${filePath} (${Math.round(size / 1048576)} MB) out of references, rename and citation counts: briefs are read from disk up to ${MAX_BRIEF_BYTES / 1048576} MB; open it to include it`,
          );
        }
        return;
      }
      // NOTE: the limit again, in case the file grew since it was measured.
      const read = readText(filePath, { maxBytes: MAX_BRIEF_BYTES });
      if ('error' in read) {
        service.deleteBrief(uri);
      } else {
        this.#read++;
        service.setBriefText(uri, read.text);
      }
    }
  }

  /** Feeds an open document's current text to the brief index (or removes it when it is a corpus file). */
  syncOpen(document: TextDocument): void {
    const { service } = this.#host;
    const uri = canonicalUri(document.uri);
    if (service.index.get(uri)) {
      service.deleteBrief(uri);
    } else {
      service.updateBrief(document, uri);
    }
    this.#host.changed();
  }

  /**
   * Forgets the briefs of folders that went away (and briefs that became corpus files), and reads the briefs
   * of folders not read yet, in the background: the walk and the reading let requests through every few
   * hundred entries. A folder small enough is read at once, before this returns.
   */
  async update(folders: readonly string[]): Promise<void> {
    const { service } = this.#host;
    for (const brief of [...service.briefs.all()]) {
      const filePath = uriToPath(brief.uri);
      if (!this.#host.isOpen(brief.uri) && !(filePath && this.#host.openDocument(filePath)) && (!filePath || this.#host.folderOf(filePath) === undefined || service.index.get(brief.uri))) {
        service.deleteBrief(brief.uri);
      }
    }
    const current = new Set(folders);
    for (const folder of [...this.#folders]) {
      if (!current.has(folder)) {
        this.#folders.delete(folder);
      }
    }
    const fresh = folders.filter((folder) => !this.#folders.has(folder));
    if (fresh.length === 0) {
      return;
    }
    for (const folder of fresh) {
      this.#folders.add(folder);
    }
    this.#reading++;
    let progress: { report(message: string): void; done(): void } | undefined;
    let progressStarted = false;
    /** Lets requests through; the first time, shows the reading in the client (a small folder never gets here). */
    const pause = async (message: string): Promise<void> => {
      if (!progressStarted) {
        progressStarted = true;
        progress = await this.#host.startProgress("Pinpoint: reading the workspace's briefs").catch(() => undefined);
      }
      progress?.report(message);
      await new Promise((resolve) => setImmediate(resolve));
    };
    try {
      for (const folder of fresh) {
        const walk = new MarkdownWalk(folder, BRIEF_WALK_LIMITS);
        while (!walk.step(SLICE)) {
          await pause(`${walk.result().files.length} Markdown files found`);
        }
        const { files, capped } = walk.result();
        if (capped !== undefined) {
          this.#host.logger.warn(`Pinpoint: ${capped}; briefs beyond are left out of references, rename and citation counts until they are opened`);
        }
        for (let position = 0; position < files.length; position++) {
          if (!this.#folders.has(folder)) {
            break; // The folder was removed meanwhile.
          }
          this.#refresh(files[position]);
          if (position % SLICE === SLICE - 1) {
            await pause(`${position + 1} of ${files.length} briefs read`);
          }
        }
      }
    } finally {
      this.#reading--;
      progress?.done();
      this.#host.changed();
    }
  }
}
