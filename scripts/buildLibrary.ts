/**
 * Regenerates the starter library (library/*.md and library/README.md) from the open-treaties dataset with
 * the JSON treaty importer, deterministically: the same dataset always gives the same bytes.
 * Run: `node --import tsx scripts/buildLibrary.ts` (npm run build:library); `--check` compares instead of
 * writing and exits 1 when library/ is out of date.
 *
 * The library is generated, never edited by hand: repairs of the dataset live in
 * server/src/import/treatyRepairs.ts, the structure rules in server/src/import/treatyStructure.ts, and
 * every change they make is listed in library/README.md by this script.
 * test/unit/library.test.ts checks the files against the dataset.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { IdAllocator, renderImported } from '../server/src/import';
import { importTreaty, omittedChineseText, type Treaty, type TreatyImportReport } from '../server/src/import/jsonTreaty';
import { buildVocabulary, englishTexts, type RepairChange } from '../server/src/import/treatyRepairs';
import { CorpusIndex } from '../server/src/service/corpusIndex';

/** The dataset, in the shared folder beside the repository. */
export const datasetPath = path.join(__dirname, '..', '..', 'shared', 'corpora', 'open-treaties', 'data');
/** Where the library is written. */
export const libraryPath = path.join(__dirname, '..', 'library');

/** Where the dataset's Chinese comes from (its SOURCES.md), by kind. */
const chineseSources = {
  moj: 'Chinese: official translation of the Republic of China (Taiwan), National Laws and Regulations Database',
  government: 'Chinese: translation published by a Taiwan government agency',
  wikisource: 'Chinese: Traditional Chinese text from zh.wikisource (not checked against the authentic Chinese text)',
  unOpencc: 'Chinese: the UN Chinese text converted to Traditional characters with OpenCC (not checked against the authentic text)',
} as const;

/** One treaty of the library. */
export interface LibraryEntry {
  /** The dataset file name without `.json`. */
  readonly key: string;
  /** The document id. */
  readonly id: string;
  /** The usual short name. */
  readonly shortTitle: string;
  /** Where its Chinese comes from. */
  readonly chinese: keyof typeof chineseSources;
}

/** The treaties of the library, in the order of the README. */
export const libraryEntries: readonly LibraryEntry[] = [
  { key: 'un-charter', id: '1945-UNCH', shortTitle: 'UN Charter', chinese: 'wikisource' },
  { key: 'icj-statute', id: '1945-ICJST', shortTitle: 'ICJ Statute', chinese: 'wikisource' },
  { key: 'vclt', id: '1969-VCLT', shortTitle: 'VCLT', chinese: 'wikisource' },
  { key: 'vcdr', id: '1961-VCDR', shortTitle: 'VCDR', chinese: 'moj' },
  { key: 'vccr', id: '1963-VCCR', shortTitle: 'VCCR', chinese: 'moj' },
  { key: 'unclos', id: '1982-UNCLOS', shortTitle: 'UNCLOS', chinese: 'wikisource' },
  { key: 'rome-statute', id: '1998-ROME', shortTitle: 'Rome Statute', chinese: 'wikisource' },
  { key: 'udhr', id: '1948-UDHR', shortTitle: 'UDHR', chinese: 'government' },
  { key: 'iccpr', id: '1966-ICCPR', shortTitle: 'ICCPR', chinese: 'moj' },
  { key: 'icescr', id: '1966-ICESCR', shortTitle: 'ICESCR', chinese: 'moj' },
  { key: 'cedaw', id: '1979-CEDAW', shortTitle: 'CEDAW', chinese: 'moj' },
  { key: 'crc', id: '1989-CRC', shortTitle: 'CRC', chinese: 'moj' },
  { key: 'crpd', id: '2006-CRPD', shortTitle: 'CRPD', chinese: 'moj' },
  { key: 'outer-space', id: '1967-OST', shortTitle: 'Outer Space Treaty', chinese: 'wikisource' },
  { key: 'gc-i', id: '1949-GC-I', shortTitle: 'Geneva Convention I', chinese: 'unOpencc' },
  { key: 'gc-ap1', id: '1977-AP-I', shortTitle: 'Additional Protocol I', chinese: 'unOpencc' },
  { key: 'gc-ap2', id: '1977-AP-II', shortTitle: 'Additional Protocol II', chinese: 'wikisource' },
];

