import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { run } from '../../server/src/cli/import';
import { IdAllocator, renderImported } from '../../server/src/import';
import { importScannedText } from '../../server/src/import/scannedText';
import { joinWrapped } from '../../server/src/import/text';
import { parseCorpusDocument } from '../../server/src/service/corpusParser';
import { seedPath } from '../../scripts/buildCorpus';
// ../shared is absent from a bare clone: `sharedPath` checks that a path under it exists (fs.existsSync) and
// `needsShared` skips the test with the missing path as its reason when it does not.
import { needsShared, sharedPath } from '../helpers/shared';
import { readCorpus } from './importCorpusReader';

/** The raw seed in `../shared/`, of which `corpus/source/` holds a copy. */
const SHARED_SEED = 'seed/2023-03-21-cn-ru-joint-statements.raw.txt';

const repository = path.join(__dirname, '..', '..');
/** The seed as vendored in the repository (corpus/source/), the importer's input for the built-in corpus. */
const seedText = fs.readFileSync(seedPath, 'utf8');

function importSeed(): Map<string, string> {
  const result = importScannedText(seedText, seedPath);
  assert.equal(result.error, undefined);
  const { files } = renderImported(result.documents, new IdAllocator(['2023-ECON', '2023-JS']));
  return new Map(files.map((file) => [file.id, file.content]));
}

const seed = importSeed();
const js = readCorpus(seed.get('2023-JS') ?? '');
const econ = readCorpus(seed.get('2023-ECON') ?? '');

function startsWith(document: typeof js, clausePath: string, beginning: string): void {
  const text = document.clauses.get(clausePath);
  assert.ok(text !== undefined, `§${clausePath} exists`);
  assert.ok(text.startsWith(beginning), `§${clausePath} begins “${beginning}” but is “${text.slice(0, 40)}…”`);
}

/** The last clause of a document in document order. */
function lastClause(document: typeof js): [string, string] {
  const entries = [...document.clauses].filter(([clausePath]) => clausePath.includes('.') || document.paragraphCounts.has(''));
  return entries[entries.length - 1];
}

