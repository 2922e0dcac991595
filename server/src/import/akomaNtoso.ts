/**
 * The importer for Akoma Ntoso 2.0 and 3.0 XML (acts, by-laws, treaties).
 *
 * Mapping to the corpus format:
 * - `section`, `article`, `rule` and `regulation` elements become `##` sections, headed by their `num` and
 *   `heading` (`## 3. Objects of By-law`); containers above them (`part`, `chapter`, `division`, …) become
 *   `#` group headings. Schedules (`components`) become further sections, headed by their name.
 * - Inside a section, each numbered unit (`subsection`, numbered `paragraph`, …) is one paragraph, so
 *   section 5(2) is §5.2; its `blockList` items and nested numbered units are the paragraph's items, and
 *   anything deeper is flattened into the item's text. Unnumbered content gives one paragraph per `p`.
 * - Inline `term`, `def`, `ref` and the like are flattened to their text; `eol` is a space.
 * - The preamble's `p`s are the preamble (§0.x); the preface (long title) goes to the front matter.
 * - Dated versions: the expression date is `version_date`, the work date `date`; a version later than the
 *   work gets the version date in its proposed id, so several versions can live in one corpus.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { insertedSectionNumber, makeSectionNumbersDistinct } from './sections';
import type { FrontMatterValue, ImportedClause, ImportedDocument, ImportedParagraph, ImportedSection, ImportNote, ImporterResult } from './types';

/** A parsed XML element or text node. */
type XmlNode = XmlElement | { readonly text: string };

interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlNode[];
}

function isElement(node: XmlNode): node is XmlElement {
  return 'name' in node;
}

/** Converts fast-xml-parser's ordered output into {@link XmlNode}s, dropping namespace prefixes. */
function convert(nodes: readonly Record<string, unknown>[]): XmlNode[] {
  const result: XmlNode[] = [];
  for (const node of nodes) {
    for (const [key, value] of Object.entries(node)) {
      if (key === ':@') {
        continue;
      }
      if (key === '#text') {
        result.push({ text: String(value) });
      } else if (!key.startsWith('?') && key !== '#comment') {
        const attributes = (node[':@'] ?? {}) as Record<string, string>;
        result.push({ name: key.replace(/^.*:/, ''), attributes, children: convert(value as Record<string, unknown>[]) });
      }
    }
  }
  return result;
}

const elements = (node: XmlElement, name?: string): XmlElement[] =>
  node.children.filter((child): child is XmlElement => isElement(child) && (name === undefined || child.name === name));
const child = (node: XmlElement | undefined, name: string): XmlElement | undefined => (node ? elements(node, name)[0] : undefined);

/** Elements whose text is not part of the clause text. */
const invisible = new Set(['meta', 'img', 'authorialNote', 'noteRef', 'componentRef']);

/** The flattened text of a node: inline markup dropped, `eol`/`br` and block boundaries as spaces. */
function flatText(node: XmlNode): string {
  return normalizeSpace(rawText(node));
}

function rawText(node: XmlNode): string {
  if (!isElement(node)) {
    return node.text;
  }
  if (invisible.has(node.name)) {
    return '';
  }
  if (node.name === 'eol' || node.name === 'br') {
    return ' ';
  }
  const inner = node.children.map(rawText).join('');
  return blockNames.has(node.name) ? ` ${inner} ` : inner;
}

const blockNames = new Set(['p', 'num', 'heading', 'subheading', 'listIntroduction', 'listWrapUp', 'item', 'td', 'th', 'tr', 'content', 'intro', 'wrapUp', 'blockList', 'table', 'remark']);

