/**
 * A redline as a Word document, for the negotiating partner who reads drafts in Word: the clauses in the
 * new draft's order, insertions underlined in blue, deletions struck through in red, and a note on each
 * moved or renumbered clause. Built in memory with the `docx` package.
 */
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import { entryNotes, Redline, RedlineEntry, redlineSummary } from '../service/redline';

const INSERTED = { underline: {}, color: '1F4E9A' } as const;
const DELETED = { strike: true, color: 'B00020' } as const;

function runsOf(entry: RedlineEntry): TextRun[] {
  if (entry.status === 'changed' && entry.words) {
    return entry.words.map((word) => new TextRun({ text: word.text, ...(word.op === '+' ? INSERTED : word.op === '-' ? DELETED : {}) }));
  }
  if (entry.status === 'inserted') {
    return [new TextRun({ text: entry.newText ?? '', ...INSERTED })];
  }
  if (entry.status === 'deleted') {
    return [new TextRun({ text: entry.oldText ?? '', ...DELETED })];
  }
  return [new TextRun({ text: entry.newText ?? '' })];
}

function noteOf(entry: RedlineEntry): string {
  const notes = entryNotes(entry).filter((note) => note !== 'changed');
  return notes.length > 0 ? `  [${notes.join('; ')}]` : '';
}

/** The redline as the bytes of a .docx file. */
export async function redlineDocx(redline: Redline, names: { old: string; new: string }): Promise<Buffer> {
  const title = `Redline of ${redline.id ?? 'the draft'}${redline.language ? ` (${redline.language})` : ''}`;
  const paragraphs: Paragraph[] = [
    new Paragraph({ text: title, heading: HeadingLevel.TITLE }),
    new Paragraph({ children: [new TextRun({ text: redline.title ?? '', italics: true })] }),
    new Paragraph({ children: [new TextRun({ text: `${names.old} → ${names.new}. ${redlineSummary(redline)}.` })] }),
  ];
  for (const entry of redline.entries) {
    const heading = entry.kind === 'section' || entry.kind === 'annex';
    const name = new TextRun({ text: `${entry.name} `, bold: true });
    const note = noteOf(entry);
    const children = [name, ...runsOf(entry), ...(note ? [new TextRun({ text: note, italics: true, color: '555555', size: 18 })] : [])];
    paragraphs.push(
      new Paragraph({
        children,
        heading: heading ? HeadingLevel.HEADING_2 : undefined,
        indent: { left: entry.depth * 360 },
        alignment: AlignmentType.LEFT,
      }),
    );
  }
  const document = new Document({ creator: 'Pinpoint', title, sections: [{ children: paragraphs }] });
  return Packer.toBuffer(document);
}
