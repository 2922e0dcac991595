/**
 * The importer for scanned newspaper text (`.txt`), such as the joint statements of 21 March 2023.
 *
 * What such text looks like, and what the importer does about it:
 * - Several documents in one file, each closed by a signature block, a place-and-date line
 *   (`二〇二三年三月二十一日于莫斯科`) and a news-agency line (`（新华社莫斯科3月21日电）`). These go to the front
 *   matter (`signatories`, `parties`, `date`, `place`, `source`), never into clauses.
 * - The title stands after the body (after the closing lines) or, in other papers, before it; the layout is
 *   decided once per file from whether its first block looks like a title.
 * - Lines are hard-wrapped mid-word: lines are joined with {@link joinWrapped}.
 * - A blank line after a line that does not end a sentence is where a column broke, not a paragraph break.
 * - A short line that ends a sentence ends its paragraph even with no blank line after it.
 * - Section numerals (`一` … `九十九`) stand alone on a line; items start with `——`, `一、` or `（一）` and
 *   follow a paragraph that ends with a colon.
 * The scanned text's own spaces inside lines (`2030 年`) are kept: they are the source's, not ours to fix.
 */
import { displayWidth } from './eastAsianWidth';
import { endsSentence, joinWrappedLines, parseChineseDate, parseChineseNumber, parseRomanNumber, splitLines } from './text';
import type { FrontMatterValue, ImportedClause, ImportedDocument, ImportedParagraph, ImportedSection, ImportNote, ImporterResult } from './types';

/** A line shorter than this share of the usual line width, ending a sentence, ends its paragraph. */
const shortLineRatio = 0.75;

/** A place-and-date line: a date, optionally `于` and a place, and nothing else. */
function parseClosingLine(line: string): { date: string; place?: string } | undefined {
  const date = parseChineseDate(line);
  if (!date) {
    return undefined;
  }
  const rest = line.slice(date.length).trim();
  if (rest === '') {
    return { date: date.date };
  }
  const place = /^于\s*(\S.{0,20})$/u.exec(rest);
  return place && !endsSentence(place[1]) ? { date: date.date, place: place[1].trim() } : undefined;
}

/** A news-agency line such as `（新华社莫斯科3月21日电）`; returns the text inside the brackets. */
function parseAgencyLine(line: string): string | undefined {
  return /^[（(]([^（）()]{2,40}(?:电|社|报道|报))[）)]$/u.exec(line)?.[1];
}

/** A section numeral alone on a line: `一` … `九十九`, `III`, or `第三部分`. Returns the heading text. */
function isSectionHeadingLine(line: string): boolean {
  if (/^[一二三四五六七八九十]{1,3}$/u.test(line)) {
    const value = parseChineseNumber(line);
    return value !== undefined && value >= 1 && value <= 99;
  }
  if (/^第[一二三四五六七八九十百0-9]+(?:部分|章)$/u.test(line)) {
    return true;
  }
  return parseRomanNumber(line) !== undefined && /^[IVXLC]+$/.test(line);
}

/** The start of an item: `——`, `一、`, `（一）`, `(a)`, `1.`. */
const itemMarker = /^(?:——|[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]|\([a-z0-9]{1,3}\)\s|[0-9]{1,2}[.．、]\s?\S)/u;

/** Office titles stripped from a signatory's title to name the party (`中华人民共和国主席` → `中华人民共和国`). */
const officeSuffix = /(?:国家主席|主席|总统|总理|首相|国王|女王|政府|外交部长|部长|大使|全权代表|代表)$/u;

/** A block of lines: [start, end) indices of consecutive non-blank lines. */
interface Block {
  readonly start: number;
  readonly end: number;
}

/** Where one document's parts are in the file. */
interface DocumentLayout {
  title?: Block;
  bodyStart: number;
  bodyEnd: number;
  signatures?: Block;
  closing?: number;
  agency?: number;
}

