/**
 * The pure part of the VS Code command "Pinpoint: Import into Corpus…" (client/src/importPlan.ts): which
 * files it writes for a source, the summary it shows, and the messages for bad input and bad ids.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { seedPath } from '../../scripts/buildCorpus';
import { checkIds, idQuestion, parseIds, planImport } from '../../client/src/importPlan';

/** The VCLT of the open-treaties dataset (CC0), vendored in test/fixtures/open-treaties/. */
const vclt = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'open-treaties', 'vclt.json'), 'utf8');

describe('Import into Corpus (the command’s plan)', () => {
  it('imports a JSON treaty with the given id, and its Chinese translation when asked', () => {
    const plan = planImport('data/vclt.json', vclt, { ids: ['1969-VCLT'], translations: true });
    assert.equal(plan.error, undefined);
    assert.deepEqual(plan.files.map((file) => file.fileName), ['1969-VCLT.md', '1969-VCLT.zh.md']);
    assert.match(plan.files[0].content, /^---\nid: 1969-VCLT\ntitle: Vienna Convention on the Law of Treaties\n/);
    assert.match(plan.summary[0], /^Imported data\/vclt\.json \(JSON treaty dataset\): 2 files$/);
    assert.match(plan.summary[1], /1969-VCLT\.md {2}1969-VCLT {2}85 sections, \d+ paragraphs, \d+ items {2}“Vienna Convention on the Law of Treaties”/);
    assert.ok(plan.summary.some((line) => /^ {2}data\/vclt\.json:\d+: /.test(line)), 'guesses name the file and line');
  });

  it('proposes an id when none is given, and writes only the English by default', () => {
    const plan = planImport('vclt.json', vclt, { ids: [], translations: false });
    assert.deepEqual(plan.files.map((file) => file.fileName), ['1969-VCLT.md']);
    assert.ok(plan.summary.some((line) => line.includes('no id given') && line.includes('proposed 1969-VCLT')));
  });

  it('explains bad input instead of writing anything', () => {
    assert.match(planImport('notes.docx', 'x', { ids: [], translations: false }).error ?? '', /not a format Pinpoint imports/);
    assert.match(planImport('broken.json', '{"articles": [', { ids: [], translations: false }).error ?? '', /^broken\.json(:\d+)?: not valid JSON/);
    assert.match(planImport('other.json', '{"name": 1}', { ids: [], translations: false }).error ?? '', /JSON of another shape/);
    assert.match(planImport('bad.xml', '<akomaNtoso><act>', { ids: [], translations: false }).error ?? '', /^bad\.xml/);
  });

  it('reads ids separated by commas and rejects ids that are not document ids', () => {
    assert.deepEqual(parseIds(''), { ids: [] });
    assert.deepEqual(parseIds('2023-ECON, 2023-JS'), { ids: ['2023-ECON', '2023-JS'] });
    assert.match('error' in parseIds('1969-vclt') ? (parseIds('1969-vclt') as { error: string }).error : '', /1969-vclt is not a document id/);
  });

  it('asks for the ids knowing the documents: how many, their titles in order, and the ids proposed', () => {
    const seed = idQuestion(planImport('joint-statements.raw.txt', fs.readFileSync(seedPath, 'utf8'), { ids: [], translations: false }));
    assert.equal(seed.count, 2);
    assert.equal(seed.value, '2023-ECON, 2023-JS');
    assert.match(seed.prompt, /^2 documents, in this order: “中华人民共和国主席和俄罗斯联邦总统关于2030年前中俄经济合作重点方向发展规划的联合声明”, “中华人民共和国和俄罗斯联邦关于深化新时代全面战略协作伙伴关系的联合声明”\. Their ids/);
    const treaty = idQuestion(planImport('vclt.json', vclt, { ids: [], translations: false }));
    assert.deepEqual([treaty.count, treaty.value], [1, '1969-VCLT']);
    assert.match(treaty.prompt, /^One document: “Vienna Convention on the Law of Treaties”\. Its id/);
  });

  it('refuses more ids than documents, and bad ids, while the user types', () => {
    assert.equal(checkIds('2023-ECON, 2023-JS', 2), undefined);
    assert.equal(checkIds('', 2), undefined, 'empty: the proposed ids');
    assert.equal(checkIds('2023-A, 2023-B, 2023-C', 2), 'The file holds 2 documents; 3 ids were given');
    assert.equal(checkIds('1969-VCLT, 1969-X', 1), 'The file holds one document; 2 ids were given');
    assert.match(checkIds('1969-vclt', 1) ?? '', /1969-vclt is not a document id/);
  });
});