/** The treaties of the dataset left out of the library, with why (their English is not clean enough to repair safely). */
export const otherEntries: readonly (LibraryEntry & { readonly why: string })[] = [
  { key: 'gc-ii', id: '1949-GC-II', shortTitle: 'Geneva Convention II', chinese: 'unOpencc', why: 'its English keeps MediaWiki list markup (`#`, `#*`, `##`) in place of the paragraph and item labels in several articles, common article 3 among them, so they cannot be numbered safely' },
  { key: 'gc-iii', id: '1949-GC-III', shortTitle: 'Geneva Convention III', chinese: 'unOpencc', why: 'its English keeps MediaWiki list markup (`#`, `#*`, `##`) in place of the paragraph and item labels in several articles, common article 3 among them, so they cannot be numbered safely' },
  { key: 'gc-iv', id: '1949-GC-IV', shortTitle: 'Geneva Convention IV', chinese: 'unOpencc', why: 'its English keeps MediaWiki list markup (`#`, `#*`, `##`) in place of the paragraph and item labels in several articles, common article 3 among them, so they cannot be numbered safely' },
  { key: 'genocide', id: '1948-GENOCIDE', shortTitle: 'Genocide Convention', chinese: 'wikisource', why: 'its English has words run together on almost every line (`thegroup`, `internationallaw`): too many to repair by a reviewed list' },
  { key: 'iccpr-op1', id: '1966-ICCPR-OP1', shortTitle: 'ICCPR Optional Protocol', chinese: 'unOpencc', why: 'its English has words run together on almost every line (`toreceive`, `claimthat`)' },
  { key: 'iccpr-op2', id: '1989-ICCPR-OP2', shortTitle: 'ICCPR Second Optional Protocol', chinese: 'unOpencc', why: 'its English has words run together on almost every line (`humanrights`, `rightto`)' },
  { key: 'op-icescr', id: '2008-OP-ICESCR', shortTitle: 'ICESCR Optional Protocol', chinese: 'wikisource', why: 'its English has words run together on almost every line, and page numbers (`- 1 0 -`) in the text' },
  { key: 'icerd', id: '1965-ICERD', shortTitle: 'ICERD', chinese: 'moj', why: 'its English has page headers of the UN Treaty Series (`230 United Nations — Treaty Series 1969`) and part headings in the text' },
  { key: 'cat', id: '1984-CAT', shortTitle: 'CAT', chinese: 'government', why: 'its English has words run together where hard-wrapped lines were joined (`amendmentand`, `proposedamendment`) on almost every line' },
  { key: 'refugee', id: '1951-REFUGEES', shortTitle: 'Refugee Convention', chinese: 'wikisource', why: 'its English has words run together on almost every line (`thathuman`, `withoutdiscrimination`) and chapter headings in the text' },
  { key: 'uncac', id: '2003-UNCAC', shortTitle: 'UNCAC', chinese: 'moj', why: 'its English has footnote numbers and chapter headings glued into the text (`…of corruption.9`)' },
];



/** One treaty as built: its files and what the import found. */
export interface BuiltTreaty {
  readonly entry: LibraryEntry;
  readonly files: { readonly fileName: string; readonly content: string }[];
  readonly report: TreatyImportReport;
  readonly articles: number;
  readonly title: string;
}

/** Reads a dataset file. */
export function readTreaty(key: string): Treaty {
  return JSON.parse(fs.readFileSync(path.join(datasetPath, `${key}.json`), 'utf8')) as Treaty;
}

/** The dictionary of the un-gluing repairs: the English words of the whole dataset (all 28 files). */
export function datasetVocabulary(): ReturnType<typeof buildVocabulary> {
  const keys = fs.readdirSync(datasetPath).filter((name) => name.endsWith('.json')).sort();
  return buildVocabulary(keys.flatMap((name) => englishTexts(readTreaty(name.replace(/\.json$/, '')))));
}