/** Imports scanned text. Never throws. */
export function importScannedText(text: string, sourceName: string): ImporterResult {
  const lines = splitLines(text).map((line) => line.trim());
  const guesses: ImportNote[] = [];
  const skipped: ImportNote[] = [];
  if (lines.every((line) => line === '')) {
    return { documents: [], guesses, skipped, error: { line: 0, message: 'the file holds no text' } };
  }

  const blockFrom = (index: number, limit = lines.length): Block | undefined => {
    let start = index;
    while (start < limit && lines[start] === '') {
      start++;
    }
    if (start >= limit) {
      return undefined;
    }
    let end = start;
    while (end < limit && lines[end] !== '') {
      end++;
    }
    return { start, end };
  };
  const looksLikeTitle = (block: Block | undefined): boolean =>
    block !== undefined &&
    block.end - block.start <= 4 &&
    lines.slice(block.start, block.end).every((line) => !endsSentence(line) && !parseClosingLine(line) && !parseAgencyLine(line) && !itemMarker.test(line) && !isSectionHeadingLine(line));

  // The signature block: the block right above the closing line, if none of its lines ends a sentence.
  const signaturesAbove = (closing: number, limit: number): Block | undefined => {
    let end = closing;
    while (end > limit && lines[end - 1] === '') {
      end--;
    }
    let start = end;
    while (start > limit && lines[start - 1] !== '') {
      start--;
    }
    if (start === end || end - start > 6) {
      return undefined;
    }
    const block = lines.slice(start, end);
    return block.every((line) => !endsSentence(line) && !isSectionHeadingLine(line)) ? { start, end } : undefined;
  };
  const agencyAfter = (closing: number): number | undefined => {
    const block = blockFrom(closing + 1);
    // The agency line usually follows the closing line directly.
    return block && parseAgencyLine(lines[block.start]) !== undefined ? block.start : undefined;
  };

  const closings: number[] = [];
  lines.forEach((line, index) => {
    if (parseClosingLine(line)) {
      closings.push(index);
    }
  });

  const layouts: DocumentLayout[] = [];
  const titleFirst = looksLikeTitle(blockFrom(0));
  let start = 0;
  for (const closing of closings) {
    const layout: DocumentLayout = { bodyStart: start, bodyEnd: closing, closing };
    if (titleFirst) {
      const title = blockFrom(start, closing);
      if (looksLikeTitle(title) && title) {
        layout.title = title;
        layout.bodyStart = title.end;
      }
    }
    layout.signatures = signaturesAbove(closing, layout.bodyStart);
    layout.bodyEnd = layout.signatures?.start ?? closing;
    layout.agency = agencyAfter(closing);
    start = (layout.agency ?? closing) + 1;
    if (!titleFirst) {
      const title = blockFrom(start);
      if (looksLikeTitle(title) && title) {
        layout.title = title;
        start = title.end;
      }
    }
    layouts.push(layout);
  }
  const rest = blockFrom(start);
  if (rest) {
    if (layouts.length === 0 || titleFirst) {
      // A document with no closing lines (or the last of a title-first file): the rest of the file.
      const title = titleFirst ? blockFrom(start) : undefined;
      const hasTitle = titleFirst && looksLikeTitle(title) && title !== undefined;
      layouts.push({ title: hasTitle ? title : undefined, bodyStart: hasTitle && title ? title.end : start, bodyEnd: lines.length });
    } else {
      skipped.push({ line: rest.start + 1, message: `text after the last document's title (lines ${rest.start + 1}–${lines.length}) was not imported` });
    }
  }

  // The usual width of a line, to tell a short line (the end of a paragraph) from a wrapped one.
  const widths = lines.filter((line) => line !== '').map(displayWidth).sort((a, b) => a - b);
  const wrapWidth = widths[Math.floor(widths.length / 2)] ?? 0;

  const documents: ImportedDocument[] = [];
  for (const layout of layouts) {
    const document = buildDocument(lines, layout, wrapWidth, sourceName, guesses, skipped);
    if (document) {
      documents.push(document);
    }
  }
  if (documents.length === 0) {
    return { documents, guesses, skipped, error: { line: 0, message: 'no paragraphs found in the text' } };
  }
  return { documents, guesses, skipped };
}

/** A run of source lines that forms one paragraph or item. */
interface RawParagraph {
  readonly lines: string[];
  readonly line: number;
}

