/**
 * `pinpoint export` end to end (spec.md §5): the Word file read back (unzipped, its XML parsed) has every
 * citation as a real footnote, in order and with its text, the table of authorities as its own section,
 * headings, lists, a block quote, a table and Chinese runs in a CJK font; the HTML file is one self-contained
 * page with the same notes; broken citations are marked and listed with exit status 1; bad usage exits 2 and
 * an existing file or a link is never written over. Where LibreOffice is installed, the Word file is also
 * converted to PDF and its text checked with pdftotext.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import { unzipSync } from 'fflate';
import { REPOSITORY } from './lspClient';

const BRIEF = `---
title: Interpretation of the Moscow statements
---

# Memorandum

## The rule

The general rule of testing [2099-T §1] governs. *Reports on tests* count [TT art. 1(2)(a)], and so do **results** [2099-T §1.2.2]; again [ibid.].

## The statements

The sides welcome the upgrade (双方欢迎升级) [2023-JS §3.4] and energy [2023-ECON §2.4]. Back to the treaty [2099-T §2].

- first point [2023-JS §1.7.3]
- second point, with \`[2023-JS §99]\` in code

1. numbered one
2. numbered two [2099-T §1.3]

> A quotation [2023-JS §3.4].

| Instrument | Provision |
| --- | --- |
| Testing Treaty | [2099-T §1.1] |

A mistake: [2023-JS §3.16].
`;

const JS_TITLE = "Joint Statement of the People's Republic of China and the Russian Federation on Deepening the Comprehensive Strategic Partnership of Coordination for the New Era";
const ECON_TITLE =
  "Joint Statement of the President of the People's Republic of China and the President of the Russian Federation on the Development Plan for the Key Directions of China–Russia Economic Cooperation up to 2030";
const TREATY_FULL = 'Treaty of Testing (adopted 1 January 2099, entered into force 1 July 2099) 9999 UNTS 1';

/** The footnotes the brief must have, in order. */
const NOTES = [
  `${TREATY_FULL}, art 1.`,
  'Ibid art 1(2)(a).',
  'Ibid art 1(2)(b).',
  'Ibid.',
  `${JS_TITLE} (Moscow, 21 March 2023), §3.4.`,
  `${ECON_TITLE} (Moscow, 21 March 2023), §2.4.`,
  'Testing Treaty, art 2.',
  'Joint Statement on Deepening the Comprehensive Strategic Partnership, §1.7.3.',
  'Testing Treaty, art 1(3).',
  'Joint Statement on Deepening the Comprehensive Strategic Partnership, §3.4.',
  'Testing Treaty, art 1(1).',
];

const TREATY = `---
id: 2099-T
title: Treaty of Testing
short_title: Testing Treaty
aliases: [TT]
date: 2099-01-01
entry_into_force: 2099-07-01
citation: 9999 UNTS 1
---

## Article 1 – Tests

1\\. The Parties shall test.

2\\. The Parties shall report:

- (a) on their tests;
- (b) on the results.

3\\. The Parties shall publish the reports.

## Article 2 – Reports

Reports are public.
`;

let folder = '';