/** Builds every treaty of the library in memory. */
export function buildLibrary(entries: readonly LibraryEntry[] = libraryEntries): BuiltTreaty[] {
  const vocabulary = datasetVocabulary();
  return entries.map((entry) => {
    const treaty = readTreaty(entry.key);
    const { document, report } = importTreaty(treaty, entry.key, { vocabulary, chineseSource: chineseSources[entry.chinese], paragraphNumbers: false });
    const english = {
      ...document,
      frontMatter: { ...document.frontMatter, short_title: entry.shortTitle, repairs: 'library/README.md' },
    };
    const translations = (document.translations ?? []).map((translation) => ({
      ...translation,
      frontMatter: { ...translation.frontMatter, short_title: entry.shortTitle },
    }));
    const { files } = renderImported([{ ...english, translations }], new IdAllocator([entry.id]), { translations: true });
    return {
      entry,
      files: files.map((file) => ({ fileName: file.fileName, content: file.content })),
      report,
      articles: treaty.articles.length,
      title: document.title,
    };
  });
}

/** Loads the files into the core's index and returns every corpus-error, as `file: message`. */
export function corpusErrors(files: readonly { fileName: string; content: string }[]): string[] {
  const index = new CorpusIndex();
  const root = 'file:///library';
  for (const file of files) {
    index.set(`${root}/${file.fileName}`, root, file.content);
  }
  return files.flatMap((file) => index.problemsOf(`${root}/${file.fileName}`, [root]).map((problem) => `${file.fileName}:${problem.range.startLine + 1}: ${problem.message}`));
}

const ruleNames: Readonly<Record<RepairChange['rule'], string>> = {
  spacing: 'Runs of blanks collapsed (white space only)',
  italics: 'Words glued to an italic term split',
  'camel-glue': 'A word glued to the capitalised word after it split',
  'glued-words': 'Two words run together split (reviewed list of exact tokens)',
  'glued-heading': 'Heading of the next part glued to the article removed',
  'title-continuation': 'Article title that spilled into the text moved back into the title',
  'recital-breaks': 'Preamble recitals glued together separated',
  'broken-line': 'Paragraph broken in the middle of a sentence joined',
  truncated: 'Text cut off by the dataset marked […] (not completed)',
  'editorial-note': "Dataset editors' note removed",
  'lost-numbering': 'Lost paragraph numbers or item letters restored from the Chinese numbering',
  'ocr-digit': 'The digit 1 scanned as the letter l restored (`paragraph l` is paragraph 1)',
  explicit: 'Reviewed one-off correction',
};

function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ⏎ ').replace(/\|/g, '\\|').replace(/`/g, 'ʼ').replace(/\[/g, '\\[').replace(/\]/g, '\\]');
}

