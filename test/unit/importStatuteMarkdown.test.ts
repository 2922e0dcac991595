import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { detectFormat, IdAllocator, renderImported } from '../../server/src/import';
import { importStatuteMarkdown } from '../../server/src/import/statuteMarkdown';
import { parseCorpusDocument } from '../../server/src/service/corpusParser';
import { readCorpus } from './importCorpusReader';

const fixtures = path.join(__dirname, '..', 'fixtures', 'import', 'laws');

/** Imports a fixture (an excerpt of a LawRefBook/Laws file) and returns the corpus file and its reading. */
function importFixture(name: string, text = fs.readFileSync(path.join(fixtures, name), 'utf8')) {
  const result = importStatuteMarkdown(text, `Laws/${name}`);
  assert.equal(result.error, undefined, result.error?.message);
  const { files } = renderImported(result.documents, new IdAllocator([]));
  return { file: files[0], corpus: readCorpus(files[0].content), guesses: result.guesses.map((guess) => `${guess.line}: ${guess.message}`) };
}

describe('statute Markdown importer', () => {
  it('makes articles sections (§17 is 第十七条), 款 paragraphs and chapters group headings', () => {
    const { file, corpus } = importFixture('刑法.md');
    assert.equal(file.id, '1979-CRIM');
    assert.equal(corpus.frontMatter.title, '中华人民共和国刑法');
    assert.equal(corpus.frontMatter.date, '1979-07-01');
    assert.deepEqual(corpus.frontMatter.history, ['1979年7月1日 第五届全国人民代表大会第二次会议通过']);
    assert.deepEqual(corpus.sectionNumbers, ['1', '2', '3', '17', '1701', '78']);
    assert.equal(corpus.clauses.get('17'), '第十七条');
    assert.equal(corpus.paragraphCounts.get('17'), 5);
    assert.match(corpus.clauses.get('17.1') ?? '', /^已满十六周岁的人犯罪，应当负刑事责任。$/);
    assert.match(file.content, /\n# 第一编 总则\n\n# 第一章 刑法的任务、基本原则和适用范围\n\n## 第一条\n/);
    assert.match(file.content, /\n# 第六节 减刑\n\n## 第七十八条\n/);
  });

  it('numbers 第十七条之一 as 1701 so it never repeats 第十七条', () => {
    const { corpus, guesses } = importFixture('刑法.md');
    assert.equal(corpus.clauses.get('1701'), '1701 第十七条之一');
    assert.match(corpus.clauses.get('1701.1') ?? '', /^已满七十五周岁的人故意犯罪的/);
    assert.ok(guesses.some((guess) => /: 第十七条之一 is numbered 1701/.test(guess)), guesses.join('\n'));
  });

  it('makes （一） lines after a colon items of their paragraph, twice in one article', () => {
    const { corpus } = importFixture('刑法.md');
    assert.equal(corpus.paragraphCounts.get('78'), 2);
    assert.match(corpus.clauses.get('78.1') ?? '', /有下列重大立功表现之一的，应当减刑：$/);
    assert.equal(corpus.clauses.get('78.1.1'), '（一）阻止他人重大犯罪活动的；');
    assert.equal(corpus.clauses.get('78.1.6'), '（六）对国家和社会有其他重大贡献的。');
    assert.equal(corpus.clauses.get('78.2'), '减刑以后实际执行的刑期不能少于下列期限：');
    assert.equal(corpus.clauses.get('78.2.3')?.startsWith('（三）人民法院依照本法第五十条第二款规定'), true);
  });

  it('writes files the core parses with no problems and the same numbering', () => {
    const { file, corpus } = importFixture('刑法.md');
    const parsed = parseCorpusDocument(file.content);
    assert.deepEqual(parsed.problems.filter((problem) => problem.code === undefined), []);
    // The fixture is an excerpt of the code (arts 1–3, 17, 17之一, 78 …): its labels skip, and say so.
    assert.ok(parsed.problems.every((problem) => problem.code === 'label-sequence' && /skip from/.test(problem.message)));
    assert.deepEqual(
      parsed.clauses.filter((clause) => clause.kind !== 'section').map((clause) => [clause.key, clause.text]),
      [...corpus.clauses].filter(([key]) => key.includes('.')),
    );
  });

  it('imports an amendment without articles as numbered paragraphs, and says so', () => {
    const { corpus, guesses } = importFixture('刑法修正案（十）.md');
    assert.deepEqual(corpus.sectionNumbers, []);
    assert.equal(corpus.paragraphCounts.get(''), 4);
    assert.match(corpus.clauses.get('1') ?? '', /^为了惩治侮辱国歌的犯罪行为/);
    assert.equal(corpus.clauses.get('4'), '本修正案自公布之日起施行。');
    assert.ok(guesses.some((guess) => /no articles/.test(guess)));
  });

  it('treats zero-width-space lines as blank and keeps the version date from the file name', () => {
    const { corpus } = importFixture('上海市非机动车安全管理条例(2024-05-10).md');
    assert.deepEqual(corpus.sectionNumbers, ['9', '10']);
    assert.equal(corpus.frontMatter.date, '2021-02-26');
    assert.equal(corpus.frontMatter.version_date, '2024-05-10');
    assert.equal(corpus.paragraphCounts.get('9'), 3);
  });

  it('does not start an article at a quoted “第十七条” or at 第五条的…, and numbers an appendix after the last article', () => {
    const text = ['# 某某条例', '', '<!-- INFO END -->', '', '第一条 总则。', '', '第五条的规定不适用于下列情形：', '', '“第十七条 引用的条文。”', '', '第二条 附则。', '', '## 一、附表', '', '表格内容。', ''].join('\n');
    const { corpus, guesses } = importFixture('某某条例.md', text);
    assert.deepEqual(corpus.sectionNumbers, ['1', '2', '3']);
    assert.equal(corpus.paragraphCounts.get('1'), 3);
    assert.equal(corpus.clauses.get('3'), '3 一、附表');
    assert.equal(corpus.clauses.get('3.1'), '表格内容。');
    assert.ok(guesses.some((guess) => /numbered 3, after the last article/.test(guess)));
  });

  it('refuses a file that is already a corpus file, and one with no text', () => {
    assert.match(importStatuteMarkdown('---\nid: 2023-JS\ntitle: x\n---\n\ntext\n', 'x.md').error?.message ?? '', /already a corpus file/);
    assert.match(importStatuteMarkdown('# 标题\n\n2020年1月1日 通过\n\n<!-- INFO END -->\n', 'x.md').error?.message ?? '', /no text/);
  });

  it('is detected by extension', () => {
    assert.equal(detectFormat('刑法.md', ''), 'statute-markdown');
    assert.equal(detectFormat('seed.txt', ''), 'scanned-text');
    assert.equal(detectFormat('vclt.json', ''), 'json-treaty');
  });
});
