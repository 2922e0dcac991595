/**
 * Regenerates the starter library (library/*.md and library/README.md), deterministically: the same sources
 * always give the same bytes. Run: `node --import tsx scripts/buildLibrary.ts` (npm run build:library);
 * `--check` compares instead of writing and exits 1 when library/ is out of date.
 *
 * Sources: the Netherlands treaty database (../shared/corpora/nl-treaties/, read with the importer of
 * `pinpoint import`, server/src/import/nlTreaties.ts), and the open-treaties dataset
 * (../shared/corpora/open-treaties/) only where nl-treaties has no text (the ICJ Statute) and for the
 * Chinese translations, aligned to the English by printed label (scripts/chineseAlignment.ts).
 * The facts in the front matter come from scripts/libraryInstruments.ts, each with its source.
 *
 * The relations between instruments and the amending instruments (metadata-only documents) come from
 * scripts/libraryStatus.json (scripts/libraryStatus.ts).
 *
 * Before anything is written, every instrument passes the checks of scripts/libraryChecks.ts, and the library
 * as a whole loads with no diagnostic at all (`libraryProblems`); any problem fails the build (exit 1) and
 * nothing is written.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { IdAllocator, renderImported } from '../server/src/import';
import { importTreaty, type Treaty } from '../server/src/import/jsonTreaty';
import { importNlTreaty, nlTreatiesDataset, readerTextOf } from '../server/src/import/nlTreaties';
import { buildVocabulary, englishTexts, repairTreaty, type RepairChange } from '../server/src/import/treatyRepairs';
import type { FrontMatterValue, ImportedDocument } from '../server/src/import/types';
import { CorpusIndex } from '../server/src/service/corpusIndex';
import { createLanguageService } from '../server/src/service/languageService';
import { type Clause, type CorpusDocument, parseCorpusDocument } from '../server/src/service/corpusParser';
import { type AlignmentReport, alignChinese, type OpenTreatiesTreaty } from './chineseAlignment';
import {
  articleCountProblems,
  type CheckedInstrument,
  type CheckedNode,
  embeddedLabelProblems,
  labelSequenceProblems,
  roundTripProblems,
  withoutWhiteSpace,
} from './libraryChecks';
import { type Instrument, instruments, notIncluded } from './libraryInstruments';
import { checkLibraryStatus, type LibraryStatus, libraryStatusDocuments, libraryStatusFrontMatter, libraryStatusSources, readLibraryStatus, statusRelations } from './libraryStatus';
import { sharedFolderOrDefault } from './sharedFolder';

/** The shared corpora, beside the repository (scripts/sharedFolder.ts). */
export const corporaPath = path.join(sharedFolderOrDefault(), 'corpora');
export const nlTreatiesPath = path.join(corporaPath, 'nl-treaties');
export const openTreatiesPath = path.join(corporaPath, 'open-treaties', 'data');
/** Where the library is written. */
export const libraryPath = path.join(__dirname, '..', 'library');
/** The open-treaties dataset's commit (../shared/corpora/README.md). */
const openTreatiesCommit = '29319bc';

/** Where each open-treaties Chinese text comes from (the dataset's SOURCES.md), by file. */
const chineseOrigins: Readonly<Record<string, string>> = {
  'un-charter': 'Traditional Chinese text from zh.wikisource (not checked against the authentic Chinese text)',
  'icj-statute': 'Traditional Chinese text from zh.wikisource (not checked against the authentic Chinese text)',
  vclt: 'Traditional Chinese text from zh.wikisource (not checked against the authentic Chinese text)',
  vcdr: 'official translation of the Republic of China (Taiwan), National Laws and Regulations Database',
  vccr: 'official translation of the Republic of China (Taiwan), National Laws and Regulations Database',
  unclos: 'Traditional Chinese text from zh.wikisource (not checked against the authentic Chinese text)',
  'rome-statute': 'Traditional Chinese text from zh.wikisource (not checked against the authentic Chinese text)',
  udhr: 'translation published by a Taiwan government agency',
  iccpr: 'official translation of the Republic of China (Taiwan), National Laws and Regulations Database',
  icescr: 'official translation of the Republic of China (Taiwan), National Laws and Regulations Database',
  cedaw: 'official translation of the Republic of China (Taiwan), National Laws and Regulations Database',
  crc: 'official translation of the Republic of China (Taiwan), National Laws and Regulations Database',
  crpd: 'official translation of the Republic of China (Taiwan), National Laws and Regulations Database',
  'outer-space': 'Traditional Chinese text from zh.wikisource (not checked against the authentic Chinese text)',
  'gc-ap1': 'the UN Chinese text converted to Traditional characters with OpenCC (not checked against the authentic text)',
  'gc-ap2': 'Traditional Chinese text from zh.wikisource (not checked against the authentic Chinese text)',
  icerd: 'official translation of the Republic of China (Taiwan), National Laws and Regulations Database',
  cat: 'translation published by a Taiwan government agency',
  genocide: 'Traditional Chinese text from zh.wikisource (not checked against the authentic Chinese text)',
  refugee: 'Traditional Chinese text from zh.wikisource (not checked against the authentic Chinese text)',
  'iccpr-op1': 'the UN Chinese text converted to Traditional characters with OpenCC (not checked against the authentic text)',
  'iccpr-op2': 'the UN Chinese text converted to Traditional characters with OpenCC (not checked against the authentic text)',
  'op-icescr': 'Traditional Chinese text from zh.wikisource (not checked against the authentic Chinese text)',
  uncac: 'official translation of the Republic of China (Taiwan), National Laws and Regulations Database',
};