/** The library's README: what is in it, how clauses are numbered, and every change made to the dataset. */
export function renderReadme(built: readonly BuiltTreaty[]): string {
  const lines: string[] = [];
  const push = (...text: string[]): void => {
    lines.push(...text);
  };
  push(
    '# The starter library of multilateral treaties',
    '',
    'This folder is a second built-in corpus of Pinpoint, loaded beside the joint statements in `corpus/` unless the setting',
    '`pinpoint.corpus.includeLibrary` is `false`. It is **generated** from the open-treaties dataset',
    '(lawchat-oss/open-treaties, data licensed CC0 1.0; the treaty texts themselves are in the public domain) by',
    '`npm run build:library` (`scripts/buildLibrary.ts`), with the JSON treaty importer of `pinpoint import`.',
    'Do not edit the files by hand: change the importer or the repairs and build again.',
    '',
    '## What is in it',
    '',
    '| id | treaty | articles | files | Chinese articles left out |',
    '| --- | --- | --- | --- | --- |',
  );
  for (const treaty of built) {
    push(`| \`${treaty.entry.id}\` | ${cell(treaty.title)} (${treaty.entry.shortTitle}) | ${treaty.articles} | ${treaty.files.map((file) => `\`${file.fileName}\``).join(', ')} | ${treaty.report.omittedChinese.length} |`);
  }
  push('', 'Not included (built with `--all` to see how they would import, but their English is not clean enough to repair safely):', '');
  for (const other of otherEntries) {
    push(`- \`${other.key}.json\` (${other.shortTitle}): ${other.why}.`);
  }
  push(
    '',
    'Each treaty has two files that share one id: `ID.md`, the English text, which is the **authentic** version',
    '(`language: en`, `authentic: true`) and decides the numbering, and `ID.zh.md`, a **translation**',
    '(`language: zh`, `script: Hant`, `authentic: false`) in Traditional Chinese. The dataset says where each Chinese',
    'text comes from (its SOURCES.md); the front matter `source` repeats it. Chinese is an authentic language of',
    'these treaties, but the texts in the dataset are Taiwan translations or unverified copies, so none of them is',
    'marked authentic. Hover shows both, each labelled `en · authentic` or `zh · translation`; the setting',
    '`pinpoint.languages` (for example `["zh"]`) puts the Chinese first.',
    '',
    '## How clauses are numbered',
    '',
    'Articles are sections, numbered paragraphs are paragraphs, lettered sub-paragraphs are items, so a path reads like',
    'the citation a lawyer writes:',
    '',
    '| citation | Pinpoint | clause |',
    '| --- | --- | --- |',
    '| VCLT article 31(1) | `[1969-VCLT §31.1]` | “A treaty shall be interpreted in good faith…” |',
    '| VCLT article 31(3)(a) | `[1969-VCLT §31.3.1]` | “(a) any subsequent agreement between the parties…” |',
    '| UN Charter article 2(4) | `[1945-UNCH §2.4]` | “All Members shall refrain in their international relations from the threat or use of force…” |',
    '| ICJ Statute article 38(1)(c) | `[1945-ICJST §38.1.3]` | “c. the general principles of law recognized by civilized nations;” |',
    '| UNCLOS article 1(1)(4) | `[1982-UNCLOS §1.1.4]` | “(4) "pollution of the marine environment" means…” |',
    '',
    '- **Section** = article: `## Article 31 – General rule of interpretation` is §31. Inserted articles (`8 bis`) are',
    '  numbered base × 100 + k (`## 802 Article 8 bis`, §802), as the importer does for every source.',
    '- **Paragraph** = the article\'s numbered paragraph: `3.` is §31.3, whatever comes before it. Text before',
    '  paragraph 1 (the UN Charter\'s “The Purposes of the United Nations are:”) belongs to no paragraph, so it is written',
    '  into the section heading and paragraph 1 stays §1.1. An article without numbered paragraphs has its paragraphs',
    '  numbered from 1 in order, so a one-paragraph article is §N.1.',
    '- **Item** = a lettered (or numbered) sub-paragraph of a paragraph: `(a)`, `a.`, `(1)` is item 1, `(b)` item 2.',
    '  In an article without numbered paragraphs its items belong to the paragraph before them: article 3(a) of a',
    '  one-paragraph article is §3.1.1. Deeper levels (`(i)`, `(ii)`) stay in the text of their item, as the corpus',
    '  format has three levels.',
    '- **Preamble** = section 0: §0.1 is the opening words (“The States Parties to the present Convention,”), and each',
    '  recital is the next paragraph, so “the first preambular paragraph” is §0.2.',
    '- A paragraph\'s text starts without its number (`§31.1` is “A treaty shall be interpreted…”): the path says it.',
    '  Items keep their letter (`(a) any subsequent agreement…`), which is what a lawyer writes.',
    '',
    'Where the Chinese text is numbered differently from the English, it is not forced into the English structure:',
    `the Chinese of that article is left out, and each of its clauses reads \`${omittedChineseText}\`, so the`,
    'two versions still line up clause for clause (a version that does not line up would be a `corpus-error`).',
    'The articles concerned are listed below, with the reason.',
    '',
    '## Changes made to the dataset',
    '',
    'The dataset was scraped from web pages, and the scrape left defects. They are repaired only by narrow rules',
    '(`server/src/import/treatyRepairs.ts`) or reviewed one-off corrections; a rule that is not sure changes nothing,',
    'and no missing text is ever supplied. Every change is listed here.',
    '',
  );
  for (const [rule, name] of Object.entries(ruleNames)) {
    push(`- **${name}** (\`${rule}\`)`);
  }
  push('');
  for (const treaty of built) {
    push(`### ${treaty.entry.id} (${treaty.entry.shortTitle}, \`${treaty.entry.key}.json\`)`, '');
    const changes = treaty.report.repairs;
    const spacing = changes.filter((change) => change.rule === 'spacing');
    if (spacing.length > 0) {
      const count = spacing.reduce((sum, change) => sum + Number(/^\d+/.exec(change.before)?.[0] ?? 0), 0);
      push(`- Spacing: runs of blanks collapsed on ${count} lines in ${spacing.length} fields.`);
    }
    const listed = changes.filter((change) => change.rule !== 'spacing');
    if (listed.length > 0) {
      push('', '| where | field | repair | before | after |', '| --- | --- | --- | --- | --- |');
      for (const change of listed) {
        push(`| ${change.article === 'preamble' ? 'preamble' : `art. ${change.article}`} | ${change.field} | ${change.rule} | ${cell(change.before)} | ${cell(change.after)} |`);
      }
    }
    if (treaty.report.omittedChinese.length > 0) {
      push('', '**Chinese left out** (the article keeps its English; its Chinese clauses read the note above):', '');
      for (const omitted of treaty.report.omittedChinese) {
        push(`- ${omitted.article === 'preamble' ? 'preamble' : `article ${omitted.article}`}: ${cell(omitted.reason)}`);
      }
    }
    if (treaty.report.problems.length > 0) {
      push('', '**Structure notes** (kept as they are):', '');
      for (const problem of treaty.report.problems) {
        push(`- article ${problem.article}: ${cell(problem.message)}`);
      }
    }
    push('');
  }
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

