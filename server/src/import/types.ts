/**
 * The model shared by the importers: every importer turns the text of one source file into
 * {@link ImportedDocument}s (pure: strings in, values out, no file system), and `render.ts` writes each of
 * them as one corpus file in the format of spec.md §2.
 *
 * The model has exactly the spec's three levels: section → paragraph → item. Importers flatten anything
 * deeper into the text of the nearest item, so that the numbering a reader of the corpus file computes
 * (section numbers from headings, paragraphs as blank-line-separated blocks, lists as items) is the
 * numbering the importer meant.
 */

/** A value kept in a corpus file's YAML front matter. */
export type FrontMatterValue = string | number | boolean | readonly string[];

/** One clause of text, with where it came from. */
export interface ImportedClause {
  /** The clause text on one line, with wrapped lines already joined. Never empty. */
  readonly text: string;
  /** 1-based line in the source file where the clause starts (0 when the source has no lines to speak of). */
  readonly line: number;
  /**
   * Sub-items of an item (a nested list: `(i)` under `(a)`), written indented under it. Only importers that
   * keep printed labels use them; the others flatten deeper levels into the item's text.
   */
  readonly items?: readonly ImportedClause[];
  /**
   * Headings that stand right before this paragraph inside its section (a sub-heading of an article), written
   * as `### ` headings, which are not clauses and number nothing.
   */
  readonly headings?: readonly string[];
}

/** A paragraph and the list of items that follows it. */
export interface ImportedParagraph extends ImportedClause {
  /** The paragraph's items (`——…`, `一、…`, `（一）…`, `(a) …`), in order; often empty. */
  readonly items: readonly ImportedClause[];
}

/** A section: a `## heading` and its paragraphs. */
export interface ImportedSection {
  /**
   * The heading text written after `## `. Its leading number decides the section number (spec §2), so the
   * importer must make it start with the number it means (`一`, `第十七条`, `3`, `Article 3 – Scope`).
   */
  readonly heading: string;
  /** 1-based source line of the heading. */
  readonly line: number;
  /**
   * Headings of the containers (parts, chapters) that open right before this section, outermost first.
   * They are written as level-1 headings (`# 第一章 总则`), which are not sections: the spec numbers only
   * `##` headings, so they change no clause path.
   */
  readonly groups?: readonly string[];
  /**
   * Headings below the groups (a section of a part, `### Section 2 – …`, or an unnumbered sub-heading such as
   * `Composition`), written as `### ` headings after the groups and before the section: not clauses.
   */
  readonly subheadings?: readonly string[];
  /** The section's paragraphs, in order. */
  readonly paragraphs: readonly ImportedParagraph[];
}

/**
 * An annex of an instrument: a level-1 heading (`# Annex VII – Arbitration`) after the body, with the
 * paragraphs written directly under it (an annex without articles) and its own sections, numbered within it.
 */
export interface ImportedAnnex {
  /** The heading text written after `# ` (it starts with `Annex`, so the core reads it as an annex). */
  readonly heading: string;
  /** 1-based source line of the heading. */
  readonly line: number;
  /** Paragraphs before the annex's first section (all of them for an annex without articles). */
  readonly paragraphs: readonly ImportedParagraph[];
  /** The annex's sections; their `groups` are written as `### ` headings, since a `# ` heading ends the annex. */
  readonly sections: readonly ImportedSection[];
}

/** One document found in a source, before it has an id. */
export interface ImportedDocument {
  /** The document's title (required by the spec). */
  readonly title: string;
  /**
   * Further front matter, written after `id` and `title` in this order (`date`, `place`, `language`,
   * `signatories`, `source`, …). Keys with undefined values are left out.
   */
  readonly frontMatter: Readonly<Record<string, FrontMatterValue | undefined>>;
  /**
   * Paragraphs before the first section: the preamble (section 0) when there are sections, the whole
   * document when there are none.
   */
  readonly preamble: readonly ImportedParagraph[];
  /** The sections, or undefined for a document without section headings (paths then have one part less). */
  readonly sections?: readonly ImportedSection[];
  /** The annexes after the sections, in order (spec §2: each starts at a level-1 heading). */
  readonly annexes?: readonly ImportedAnnex[];
  /**
   * True when paragraphs keep the number printed at their start as their label (`1. A treaty shall…`): the
   * number is then written at the margin as it is, not escaped as `1\.` (spec §2 reads both alike).
   */
  readonly printedLabels?: boolean;
  /** 1-based source line where the document starts. */
  readonly line: number;
  /** A hint for the id's short code (`ECON`, `JS`, `UNCLOS`); ids.ts proposes one from the title otherwise. */
  readonly idCode?: string;
  /**
   * Versions of the same document in other languages that are not authentic (a translation that came with
   * the source). They are written only when the caller asks for them, each as its own corpus file with the
   * same id (`ID.zh.md`), its own `language` and `authentic: false`: the core pairs language versions by id.
   */
  readonly translations?: readonly ImportedDocument[];
}

/** Something a curator should look at: a guess the importer made or a part it left out. */
export interface ImportNote {
  /** 1-based line in the source (0 when the note is about the whole file). */
  readonly line: number;
  /** What happened, in one sentence. */
  readonly message: string;
}

/** What an importer returns for one source file. Importers never throw. */
export interface ImporterResult {
  /** The documents found, in source order. */
  readonly documents: readonly ImportedDocument[];
  /** Places where the importer had to guess, for the summary. */
  readonly guesses: readonly ImportNote[];
  /** Parts of the source that were not imported, and why. */
  readonly skipped: readonly ImportNote[];
  /**
   * Set when the source could not be imported at all (XML that is not well-formed, JSON of another shape):
   * a message for the user. `documents` is then empty.
   */
  readonly error?: ImportNote;
}

/** An importer: the text of one source file and its name (for messages and front matter) in, documents out. */
export type Importer = (text: string, sourceName: string) => ImporterResult;