/** One instrument as built: its files, its checks, and what the README says about it. */
export interface BuiltInstrument {
  readonly instrument: Instrument;
  readonly files: readonly { readonly fileName: string; readonly content: string }[];
  /** The English document as imported (after the library's front matter). */
  readonly english: ImportedDocument;
  /** Where the English comes from: dataset, commit, path. */
  readonly source: string;
  /** Every check problem (an empty list is the only passing result). */
  readonly problems: readonly string[];
  readonly articlesFound: number;
  readonly annexes: readonly string[];
  readonly leftOutAnnexes: readonly string[];
  readonly chinese?: AlignmentReport;
  /** Repairs of the open-treaties dataset (for the ICJ Statute), listed in the README. */
  readonly repairs: readonly RepairChange[];
  /** What the importer left out or guessed, from its summary. */
  readonly notes: readonly string[];
}

/** The nl-treaties file of a BWB id. */
function nlFile(bwb: string): string {
  const found = nlIndex().get(bwb);
  if (found === undefined) {
    throw new Error(`${bwb} is not in ${nlTreatiesPath}`);
  }
  return found;
}

/** Every treaty file (`README.md`) under a folder of the Netherlands treaty database, sorted. */
export function nlTreatyFiles(folder: string): string[] {
  const files: string[] = [];
  const walk = (at: string): void => {
    for (const entry of fs.readdirSync(at, { withFileTypes: true })) {
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) {
        walk(full);
      } else if (entry.name === 'README.md') {
        files.push(full);
      }
    }
  };
  walk(folder);
  return files.sort();
}

let nlIndexCache: Map<string, string> | undefined;
function nlIndex(): Map<string, string> {
  if (nlIndexCache === undefined) {
    nlIndexCache = new Map();
    for (const file of nlTreatyFiles(path.join(nlTreatiesPath, 'verdrag'))) {
      const bwb = /BWBV\d+/.exec(file)?.[0];
      if (bwb !== undefined) {
        nlIndexCache.set(bwb, path.relative(nlTreatiesPath, file).split(path.sep).join('/'));
      }
    }
  }
  return nlIndexCache;
}

/** Applies the reviewed corrections to a source text; each must occur exactly once. */
function applyCorrections(text: string, instrument: Instrument, problems: string[]): string {
  let corrected = text;
  for (const correction of instrument.corrections ?? []) {
    const first = corrected.indexOf(correction.find);
    if (first < 0 || corrected.indexOf(correction.find, first + 1) >= 0) {
      problems.push(`correction: “${correction.find.slice(0, 60)}” occurs ${first < 0 ? 'nowhere' : 'more than once'} in the source`);
      continue;
    }
    corrected = corrected.slice(0, first) + correction.replace + corrected.slice(first + correction.find.length);
  }
  return corrected;
}

/** The library's relations and amendments (scripts/libraryStatus.json), read once. */
let statusCache: LibraryStatus | undefined;
export function libraryStatus(): LibraryStatus {
  return (statusCache ??= readLibraryStatus());
}

/**
 * The library's front matter for an instrument, in a fixed order, over what the import found; the relations of
 * scripts/libraryStatus.json (UNCLOS's `supersedes`) follow the build's own relation keys.
 */