/** Every file of the library, README included, by file name. */
export function libraryFiles(built: readonly BuiltTreaty[]): Map<string, string> {
  const files = new Map<string, string>();
  for (const treaty of built) {
    for (const file of treaty.files) {
      files.set(file.fileName, file.content);
    }
  }
  files.set('README.md', renderReadme(built));
  return files;
}

function main(argv: readonly string[]): number {
  if (argv.includes('--all')) {
    // A survey of every treaty of the dataset, written nowhere: how each would import.
    for (const treaty of buildLibrary([...libraryEntries, ...otherEntries])) {
      const errors = corpusErrors(treaty.files);
      const repairs = treaty.report.repairs.filter((change) => change.rule !== 'spacing').length;
      process.stdout.write(`${treaty.entry.id.padEnd(16)} ${String(treaty.articles).padStart(4)} articles, ${String(repairs).padStart(3)} repairs, ${String(treaty.report.omittedChinese.length).padStart(3)} Chinese left out, ${String(treaty.report.problems.length).padStart(2)} structure notes, ${errors.length} corpus-errors\n`);
    }
    return 0;
  }
  const built = buildLibrary();
  const files = libraryFiles(built);
  const errors = corpusErrors([...files].filter(([name]) => name !== 'README.md').map(([fileName, content]) => ({ fileName, content })));
  for (const error of errors) {
    process.stderr.write(`corpus-error: ${error}\n`);
  }
  if (argv.includes('--check')) {
    const stale = [...files].filter(([name, content]) => !fs.existsSync(path.join(libraryPath, name)) || fs.readFileSync(path.join(libraryPath, name), 'utf8') !== content).map(([name]) => name);
    const extra = fs.existsSync(libraryPath) ? fs.readdirSync(libraryPath).filter((name) => name.endsWith('.md') && !files.has(name)) : [];
    for (const name of [...stale, ...extra]) {
      process.stderr.write(`library/${name} is out of date: run npm run build:library\n`);
    }
    return stale.length + extra.length + errors.length > 0 ? 1 : 0;
  }
  fs.mkdirSync(libraryPath, { recursive: true });
  for (const name of fs.readdirSync(libraryPath).filter((entry) => entry.endsWith('.md') && !files.has(entry))) {
    fs.rmSync(path.join(libraryPath, name));
  }
  for (const [name, content] of files) {
    fs.writeFileSync(path.join(libraryPath, name), content);
  }
  for (const treaty of built) {
    const repairs = treaty.report.repairs.filter((change) => change.rule !== 'spacing').length;
    process.stdout.write(
      `${treaty.entry.id.padEnd(12)} ${String(treaty.articles).padStart(4)} articles, ${String(repairs).padStart(3)} repairs, ${String(treaty.report.omittedChinese.length).padStart(3)} Chinese articles left out, ${treaty.report.problems.length} structure notes\n`,
    );
  }
  process.stdout.write(`library/: ${files.size} files, ${errors.length} corpus-errors\n`);
  return errors.length > 0 ? 1 : 0;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
