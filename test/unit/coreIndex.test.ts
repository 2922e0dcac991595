/**
 * The search index over clause text, and the corpus index: ids, duplicates, replacing and removing files.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService } from '../../server/src/service/languageService';
import { queryParts, SearchIndex } from '../../server/src/service/searchIndex';
import { messageOf } from './helpers/fixture';
import { addTexts } from './helpers/searchTexts';

/** The hits of a query as `slot:index` strings, best first. */
function find(index: SearchIndex, query: string, options: { limit?: number; slots?: number[]; budget?: number } = {}): string[] {
  const result = index.search(query, {
    limit: options.limit ?? 100,
    slots: options.slots ? new Set(options.slots) : undefined,
    budget: options.budget,
  });
  return result.hits.map((hit) => `${hit.slot}:${hit.index}`);
}

describe('search index', () => {
  it('splits a query on white space; CJK text without spaces is one part', () => {
    assert.deepEqual(queryParts('  Trade   AGREEMENT '), ['trade', 'agreement']);
    assert.deepEqual(queryParts('俄罗斯经济发展部'), ['俄罗斯经济发展部']);
    assert.deepEqual(queryParts('能源 合作'), ['能源', '合作']);
    assert.deepEqual(queryParts(' '), []);
  });

  it('finds clauses containing every part, the exact phrase first, then earlier and shorter matches', () => {
    const index = new SearchIndex();
    const slot = addTexts(index, ['Trade policy and the agreement.', 'Both sides sign the trade agreement today.', 'Trade alone.', 'The trade agreement.']);
    assert.equal(slot, 0);
    assert.deepEqual(find(index, 'trade agreement'), ['0:3', '0:1', '0:0']);
    assert.deepEqual(find(index, 'TRADE'), ['0:2', '0:0', '0:3', '0:1']);
    assert.deepEqual(find(index, 'trade nothing'), []);
  });

  it('matches Chinese substrings and ignores typeset spaces around numbers', () => {
    const index = new SearchIndex();
    addTexts(index, ['双方欢迎中国商务部和俄罗斯经济发展部于 2022 年 12 月 5 日发表的', '合作发展能源。', '双方加强能源合作。']);
    assert.deepEqual(find(index, '经济发展部'), ['0:0']);
    assert.deepEqual(find(index, '2022年12月5日'), ['0:0']);
    assert.deepEqual(find(index, '能源 合作'), ['0:2', '0:1']);
    assert.deepEqual(find(index, '能源合作'), ['0:2']);
    assert.deepEqual(find(index, '部'), ['0:0']);
  });

  it('limits the hits and says when there are more', () => {
    const index = new SearchIndex();
    addTexts(index, Array.from({ length: 30 }, (_, position) => `clause ${position} on fisheries`));
    const result = index.search('fisheries', { limit: 10 });
    assert.equal(result.hits.length, 10);
    assert.equal(result.incomplete, true);
    assert.equal(index.search('clause 7 on', { limit: 10 }).incomplete, false);
  });

  it('stops after its budget of candidates and says so', () => {
    const index = new SearchIndex();
    addTexts(index, Array.from({ length: 500 }, (_, position) => `clause ${position} on fisheries`));
    const result = index.search('fisheries clause', { limit: 10, budget: 50 });
    assert.equal(result.incomplete, true);
  });

  it('searches only the slots asked for', () => {
    const index = new SearchIndex();
    addTexts(index, ['alpha beta']);
    addTexts(index, ['alpha gamma']);
    addTexts(index, ['alpha delta']);
    assert.deepEqual(find(index, 'alpha', { slots: [1] }), ['1:0']);
    assert.deepEqual(find(index, 'alpha', { slots: [0, 2] }).sort(), ['0:0', '2:0']);
    assert.deepEqual(find(index, 'alpha').sort(), ['0:0', '1:0', '2:0']);
  });

  it('forgets a removed slot (a tombstone) and finds the text again when it is added anew', () => {
    const index = new SearchIndex();
    const first = addTexts(index, ['the old text of a clause', 'another clause']);
    const second = addTexts(index, ['an unrelated clause']);
    assert.deepEqual(find(index, 'old text'), [`${first}:0`]);
    index.remove(first);
    assert.equal(index.rawOf(first, 0), undefined);
    assert.deepEqual(find(index, 'old text'), []);
    assert.deepEqual(find(index, 'clause').sort(), [`${second}:0`]);
    index.remove(first); // removing twice is harmless
    const again = addTexts(index, ['the old text of a clause, changed']);
    assert.notEqual(again, first);
    assert.deepEqual(find(index, 'old text'), [`${again}:0`]);
    assert.equal(index.rawOf(again, 0), 'the old text of a clause, changed');
  });

  it('stays right across compaction, additions after it, removals and empty documents', () => {
    const index = new SearchIndex();
    const slots = [
      addTexts(index, ['first document text']),
      addTexts(index, []),
      addTexts(index, ['second document text', 'more words']),
      addTexts(index, []),
    ];
    assert.deepEqual(find(index, 'document text').sort(), [`${slots[0]}:0`, `${slots[2]}:0`]);
    index.compact();
    const late = addTexts(index, ['third document text']);
    index.remove(slots[0]);
    assert.deepEqual(find(index, 'document text').sort(), [`${slots[2]}:0`, `${late}:0`]);
    assert.deepEqual(find(index, 'words'), [`${slots[2]}:1`]);
    index.compact();
    assert.deepEqual(find(index, 'document text').sort(), [`${slots[2]}:0`, `${late}:0`]);
    index.remove(late);
    index.remove(slots[2]);
    assert.deepEqual(find(index, 'document'), []);
  });

  it('answers the same after many documents come and go', () => {
    const index = new SearchIndex();
    const live = new Map<number, string>();
    for (let round = 0; round < 300; round++) {
      const text = `document ${round} about ${round % 7 === 0 ? 'whales' : 'fish'} number${round}`;
      live.set(addTexts(index, [text]), text);
      if (round % 3 === 0) {
        const [oldest] = live.keys();
        index.remove(oldest);
        live.delete(oldest);
      }
    }
    const expected = [...live].filter(([, text]) => text.includes('whales')).map(([slot]) => `${slot}:0`).sort();
    assert.deepEqual(find(index, 'whales', { limit: 1000 }).sort(), expected);
  });

  it('never throws on odd queries', () => {
    const index = new SearchIndex();
    addTexts(index, ['text']);
    for (const query of ['', ' ', '\u0000', '𠀀', '[', '.*', 'a'.repeat(10_000)]) {
      assert.doesNotThrow(() => index.search(query, { limit: 10 }), JSON.stringify(query));
    }
  });
});