function libraryFrontMatter(instrument: Instrument, imported: ImportedDocument['frontMatter'], source: string, status: LibraryStatus): Record<string, FrontMatterValue | undefined> {
  const own: Record<string, FrontMatterValue | undefined> = {
    short_title: instrument.shortTitle,
    aliases: instrument.aliases.length > 0 ? instrument.aliases : undefined,
    date: instrument.date,
    place: instrument.place,
    entry_into_force: instrument.entryIntoForce,
    status: instrument.status,
    superseded_by: instrument.supersededBy,
    amended_by: instrument.amendedBy,
  };
  return {
    ...own,
    ...libraryStatusFrontMatter(status, instrument.id, own),
    citation: instrument.citation,
    language: 'en',
    authentic: true,
    version: instrument.version,
    source,
    facts: 'library/README.md',
    testimonium: imported.testimonium,
    signatures: imported.signatures,
  };
}

/**
 * The checks' view of a corpus file as the core reads it (server/src/service/corpusParser.ts): the body's
 * sections and each annex, clause by clause, with `where` for messages.
 */
export function checkedView(id: string, document: CorpusDocument): CheckedInstrument {
  const children = new Map<number, Clause[]>();
  for (const clause of document.clauses) {
    const list = children.get(clause.parent) ?? [];
    list.push(clause);
    children.set(clause.parent, list);
  }
  const node = (clause: Clause, where: string): CheckedNode => {
    const kind = clause.kind === 'section' ? 'section' : clause.kind === 'item' ? 'item' : 'paragraph';
    const own = kind === 'section' ? `${where}${clause.label !== undefined ? `art. ${clause.label}` : `“${clause.text.slice(0, 30)}”`}` : where;
    return {
      kind,
      where: own,
      text: clause.text,
      label: kind === 'section' ? clause.label : undefined,
      children: (children.get(clause.ordinal) ?? []).map((child, index) => node(child, child.kind === 'section' ? where : `${own} ¶${index + 1}`)),
    };
  };
  const top = children.get(-1) ?? [];
  const preamble = top.find((clause) => clause.kind === 'section' && clause.key === '0');
  return {
    id,
    preamble: preamble ? (children.get(preamble.ordinal) ?? []).map((clause, index) => node(clause, `preamble ¶${index + 1}`)) : [],
    body: top.filter((clause) => clause.kind === 'section' && clause.key !== '0').map((clause) => node(clause, '')),
    annexes: top
      .filter((clause) => clause.kind === 'annex')
      .map((annex) => {
        const name = annex.text.replace(/ – .*/, '');
        const inside = children.get(annex.ordinal) ?? [];
        return {
          heading: annex.text,
          paragraphs: inside.filter((clause) => clause.kind !== 'section').map((clause, index) => node(clause, `${name} ¶${index + 1}`)),
          sections: inside.filter((clause) => clause.kind === 'section').map((clause) => node(clause, `${name} `)),
        };
      }),
  };
}

/** Every clause of a document in document order, for the round trip. */
export function clausesInOrder(view: CheckedInstrument): { where: string; text: string }[] {
  const clauses: { where: string; text: string }[] = [];
  const visit = (node: CheckedNode): void => {
    if (node.kind !== 'section') {
      clauses.push({ where: node.where, text: node.text });
    }
    node.children.forEach(visit);
  };
  view.preamble.forEach(visit);
  view.body.forEach(visit);
  for (const annex of view.annexes) {
    annex.paragraphs.forEach(visit);
    annex.sections.forEach(visit);
  }
  return clauses;
}

/**
 * Runs every check on an English corpus file against its source text: the core's own problems (a
 * `corpus-error` or a `label-sequence` warning), then those of libraryChecks.ts on the clauses as the core
 * reads them.
 */
export function checkInstrument(instrument: Instrument, content: string, sourceText: string): string[] {
  const document = parseCorpusDocument(content);
  const view = checkedView(instrument.id, document);
  return [
    ...document.problems.map((problem) => `${problem.code ?? 'corpus-error'}: line ${problem.range.startLine + 1}: ${problem.message}`),
    ...labelSequenceProblems(view),
    ...embeddedLabelProblems(view),
    ...articleCountProblems(view, { articles: instrument.articles, annexArticles: instrument.annexArticles }),
    ...roundTripProblems(clausesInOrder(view), withoutWhiteSpace(sourceText)),
  ];
}

/** The problems the core finds in a language version loaded beside its authentic version (alignment, labels). */
function versionProblems(files: readonly { fileName: string; content: string }[]): string[] {
  const index = new CorpusIndex();
  const root = 'file:///library';
  for (const file of files) {
    index.set(`${root}/${file.fileName}`, root, file.content);
  }
  return files.flatMap((file) => index.problemsOf(`${root}/${file.fileName}`, [root]).map((problem) => `${file.fileName}: ${problem.code ?? 'corpus-error'}: line ${problem.range.startLine + 1}: ${problem.message}`));
}

