/**
 * Property tests of the corpus parser (`parseCorpusDocument`, spec.md §2): on any text it never throws,
 * every clause and problem range lies inside the file, clauses are numbered consistently, line endings and a
 * BOM change nothing, and parsing takes time linear in the file even on lines built to make regular
 * expressions backtrack. Fixed seed and bounded runs.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as fc from 'fast-check';
import { aliasesOf, CorpusDocument, isCorpusFile, LineRange, parseCorpusDocument, readFrontMatter, readHeader } from '../../server/src/service/corpusParser';
import { bestTime, dress, hostilePiece, hostileText, SEED, SLOWDOWN_BOUND } from './propertyArbitraries';
import { relatedIdsOf } from '../../server/src/service/status';
import { checkSkeleton } from './helpers/skeleton';

function checkRange(lines: readonly string[], range: LineRange, what: string): void {
  const where = `${what} ${range.startLine}:${range.startCharacter}-${range.endLine}:${range.endCharacter}`;
  assert.ok(Number.isInteger(range.startLine) && Number.isInteger(range.endLine), where);
  assert.ok(range.startLine >= 0 && range.startLine <= range.endLine && range.endLine < lines.length, `${where} outside lines 0..${lines.length - 1}`);
  assert.ok(range.startCharacter >= 0 && range.startCharacter <= lines[range.startLine].length, `${where} starts outside its line`);
  assert.ok(range.endCharacter >= 0 && range.endCharacter <= lines[range.endLine].length, `${where} ends outside its line`);
  assert.ok(range.startLine < range.endLine || range.startCharacter <= range.endCharacter, `${where} ends before it starts`);
}

/** Checks the invariants of one parse of `text`. */
function checkDocument(text: string, document: CorpusDocument): void {
  const lines = text.split(/\r\n|\r|\n/);
  const keys = new Set<string>();
  document.clauses.forEach((clause, index) => {
    checkRange(lines, clause.range, `clause §${clause.key}`);
    assert.equal(clause.ordinal, index);
    if (clause.annex === undefined) {
      assert.equal(clause.key, clause.path.join('.'));
      assert.ok(clause.path.length >= 1, `path §${clause.key}`);
      assert.equal(clause.kind === 'section', document.hasSections && clause.path.length === 1, `kind of §${clause.key}`);
    } else {
      assert.ok(clause.key.startsWith(clause.annex), `annex clause ${clause.key}`);
      assert.equal(clause.kind === 'annex', clause.path.length === 0, `kind of ${clause.key}`);
    }
    assert.ok(clause.path.every((part) => Number.isSafeInteger(part) && part >= 0), `path §${clause.key}`);
    assert.ok(clause.parent < index, `the parent of §${clause.key} comes before it`);
    assert.ok(!keys.has(clause.key), `two clauses §${clause.key}`);
    keys.add(clause.key);
  });
  for (const problem of document.problems) {
    checkRange(lines, problem.range, `problem '${problem.message}'`);
    assert.ok(problem.message.length > 0);
  }
  if (document.idRange) {
    checkRange(lines, document.idRange, 'id');
  }
  assert.ok(document.id === undefined || /^[0-9]{4}-[A-Z]/.test(document.id));
}

/** Front matter lines, some valid and some broken. */
const frontMatter = fc.oneof(
  fc.constant('---\nid: 2023-JS\ntitle: 联合声明\n---\n'),
  fc.constant('---\nid: "2023-ECON"   # the id\ntitle: \'Статья\'\nlanguage: ru\n---\n'),
  fc.constant('---\nid: 2023-js\n---\n'),
  fc.constant('---\nid: [2023-JS\ntitle: x\n---\n'),
  fc.constant('---\nid: 2023-JS\nid: 2023-JS\n---\n'),
  fc.constant('---\ntitle: no id\n'),
  fc.array(hostilePiece, { maxLength: 10 }).map((pieces) => `---\nid: 2023-X\ntitle: ${pieces.join('')}\n---\n`),
  fc.constant(''),
);

/** A body made of lines that look like corpus structure, and hostile lines. */
const bodyLine = fc.oneof(
  fc.constantFrom('## 一、总则', '## 第三条 定义', '## Article 3 – Scope', '## III.', '## 3', '## 3 ##', '## ', '#', '### 小节', '# Title', '', '', ''),
  fc.constantFrom('双方强调，', '——以两国元首共识为引领，', 'The Parties agree.', '- 一、扩大贸易规模', '- item', '  - nested', '1. first', '2) second', '    indented', '* star'),
  fc.array(hostilePiece, { maxLength: 8 }).map((pieces) => pieces.join('')),
);
const corpusText = fc.tuple(frontMatter, fc.array(bodyLine, { maxLength: 30 })).map(([head, body]) => head + body.join('\n'));