describe('scanned text importer: the seed round trip', () => {
  it('reads the vendored seed, the same bytes as the one in ../shared/seed', needsShared(SHARED_SEED), () => {
    const shared = sharedPath(SHARED_SEED) ?? assert.fail(`../shared/${SHARED_SEED} is not there`);
    assert.ok(fs.readFileSync(seedPath).equals(fs.readFileSync(shared)), 'corpus/source/ holds a copy of the shared seed');
  });

  it('gives byte for byte the committed built-in corpus', () => {
    assert.deepEqual([...seed.keys()], ['2023-ECON', '2023-JS']);
    for (const [id, content] of seed) {
      const committed = fs.readFileSync(path.join(repository, 'corpus', `${id}.md`), 'utf8');
      assert.equal(content, committed, `corpus/${id}.md is what the importer writes (regenerate: node --import tsx scripts/buildCorpus.ts)`);
    }
  });

  it('reproduces the fixed points of spec §3', () => {
    startsWith(js, '0.2', '中华人民共和国和俄罗斯联邦（以下称“双方”），声明如下：');
    startsWith(js, '1.7.3', '——秉持互利原则，在现代化建设过程中');
    assert.equal(js.clauses.get('2.4'), '双方反对外部势力干涉内政。');
    startsWith(js, '3.4', '双方欢迎中国商务部和俄罗斯经济发展部');
    startsWith(js, '9.9', '双方主张北极应继续成为和平、稳定和建设性合作之地。');
    assert.deepEqual(lastClause(js), ['9.9', '双方主张北极应继续成为和平、稳定和建设性合作之地。']);
    startsWith(econ, '2.4', '四、巩固全方位能源合作伙伴关系。');
    startsWith(econ, '5', '以上述重点方向为指引');
    assert.equal(lastClause(econ)[0], '5');
  });

  it('is numbered the same by the language server’s own corpus parser, with no corpus problems', () => {
    for (const [id, reading] of [['2023-JS', js], ['2023-ECON', econ]] as const) {
      const parsed = parseCorpusDocument(seed.get(id) ?? '');
      assert.deepEqual(parsed.problems, [], id);
      assert.equal(parsed.id, id);
      assert.deepEqual(
        parsed.clauses.filter((clause) => clause.kind !== 'section').map((clause) => [clause.key, clause.text]),
        [...reading.clauses].filter(([key]) => key.includes('.') || reading.paragraphCounts.has('')),
        id,
      );
    }
  });

  it('has the paragraph counts of the seed, counted by hand', () => {
    // 2023-JS: preamble of two paragraphs, then sections 一 to 九.
    assert.deepEqual(
      Object.fromEntries(js.paragraphCounts),
      { 0: 2, 1: 7, 2: 10, 3: 15, 4: 15, 5: 8, 6: 8, 7: 11, 8: 3, 9: 9 },
    );
    assert.deepEqual(js.sectionNumbers, ['1', '2', '3', '4', '5', '6', '7', '8', '9']);
    assert.deepEqual(
      [...js.clauses.keys()].filter((clausePath) => clausePath.split('.').length === 3),
      ['1.7.1', '1.7.2', '1.7.3', '1.7.4', '1.7.5'],
    );
    // 2023-ECON: no sections, five paragraphs, the eight directions are items of paragraph 2.
    assert.deepEqual(Object.fromEntries(econ.paragraphCounts), { '': 5 });
    assert.deepEqual(
      [...econ.clauses.keys()],
      ['1', '2', '2.1', '2.2', '2.3', '2.4', '2.5', '2.6', '2.7', '2.8', '3', '4', '5'],
    );
    const directions = ['一、', '二、', '三、', '四、', '五、', '六、', '七、', '八、'];
    directions.forEach((marker, index) => startsWith(econ, `2.${index + 1}`, marker));
    assert.ok(econ.clauses.get('2')?.endsWith('：'));
  });

  it('joins wrapped lines and column breaks, and keeps the scan’s own spaces', () => {
    // A column break (blank line 31 of the seed) inside direction three.
    assert.match(econ.clauses.get('2.3') ?? '', /继续就支付领域创新与现代化改造等交流经验。/);
    // Line 92 of the seed: a column break inside §1.1.
    startsWith(js, '1.1', '在双方不懈努力下，中俄新时代全面战略协作伙伴关系达到历史最高水平');
    // `11` / `月9日`: the break is dropped when either side is wide.
    assert.match(js.clauses.get('3.4') ?? '', /于 2022 年 12 月 5 日发表的《关于启动 2006 年 11月9日签署的/);
    assert.match(js.clauses.get('3.14') ?? '', /2016 年《建 设 中 蒙 俄 经 济 走 廊 规 划 纲要》/);
    startsWith(js, '2.5', '俄方重申恪守一个中国原则，承认台湾是中国领土不可分割的一部分');
    // A full-width line ending a sentence runs on into the next sentence (seed line 286).
    assert.match(js.clauses.get('3.14') ?? '', /进一步对接。双方将共同努力/);
  });

  it('puts title, date, place, signatories and source in the front matter, never in clauses', () => {
    assert.deepEqual(js.frontMatter, {
      id: '2023-JS',
      title: '中华人民共和国和俄罗斯联邦关于深化新时代全面战略协作伙伴关系的联合声明',
      date: '2023-03-21',
      place: '莫斯科',
      language: 'zh',
      parties: ['中华人民共和国', '俄罗斯联邦'],
      signatories: ['中华人民共和国主席 习近平', '俄罗斯联邦总统 弗·弗·普京'],
      source: '新华社莫斯科3月21日电',
      imported_from: '2023-03-21-cn-ru-joint-statements.raw.txt',
    });
    assert.equal(econ.frontMatter.title, '中华人民共和国主席和俄罗斯联邦总统关于2030年前中俄经济合作重点方向发展规划的联合声明');
    assert.equal(econ.frontMatter.date, '2023-03-21');
    for (const document of [js, econ]) {
      for (const [clausePath, text] of document.clauses) {
        assert.doesNotMatch(text, /二〇二三年|新华社|弗·弗·普京|^中华人民共和国主席 /, `§${clausePath}`);
        assert.doesNotMatch(text, /\n/, `§${clausePath} is on one line`);
      }
    }
  });

  it('proposes the ids year-plus-code when none are given', () => {
    const result = importScannedText(seedText, 'seed.txt');
    const rendered = renderImported(result.documents, new IdAllocator([]));
    assert.deepEqual(rendered.files.map((file) => file.id), ['2023-ECON', '2023-JS']);
    assert.equal(rendered.guesses.length, 2);
  });

  it('lists its guesses with lines: column breaks and the short-line paragraph end', () => {
    const result = importScannedText(seedText, 'seed.txt');
    const lines = result.guesses.map((guess) => guess.line);
    assert.ok(lines.includes(180), 'the short line 180');
    assert.ok(lines.includes(31) && lines.includes(657), 'column breaks at lines 31 and 657');
    assert.deepEqual(result.skipped, []);
  });
});