/** Reads an open-treaties file. */
export function readOpenTreaty(key: string): Treaty & OpenTreatiesTreaty {
  return JSON.parse(fs.readFileSync(path.join(openTreatiesPath, `${key}.json`), 'utf8')) as Treaty & OpenTreatiesTreaty;
}

/** The dictionary of the open-treaties un-gluing repairs: the English words of the whole dataset. */
function openTreatiesVocabulary(): ReturnType<typeof buildVocabulary> {
  const keys = fs.readdirSync(openTreatiesPath).filter((name) => name.endsWith('.json')).sort();
  return buildVocabulary(keys.flatMap((name) => englishTexts(readOpenTreaty(name.replace(/\.json$/, '')))));
}

/** Builds one instrument in memory and checks it. */
export function buildInstrument(instrument: Instrument, vocabulary?: () => ReturnType<typeof buildVocabulary>, status: LibraryStatus = libraryStatus()): BuiltInstrument {
  const problems: string[] = [];
  const notes: string[] = [];
  let english: ImportedDocument;
  let sourceText: string;
  let source: string;
  let repairs: RepairChange[] = [];
  if (instrument.nl !== undefined) {
    const relative = nlFile(instrument.nl.bwb);
    const raw = fs.readFileSync(path.join(nlTreatiesPath, relative), 'utf8');
    const corrected = applyCorrections(raw, instrument, problems);
    const datasetPath = relative;
    source = `${nlTreatiesDataset.repository}@${nlTreatiesDataset.commit}:${datasetPath}`;
    const result = importNlTreaty(corrected, datasetPath, { datasetPath });
    if (result.error !== undefined) {
      problems.push(`import: ${result.error.message}`);
    }
    const imported = result.documents[instrument.nl.document ?? 0];
    if (imported === undefined) {
      throw new Error(`${instrument.id}: ${relative} has no document ${instrument.nl.document ?? 0}`);
    }
    for (const note of [...result.guesses, ...result.skipped]) {
      if (note.line >= imported.line) {
        notes.push(`line ${note.line}: ${note.message}`);
      }
    }
    english = imported;
    sourceText = corrected.split(/\r?\n/).map(readerTextOf).join('\n');
  } else if (instrument.openTreaties !== undefined) {
    const raw = fs.readFileSync(path.join(openTreatiesPath, `${instrument.openTreaties}.json`), 'utf8');
    const treaty = JSON.parse(applyCorrections(raw, instrument, problems)) as Treaty & OpenTreatiesTreaty;
    const words = vocabulary?.() ?? openTreatiesVocabulary();
    const imported = importTreaty(treaty, instrument.openTreaties, { vocabulary: words, paragraphNumbers: true });
    repairs = imported.report.repairs.filter((change) => change.rule !== 'spacing');
    english = { ...imported.document, translations: [], printedLabels: true };
    source = `lawchat-oss/open-treaties@${openTreatiesCommit}:data/${instrument.openTreaties}.json (CC0 1.0)`;
    // The source text of the round trip: the dataset's English after the listed repairs.
    const repaired = repairTreaty(instrument.openTreaties, treaty, words).treaty;
    sourceText = [repaired.preamble_en ?? '', ...repaired.articles.map((article) => article.content_en ?? '')].join('\n');
  } else {
    throw new Error(`${instrument.id}: no source`);
  }

  const leftOut: string[] = [];
  const annexes = (english.annexes ?? []).filter((annex) => {
    const why = Object.entries(instrument.leaveOutAnnexes ?? {}).find(([start]) => annex.heading === start || annex.heading.startsWith(`${start} `))?.[1];
    if (why !== undefined) {
      leftOut.push(`${annex.heading.replace(/ – .*/, '')}: ${why}`);
      return false;
    }
    return true;
  });
  english = {
    ...english,
    title: instrument.title,
    annexes,
    frontMatter: libraryFrontMatter(instrument, english.frontMatter, source, status),
    translations: [],
  };
  const englishFile = renderImported([english], new IdAllocator([instrument.id])).files[0];
  problems.push(...checkInstrument(instrument, englishFile.content, sourceText));
  const parsed = parseCorpusDocument(englishFile.content);

  // The Chinese translation, aligned by label.
  let chineseReport: AlignmentReport | undefined;
  const files = [{ fileName: englishFile.fileName, content: englishFile.content }];
  if (instrument.chinese !== undefined) {
    const treaty = readOpenTreaty(instrument.chinese);
    const { document, report } = alignChinese(parsed, treaty, treaty.treaty_zh ?? instrument.title, {
      short_title: instrument.shortTitle,
      date: instrument.date,
      language: 'zh',
      script: 'Hant',
      authentic: false,
      source: `lawchat-oss/open-treaties@${openTreatiesCommit}:data/${instrument.chinese}.json (CC0 1.0); Chinese: ${chineseOrigins[instrument.chinese] ?? 'see the dataset’s SOURCES.md'}`,
      note: 'Traditional Chinese translation (Taiwan), not an authentic text; clauses whose printed labels do not match the English are left out (library/README.md)',
    });
    chineseReport = report;
    const version = renderImported([{ ...english, translations: [document] }], new IdAllocator([instrument.id]), { translations: true }).files[1];
    files.push({ fileName: version.fileName, content: version.content });
    problems.push(...versionProblems(files));
  }
  const view = checkedView(instrument.id, parsed);
  return {
    instrument,
    files,
    english,
    source,
    problems,
    articlesFound: view.body.filter((node) => node.label !== undefined).length,
    annexes: annexes.map((annex) => annex.heading.replace(/ – .*/, '')),
    leftOutAnnexes: leftOut,
    chinese: chineseReport,
    repairs,
    notes,
  };
}

