/**
 * Writes an export document as a Word file with the `docx` library: real Word footnotes (footnote styles),
 * headings, numbered and bulleted lists, block quotes, tables and links; the title and the table of
 * authorities in a first section, the body in a second; broken citations highlighted, each with a Word
 * comment that says what is wrong, and listed at the end. Latin text is set in Times New Roman and CJK text
 * in Noto Serif CJK SC (the East Asian font of every run, marked as Chinese, so that it is set in a Chinese face).
 *
 * NOTE: `docx` is loaded when a Word file is first written, so that the language server and the command
 * line do not pay for it at start-up.
 */
import type * as Docx from 'docx';
import { Run } from './citationFormat';
import { Block, Inline, TableCell } from './document';
import { authorityTable, ExportDocument, plainText } from './model';

const LATIN_FONT = 'Times New Roman';
// NOTE: Noto Serif CJK SC rather than SimSun: LibreOffice substitutes a missing SimSun with the Japanese
// Noto face (Japanese glyph forms), while Word, missing Noto, falls back to the system's Chinese font.
const CJK_FONT = 'Noto Serif CJK SC';
const CODE_FONT = 'Courier New';
const CJK_TEXT = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/;
/** Twips per level of list and quote indentation. */
const INDENT = 720;

type Paragraphs = (Docx.Paragraph | Docx.Table)[];