const ROOT = 'file:///corpus';
const OTHER_ROOT = 'file:///other';

function corpusFile(id: string, body: string, extra = ''): string {
  return `---\nid: ${id}\ntitle: Title of ${id}\n${extra}---\n\n${body}\n`;
}

/** The corpus-error messages of a file. */
function corpusErrors(service: ReturnType<typeof createLanguageService>, uri: string, scope: readonly string[]): string[] {
  return service.corpusDiagnostics(uri, scope).map((diagnostic) => {
    assert.equal(diagnostic.code, 'corpus-error');
    return messageOf(diagnostic);
  });
}

/** Where a citation's definition leads, as `uri line`. */
function definitionOf(service: ReturnType<typeof createLanguageService>, citation: string, scope: readonly string[]): string | undefined {
  const brief = TextDocument.create('file:///brief.md', 'markdown', nextVersion++, citation);
  const location = service.definition(brief, brief.positionAt(citation.length - 2), scope);
  return location ? `${location.uri} ${location.range.start.line}` : undefined;
}
let nextVersion = 1;

describe('corpus index', () => {
  it('gives a duplicate id a corpus-error on the later file, and cites the earlier one', () => {
    const service = createLanguageService();
    const scope = [ROOT];
    service.setCorpusFile(`${ROOT}/a.md`, ROOT, corpusFile('2020-A', 'From a.'));
    service.setCorpusFile(`${ROOT}/b.md`, ROOT, corpusFile('2020-A', 'From b.'));
    assert.deepEqual(corpusErrors(service, `${ROOT}/a.md`, scope), []);
    const errors = corpusErrors(service, `${ROOT}/b.md`, scope);
    assert.equal(errors.length, 1);
    assert.match(errors[0], /duplicate id 2020-A/);
    assert.equal(definitionOf(service, '[2020-A §1]', scope), `${ROOT}/a.md 5`);
    assert.deepEqual(service.index.documents(scope).map((entry) => entry.uri), [`${ROOT}/a.md`]);
  });

  it('decides which duplicate is later independently of the order the files were loaded in', () => {
    const service = createLanguageService();
    const scope = [ROOT];
    service.setCorpusFile(`${ROOT}/b.md`, ROOT, corpusFile('2020-A', 'From b.'));
    service.setCorpusFile(`${ROOT}/a.md`, ROOT, corpusFile('2020-A', 'From a.'));
    assert.deepEqual(corpusErrors(service, `${ROOT}/a.md`, scope), []);
    assert.equal(corpusErrors(service, `${ROOT}/b.md`, scope).length, 1);
  });

  it('puts the duplicate under a later corpus root in the wrong', () => {
    const service = createLanguageService();
    service.setCorpusFile(`${ROOT}/z.md`, ROOT, corpusFile('2020-A', 'Workspace.'));
    service.setCorpusFile(`${OTHER_ROOT}/a.md`, OTHER_ROOT, corpusFile('2020-A', 'Built in.'));
    assert.deepEqual(corpusErrors(service, `${ROOT}/z.md`, [ROOT, OTHER_ROOT]), []);
    assert.equal(corpusErrors(service, `${OTHER_ROOT}/a.md`, [ROOT, OTHER_ROOT]).length, 1);
    // A scope that sees only one of them has no duplicate.
    assert.deepEqual(corpusErrors(service, `${OTHER_ROOT}/a.md`, [OTHER_ROOT]), []);
  });

  it('restores the other file when a duplicate is removed, and takes it back when it returns', () => {
    const service = createLanguageService();
    const scope = [ROOT];
    service.setCorpusFile(`${ROOT}/a.md`, ROOT, corpusFile('2020-A', 'From a.'));
    service.setCorpusFile(`${ROOT}/b.md`, ROOT, corpusFile('2020-A', 'From b.\n\nSecond.'));
    assert.equal(service.deleteCorpusFile(`${ROOT}/a.md`), true);
    assert.equal(service.deleteCorpusFile(`${ROOT}/a.md`), false);
    assert.deepEqual(corpusErrors(service, `${ROOT}/b.md`, scope), []);
    assert.deepEqual(corpusErrors(service, `${ROOT}/a.md`, scope), []);
    assert.equal(definitionOf(service, '[2020-A §2]', scope), `${ROOT}/b.md 7`);
    service.setCorpusFile(`${ROOT}/a.md`, ROOT, corpusFile('2020-A', 'From a.'));
    assert.equal(corpusErrors(service, `${ROOT}/b.md`, scope).length, 1);
    assert.equal(definitionOf(service, '[2020-A §1]', scope), `${ROOT}/a.md 5`);
  });

  it('re-indexes a changed file: new clauses are cited and found, old text is gone', () => {
    const service = createLanguageService();
    const scope = [ROOT];
    const uri = `${ROOT}/a.md`;
    service.setCorpusFile(uri, ROOT, corpusFile('2020-A', 'Whales are protected.'));
    const brief = (version: number, text: string) => TextDocument.create('file:///brief.md', 'markdown', version, text);
    const codes = (version: number, text: string) => service.briefDiagnostics(brief(version, text), scope).map((diagnostic) => diagnostic.code);
    assert.deepEqual(codes(1, '[2020-A §2]'), ['unknown-clause']);
    service.setCorpusFile(uri, ROOT, corpusFile('2020-A', 'Dolphins are protected.\n\nSharks too.'));
    assert.deepEqual(codes(1, '[2020-A §2]'), [], 'the same brief version is checked against the new corpus');
    const search = (query: string) => service.index.search(query, scope, { limit: 10 }).hits.map((hit) => `${hit.document.uri} ${hit.clause.key}`);
    assert.deepEqual(search('whales'), []);
    assert.deepEqual(search('dolphins'), [`${uri} 1`]);
    assert.deepEqual(search('sharks'), [`${uri} 2`]);
  });

  it('drops a file that stops being a corpus file, and its id', () => {
    const service = createLanguageService();
    const uri = `${ROOT}/a.md`;
    assert.equal(service.setCorpusFile(uri, ROOT, corpusFile('2020-A', 'Text.')), true);
    assert.equal(service.setCorpusFile(uri, ROOT, '# Just notes\n\nText.\n'), false);
    assert.equal(service.index.resolve('2020-A', [ROOT]), undefined);
    assert.equal(service.index.get(uri), undefined);
  });

  it('keeps a file with bad front matter as a corpus file with an error, and everything else working', () => {
    const service = createLanguageService();
    const scope = [ROOT];
    assert.equal(service.setCorpusFile(`${ROOT}/bad.md`, ROOT, '---\nid: 2020-B\ntitle: [oops\n---\n\nText.\n'), true);
    service.setCorpusFile(`${ROOT}/good.md`, ROOT, corpusFile('2020-A', 'Text of a.'));
    assert.equal(corpusErrors(service, `${ROOT}/bad.md`, scope).length, 1);
    assert.deepEqual(corpusErrors(service, `${ROOT}/good.md`, scope), []);
    const brief = TextDocument.create('file:///brief.md', 'markdown', 1, '[2020-A §1] [2020-B §1]');
    assert.deepEqual(
      service.briefDiagnostics(brief, scope).map((diagnostic) => [diagnostic.code, brief.getText(diagnostic.range)]),
      [['unknown-document', '2020-B']],
    );
    // Its clauses are never offered by content search: it cannot be cited.
    assert.deepEqual(
      service.index.search('text', scope, { limit: 10 }).hits.map((hit) => hit.document.uri),
      [`${ROOT}/good.md`],
    );
  });

  it('searches only the documents in scope', () => {
    const service = createLanguageService();
    service.setCorpusFile(`${ROOT}/a.md`, ROOT, corpusFile('2020-A', 'Fisheries here.'));
    service.setCorpusFile(`${OTHER_ROOT}/b.md`, OTHER_ROOT, corpusFile('2020-B', 'Fisheries there.'));
    const ids = (scope: string[]) => service.index.search('fisheries', scope, { limit: 10 }).hits.map((hit) => hit.document.document.id).sort();
    assert.deepEqual(ids([ROOT]), ['2020-A']);
    assert.deepEqual(ids([OTHER_ROOT]), ['2020-B']);
    assert.deepEqual(ids([ROOT, OTHER_ROOT]), ['2020-A', '2020-B']);
  });

  it('removes every file under a root', () => {
    const service = createLanguageService();
    service.setCorpusFile(`${ROOT}/a.md`, ROOT, corpusFile('2020-A', 'A.'));
    service.setCorpusFile(`${OTHER_ROOT}/b.md`, OTHER_ROOT, corpusFile('2020-B', 'B.'));
    service.index.deleteRoot(ROOT);
    assert.equal(service.index.resolve('2020-A', [ROOT, OTHER_ROOT]), undefined);
    assert.ok(service.index.resolve('2020-B', [ROOT, OTHER_ROOT]));
  });
});