/** Builds every instrument of the library in memory. */
export function buildLibrary(entries: readonly Instrument[] = instruments): BuiltInstrument[] {
  let vocabulary: ReturnType<typeof buildVocabulary> | undefined;
  const words = (): ReturnType<typeof buildVocabulary> => (vocabulary ??= openTreatiesVocabulary());
  return entries.map((instrument) => buildInstrument(instrument, words));
}

function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|').replace(/`/g, 'ʼ');
}

const sourceNames: Readonly<Record<string, string>> = {
  date: 'date',
  entry_into_force: 'entry into force',
  citation: 'citation',
  status: 'status',
};

/** The amendments of an instrument, stated on either side, with their dates: `2010-RC-RES6 (2010-06-11; in force 2013-05-08)`. */
function amendmentsCell(status: LibraryStatus, id: string): string {
  const amending = statusRelations(status)
    .filter((relation) => (relation.key === 'amends' && relation.id === id) || (relation.key === 'amended_by' && relation.holder === id))
    .map((relation) => (relation.key === 'amends' ? relation.holder : relation.id));
  return [...new Set(amending)]
    .map((other) => {
      const facts = status.documents[other]?.front_matter ?? status.instruments[other]?.front_matter ?? {};
      const dates = [facts['date'], facts['entry_into_force'] !== undefined ? `in force ${String(facts['entry_into_force'])}` : undefined].filter((part) => part !== undefined);
      return `\`${other}\`${dates.length > 0 ? ` (${dates.join('; ')})` : ''}`;
    })
    .join(', ') || '—';
}

/** What an instrument supersedes, or what supersedes it, with the provision and note: `superseded by 1982-UNCLOS (art. 311(1), between its parties)`. */
function supersessionCell(status: LibraryStatus, id: string): string {
  const relations = statusRelations(status);
  const detail = (holder: string): string => {
    const facts = status.instruments[holder]?.front_matter ?? status.documents[holder]?.front_matter ?? {};
    const parts = [facts['supersedes_provision'], facts['supersedes_note']].filter((part) => part !== undefined).map(String);
    return parts.length > 0 ? ` (${parts.join(', ')})` : '';
  };
  const supersedes = relations.filter((relation) => relation.key === 'supersedes' && relation.holder === id).map((relation) => `\`${relation.id}\``);
  const by = relations.filter((relation) => relation.key === 'supersedes' && relation.id === id).map((relation) => `superseded by \`${relation.holder}\`${detail(relation.holder)}`);
  return [...(supersedes.length > 0 ? [`supersedes ${supersedes.join(', ')}${detail(id)}`] : []), ...by].join('; ') || '—';
}