/** Writes the document as a .docx file. */
export async function renderDocx(document: ExportDocument): Promise<Uint8Array> {
  const docx = await import('docx');
  const { Paragraph, TextRun, FootnoteReferenceRun, ExternalHyperlink, HeadingLevel, AlignmentType, LevelFormat, Table, TableRow, TableCell: Cell, WidthType, BorderStyle, ShadingType, SectionType, CommentRangeStart, CommentRangeEnd, CommentReference } = docx;
  const { citations } = document;

  const fontFor = (text: string, code = false): Docx.IFontAttributesProperties =>
    code
      ? { ascii: CODE_FONT, hAnsi: CODE_FONT, cs: CODE_FONT, eastAsia: CJK_FONT }
      : CJK_TEXT.test(text)
        ? { ascii: LATIN_FONT, hAnsi: LATIN_FONT, cs: LATIN_FONT, eastAsia: CJK_FONT, hint: 'eastAsia' }
        : { ascii: LATIN_FONT, hAnsi: LATIN_FONT, cs: LATIN_FONT, eastAsia: CJK_FONT };
  const language = (text: string): Docx.IRunOptions['language'] => (CJK_TEXT.test(text) ? { eastAsia: 'zh-CN' } : undefined);

  // Code is set a size smaller, as monospaced text looks larger than serif text of the same size.
  const textRun = (text: string, options: Omit<Docx.IRunOptions, 'text'> = {}, code = false): Docx.TextRun =>
    new TextRun({ text, font: fontFor(text, code), language: language(text), ...(code ? { size: 21 } : {}), ...options });
  const styledRuns = (runs: readonly Run[], options: Omit<Docx.IRunOptions, 'text'> = {}): Docx.TextRun[] =>
    runs.map((run) => textRun(run.text, { italics: run.italic, ...options }));

  const footnotes: Record<string, { children: Docx.Paragraph[] }> = {};
  const comments: Docx.ICommentOptions[] = [];

  const inlineRuns = (content: readonly Inline[], base: Omit<Docx.IRunOptions, 'text'> = {}): Docx.ParagraphChild[] => {
    const children: Docx.ParagraphChild[] = [];
    for (const inline of content) {
      if (inline.type === 'break') {
        children.push(new TextRun({ break: 1 }));
        continue;
      }
      if (inline.type === 'citation') {
        const citation = citations[inline.index];
        if (!citation) {
          continue;
        }
        if (citation.broken) {
          const id = comments.length;
          comments.push({
            id,
            author: 'Pinpoint',
            initials: 'PP',
            children: [new Paragraph({ children: [textRun(`Citation not found: ${citation.source.errors.join('; ')}`)] })],
          });
          children.push(
            new CommentRangeStart(id),
            textRun(citation.source.text, { ...base, highlight: 'yellow', color: '9C0006' }),
            new CommentRangeEnd(id),
            new TextRun({ children: [new CommentReference(id)] }),
          );
          continue;
        }
        if (citation.note !== undefined) {
          // A space between the footnote's number and its text, as Word writes new footnotes.
          footnotes[String(citation.note)] = { children: [new Paragraph({ style: 'FootnoteText', children: [textRun(' '), ...styledRuns(citation.runs)] })] };
          children.push(new FootnoteReferenceRun(citation.note));
        } else {
          children.push(...styledRuns(citation.runs, base));
        }
        continue;
      }
      const run = textRun(
        inline.text,
        {
          ...base,
          bold: inline.bold || base.bold,
          italics: inline.italic || base.italics,
          strike: inline.strike,
          style: inline.href ? 'Hyperlink' : undefined,
        },
        inline.code,
      );
      children.push(inline.href && /^(https?:|mailto:)/i.test(inline.href) ? new ExternalHyperlink({ link: inline.href, children: [run] }) : run);
    }
    return children;
  };

  // Every ordered list gets its own numbering instance (so it starts again); lists that start at another
  // number than 1 get a numbering definition of their own.
  const orderedStarts = new Set<number>([1]);
  let listInstance = 0;

  const blockParagraphs = (block: Block, depth: { list: number; quote: number }, out: Paragraphs): void => {
    const indent = depth.quote > 0 ? { left: INDENT * depth.quote, right: INDENT / 2 } : undefined;
    const quoteBorder = depth.quote > 0 ? { left: { style: BorderStyle.SINGLE, size: 12, color: 'BBBBBB', space: 8 } } : undefined;
    switch (block.type) {
      case 'heading': {
        const levels = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4, HeadingLevel.HEADING_5, HeadingLevel.HEADING_6];
        out.push(new Paragraph({ heading: levels[Math.min(5, Math.max(0, block.level - 1))], children: inlineRuns(block.content) }));
        return;
      }
      case 'paragraph':
        out.push(new Paragraph({ children: inlineRuns(block.content), indent, border: quoteBorder, alignment: AlignmentType.JUSTIFIED }));
        return;
      case 'list': {
        const start = block.ordered ? block.start : 1;
        if (block.ordered) {
          orderedStarts.add(start);
        }
        const reference = block.ordered ? `pinpoint-numbers-${start}` : 'pinpoint-bullets';
        const instance = ++listInstance;
        for (const item of block.items) {
          let first = true;
          for (const child of item) {
            if (first && child.type === 'paragraph') {
              out.push(
                new Paragraph({
                  children: inlineRuns(child.content),
                  numbering: { reference, level: Math.min(8, depth.list), instance },
                  border: quoteBorder,
                }),
              );
            } else if (child.type === 'paragraph') {
              out.push(new Paragraph({ children: inlineRuns(child.content), indent: { left: INDENT * (depth.list + 1) + INDENT * depth.quote }, border: quoteBorder }));
            } else {
              blockParagraphs(child, { list: child.type === 'list' ? depth.list + 1 : depth.list, quote: depth.quote }, out);
            }
            first = false;
          }
        }
        return;
      }
      case 'quote':
        for (const child of block.blocks) {
          blockParagraphs(child, { list: depth.list, quote: depth.quote + 1 }, out);
        }
        return;
      case 'table': {
        const columns = Math.max(block.header.length, ...block.rows.map((row) => row.length), 1);
        const cell = (content: TableCell | undefined, header: boolean): Docx.TableCell =>
          new Cell({
            children: [
              new Paragraph({
                children: inlineRuns(content?.content ?? [], header ? { bold: true } : {}),
                alignment: content?.align === 'right' ? AlignmentType.RIGHT : content?.align === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT,
              }),
            ],
            shading: header ? { type: ShadingType.CLEAR, color: 'auto', fill: 'F2F2F2' } : undefined,
          });
        const row = (cells: readonly TableCell[], header: boolean): Docx.TableRow =>
          new TableRow({ tableHeader: header, children: Array.from({ length: columns }, (_, index) => cell(cells[index], header)) });
        out.push(
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            rows: [...(block.header.length > 0 ? [row(block.header, true)] : []), ...block.rows.map((cells) => row(cells, false))],
          }),
          new Paragraph({ children: [] }),
        );
        return;
      }
      case 'code':
        for (const line of block.text.split('\n')) {
          out.push(
            new Paragraph({
              children: [textRun(line, { size: 20 }, true)],
              shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'F6F6F6' },
              indent,
              spacing: { after: 0 },
            }),
          );
        }
        return;
      case 'rule':
        out.push(new Paragraph({ children: [], border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '999999', space: 1 } } }));
        return;
    }
  };

  // The first section: the title and the table of authorities.
  const front: Paragraphs = [];
  if (document.title) {
    front.push(new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: inlineRuns(document.title) }));
  }
  const table = authorityTable(document);
  if (table.length > 0) {
    front.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [textRun(document.style.tableOfAuthorities.title)] }));
    for (const group of table) {
      front.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [textRun(group.title)] }));
      for (const line of group.lines) {
        front.push(new Paragraph({ style: 'TableOfAuthorities', children: styledRuns(line.entry) }));
        const details = [line.pinpoints, line.citedIn].filter(Boolean).join(' · ');
        if (details) {
          front.push(new Paragraph({ style: 'TableOfAuthoritiesDetail', children: [textRun(details)] }));
        }
      }
    }
  }

  const body: Paragraphs = [];
  for (const block of document.blocks) {
    blockParagraphs(block, { list: 0, quote: 0 }, body);
  }
  if (document.broken.length > 0) {
    body.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [textRun('Citations not found')] }));
    for (const broken of document.broken) {
      body.push(
        new Paragraph({
          children: [textRun(broken.text, { highlight: 'yellow', color: '9C0006' }), textRun(` (line ${broken.line}): ${broken.messages.join('; ')}`)],
        }),
      );
    }
  }

  const bulletLevels = Array.from({ length: 9 }, (_, level) => ({
    level,
    format: LevelFormat.BULLET,
    text: ['•', '◦', '▪'][level % 3],
    alignment: AlignmentType.LEFT,
    style: { paragraph: { indent: { left: INDENT * (level + 1), hanging: 360 } } },
  }));
  const numberLevels = (start: number) =>
    Array.from({ length: 9 }, (_, level) => ({
      level,
      format: [LevelFormat.DECIMAL, LevelFormat.LOWER_LETTER, LevelFormat.LOWER_ROMAN][level % 3],
      text: level % 3 === 0 ? `%${level + 1}.` : `(%${level + 1})`,
      start: level === 0 ? start : 1,
      alignment: AlignmentType.LEFT,
      style: { paragraph: { indent: { left: INDENT * (level + 1), hanging: 360 } } },
    }));

  const page = { size: { width: 11906, height: 16838 }, margin: { top: 1440, bottom: 1440, left: 1300, right: 1300 } };
  const font = { ascii: LATIN_FONT, hAnsi: LATIN_FONT, cs: LATIN_FONT, eastAsia: CJK_FONT };
  const heading = (size: number) => ({ run: { font, size, bold: true, color: '000000' }, paragraph: { spacing: { before: 240, after: 120 }, keepNext: true } });
  const file = new docx.Document({
    creator: 'Pinpoint',
    title: document.title ? plainText(document.title, citations) : undefined,
    styles: {
      default: {
        document: { run: { font, size: 24 }, paragraph: { spacing: { after: 120, line: 288 } } },
        title: { run: { font, size: 36, bold: true, color: '000000' }, paragraph: { spacing: { after: 360 } } },
        heading1: heading(30),
        heading2: heading(26),
        heading3: heading(24),
        heading4: heading(24),
        heading5: heading(22),
        heading6: heading(22),
        footnoteText: { run: { font, size: 20 }, paragraph: { spacing: { after: 60, line: 240 } } },
        hyperlink: { run: { color: '1F4E79', underline: {} } },
      },
      paragraphStyles: [
        { id: 'TableOfAuthorities', name: 'Table of Authorities', basedOn: 'Normal', next: 'Normal', paragraph: { indent: { left: 360, hanging: 360 }, spacing: { before: 120, after: 0 } } },
        { id: 'TableOfAuthoritiesDetail', name: 'Table of Authorities Detail', basedOn: 'Normal', next: 'Normal', run: { size: 20, color: '444444' }, paragraph: { indent: { left: 720 }, spacing: { after: 60 } } },
      ],
    },
    numbering: {
      config: [
        { reference: 'pinpoint-bullets', levels: bulletLevels },
        ...[...orderedStarts].map((start) => ({ reference: `pinpoint-numbers-${start}`, levels: numberLevels(start) })),
      ],
    },
    footnotes,
    comments: { children: comments },
    sections: [
      ...(front.length > 0 ? [{ properties: { page }, children: front }] : []),
      { properties: { page, type: SectionType.NEXT_PAGE }, children: body.length > 0 ? body : [new Paragraph({ children: [] })] },
    ],
  });
  return new Uint8Array(await docx.Packer.toBuffer(file));
}
