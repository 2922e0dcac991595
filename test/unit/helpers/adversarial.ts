/**
 * Adversarial inputs for every parser that runs regular expressions or builds text from user or corpus
 * input, and the parsers themselves behind one signature. Used by `test/unit/adversarialInputs.test.ts`
 * (each parser must finish on each input well within a generous watchdog) and by `npm run bench` (the same
 * runs at growing sizes, printed as a ratio to linear scaling).
 *
 * An input repeats one short *unit* (a run of spaces, `#`, `(`, `第`, `[`, …) between a prefix and a suffix
 * chosen so that a backtracking pattern sees a long ambiguous run followed by a failure: the shape of the
 * `## a␣␣␣…␣b` that once took the statute importer seconds. Everything here is pure and deterministic.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { detectFormat } from '../../../server/src/import';
import { importAkomaNtoso } from '../../../server/src/import/akomaNtoso';
import { paragraphsFromLines, splitInlineList } from '../../../server/src/import/clauseLines';
import { importJsonTreaty } from '../../../server/src/import/jsonTreaty';
import { importScannedText } from '../../../server/src/import/scannedText';
import { importStatuteMarkdown } from '../../../server/src/import/statuteMarkdown';
import { scanBrief } from '../../../server/src/service/briefScanner';
import { parseCorpusDocument, readHeader } from '../../../server/src/service/corpusParser';
import { updateScan } from '../../../server/src/service/incrementalScan';
import { createLanguageService, LanguageService } from '../../../server/src/service/languageService';
import { escapeMarkdown } from '../../../server/src/service/markdownEscape';
import { sectionNumberOf } from '../../../server/src/service/sectionNumber';
import { normalizeForMatch } from '../../../server/src/service/text';

/** One input: a name that says how it was built, and its text. */
export interface AdversarialInput {
  readonly name: string;
  readonly text: string;
}

/** A parser run on an input; its result is ignored (only that it returns, and how fast). */
export interface ParserUnderTest {
  readonly name: string;
  run(text: string): unknown;
}

/** The units repeated: the characters and short words that the patterns of the code base quantify over. */
const UNITS: readonly string[] = [
  ' ', '\t', '\u3000', '\u200b', '#', '# ', ' #', '\n', '\n\n', ' \n', '\r', '(', '（', '(a)', '(a) ', '（一）', 'a', 'a ', '1', '1.', '1. ',
  '1.2.', '第', '第一条', '一', '一、', '之一', '[', ']', '[[', '\\', '\\[', '`', '``', '*', '-', '- ', '  - ', '> ', '>', '<', '<!--', '-->',
  '"', '“', '”', '「', '…', '...', '. ', ',', ';', '; and', ':', '：', '；', '§', '§1', '§1.', '2023-', '[2023-JS §1] ', '[2023-JS', 'x y ',
  'Article 1 ', '## ', '---\n', '|', '~', '{', '&amp;', 'bis ', '\\.', 'ab', '双方', '。', '—', '——', '=', '_',
];

/** Prefixes and suffixes around the repeated unit: a pattern that matches the run must then fail. */
const FRAMES: readonly (readonly [string, string])[] = [
  ['', ''],
  ['## a', 'b'],
  ['a', '!'],
  ['[2023-JS ', ''],
  ['“', '”[2023-JS §1.1]'],
  ['第一条', '\n（一）b'],
];

/** Every input: each unit repeated to about `size` characters in each frame. */
export function adversarialInputs(size: number): AdversarialInput[] {
  const inputs: AdversarialInput[] = [];
  for (const unit of UNITS) {
    const run = unit.repeat(Math.max(1, Math.ceil(size / unit.length)));
    for (const [prefix, suffix] of FRAMES) {
      inputs.push({ name: `${JSON.stringify(prefix)} + ${JSON.stringify(unit)} × ${Math.ceil(size / unit.length)} + ${JSON.stringify(suffix)}`, text: prefix + run + suffix });
    }
  }
  return inputs;
}

const repository = path.join(__dirname, '..', '..', '..');
const BUILTIN_ROOT = 'file:///extension/corpus';

let shared: LanguageService | undefined;