/** The library's README: what is in it, where each text and fact comes from, and what was changed. */
export function renderReadme(built: readonly BuiltInstrument[], status: LibraryStatus = libraryStatus()): string {
  const lines: string[] = [];
  const push = (...text: string[]): void => {
    lines.push(...text);
  };
  push(
    '# The starter library of treaties',
    '',
    'This folder is a second built-in corpus of Pinpoint, loaded beside the joint statements in `corpus/` unless the setting',
    '`pinpoint.corpus.includeLibrary` is `false`. It is **generated** by `npm run build:library` (`scripts/buildLibrary.ts`) and',
    'never edited by hand. The English texts come from the Netherlands treaty database as published in Markdown by',
    `statengeneraal/laws-markdown (commit ${nlTreatiesDataset.commit}, folder \`verdrag/\`), read with the importer of`,
    '`pinpoint import` (`server/src/import/nlTreaties.ts`). The ICJ Statute, which that database lacks, comes from the',
    `open-treaties dataset (lawchat-oss/open-treaties, commit ${openTreatiesCommit}, CC0 1.0), and so do the Chinese translations.`,
    '',
    '## What is in it',
    '',
    '| id | instrument | source (commit) | articles expected / found | annexes | languages | known limits |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const entry of built) {
    const { instrument } = entry;
    const languages = entry.files.length > 1 ? `en (authentic), zh (translation: ${entry.chinese?.aligned ?? 0} clauses aligned, ${entry.chinese?.missing ?? 0} left out)` : 'en (authentic)';
    const limits = [...(instrument.version ? [`text ${instrument.version}`] : []), ...(instrument.limits ?? []), ...entry.leftOutAnnexes.map((annex) => `left out: ${annex}`), ...((instrument.corrections ?? []).length > 0 ? [`${instrument.corrections?.length} reviewed corrections (below)`] : []), ...(entry.repairs.length > 0 ? [`${entry.repairs.length} dataset repairs (below)`] : [])];
    push(
      `| \`${instrument.id}\` | ${cell(instrument.title)} (${cell(instrument.shortTitle)}${instrument.aliases.length > 0 ? `; ${instrument.aliases.map((alias) => `\`${alias}\``).join(', ')}` : ''}) | ${cell(entry.source)} | ${instrument.articles} / ${entry.articlesFound}${instrument.annexArticles ? `; ${Object.entries(instrument.annexArticles).map(([annex, count]) => `${annex}: ${count}`).join(', ')}` : ''} | ${entry.annexes.length > 0 ? cell(entry.annexes.join(', ')) : '—'} | ${languages} | ${limits.length > 0 ? cell(limits.join('; ')) : '—'} |`,
    );
  }
  push('', 'Not included, and why:', '');
  for (const entry of notIncluded) {
    push(`- \`${entry.id}\` (${entry.title}): ${entry.why}.`);
  }
  push(
    '',
    '## How the files are written',
    '',
    'Each instrument is `ID.md`, its English text, the **authentic** version (`language: en`, `authentic: true`), and, where the',
    'open-treaties dataset has one, `ID.zh.md`, a Traditional Chinese **translation** (`authentic: false`). Chinese is an authentic',
    'language of most of these treaties, but the dataset’s texts are Taiwan translations or unverified copies, so none is marked',
    'authentic. The Dutch translation that the Netherlands database carries beside the English is left out of the library.',
    '',
    '- Articles are sections: `## Article 31 – General rule of interpretation`. An inserted article is numbered base × 100 + k',
    '  (`## 802 Article 8 bis`), so that section numbers stay unique.',
    '- Numbered paragraphs keep their printed number at the margin (`1. A treaty shall be interpreted…`); an unnumbered chapeau',
    '  is an unlabelled paragraph (UN Charter art. 2: the chapeau, then `1.` to `7.`).',
    '- Items are list items that keep their printed label (`- (a) any subsequent agreement…`); sub-items are nested lists',
    '  (`  - (i) …`). Words that close a list are an unlabelled paragraph of their own.',
    '- Parts and chapters are level-1 headings (`# Part V – …`); sections of a part are level-3 headings. Annexes start at',
    '  `# Annex VII – …` (a schedule at `# Schedule`: it is cited as an annex, `[1951-REFUGEES annex para. 6(1)]`), their',
    '  articles are numbered within the annex, and their groupings are level-3 headings.',
    '- The preamble is one paragraph per recital. The testimonium (“IN WITNESS WHEREOF … DONE at …”) and signatures are',
    '  front matter (`testimonium`, `signatures`), not clauses.',
    '- Cite printed numbers (`[1969-VCLT art. 31(3)(a)]`, `[VCLT art. 31(1)]`, `[1982-UNCLOS annex VII art. 1]`).',
    '',
    'Chinese versions are aligned to the English by printed label, not by position: article 31 with 第三十一條, paragraph `3.`',
    'with `三、`, item `(a)` with `（甲）`. A clause whose Chinese counterpart cannot be found by its label is left out of the',
    'Chinese version (no placeholder); hover then shows that the Chinese version lacks it. The counts are in the table above.',
    'The Taiwan translations also number items `（甲）`, `（乙）` (heavenly stems) or `（子）`, `（丑）` (earthly branches), and',
    'paragraphs `一  ` (a numeral and spaces): each is read by its ordinal. A preamble is aligned only where the Chinese has as',
    'many paragraphs as the English has recitals.',
    '',
    '## Checks',
    '',
    '`npm run build:library` writes nothing unless every instrument passes (`scripts/libraryChecks.ts`):',
    '',
    '- labels under one parent run in sequence (1, 2, 3; a, b, c; i, ii, iii; `bis`/`ter` insertions allowed), articles included;',
    '- no printed label stands inside a clause where a new paragraph should start (`… treaty. 2. The …`);',
    '- the articles found are as many as the instrument has (its last article’s number), and so are each annex’s;',
    '- every English clause equals its source text, white space aside (in document order);',
    '- the library as a whole loads into the core with no diagnostic on any file: the Chinese versions aligned, every id of',
    '  a relation (`supersedes`, `amends`) held by the library, `supersedes_provision` resolving (UNCLOS art. 311(1)).',
    '',
    '## Where the facts come from',
    '',
    'The front matter states only facts the maintainers are certain of; where one is missing, it was not certain. `date` is the',
    'date of the instrument as its depositary records it (its conclusion: the date of its testimonium, or its adoption by the',
    'General Assembly). Sources: *testimonium* (the instrument’s own closing words), *final clauses* (its own articles), the',
    'UN depositary record (Multilateral Treaties Deposited with the Secretary-General, chapter given), the United Nations Treaty',
    'Series registration, and the Council of Europe Treaty Office (depositary of the European Convention and its Protocols).',
    '',
    'Amendments and supersession (the two middle columns) come from `scripts/libraryStatus.json`; their sources are in the',
    'table of the next section.',
    '',
    '| id | date | entry into force | status | amendments | supersedes / superseded by | citation | sources |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const { instrument } of built) {
    push(
      `| \`${instrument.id}\` | ${instrument.date} | ${instrument.entryIntoForce ?? '—'} | ${instrument.status ?? '—'}${instrument.supersededBy ? ` (by \`${instrument.supersededBy}\`)` : ''} | ${amendmentsCell(status, instrument.id)} | ${supersessionCell(status, instrument.id)} | ${instrument.citation ?? '—'} | ${Object.entries(instrument.sources).map(([key, value]) => `${sourceNames[key] ?? key}: ${value}`).join('; ')} |`,
    );
  }
  push(
    '',
    '## Relations and amendments',
    '',
    'An amending instrument is a document of its own (README.md of the repository, "Status of instruments"). The library has',
    'no clean text of these, so each is **metadata only** (its front matter, no articles; its `text` key says why):',
    '',
  );
  for (const document of libraryStatusDocuments(status)) {
    const entry = status.documents[document.id];
    push(`- \`${document.id}\` (${cell(entry.title)}), amending \`${String(entry.front_matter['amends'])}\`: ${cell(String(entry.front_matter['text'] ?? ''))}.`);
  }
  push('', 'Every fact of `scripts/libraryStatus.json`, with its source:', '', '| id | fact | value | source |', '| --- | --- | --- | --- |');
  let previous: { id: string; source: string } | undefined;
  for (const row of libraryStatusSources(status)) {
    const same = previous !== undefined && previous.id === row.id && previous.source === row.source;
    push(`| \`${row.id}\` | ${row.key} | ${cell(row.value)} | ${same ? 'the same' : cell(row.source)} |`);
    previous = row;
  }
  push('', '## Changes made to the sources', '', 'Every change is listed; nothing else differs from the source (white space aside).', '');
  for (const entry of built) {
    const corrections = entry.instrument.corrections ?? [];
    if (corrections.length === 0 && entry.repairs.length === 0 && entry.leftOutAnnexes.length === 0) {
      continue;
    }
    push(`### ${entry.instrument.id}`, '');
    for (const correction of corrections) {
      push(`- “${cell(correction.find)}” → “${cell(correction.replace.replace(/\n\n/g, '¶'))}”: ${correction.reason}`);
    }
    for (const repair of entry.repairs) {
      push(`- art. ${repair.article === 'preamble' ? 'preamble' : repair.article} (${repair.field}, ${repair.rule}): “${cell(repair.before)}” → “${cell(repair.after)}”`);
    }
    for (const annex of entry.leftOutAnnexes) {
      push(`- Left out: ${cell(annex)}`);
    }
    push('');
  }
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

/**
 * The problems of the library as a whole, as the server reports them on its files: the status data's own
 * (scripts/libraryStatus.ts: sources, values, ids the library does not write), then every diagnostic of every
 * file loaded together (relations included: an id no file has, a `supersedes_provision` that does not resolve,
 * a cycle). An empty list is the only passing result.
 */
export function libraryProblems(files: ReadonlyMap<string, string>, status: LibraryStatus = libraryStatus()): string[] {
  const problems = checkLibraryStatus(status, new Set(instruments.map((instrument) => instrument.id))).map((problem) => `libraryStatus.json: ${problem}`);
  const service = createLanguageService();
  const root = 'file:///library';
  const names = [...files.keys()].filter((name) => name !== 'README.md');
  for (const name of names) {
    service.setCorpusFile(`${root}/${name}`, root, files.get(name) ?? '');
  }
  for (const name of names) {
    for (const diagnostic of service.corpusDiagnostics(`${root}/${name}`, [root])) {
      problems.push(`${name}:${diagnostic.range.start.line + 1}: ${String(diagnostic.code)}: ${diagnostic.message}`);
    }
  }
  return problems;
}

/** Every file of the library, README included, by file name. */
export function libraryFiles(built: readonly BuiltInstrument[]): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of built) {
    for (const file of entry.files) {
      files.set(file.fileName, file.content);
    }
  }
  for (const document of libraryStatusDocuments(libraryStatus())) {
    files.set(document.fileName, document.content);
  }
  files.set('README.md', renderReadme(built));
  return files;
}