function pinpoint(args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [path.join(REPOSITORY, 'bin', 'pinpoint.js'), ...args], { cwd: folder, encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

type XmlNode = Record<string, unknown>;
const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', trimValues: false });

function children(node: XmlNode): XmlNode[] {
  for (const [key, value] of Object.entries(node)) {
    if (key !== ':@' && Array.isArray(value)) {
      return value as XmlNode[];
    }
  }
  return [];
}

function nameOf(node: XmlNode): string {
  return Object.keys(node).find((key) => key !== ':@') ?? '';
}

function attributes(node: XmlNode): Record<string, string> {
  return (node[':@'] as Record<string, string> | undefined) ?? {};
}

/** Every element named `name` under the nodes, in document order. */
function all(nodes: readonly XmlNode[], name: string): XmlNode[] {
  const found: XmlNode[] = [];
  const walk = (list: readonly XmlNode[]): void => {
    for (const node of list) {
      if (nameOf(node) === name) {
        found.push(node);
      }
      walk(children(node));
    }
  };
  walk(nodes);
  return found;
}

/** The text of an element: its `w:t`, with `[^N]` for a footnote reference. */
function textOf(node: XmlNode): string {
  let text = '';
  const walk = (list: readonly XmlNode[]): void => {
    for (const child of list) {
      const name = nameOf(child);
      if (name === 'w:t') {
        text += children(child)
          .map((leaf) => String(leaf['#text'] ?? ''))
          .join('');
      } else if (name === 'w:footnoteReference') {
        text += `[^${attributes(child)['w:id']}]`;
      } else {
        walk(children(child));
      }
    }
  };
  walk([node]);
  return text;
}

/** A paragraph's style id, or ''. */
function styleOf(paragraph: XmlNode): string {
  const style = all(children(paragraph), 'w:pStyle')[0];
  return style ? attributes(style)['w:val'] : '';
}

interface Docx {
  readonly paragraphs: XmlNode[];
  readonly body: XmlNode[];
  readonly footnotes: XmlNode[];
  readonly comments: XmlNode[];
}

function readDocx(file: string): Docx {
  const files = unzipSync(new Uint8Array(fs.readFileSync(file)));
  const xml = (name: string): XmlNode[] => {
    const data = files[name];
    assert.ok(data, `${name} is in the file`);
    return parser.parse(new TextDecoder().decode(data)) as XmlNode[];
  };
  const document = xml('word/document.xml');
  const footnotes = all(xml('word/footnotes.xml'), 'w:footnote').filter((note) => !attributes(note)['w:type']);
  return { paragraphs: all(document, 'w:p'), body: all(document, 'w:body'), footnotes, comments: files['word/comments.xml'] ? all(xml('word/comments.xml'), 'w:comment') : [] };
}

describe('pinpoint export', () => {
  before(() => {
    assert.ok(fs.existsSync(path.join(REPOSITORY, 'dist', 'cli.js')), 'dist/cli.js is built (npm run build)');
    folder = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pinpoint-export-')));
    fs.mkdirSync(path.join(folder, 'corpus'));
    fs.writeFileSync(path.join(folder, 'corpus', '2099-T.md'), TREATY);
    fs.writeFileSync(path.join(folder, 'memo.md'), BRIEF);
    fs.writeFileSync(path.join(folder, 'clean.md'), '# Clean\n\nSee [2099-T §1.1] and [2099-T §1.1].\n');
  });
  after(() => fs.rmSync(folder, { recursive: true, force: true }));

  it('writes a Word file whose footnotes are the citations, in order, with the table of authorities first', () => {
    const result = pinpoint(['export', 'memo.md', '--format', 'docx']);
    // One broken citation: the file is written, the error listed as check lists it, and the exit status is 1.
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stdout, /^Wrote memo\.docx: 11 footnotes in OSCOLA style; 1 broken citation marked and listed at the end\.\n$/);
    assert.match(result.stderr, /memo\.md:27:\d+: error unknown-clause: unknown clause: 2023-JS has no §3\.16/);
    const docx = readDocx(path.join(folder, 'memo.docx'));

    // Every footnote, with its text, in order; the body refers to each once, in the same order.
    assert.deepEqual(
      docx.footnotes.map((note) => textOf(note).trim()),
      NOTES,
    );
    const references = docx.paragraphs.flatMap((paragraph) => [...textOf(paragraph).matchAll(/\[\^(\d+)\]/g)].map((match) => Number(match[1])));
    assert.deepEqual(references, docx.footnotes.map((note) => Number(attributes(note)['w:id'])));
    // The full title is in italics.
    const italicRuns = all([docx.footnotes[0]], 'w:r').filter((run) => all(children(run), 'w:i').length > 0);
    assert.deepEqual(italicRuns.map(textOf), ['Treaty of Testing']);

    // The first section: the title, then the table of authorities, grouped, with pinpoints and notes.
    const texts = docx.paragraphs.map((paragraph) => ({ style: styleOf(paragraph), text: textOf(paragraph) }));
    const start = texts.findIndex((entry) => entry.style === 'Heading1' && entry.text === 'Table of Authorities');
    const bodyStart = texts.findIndex((entry) => entry.text === 'Memorandum');
    assert.equal(texts[0].style, 'Title');
    assert.equal(texts[0].text, 'Interpretation of the Moscow statements');
    assert.ok(start > 0 && bodyStart > start, 'the table comes before the body');
    assert.deepEqual(
      texts.slice(start, bodyStart).map((entry) => `${entry.style}: ${entry.text}`),
      [
        'Heading1: Table of Authorities',
        'Heading2: Treaties',
        `TableOfAuthorities: ${TREATY_FULL}`,
        'TableOfAuthoritiesDetail: art 1, art 1(1), art 1(2)(a), art 1(2)(b), art 1(3), art 2 · nn 1, 2, 3, 4, 7, 9, 11',
        'Heading2: Joint statements',
        `TableOfAuthorities: ${JS_TITLE} (Moscow, 21 March 2023)`,
        'TableOfAuthoritiesDetail: §1.7.3, §3.4 · nn 5, 8, 10',
        `TableOfAuthorities: ${ECON_TITLE} (Moscow, 21 March 2023)`,
        'TableOfAuthoritiesDetail: §2.4 · n 6',
      ],
    );
    // The table is a section of its own: a section break ends it.
    const sectionBreaks = docx.paragraphs.filter((paragraph) => all(children(paragraph), 'w:sectPr').length > 0);
    assert.equal(sectionBreaks.length, 1);
    assert.equal(textOf(sectionBreaks[0]), texts[bodyStart - 1].text);

    // The body: headings, the markers after the punctuation, lists, the quote, the table, code kept as code.
    const body = texts.slice(bodyStart);
    assert.deepEqual(
      body.filter((entry) => entry.style.startsWith('Heading')).map((entry) => `${entry.style}: ${entry.text}`),
      ['Heading1: Memorandum', 'Heading2: The rule', 'Heading2: The statements', 'Heading1: Citations not found'],
    );
    assert.ok(body.some((entry) => entry.text === 'The general rule of testing[^1] governs. Reports on tests count,[^2] and so do results;[^3] again.[^4]'));
    const listParagraphs = docx.paragraphs.filter((paragraph) => all(children(paragraph), 'w:numPr').length > 0).map(textOf);
    assert.deepEqual(listParagraphs, ['first point[^8]', 'second point, with [2023-JS §99] in code', 'numbered one', 'numbered two[^9]']);
    const quote = docx.paragraphs.find((paragraph) => textOf(paragraph) === 'A quotation.[^10]');
    assert.ok(quote && all(children(quote), 'w:pBdr').length > 0 && all(children(quote), 'w:ind').length > 0, 'the quote is indented with a rule');
    const table = all(docx.body, 'w:tbl');
    assert.equal(table.length, 1);
    assert.deepEqual(all(table, 'w:tc').map(textOf), ['Instrument', 'Provision', 'Testing Treaty', '[^11]']);

    // Chinese runs: an East Asian font that has the characters, marked as Chinese.
    const chineseRun = all(docx.body, 'w:r').find((run) => textOf(run).includes('双方欢迎升级'));
    assert.ok(chineseRun);
    const fonts = attributes(all(children(chineseRun), 'w:rFonts')[0]);
    assert.equal(fonts['w:eastAsia'], 'Noto Serif CJK SC');
    assert.equal(attributes(all(children(chineseRun), 'w:lang')[0])['w:eastAsia'], 'zh-CN');

    // The broken citation: highlighted where it stands, with a comment saying why, and listed at the end.
    const highlighted = all(docx.body, 'w:r').filter((run) => all(children(run), 'w:highlight').length > 0).map(textOf);
    assert.deepEqual(highlighted, ['[2023-JS §3.16]', '[2023-JS §3.16]']);
    assert.equal(docx.comments.length, 1);
    assert.match(textOf(docx.comments[0]), /Citation not found: unknown clause: 2023-JS has no §3\.16/);
    assert.match(body[body.length - 1].text, /^\[2023-JS §3\.16\] \(line 27\): unknown clause: 2023-JS has no §3\.16/);
  });

  it('writes one self-contained HTML page with the same notes and the table', () => {
    const result = pinpoint(['export', 'memo.md', '--format', 'html', '--out', 'memo-notes.html', '--force']);
    // --force accepts the broken citation.
    assert.equal(result.status, 0, result.stderr);
    const html = fs.readFileSync(path.join(folder, 'memo-notes.html'), 'utf8');
    const notes = [...html.matchAll(/<li id="fn(\d+)">(.*?)<a class="back"/g)].map((match) => match[2].replace(/<[^>]+>/g, '').replace(/&#39;/g, "'"));
    assert.deepEqual(notes, NOTES);
    assert.match(html, /<i>Treaty of Testing<\/i> \(adopted 1 January 2099, entered into force 1 July 2099\) 9999 UNTS 1/);
    assert.match(html, /<h2 id="pinpoint-toa">Table of Authorities<\/h2>/);
    assert.match(html, /<mark class="broken" title="unknown clause: 2023-JS has no §3\.16[^"]*">\[2023-JS §3\.16\]<\/mark>/);
    assert.match(html, /<code>\[2023-JS §99\]<\/code>/);
    assert.match(html, /<blockquote><p>A quotation\.<sup class="fnref">/);
    assert.match(html, /@media print/);
    assert.doesNotMatch(html, /<script|<link|src=|url\(/i, 'nothing is loaded from elsewhere');
  });

  it('writes the plain style in the text, without footnotes', () => {
    const result = pinpoint(['export', 'clean.md', '--format', 'html', '--style', 'plain']);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^Wrote clean\.html: 2 citations in Plain \(in the text\) style\.\n$/);
    const html = fs.readFileSync(path.join(folder, 'clean.html'), 'utf8');
    assert.match(html, /See <span class="citation">\(Treaty of Testing \(2099\), art\. 1\(1\)\)<\/span> and <span class="citation">\(<i>ibid\.<\/i>\)<\/span>\./);
    assert.doesNotMatch(html, /class="footnotes"/);
  });

  it('reads a style from a JSON file', () => {
    const style = JSON.parse(fs.readFileSync(path.join(REPOSITORY, 'server', 'src', 'export', 'styles', 'oscola.json'), 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(path.join(folder, 'house.json'), JSON.stringify({ ...style, id: 'house', name: 'House', ibid: null }));
    const result = pinpoint(['export', 'clean.md', '--out', 'clean-house.html', '--style', 'house.json']);
    assert.equal(result.status, 0, result.stderr);
    const html = fs.readFileSync(path.join(folder, 'clean-house.html'), 'utf8');
    assert.match(html, /<li id="fn2">Testing Treaty, art 1\(1\)\./, 'no ibid in this style');
    fs.writeFileSync(path.join(folder, 'bad.json'), JSON.stringify({ ...style, kinds: {} }));
    const bad = pinpoint(['export', 'clean.md', '--out', 'bad.html', '--style', 'bad.json']);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /style file bad\.json is not a citation style: style\.kinds\.treaty must be an object/);
  });

  it('never writes over a file or through a link without being told', () => {
    const target = path.join(folder, 'existing.docx');
    fs.writeFileSync(target, 'keep me');
    const refused = pinpoint(['export', 'clean.md', '--out', 'existing.docx']);
    assert.equal(refused.status, 2);
    assert.match(refused.stderr, /existing\.docx exists \(use --force to overwrite it\)/);
    assert.equal(fs.readFileSync(target, 'utf8'), 'keep me');
    const forced = pinpoint(['export', 'clean.md', '--out', 'existing.docx', '--force']);
    assert.equal(forced.status, 0, forced.stderr);
    assert.equal(fs.readFileSync(target).subarray(0, 2).toString('latin1'), 'PK', 'replaced by a Word file');

    const victim = path.join(folder, 'victim.txt');
    fs.writeFileSync(victim, 'do not touch');
    fs.symlinkSync(victim, path.join(folder, 'link.html'));
    for (const args of [[], ['--force']]) {
      const linked = pinpoint(['export', 'clean.md', '--out', 'link.html', ...args]);
      assert.equal(linked.status, 2);
      assert.match(linked.stderr, /link\.html is a symbolic link; Pinpoint does not write through links/);
      assert.equal(fs.readFileSync(victim, 'utf8'), 'do not touch');
    }
    fs.symlinkSync(path.join(folder, 'nowhere.html'), path.join(folder, 'dangling.html'));
    const dangling = pinpoint(['export', 'clean.md', '--out', 'dangling.html']);
    assert.equal(dangling.status, 2);
    assert.ok(!fs.existsSync(path.join(folder, 'nowhere.html')), 'nothing written where the link points');
  });

  it('says what is wrong with bad usage, with exit status 2', () => {
    fs.writeFileSync(path.join(folder, 'notes.txt'), 'not Markdown [2099-T §1]');
    const cases: [readonly string[], RegExp][] = [
      [['export', 'clean.md', '--format', 'docx', '--style', 'bluebook'], /unknown style 'bluebook': use oscola, plain, or a style file \(\.json\)/],
      [['export', 'clean.md', '--format', 'pdf'], /unknown format 'pdf': use docx or html/],
      [['export', 'clean.md'], /give --format docx or --format html/],
      [['export', 'notes.txt', '--format', 'html'], /notes\.txt is not a Markdown brief \(\.md or \.markdown\)/],
      [['export', 'missing.md', '--format', 'html'], /missing\.md is not a file/],
      [['export', 'clean.md', '--out', 'no/such/folder/x.html'], /cannot write no\/such\/folder\/x\.html: the folder no\/such\/folder does not exist/],
      [['export', 'clean.md', '--out', 'clean.md', '--format', 'html', '--force'], /--out clean\.md is the brief itself/],
      [['export', 'corpus/2099-T.md', '--format', 'html'], /corpus\/2099-T\.md is a corpus file, not a brief/],
      [['export', 'clean.md', 'memo.md', '--format', 'html'], /give exactly one brief/],
    ];
    for (const [args, message] of cases) {
      const result = pinpoint(args);
      assert.equal(result.status, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, message, args.join(' '));
    }
    if (process.getuid?.() !== 0) {
      fs.mkdirSync(path.join(folder, 'locked'), { mode: 0o555 });
      const locked = pinpoint(['export', 'clean.md', '--out', 'locked/x.html']);
      assert.equal(locked.status, 2);
      assert.match(locked.stderr, /the folder locked is not writable/);
    }
  });

  it('renders in LibreOffice with the footnotes and the table (skipped where soffice is absent)', (t) => {
    const soffice = ['soffice', 'libreoffice'].find((name) => spawnSync('sh', ['-c', `command -v ${name}`]).status === 0);
    const pdftotext = spawnSync('sh', ['-c', 'command -v pdftotext']).status === 0;
    if (!soffice || !pdftotext) {
      t.diagnostic('skipped: LibreOffice (soffice) or pdftotext is not installed (apt-get install libreoffice-writer-nogui poppler-utils fonts-noto-cjk)');
      return;
    }
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'pinpoint-soffice-'));
    try {
      const converted = spawnSync(soffice, ['--headless', '--convert-to', 'pdf', '--outdir', out, path.join(folder, 'memo.docx')], {
        encoding: 'utf8',
        timeout: 180_000,
        env: { ...process.env, HOME: out },
      });
      assert.equal(converted.status, 0, converted.stderr);
      const text = spawnSync('pdftotext', ['-layout', path.join(out, 'memo.pdf'), '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
      assert.ok(text.includes('Table of Authorities'), text);
      assert.ok(text.includes('Joint statements'), text);
      assert.ok(text.includes('双方欢迎升级'), 'the Chinese text is there');
      for (const note of NOTES) {
        assert.ok(text.includes(note.replace(/\s+/g, ' ')), `footnote in the PDF: ${note}`);
      }
      const fonts = spawnSync('pdffonts', [path.join(out, 'memo.pdf')], { encoding: 'utf8' }).stdout;
      if (fonts) {
        assert.match(fonts, /NotoSerifCJK/i, 'the Chinese text is set in a CJK font');
      }
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});
