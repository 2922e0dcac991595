/**
 * The importer for Markdown statute collections of the LawRefBook/Laws shape:
 *
 * ```
 * # 中华人民共和国刑法
 * 1979年7月1日 第五届全国人民代表大会第二次会议通过        ← history lines
 * <!-- INFO END -->
 * ## 第一编 总则                                           ← 编/章/节 headings (## to ####)
 * ### 第一章 …
 * 第一条 为了惩罚犯罪，……                                   ← an article starts a line: 第X条, then a space
 * 第十七条之一 已满七十五周岁的人……                          ← an inserted article
 * （一）……                                                 ← items
 * ```
 *
 * Mapping: each article is a `##` section headed by its label (`## 第十七条`, so §17 is 第十七条), its
 * paragraphs (款) are the blank-line-separated lines after the label, and `（一）` lines after a paragraph
 * ending in a colon are that paragraph's items (clauseLines.ts). Chapters and parts become `#` group headings,
 * which number nothing. The history lines go to the front matter (`history`, `date` = the first of them).
 *
 * NOTE: an inserted article `第十七条之一` cannot be headed `## 第十七条之一`: the spec reads no number from it
 * (`之` does not end a number), so its position would be used and collide with another article. It is headed
 * `## 1701 第十七条之一` instead: number × 100 + k (see sections.ts), which keeps §17 for 第十七条 and gives
 * every 之一 article a stable number of its own. A quoted “第十七条” or a line such as `第五条的规定……` is not an
 * article start: the label must open the line and be followed by white space or the end of the line.
 *
 * Text under a heading but outside any article (an appendix) is a section numbered after the last article.
 *
 * Files without any article (amendments written as `一、二、`, cases) are imported as a document without
 * sections, numbered paragraph by paragraph, and the summary says so.
 */
import { parse as parseYaml } from 'yaml';
import { paragraphsFromLines, type SourceLine } from './clauseLines';
import { insertedSectionNumber, makeSectionNumbersDistinct } from './sections';
import { isWhiteSpace } from '../service/text';
import { parseChineseDate, parseChineseNumber, splitLines } from './text';
import type { FrontMatterValue, ImportedParagraph, ImportedSection, ImportNote, ImporterResult } from './types';

const articleStart = /^第([零〇一二两三四五六七八九十百千]+)条(?:之([一二三四五六七八九十]+))?(?:[\s\u3000]+|$)/u;

/**
 * Reads an ATX heading line: its level and its text without the closing `#`s, or undefined. The same as
 * `/^(#{1,6})\s+(.*?)\s*#*\s*$/u`, which is cubic on `## a` and thousands of spaces, written as a scan.
 */
export function headingOf(line: string): { level: number; text: string } | undefined {
  let level = 0;
  while (level < line.length && line.charCodeAt(level) === 0x23 /* # */) {
    level++;
  }
  if (level === 0 || level > 6 || level >= line.length || !isWhiteSpace(line.charCodeAt(level))) {
    return undefined;
  }
  let start = level;
  while (start < line.length && isWhiteSpace(line.charCodeAt(start))) {
    start++;
  }
  let end = line.length;
  while (end > start && isWhiteSpace(line.charCodeAt(end - 1))) {
    end--;
  }
  while (end > start && line.charCodeAt(end - 1) === 0x23) {
    end--;
  }
  while (end > start && isWhiteSpace(line.charCodeAt(end - 1))) {
    end--;
  }
  const text = line.slice(start, end);
  // NOTE: `.` does not match a line terminator, so the pattern never matched a heading holding one.
  return /[\n\r\u2028\u2029]/.test(text) ? undefined : { level, text };
}

/** White space and the zero-width characters some files pad lines with (U+200B–U+200D, U+2060, U+FEFF). */
function isPadding(code: number): boolean {
  return isWhiteSpace(code) || (code >= 0x200b && code <= 0x200d) || code === 0x2060;
}

/** Trims padding from both ends of a line, in one pass from each end (a `…+$` pattern is quadratic here). */
function trimPadding(line: string): string {
  let start = 0;
  let end = line.length;
  while (start < end && isPadding(line.charCodeAt(start))) {
    start++;
  }
  while (end > start && isPadding(line.charCodeAt(end - 1))) {
    end--;
  }
  return line.slice(start, end);
}