describe('corpus parser properties', () => {
  it('never throws on hostile text, and every range lies inside the file', () => {
    fc.assert(
      fc.property(hostileText(80), (text) => {
        checkDocument(text, parseCorpusDocument(text));
      }),
      { seed: SEED, numRuns: 1500 },
    );
  });

  it('never throws on corpus-like files with hostile lines, numbering every clause once', () => {
    fc.assert(
      fc.property(corpusText, fc.constantFrom<'\n' | '\r\n' | '\r'>('\n', '\r\n', '\r'), fc.boolean(), fc.boolean(), (text, lineEnding, bom, nfd) => {
        const dressed = dress(text, { lineEnding, bom, nfd });
        checkDocument(dressed, parseCorpusDocument(dressed));
      }),
      { seed: SEED, numRuns: 1500 },
    );
  });

  it('keeps in each skeleton every clause as the parser reads it, through the bytes of the index cache too', () => {
    fc.assert(
      fc.property(fc.oneof(corpusText, hostileText(60)), (text) => {
        checkSkeleton(text, parseCorpusDocument(text));
      }),
      { seed: SEED, numRuns: 1500 },
    );
  });

  it('reads a corpus file the same with LF, CRLF and CR line endings and with a BOM', () => {
    const withoutCr = corpusText.map((text) => text.replace(/\r/g, ' '));
    fc.assert(
      fc.property(withoutCr, (text) => {
        const lf = parseCorpusDocument(text);
        const summary = (document: CorpusDocument) => ({
          id: document.id,
          title: document.title,
          clauses: document.clauses.map((clause) => [clause.key, clause.kind, clause.text, clause.range.startLine, clause.range.endLine]),
          problems: document.problems.length,
        });
        assert.deepEqual(summary(parseCorpusDocument(text.replace(/\n/g, '\r\n'))), summary(lf));
        assert.deepEqual(summary(parseCorpusDocument(text.replace(/\n/g, '\r'))), summary(lf));
        if (text.startsWith('---\n')) {
          assert.deepEqual(summary(parseCorpusDocument('\uFEFF' + text)), summary(lf));
        }
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });

  it('reads plain front matter without the YAML parser exactly as the YAML parser does', () => {
    const line = fc.oneof(
      fc.constantFrom('id: 2023-JS', "id: '2023-JS'", 'title: 联合声明', 'title: a: b', 'title: "x', "title: 'it''s'", 'date: 2023-03-21', 'date: 2023', 'n: 1.5', 'n: 0x1F'),
      fc.constantFrom('language: zh', 'authentic: false', 'authentic: no', 'x:', 'x: ~', 'x: null', 'x: Null', 'x: "1"', 'x: -1', 'x: yes', '# comment', '', '  nested: 1', '- item'),
      fc.constantFrom('place: Beijing # the place', 'place: a #b', 'k-2: v', '_k: v', 'K: [a, b]', 'K: {a: 1}', 'K: &a x', 'K: *a', 'K: !!str 1', 'K: |', 'K: >', 'K: @x', 'K: `x`'),
      fc.tuple(fc.constantFrom('id', 'title', 'date', 'x', 'constructor', 'toString'), fc.array(hostilePiece, { maxLength: 4 })).map(([key, pieces]) => `${key}: ${pieces.join('').replace(/[\r\n]/g, ' ')}`),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 8 }), (lines) => {
        const all = ['---', ...lines, '---', '', '正文。'];
        const fast = readFrontMatter(all);
        const yaml = readFrontMatter(all, { yaml: true });
        assert.deepEqual({ ...fast, data: { ...fast.data } }, { ...yaml, data: { ...yaml.data } });
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });

  it('reads the same header quickly as the full parse does', () => {
    const headerLine = fc.oneof(
      fc.constantFrom('id: 2023-JS', 'id: "2023-JS"', "id: '2023-JS'  ", 'id: 2023-js', 'id:', 'title: 联合声明', 'title: a: b', 'title: "x', 'title: [1]'),
      fc.constantFrom('language: zh', 'language: EN ', 'authentic: false', 'authentic: False', 'authentic: no', 'date: 2023-03-21', 'id: 2023-JS # c'),
      fc.constantFrom('amends: 1998-ROME', 'superseded_by: 1982-UNCLOS art. 311(1)', 'supersedes: [1958-TSC, bad]', 'amended_by: 2010-X', 'status: in-force'),
      fc.array(hostilePiece, { maxLength: 6 }).map((pieces) => pieces.join('').replace(/[\r\n]/g, ' ')),
      fc.tuple(fc.constantFrom('id: ', 'title: '), fc.array(hostilePiece, { maxLength: 6 })).map(([key, pieces]) => key + pieces.join('').replace(/[\r\n]/g, ' ')),
    );
    const header = fc.tuple(fc.array(headerLine, { maxLength: 6 }), fc.constantFrom('---', '...', '')).map(([lines, close]) => ['---', ...lines, close, '', '正文。'].join('\n'));
    fc.assert(
      fc.property(header, (text) => {
        const fast = readHeader(text);
        const full = parseCorpusDocument(text);
        const language = full.meta['language'];
        const authentic = full.meta['authentic'];
        assert.deepEqual(fast, {
          isCorpus: isCorpusFile(full, text),
          id: full.id,
          title: full.title,
          language: typeof language === 'string' ? language.trim().toLowerCase() : '',
          authentic: authentic !== false && authentic !== 'false',
          aliases: aliasesOf(full.meta),
          related: relatedIdsOf(full.meta),
        });
      }),
      { seed: SEED, numRuns: 2000 },
    );
    const size = 100_000;
    const plain = `---\nid: 2023-JS\ntitle: ${'联合声明'.repeat(size / 4)}\n---\n`;
    const baseline = bestTime(() => readHeader(plain), 10);
    const spaced = bestTime(() => readHeader(`---\nid: 2023-JS\ntitle: a${' '.repeat(size)}b\n---\n`));
    assert.ok(spaced <= SLOWDOWN_BOUND * Math.max(baseline, 1), `a title of spaces: ${spaced.toFixed(1)} ms, the baseline ${baseline.toFixed(1)} ms`);
  });

  it('refuses front matter nested thousands deep instead of overflowing the stack', () => {
    // Before the guard, the second parse of `id: [[[[…` aborted the process ("RegExpCompiler Allocation
    // failed - process out of memory"), which no catch can stop: each case is parsed three times.
    const deep: Record<string, string> = {
      'flow sequences': `id: ${'['.repeat(10_000)}`,
      'flow maps': `id: ${'{a: '.repeat(3_000)}`,
      'closed flow sequences': `id: ${'['.repeat(3_000)}${']'.repeat(3_000)}`,
      'compact sequences': `id: 2023-X\nlist: ${'- '.repeat(3_000)}a`,
      'complex keys': `${'? '.repeat(3_000)}a`,
      'indentation': Array.from({ length: 1_500 }, (_, depth) => `${' '.repeat(depth)}a:`).join('\n'),
    };
    for (const [name, yaml] of Object.entries(deep)) {
      for (let attempt = 0; attempt < 3; attempt++) {
        const text = `---\n${yaml}\n---\n\n正文。\n`;
        const document = parseCorpusDocument(text);
        checkDocument(text, document);
        assert.ok(document.problems.some((problem) => /nested more than/.test(problem.message)), `${name}: ${document.problems[0]?.message}`);
        assert.equal(document.clauses.length, 1, name);
      }
    }
    const shallow = parseCorpusDocument('---\nid: 2023-X\ntitle: t\nparties: [[a, b], {c: [d]}]\nnotes:\n  - a: 1\n    b: [x]\n---\n');
    assert.deepEqual(shallow.problems, []);
  });

  it('parses in time linear in the file, however hostile its lines', () => {
    const size = 100_000;
    const head = '---\nid: 2023-JS\ntitle: 联合声明\n---\n';
    const paragraph = '## 第三条 定义\n\n双方强调，在双方不懈努力下，\n合作。\n\n- ——以两国元首共识为引领；\n- 一、扩大贸易规模\n\n';
    const baselineText = head + paragraph.repeat(Math.ceil(size / paragraph.length)).slice(0, size);
    const baseline = bestTime(() => parseCorpusDocument(baselineText), 10);
    const hostile: Record<string, string> = {
      'a 100,000-character line': head + 'a'.repeat(size),
      'a heading of spaces': `${head}## a${' '.repeat(size)}b`,
      'a heading of spaces and hashes': `${head}## a${' #'.repeat(size / 2)}b`,
      'an id line of spaces': `---\nid: a${' '.repeat(size)}b\ntitle: t\n---\n`,
      'an id line of quotes': `---\nid: a${' "'.repeat(size / 2)}b\ntitle: t\n---\n`,
      'an Article heading of spaces': `${head}## Article${' '.repeat(size)}x`,
      'a 第 heading of numerals': `${head}## 第${'一'.repeat(size)}`,
      'a Roman heading': `${head}## ${'X'.repeat(size)}`,
      'many headings': head + '## 1\n'.repeat(size / 5),
      'many list items': head + '- a\n'.repeat(size / 4),
      'deeply nested list': head + Array.from({ length: 400 }, (_, depth) => ' '.repeat(depth * 2) + '- a').join('\n'),
      'front matter never closed': '---\n' + 'a: b\n'.repeat(size / 5),
      'nested flow collections': `---\nid: ${'['.repeat(size / 10)}\n---\n`,
      'many blank lines': head + '\n'.repeat(size),
      'CR line endings': head.replace(/\n/g, '\r') + 'a\r\r'.repeat(size / 3),
      'lone surrogates': head + '\uD800a\n\n'.repeat(size / 4),
    };
    for (const [name, text] of Object.entries(hostile)) {
      const time = bestTime(() => parseCorpusDocument(text));
      assert.ok(time <= SLOWDOWN_BOUND * Math.max(baseline, 1), `${name}: ${time.toFixed(1)} ms, the baseline ${baseline.toFixed(1)} ms`);
    }
  });
});