function normalizeSpace(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

/** Section-like elements: each becomes a `##` section. */
const sectionNames = new Set(['section', 'article', 'rule', 'regulation']);
/** Containers above sections: each becomes a `#` group heading. */
const containerNames = new Set(['part', 'chapter', 'division', 'subpart', 'subchapter', 'subdivision', 'title', 'subtitle', 'book', 'tome', 'hcontainer', 'level']);
/** Units below sections that usually carry a `num`. */
const unitNames = new Set(['subsection', 'paragraph', 'subparagraph', 'clause', 'subclause', 'point', 'list', 'item', 'indent', 'alinea', 'hcontainer', 'level', 'sublist']);

const languages: Readonly<Record<string, string>> = { eng: 'en', zho: 'zh', chi: 'zh', fra: 'fr', fre: 'fr', afr: 'af', zul: 'zu', xho: 'xh', spa: 'es', por: 'pt', deu: 'de', ger: 'de', rus: 'ru', ara: 'ar' };

/** Imports an Akoma Ntoso file. Never throws. */
export function importAkomaNtoso(text: string, sourceName: string): ImporterResult {
  const guesses: ImportNote[] = [];
  const skipped: ImportNote[] = [];
  const fail = (line: number, message: string): ImporterResult => ({ documents: [], guesses, skipped, error: { line, message } });
  const validation = XMLValidator.validate(text);
  if (validation !== true) {
    return fail(validation.err.line, `XML is not well-formed: ${validation.err.msg}`);
  }
  let tree: XmlNode[];
  try {
    const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', trimValues: false, parseTagValue: false, parseAttributeValue: false });
    tree = convert(parser.parse(text) as Record<string, unknown>[]);
  } catch (error) {
    return fail(0, `XML could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  const root = tree.find(isElement);
  if (!root || root.name !== 'akomaNtoso') {
    return fail(0, `not Akoma Ntoso: the root element is <${root?.name ?? 'none'}>, not <akomaNtoso>`);
  }
  const namespace = root.attributes.xmlns ?? Object.entries(root.attributes).find(([key, value]) => key.startsWith('xmlns:') && /akoma|akn|legaldocml/i.test(value))?.[1] ?? '';
  const version = /3\.0/.test(namespace) ? '3.0' : /2\.0/.test(namespace) ? '2.0' : undefined;
  const documentElement = elements(root).find((element) => element.name !== 'components' && element.name !== 'meta');
  if (!documentElement) {
    return fail(0, 'the Akoma Ntoso file holds no document element (act, bill, doc, …)');
  }

  // Metadata: work and expression.
  const identification = child(child(documentElement, 'meta'), 'identification');
  const work = child(identification, 'FRBRWork');
  const expression = child(identification, 'FRBRExpression');
  const attribute = (element: XmlElement | undefined, name: string, key: string): string | undefined => child(element, name)?.attributes[key];
  const workUri = attribute(work, 'FRBRuri', 'value') ?? attribute(work, 'FRBRthis', 'value');
  const workDate = attribute(work, 'FRBRdate', 'date');
  const expressionDate = attribute(expression, 'FRBRdate', 'date');
  const languageCode = attribute(expression, 'FRBRlanguage', 'language');
  const publication = child(child(documentElement, 'meta'), 'publication');
  const preface = child(documentElement, 'preface');
  const docTitle = preface ? findDescendant(preface, (element) => element.name === 'docTitle' || element.name === 'shortTitle') : undefined;
  let title = attribute(work, 'FRBRalias', 'value') ?? (docTitle ? flatText(docTitle) : undefined);
  if (!title) {
    title = workUri?.split('/').filter(Boolean).pop() ?? sourceName.replace(/^.*[\\/]/, '');
    guesses.push({ line: 0, message: `no title in the metadata: “${title}” is used` });
  }

  // Source lines by element id (2.0 `id`, 3.0 `eId`), for the notes and the summary.
  const lineById = new Map<string, number>();
  let line = 1;
  let scanned = 0;
  for (const match of text.matchAll(/\s(?:eId|id)="([^"]+)"/g)) {
    for (let index = text.indexOf('\n', scanned); index !== -1 && index < (match.index ?? 0); index = text.indexOf('\n', index + 1)) {
      line++;
      scanned = index + 1;
    }
    if (!lineById.has(match[1])) {
      lineById.set(match[1], line);
    }
  }
  const lineOf = (element: XmlElement): number => lineById.get(element.attributes.eId ?? element.attributes.id ?? '') ?? 0;

  const sections: ImportedSection[] = [];
  let pendingGroups: string[] = [];
  const walkBody = (element: XmlElement, depth: number): void => {
    for (const node of elements(element)) {
      if (sectionNames.has(node.name)) {
        sections.push(toSection(node, pendingGroups, guesses, lineOf(node)));
        pendingGroups = [];
      } else if (containerNames.has(node.name) && hasSectionInside(node)) {
        pendingGroups.push(groupHeading(node));
        walkBody(node, depth + 1);
      } else if (node.name !== 'num' && node.name !== 'heading' && node.name !== 'subheading') {
        // Text directly in the body or in a container with no sections: a section of its own.
        const paragraphs = blockParagraphs([node]);
        if (paragraphs.length > 0) {
          sections.push({ heading: groupHeading(node), line: lineOf(node), groups: pendingGroups, paragraphs });
          pendingGroups = [];
        }
      }
    }
  };
  const body = child(documentElement, 'body') ?? child(documentElement, 'mainBody');
  if (body) {
    walkBody(body, 0);
  }
  // Schedules and other attachments.
  for (const component of [...elements(root, 'components'), ...elements(documentElement, 'components'), ...elements(documentElement, 'attachments')].flatMap((list) => elements(list))) {
    const inner = elements(component).find((element) => element.name !== 'meta');
    const componentBody = inner && (child(inner, 'mainBody') ?? child(inner, 'body'));
    if (!inner || !componentBody) {
      continue;
    }
    const alias = attribute(child(child(child(inner, 'meta'), 'identification'), 'FRBRWork'), 'FRBRalias', 'value');
    const name = alias ?? inner.attributes.name ?? 'Schedule';
    const parts = elements(componentBody);
    const heading = normalizeSpace(`${name}${parts.length === 1 && child(parts[0], 'heading') ? ` – ${flatText(child(parts[0], 'heading') as XmlElement)}` : ''}`);
    const paragraphs = parts.length === 1 ? blockParagraphs(elements(parts[0]).filter((element) => element.name !== 'heading')) : blockParagraphs(parts);
    if (paragraphs.length > 0) {
      sections.push({ heading, line: lineOf(component), paragraphs });
    }
  }

  const preambleElement = child(documentElement, 'preamble');
  const preamble = preambleElement ? blockParagraphs(elements(preambleElement)) : [];
  if (preamble.length === 0 && sections.every((section) => section.paragraphs.length === 0)) {
    return fail(0, 'no text found in the Akoma Ntoso body');
  }

  const frontMatter: Record<string, FrontMatterValue | undefined> = {
    date: workDate,
    version_date: expressionDate !== undefined && expressionDate !== workDate ? expressionDate : undefined,
    language: languageCode ? (languages[languageCode] ?? languageCode) : undefined,
    jurisdiction: workUri?.split('/').filter(Boolean)[0],
    long_title: preface && !docTitle ? flatText(preface) || undefined : undefined,
    publication: publication
      ? normalizeSpace([publication.attributes.showAs ?? publication.attributes.name, publication.attributes.number ? `no. ${publication.attributes.number}` : '', publication.attributes.date ?? ''].filter(Boolean).join(', '))
      : undefined,
    source: attribute(expression, 'FRBRuri', 'value') ?? workUri,
    format: version ? `Akoma Ntoso ${version}` : 'Akoma Ntoso',
  };
  if (!version) {
    guesses.push({ line: 0, message: `unknown Akoma Ntoso namespace “${namespace}”: read as 3.0` });
  }

  const document: ImportedDocument = {
    title,
    frontMatter,
    preamble,
    sections: sections.length > 0 ? makeSectionNumbersDistinct(sections, guesses) : undefined,
    line: 1,
    idCode: idCodeFor(workUri, workDate, expressionDate),
  };
  return { documents: [document], guesses, skipped };
}

/** The proposed id's code: region and work name from the FRBR uri (`ETH-IT`), plus a later version's date. */
function idCodeFor(workUri: string | undefined, workDate: string | undefined, expressionDate: string | undefined): string | undefined {
  if (!workUri) {
    return undefined;
  }
  const parts = workUri.split('/').filter(Boolean);
  const region = parts[0]?.includes('-') ? parts[0].split('-').slice(1).join('') : parts[0];
  const name = parts[parts.length - 1] ?? '';
  const words = name.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const code = words.length > 1 ? words.map((word) => word[0]).join('') : (words[0] ?? '').slice(0, 8);
  const version = expressionDate && workDate && expressionDate !== workDate ? `-${expressionDate.replace(/-/g, '')}` : '';
  const result = [region, code].filter(Boolean).join('-').toUpperCase() + version;
  return /^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*$/.test(result) ? result : undefined;
}

function findDescendant(node: XmlElement, test: (element: XmlElement) => boolean): XmlElement | undefined {
  for (const element of elements(node)) {
    if (test(element)) {
      return element;
    }
    const found = findDescendant(element, test);
    if (found) {
      return found;
    }
  }
  return undefined;
}

function hasSectionInside(node: XmlElement): boolean {
  return findDescendant(node, (element) => sectionNames.has(element.name)) !== undefined;
}

/** `Chapter 1 – Interpretation` for a container. */
function groupHeading(node: XmlElement): string {
  const num = child(node, 'num');
  const heading = child(node, 'heading');
  const kind = node.name === 'hcontainer' || node.name === 'level' ? (node.attributes.name ?? '') : node.name;
  const label = normalizeSpace(`${kind ? kind[0].toUpperCase() + kind.slice(1) : ''} ${num ? flatText(num) : ''}`);
  const text = heading ? flatText(heading) : '';
  return label && text ? `${label} – ${text}` : label || text || node.name;
}

/** Turns a section element into a section: heading from `num` and `heading`, paragraphs from its units. */
function toSection(node: XmlElement, groups: readonly string[], guesses: ImportNote[], line: number): ImportedSection {
  const numText = child(node, 'num') ? flatText(child(node, 'num') as XmlElement) : '';
  const headingText = child(node, 'heading') ? flatText(child(node, 'heading') as XmlElement) : '';
  let heading = normalizeSpace(`${numText} ${headingText}`) || node.name;
  const inserted = /^([0-9]+)([A-Za-z]{1,2})\.?$/.exec(numText);
  if (inserted) {
    // NOTE: `111A.` has no number under the spec: give it 111 × 100 + 1 (see sections.ts).
    const letters = inserted[2].toUpperCase();
    const index = [...letters].reduce((value, letter) => value * 26 + (letter.charCodeAt(0) - 64), 0);
    const number = insertedSectionNumber(Number(inserted[1]), Math.min(index, 99));
    heading = `${number} ${heading}`;
    guesses.push({ line, message: `section ${numText} is numbered ${number} (inserted sections get number × 100 + letter)` });
  } else if (/^(article|section)$/i.test(node.name) && /^[0-9]+$/.test(numText)) {
    heading = normalizeSpace(`${numText}. ${headingText}`);
  }
  const content = elements(node).filter((element) => element.name !== 'num' && element.name !== 'heading' && element.name !== 'subheading');
  return { heading, line, groups, paragraphs: blockParagraphs(content) };
}

/** A paragraph being built. */
interface ParagraphDraft {
  text: string;
  items: ImportedClause[];
}

/**
 * The paragraphs of a run of block elements: numbered units are one paragraph each; `p`s are paragraphs;
 * lists and tables are items of the paragraph before them.
 */
function blockParagraphs(nodes: readonly XmlElement[]): ImportedParagraph[] {
  const paragraphs: ParagraphDraft[] = [];
  const addItems = (items: readonly string[]): void => {
    const last = paragraphs[paragraphs.length - 1];
    for (const item of items.filter(Boolean)) {
      if (last) {
        last.items.push({ text: item, line: 0 });
      } else {
        paragraphs.push({ text: item, items: [] });
      }
    }
  };
  const visit = (node: XmlElement): void => {
    if (invisible.has(node.name)) {
      return;
    }
    if (unitNames.has(node.name) && child(node, 'num')) {
      paragraphs.push(numberedParagraph(node));
      return;
    }
    if (containerNames.has(node.name) && (child(node, 'num') || child(node, 'heading'))) {
      // A part or chapter below section level (in a schedule): its heading is a paragraph of its own.
      paragraphs.push({ text: groupHeading(node), items: [] });
      elements(node)
        .filter((element) => element.name !== 'num' && element.name !== 'heading')
        .forEach(visit);
      return;
    }
    switch (node.name) {
      case 'blockList': {
        const introduction = child(node, 'listIntroduction');
        if (introduction && flatText(introduction)) {
          paragraphs.push({ text: flatText(introduction), items: [] });
        }
        addItems(elements(node, 'item').map(flatText));
        const wrapUp = child(node, 'listWrapUp');
        if (wrapUp && flatText(wrapUp)) {
          paragraphs.push({ text: flatText(wrapUp), items: [] });
        }
        return;
      }
      case 'table':
        addItems(tableRows(node));
        return;
      case 'p':
      case 'remark':
      case 'listIntroduction':
      case 'listWrapUp':
      case 'heading':
      case 'subheading': {
        const text = flatText(node);
        if (text) {
          paragraphs.push({ text, items: [] });
        }
        return;
      }
      default:
        if (node.children.some((entry) => isElement(entry))) {
          elements(node).forEach(visit);
        } else {
          const text = flatText(node);
          if (text) {
            paragraphs.push({ text, items: [] });
          }
        }
    }
  };
  nodes.forEach(visit);
  // NOTE: lists written as plain paragraphs (`<p>(a) …</p>` after a paragraph ending in a dash or colon,
  // common in preambles) are made items of that paragraph, as the scanned-text importer does.
  for (let index = 1; index < paragraphs.length; index++) {
    const previous = paragraphs[index - 1];
    const current = paragraphs[index];
    if (current.items.length === 0 && /^\((?:[a-z]{1,2}|[ivxlc]+)\)\s/.test(current.text) && (previous.items.length > 0 || /[–—:─-]$/.test(previous.text))) {
      previous.items.push({ text: current.text, line: 0 });
      paragraphs.splice(index, 1);
      index--;
    }
  }
  // A unit with nothing but a list: its first item stands in for the missing text.
  return paragraphs
    .map((paragraph) => (paragraph.text === '' && paragraph.items.length > 0 ? { text: paragraph.items[0].text, items: paragraph.items.slice(1) } : paragraph))
    .filter((paragraph) => paragraph.text !== '')
    .map((paragraph) => ({ text: paragraph.text, line: 0, items: paragraph.items }));
}

/**
 * One numbered unit (`subsection (2)`) as one paragraph: its number and the text before its first list
 * are the paragraph text, list items and nested numbered units are its items (deeper levels flattened into
 * the item text), and text after a list continues the last item, which keeps the reading order.
 */
function numberedParagraph(node: XmlElement): ParagraphDraft {
  const textParts: string[] = [];
  const items: string[] = [];
  const addText = (text: string): void => {
    if (!text) {
      return;
    }
    if (items.length === 0) {
      textParts.push(text);
    } else {
      items[items.length - 1] = `${items[items.length - 1]} ${text}`;
    }
  };
  const visit = (element: XmlElement): void => {
    if (invisible.has(element.name)) {
      return;
    }
    if (element !== node && unitNames.has(element.name) && child(element, 'num')) {
      items.push(flatText(element));
      return;
    }
    switch (element.name) {
      case 'blockList':
        addText(child(element, 'listIntroduction') ? flatText(child(element, 'listIntroduction') as XmlElement) : '');
        items.push(...elements(element, 'item').map(flatText).filter(Boolean));
        addText(child(element, 'listWrapUp') ? flatText(child(element, 'listWrapUp') as XmlElement) : '');
        return;
      case 'table':
        items.push(...tableRows(element));
        return;
      case 'num':
      case 'heading':
      case 'subheading':
      case 'p':
      case 'remark':
        addText(flatText(element));
        return;
      default:
        if (element.children.some((entry) => isElement(entry))) {
          elements(element).forEach(visit);
        } else {
          addText(flatText(element));
        }
    }
  };
  visit(node);
  return { text: normalizeSpace(textParts.join(' ')), items: items.map((text) => ({ text, line: 0 })) };
}

/** A table as one line per row, cells separated by ` | `. */
function tableRows(table: XmlElement): string[] {
  const rows = findRows(table);
  return rows.map((row) => elements(row).map(flatText).join(' | ')).filter((row) => row.replace(/[|\s]/g, '') !== '');
}

function findRows(node: XmlElement): XmlElement[] {
  return elements(node).flatMap((element) => (element.name === 'tr' ? [element] : findRows(element)));
}