describe('scanned text importer: small cases', () => {
  it('joins with no space when either side is wide, else with one space', () => {
    assert.equal(joinWrapped('中华人民共和', '国主席'), '中华人民共和国主席');
    assert.equal(joinWrapped('2006 年 11', '月9日'), '2006 年 11月9日');
    assert.equal(joinWrapped('推动2040', '年建成'), '推动2040年建成');
    assert.equal(joinWrapped('the High Contracting', 'Parties'), 'the High Contracting Parties');
  });

  it('reads a title-first document without closing lines, with a colon paragraph and （一） items', () => {
    const text = ['关于测试的联合声明', '', '双方声明如下：', '', '（一）第一项内容，', '', '继续第一项。', '', '（二）第二项。', '', '双方同意。'].join('\n');
    const result = importScannedText(text, 'x.txt');
    assert.equal(result.documents.length, 1);
    const document = result.documents[0];
    assert.equal(document.title, '关于测试的联合声明');
    assert.equal(document.sections, undefined);
    assert.deepEqual(
      document.preamble.map((paragraph) => [paragraph.text, paragraph.items.map((item) => item.text)]),
      [
        ['双方声明如下：', ['（一）第一项内容，继续第一项。', '（二）第二项。']],
        ['双方同意。', []],
      ],
    );
  });

  it('uses the file name as the title when there is none, and says so', () => {
    const result = importScannedText('双方同意加强合作。\n\n双方将继续努力。\n', 'folder/some-statement.txt');
    assert.equal(result.documents[0].title, 'some-statement');
    assert.ok(result.guesses.some((guess) => /file name/.test(guess.message)));
  });

  it('reports an empty file as an error', () => {
    assert.ok(importScannedText('\n  \n', 'empty.txt').error);
  });
});

describe('pinpoint import (scanned text)', () => {
  function capture(): { out: string[]; err: string[]; console: { out(text: string): void; err(text: string): void; interactive: boolean } } {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, console: { out: (text) => out.push(text), err: (text) => err.push(text), interactive: false } };
  }

  it('writes the built-in corpus from the seed, and refuses to overwrite without --force', async () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'pinpoint-import-'));
    try {
      const first = capture();
      assert.equal(await run([seedPath, '--out', directory, '--id', '2023-ECON', '--id', '2023-JS'], first.console), 0);
      assert.deepEqual(fs.readdirSync(directory).sort(), ['2023-ECON.md', '2023-JS.md']);
      assert.equal(fs.readFileSync(path.join(directory, '2023-JS.md'), 'utf8'), fs.readFileSync(path.join(repository, 'corpus', '2023-JS.md'), 'utf8'));
      const summary = first.out.join('');
      assert.match(summary, /Imported 2 documents/);
      assert.match(summary, /2023-JS {2}9 sections, 88 paragraphs, 5 items/);
      assert.match(summary, /2023-03-21-cn-ru-joint-statements\.raw\.txt:180: paragraph ends at the short line/);

      const again = capture();
      assert.equal(await run([seedPath, '--out', directory, '--id', '2023-ECON,2023-JS'], again.console), 1);
      assert.match(again.out.join(''), /exists \(use --force to overwrite\)/);
      assert.equal(await run([seedPath, '--out', directory, '--id', '2023-ECON,2023-JS', '--force'], capture().console), 0);
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });

  it('exits 2 for bad usage and 1 for a missing source, with a message and no stack trace', async () => {
    for (const argv of [[], ['x.txt'], ['x.txt', '--out'], ['x.txt', '--out', 'o', '--id', '23-JS'], ['x.txt', '--out', 'o', '--bogus']]) {
      const io = capture();
      assert.equal(await run(argv, io.console), 2, argv.join(' '));
      assert.match(io.err.join(''), /^pinpoint import: /);
      assert.doesNotMatch(io.err.join(''), /\n\s+at /);
    }
    const io = capture();
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'pinpoint-import-'));
    try {
      assert.equal(await run([path.join(directory, 'missing.txt'), '--out', directory], io.console), 1);
      assert.match(io.err.join(''), /missing\.txt: no such file or folder/);
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });
});