function buildDocument(
  lines: readonly string[],
  layout: DocumentLayout,
  wrapWidth: number,
  sourceName: string,
  guesses: ImportNote[],
  skipped: ImportNote[],
): ImportedDocument | undefined {
  // Split the body into raw paragraphs and section headings.
  const preamble: RawParagraph[] = [];
  const sections: { heading: string; line: number; paragraphs: RawParagraph[] }[] = [];
  let target = preamble;
  let current: RawParagraph | undefined;
  let pendingBlank: number | undefined;
  const close = (): void => {
    if (current) {
      target.push(current);
    }
    current = undefined;
    pendingBlank = undefined;
  };
  for (let index = layout.bodyStart; index < layout.bodyEnd; index++) {
    const line = lines[index];
    const last = current?.lines[current.lines.length - 1];
    if (line === '') {
      if (last !== undefined && endsSentence(last)) {
        close();
      } else if (last !== undefined && pendingBlank === undefined) {
        pendingBlank = index;
      }
      continue;
    }
    if (isSectionHeadingLine(line) && (last === undefined || endsSentence(last))) {
      close();
      const section = { heading: line, line: index + 1, paragraphs: [] as RawParagraph[] };
      sections.push(section);
      target = section.paragraphs;
      continue;
    }
    if (current && last !== undefined && endsSentence(last)) {
      // NOTE: no blank line between two lines. A sentence that ends on a short line ends the paragraph
      // (the scan lost the break); one that ends on a full line usually runs on into the next sentence.
      const short = displayWidth(last) <= wrapWidth * shortLineRatio;
      if (short || itemMarker.test(line)) {
        guesses.push({
          line: index,
          message: short
            ? `paragraph ends at the short line ${index} (“${last}”) although no blank line follows it`
            : `a new item starts at line ${index + 1} although no blank line comes before it`,
        });
        close();
      }
    }
    if (!current) {
      current = { lines: [], line: index + 1 };
    } else if (pendingBlank !== undefined) {
      guesses.push({
        line: pendingBlank + 1,
        message: `blank line inside a sentence taken as a column break: the paragraph of line ${current.line} goes on at line ${index + 1}`,
      });
      pendingBlank = undefined;
    }
    current.lines.push(line);
  }
  close();

  const toParagraphs = (raw: readonly RawParagraph[]): ImportedParagraph[] => {
    const paragraphs: { text: string; line: number; items: ImportedClause[] }[] = [];
    for (const paragraph of raw) {
      const text = joinWrappedLines(paragraph.lines);
      const previous = paragraphs[paragraphs.length - 1];
      if (previous && itemMarker.test(text) && (previous.items.length > 0 || /[：:]$/u.test(previous.text))) {
        previous.items.push({ text, line: paragraph.line });
      } else {
        paragraphs.push({ text, line: paragraph.line, items: [] });
      }
    }
    return paragraphs;
  };

  const preambleParagraphs = toParagraphs(preamble);
  const importedSections: ImportedSection[] = sections.map((section) => ({
    heading: section.heading,
    line: section.line,
    paragraphs: toParagraphs(section.paragraphs),
  }));
  const clauseCount = preambleParagraphs.length + importedSections.reduce((sum, section) => sum + section.paragraphs.length, 0);
  if (clauseCount === 0) {
    skipped.push({ line: layout.bodyStart + 1, message: 'a document with no paragraphs was left out' });
    return undefined;
  }

  const bodyLine = (preambleParagraphs[0]?.line ?? importedSections[0]?.line ?? layout.bodyStart + 1) as number;
  let title: string;
  if (layout.title) {
    title = joinWrappedLines(lines.slice(layout.title.start, layout.title.end));
  } else {
    title = sourceName.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '');
    guesses.push({ line: bodyLine, message: `no title found for the document at line ${bodyLine}: the file name “${title}” is used` });
  }

  const frontMatter: Record<string, FrontMatterValue | undefined> = {};
  if (layout.closing !== undefined) {
    const closing = parseClosingLine(lines[layout.closing]);
    frontMatter.date = closing?.date;
    frontMatter.place = closing?.place;
  }
  const body = lines.slice(layout.bodyStart, layout.bodyEnd).join('');
  const wide = [...body].filter((character) => /[\u3400-\u9fff]/u.test(character)).length;
  const latin = [...body].filter((character) => /[A-Za-z]/.test(character)).length;
  frontMatter.language = wide > latin ? 'zh' : 'en';
  if (layout.signatures) {
    const { parties, signatories } = readSignatures(lines.slice(layout.signatures.start, layout.signatures.end));
    frontMatter.parties = parties;
    frontMatter.signatories = signatories;
  } else if (layout.closing !== undefined) {
    guesses.push({ line: layout.closing + 1, message: 'no signature block found above the place-and-date line' });
  }
  if (layout.agency !== undefined) {
    frontMatter.source = parseAgencyLine(lines[layout.agency]);
  }
  frontMatter.imported_from = sourceName.replace(/^.*[\\/]/, '');

  return {
    title,
    frontMatter,
    preamble: preambleParagraphs,
    sections: importedSections.length > 0 ? importedSections : undefined,
    line: bodyLine,
  };
}

/**
 * Reads a signature block. Two lines with the same number of columns are titles over names
 * (`中华人民共和国主席 俄罗斯联邦总统` / `习近平 弗·弗·普京`); otherwise each line is one signatory.
 */
function readSignatures(block: readonly string[]): { parties?: string[]; signatories: string[] } {
  if (block.length === 2) {
    const titles = block[0].split(/\s+/u);
    const names = block[1].split(/\s+/u);
    if (titles.length === names.length) {
      const signatories = titles.map((title, index) => `${title} ${names[index]}`);
      const parties = titles.map((title) => title.replace(officeSuffix, ''));
      const partiesKnown = parties.every((party, index) => party !== '' && party !== titles[index]);
      return { parties: partiesKnown ? parties : undefined, signatories };
    }
  }
  return { signatories: [...block] };
}