/** An article being collected. */
interface ArticleDraft {
  readonly label: string;
  readonly number: number;
  readonly inserted: boolean;
  readonly line: number;
  readonly groups: string[];
  readonly lines: SourceLine[];
}

/** Imports a statute Markdown file. Never throws. */
export function importStatuteMarkdown(text: string, sourceName: string): ImporterResult {
  const guesses: ImportNote[] = [];
  const skipped: ImportNote[] = [];
  const fail = (line: number, message: string): ImporterResult => ({ documents: [], guesses, skipped, error: { line, message } });
  const lines = splitLines(text);
  const fileName = sourceName.replace(/^.*[\\/]/, '');

  // Optional YAML front matter.
  let start = 0;
  let frontMatter: Record<string, unknown> = {};
  if (lines[0]?.trim() === '---') {
    const end = lines.findIndex((line, index) => index > 0 && /^(---|\.\.\.)\s*$/.test(line));
    if (end > 0) {
      try {
        const parsed: unknown = parseYaml(lines.slice(1, end).join('\n'));
        frontMatter = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
      } catch {
        guesses.push({ line: 1, message: 'the YAML front matter does not parse: it is ignored' });
      }
      if (typeof frontMatter.id === 'string') {
        return fail(1, `already a corpus file (its front matter has id ${frontMatter.id})`);
      }
      start = end + 1;
    }
  }

  // Title, history lines, and where the text begins.
  const infoEnd = lines.findIndex((line) => line.trim() === '<!-- INFO END -->');
  let title: string | undefined;
  let titleLine = 0;
  const history: string[] = [];
  const headerEnd = infoEnd >= 0 ? infoEnd : start;
  for (let index = start; index < (infoEnd >= 0 ? infoEnd : lines.length); index++) {
    const heading = headingOf(lines[index].trim());
    if (heading && heading.level === 1) {
      title = heading.text;
      titleLine = index + 1;
      if (infoEnd < 0) {
        start = index + 1;
        break;
      }
    } else if (infoEnd >= 0 && lines[index].trim() !== '' && !lines[index].trim().startsWith('<!--')) {
      history.push(lines[index].trim());
    }
  }
  const bodyStart = infoEnd >= 0 ? infoEnd + 1 : Math.max(start, headerEnd);
  if (title === undefined && typeof frontMatter.title === 'string') {
    title = frontMatter.title;
  }
  if (title === undefined) {
    title = fileName.replace(/\.(md|markdown)$/i, '').replace(/\(\d{4}-\d{2}-\d{2}\)$/, '');
    guesses.push({ line: 1, message: `no “# title” line: the file name “${title}” is used as the title` });
  }

  // The body: group headings, articles, and text before the first article.
  const preambleLines: SourceLine[] = [];
  const articles: ArticleDraft[] = [];
  const looseSections: ImportedSection[] = [];
  let pendingGroups: { text: string; line: number }[] = [];
  let current: ArticleDraft | undefined;
  let loose: { heading: string; line: number; groups: string[]; lines: SourceLine[] } | undefined;
  let inComment = false;
  // Loose sections and the number of articles before each, to keep document order.
  const looseOrder = new Map<ImportedSection, number>();
  const closeLoose = (): void => {
    if (loose && loose.lines.length > 0) {
      looseSections.push({ heading: loose.heading, line: loose.line, groups: loose.groups, paragraphs: paragraphsFromLines(loose.lines) });
      looseOrder.set(looseSections[looseSections.length - 1], articles.length);
    }
    loose = undefined;
  };
  for (let index = bodyStart; index < lines.length; index++) {
    // NOTE: some files pad with zero-width spaces (U+200B), which trim() keeps: such a line is blank.
    const line = trimPadding(lines[index]);
    if (inComment) {
      inComment = !line.includes('-->');
      continue;
    }
    if (line.startsWith('<!--')) {
      inComment = !line.includes('-->');
      continue;
    }
    if (line === '') {
      continue;
    }
    const heading = headingOf(line);
    if (heading) {
      current = undefined;
      closeLoose();
      pendingGroups.push({ text: heading.text, line: index + 1 });
      continue;
    }
    const article = articleStart.exec(line);
    if (article) {
      closeLoose();
      const base = parseChineseNumber(article[1]) ?? 0;
      const suffix = article[2] !== undefined ? (parseChineseNumber(article[2]) ?? 1) : undefined;
      const label = line.slice(0, article[0].length).trim();
      current = {
        label,
        number: suffix === undefined ? base : insertedSectionNumber(base, suffix),
        inserted: suffix !== undefined,
        line: index + 1,
        groups: pendingGroups.map((group) => group.text),
        lines: [],
      };
      pendingGroups = [];
      articles.push(current);
      const rest = line.slice(article[0].length).trim();
      if (rest !== '') {
        current.lines.push({ text: rest, line: index + 1 });
      }
      continue;
    }
    if (current) {
      current.lines.push({ text: line, line: index + 1 });
    } else if (articles.length === 0 && !loose) {
      // Text before the first article is the preamble; a heading right above it (序言) is its own.
      pendingGroups = [];
      preambleLines.push({ text: line, line: index + 1 });
    } else {
      // Text after a heading but outside any article (an appendix): a section of its own.
      if (!loose) {
        const group = pendingGroups.pop();
        loose = { heading: group?.text ?? '附', line: group?.line ?? index + 1, groups: pendingGroups.map((entry) => entry.text), lines: [] };
        pendingGroups = [];
      }
      loose.lines.push({ text: line, line: index + 1 });
    }
  }
  closeLoose();

  const meta: Record<string, FrontMatterValue | undefined> = {};
  const firstDate = history.map((entry) => parseChineseDate(entry)?.date).find((date) => date !== undefined);
  meta.date = firstDate ?? (typeof frontMatter.date === 'string' ? frontMatter.date : undefined);
  const versionDate = /\((\d{4}-\d{2}-\d{2})\)\.(?:md|markdown)$/i.exec(fileName)?.[1];
  meta.version_date = versionDate !== undefined && versionDate !== meta.date ? versionDate : undefined;
  meta.language = 'zh';
  meta.history = history.length > 0 ? history : undefined;
  meta.imported_from = fileName;

  if (articles.length === 0) {
    const allLines = [...preambleLines, ...looseSections.flatMap((section) => [{ text: section.heading, line: section.line }])];
    const paragraphs = paragraphsFromLines(preambleLines.length > 0 ? preambleLines : allLines);
    if (paragraphs.length === 0) {
      return fail(titleLine, 'no text after the title and history lines');
    }
    guesses.push({ line: bodyStart + 1, message: 'no articles (第X条) found: the text is imported as numbered paragraphs without sections' });
    return { documents: [{ title, frontMatter: meta, preamble: paragraphs, line: titleLine || 1 }], guesses, skipped };
  }

  // Text outside any article (an appendix, a form) is numbered after the last article: `## 453 附件一`,
  // so that a heading such as `一、基本要素` cannot take an article's number.
  let nextFree = Math.max(0, ...articles.filter((article) => !article.inserted).map((article) => article.number));
  const looseList = [...looseOrder.entries()].map(([section, position]): [ImportedSection, number] => {
    nextFree++;
    guesses.push({ line: section.line, message: `text outside any article under “${section.heading}” is numbered ${nextFree}, after the last article` });
    return [{ ...section, heading: `${nextFree} ${section.heading}` }, position];
  });
  const sections: ImportedSection[] = [];
  let looseIndex = 0;
  articles.forEach((article, index) => {
    while (looseIndex < looseList.length && looseList[looseIndex][1] <= index) {
      sections.push(looseList[looseIndex][0]);
      looseIndex++;
    }
    if (article.inserted) {
      guesses.push({ line: article.line, message: `${article.label} is numbered ${article.number} (an inserted article gets number × 100 + k)` });
    }
    const paragraphs: ImportedParagraph[] = paragraphsFromLines(article.lines);
    if (paragraphs.length === 0) {
      guesses.push({ line: article.line, message: `${article.label} has no text` });
    }
    sections.push({
      heading: article.inserted ? `${article.number} ${article.label}` : article.label,
      line: article.line,
      groups: article.groups,
      paragraphs,
    });
  });
  sections.push(...looseList.slice(looseIndex).map(([section]) => section));
  const preamble = paragraphsFromLines(preambleLines);
  return {
    documents: [{ title, frontMatter: meta, preamble, sections: makeSectionNumbersDistinct(sections, guesses), line: titleLine || 1 }],
    guesses,
    skipped,
  };
}