/** A language service with the built-in corpus, made once. */
function service(): LanguageService {
  if (!shared) {
    shared = createLanguageService();
    for (const name of ['2023-JS.md', '2023-ECON.md']) {
      shared.setCorpusFile(`${BUILTIN_ROOT}/${name}`, BUILTIN_ROOT, fs.readFileSync(path.join(repository, 'corpus', name), 'utf8'));
    }
  }
  return shared;
}

const scope = [BUILTIN_ROOT];
let version = 0;

function brief(text: string): TextDocument {
  version++;
  return TextDocument.create(`file:///adversarial/brief${version}.md`, 'markdown', 1, text);
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Every parser fed user or corpus text, through its public entry point. */
export const PARSERS: readonly ParserUnderTest[] = [
  { name: 'brief scanner', run: (text) => scanBrief(text) },
  {
    name: 'incremental scan (one character typed in the middle)',
    run: (text) => {
      const middle = text.length >> 1;
      return updateScan(text, scanBrief(text), `${text.slice(0, middle)}x${text.slice(middle)}`);
    },
  },
  {
    name: 'brief diagnostics (citations, quotations, non-canonical forms)',
    run: (text) => {
      const document = brief(text);
      const result = service().briefDiagnostics(document, scope);
      service().closeBrief(document.uri);
      return result;
    },
  },
  {
    name: 'completion, hover and links at the end of a brief',
    run: (text) => {
      const document = brief(text);
      const end = document.positionAt(text.length);
      const middle = document.positionAt(text.length >> 1);
      const result = [service().completion(document, end, scope), service().hover(document, middle, scope), service().documentLinks(document, scope)];
      service().closeBrief(document.uri);
      return result;
    },
  },
  {
    name: 'table of authorities',
    run: (text) => {
      const document = brief(text);
      const result = service().tableOfAuthorities(document, scope, 'brief.md');
      service().closeBrief(document.uri);
      return result;
    },
  },
  { name: 'corpus parser (body)', run: (text) => parseCorpusDocument(`---\nid: 2020-ADV\ntitle: Adversarial\n---\n\n${text}\n`) },
  { name: 'corpus parser (front matter)', run: (text) => [parseCorpusDocument(`---\nid: 2020-ADV\ntitle: ${text}\n---\nBody.\n`), readHeader(`---\ntitle: ${text}\nid: 2020-ADV\n---\n`)] },
  { name: 'section numbers', run: (text) => sectionNumberOf(text) },
  { name: 'Markdown escaping', run: (text) => escapeMarkdown(text) },
  { name: 'matching form', run: (text) => normalizeForMatch(text) },
  { name: 'format detection', run: (text) => detectFormat('source', text) },
  { name: 'scanned-text importer', run: (text) => importScannedText(text, 'source.txt') },
  { name: 'statute-Markdown importer', run: (text) => [importStatuteMarkdown(text, 'source.md'), importStatuteMarkdown(`# Title\n<!-- INFO END -->\n第一条 ${text}\n`, 'source.md')] },
  {
    name: 'clause lines (lists in text)',
    run: (text) => [splitInlineList(text), paragraphsFromLines(text.split('\n').map((line, index) => ({ text: line.trim(), line: index + 1 })), { inlineLists: true })],
  },
  {
    name: 'JSON treaty importer',
    run: (text) =>
      importJsonTreaty(
        JSON.stringify({ treaty_en: 'Adversarial Convention 1999', preamble_en: text, preamble_zh: text, articles: [{ article: '一', title_en: text.slice(0, 200), content_en: text, content_zh: text }] }),
        'adversarial.json',
      ),
  },
  {
    name: 'Akoma Ntoso importer',
    run: (text) =>
      importAkomaNtoso(
        `<akomaNtoso><act><meta/><preface><p>${escapeXml(text)}</p></preface><body><section eId="sec_1"><num>1.</num><heading>${escapeXml(text.slice(0, 500))}</heading><subsection eId="sec_1__subsec_1"><num>(1)</num><content><p>${escapeXml(text)}</p></content></subsection></section></body></act></akomaNtoso>`,
        'adversarial.xml',
      ),
  },
];