function main(argv: readonly string[]): number {
  if (!fs.existsSync(nlTreatiesPath)) {
    process.stderr.write(`build:library needs the shared corpora at ${corporaPath}\n`);
    return 2;
  }
  const only = argv.find((argument) => argument.startsWith('--only='))?.slice('--only='.length).split(',');
  const built = buildLibrary(only ? instruments.filter((instrument) => only.includes(instrument.id)) : instruments);
  let failed = 0;
  for (const entry of built) {
    for (const problem of entry.problems) {
      process.stderr.write(`${entry.instrument.id}: ${problem}\n`);
    }
    failed += entry.problems.length;
    process.stdout.write(
      `${entry.instrument.id.padEnd(20)} ${String(entry.articlesFound).padStart(4)}/${String(entry.instrument.articles).padEnd(4)} articles, ${String(entry.annexes.length).padStart(2)} annexes, zh ${entry.chinese ? `${entry.chinese.aligned} aligned / ${entry.chinese.missing} left out` : '—'}, ${entry.problems.length} problems\n`,
    );
  }
  // The status data is checked in every build; the library as a whole (relations across files) only when
  // every instrument is built.
  const files = libraryFiles(built);
  const whole = only === undefined ? libraryProblems(files) : checkLibraryStatus(libraryStatus(), new Set(instruments.map((instrument) => instrument.id))).map((problem) => `libraryStatus.json: ${problem}`);
  for (const problem of whole) {
    process.stderr.write(`${problem}\n`);
  }
  failed += whole.length;
  if (failed > 0) {
    process.stderr.write(`build:library: ${failed} problems; nothing written\n`);
    return 1;
  }
  if (only !== undefined) {
    return 0;
  }
  if (argv.includes('--check')) {
    const stale = [...files].filter(([name, content]) => !fs.existsSync(path.join(libraryPath, name)) || fs.readFileSync(path.join(libraryPath, name), 'utf8') !== content).map(([name]) => name);
    const extra = fs.existsSync(libraryPath) ? fs.readdirSync(libraryPath).filter((name) => name.endsWith('.md') && !files.has(name)) : [];
    for (const name of [...stale, ...extra]) {
      process.stderr.write(`library/${name} is out of date: run npm run build:library\n`);
    }
    return stale.length + extra.length > 0 ? 1 : 0;
  }
  fs.mkdirSync(libraryPath, { recursive: true });
  for (const name of fs.readdirSync(libraryPath).filter((entry) => entry.endsWith('.md') && !files.has(entry))) {
    fs.rmSync(path.join(libraryPath, name));
  }
  for (const [name, content] of files) {
    fs.writeFileSync(path.join(libraryPath, name), content);
  }
  process.stdout.write(`library/: ${files.size} files, ${built.length} instruments\n`);
  return 0;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
