import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { type IImportConsole, run } from '../../server/src/cli/import';

const fixtures = path.join(__dirname, '..', 'fixtures', 'import');

/** A console that records what the command prints. */
function capture(): { out: () => string; err: () => string; console: IImportConsole } {
  const out: string[] = [];
  const err: string[] = [];
  return { out: () => out.join(''), err: () => err.join(''), console: { out: (text) => out.push(text), err: (text) => err.push(text), interactive: false } };
}

describe('pinpoint import: folders, formats, safety', () => {
  let directory = '';
  beforeEach(() => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'pinpoint-import-cli-'));
  });
  afterEach(() => {
    fs.rmSync(directory, { recursive: true, force: true });
  });

  it('imports a folder of mixed formats recursively, with progress on stderr and a summary on stdout', async () => {
    const io = capture();
    const out = path.join(directory, 'corpus');
    assert.equal(await run([fixtures, '--out', out], io.console), 0);
    assert.deepEqual(fs.readdirSync(out).sort(), [
      // The Netherlands treaty database excerpts (nl/): ids proposed from their titles and dates.
      '0000-CPHRFF.md',
      '0000-PNCPHRFF.md',
      '1945-CUN.md',
      '1954-AELGDRDP.md',
      '1966-ICCPR.md',
      '1966-OPICCPR.md',
      '1969-VCLT-2.md',
      '1969-VCLT.md',
      '1979-CRIM.md',
      '1982-UNCLS.md',
      '1998-ROME-STATUTE.md',
      '1998-RSICC.md',
      '2014-ETH-IT-20160101.md',
      '2014-ETH-IT.md',
      '2017-CRIM.md',
      '2021-REG.md',
    ]);
    // nl/README.md is the fixtures' documentation: read, found not to be a treaty, and not counted.
    assert.match(io.out(), /^Imported 16 documents from 15 files into /);
    assert.doesNotMatch(io.out(), /nl\/README\.md/);
    assert.match(io.out(), /1979-CRIM {2}6 sections, 11 paragraphs, 9 items {2}\(.*刑法\.md:1\)/);
    assert.match(io.out(), /Guesses to review \(\d+\):\n(?: {2}.*\n)*? {2}.*刑法\.md:\d+: 第十七条之一 is numbered 1701/);
    assert.match(io.err(), /importing: 17\/17 files\n/); // the 17th is the Akoma Ntoso fixtures' README, read and left out
  });

  it('reads the Netherlands treaty database, whose every treaty is a README.md, and skips other READMEs quietly', async () => {
    const source = path.join(directory, 'verdrag');
    fs.mkdirSync(path.join(source, 'vienna', 'BWBV0003441'), { recursive: true });
    fs.copyFileSync(path.join(fixtures, 'nl', 'vclt.md'), path.join(source, 'vienna', 'BWBV0003441', 'README.md'));
    fs.writeFileSync(path.join(source, 'README.md'), '# About this folder\n\nNotes.\n');
    const io = capture();
    const out = path.join(directory, 'out');
    assert.equal(await run([source, '--out', out, '--id', '1969-VCLT', '--translations'], io.console), 0);
    assert.deepEqual(fs.readdirSync(out).sort(), ['1969-VCLT.md', '1969-VCLT.nl.md']);
    assert.match(io.out(), /^Imported 2 documents from 1 file into /);
    assert.match(fs.readFileSync(path.join(out, '1969-VCLT.md'), 'utf8'), /\nsource: statengeneraal\/laws-markdown@91556a8:verdrag\/vienna\/BWBV0003441\/README\.md\n/);
    assert.match(fs.readFileSync(path.join(out, '1969-VCLT.nl.md'), 'utf8'), /\nlanguage: nl\n(?:.*\n)*authentic: false\n/);
    assert.match(io.out(), /Not imported \(\d+\):\n(?: {2}.*\n)*? {2}.*README\.md:\d+: lines \d+–\d+: the Dutch translation/);
    assert.doesNotMatch(io.out(), /About this folder|Skipped files/);
  });

  it('writes language versions only when asked', async () => {
    const io = capture();
    assert.equal(await run([path.join(fixtures, 'json', 'vclt.json'), '--out', directory, '--translations'], io.console), 0);
    assert.deepEqual(fs.readdirSync(directory).sort(), ['1969-VCLT.md', '1969-VCLT.zh.md']);
    assert.match(io.out(), /1969-VCLT\.zh\.md {2}1969-VCLT {2}.*\(language version, not authentic\)/);
  });

  it('never overwrites without --force, and leaves the existing file as it was', async () => {
    const target = path.join(directory, '1969-VCLT.md');
    fs.writeFileSync(target, 'kept');
    const io = capture();
    assert.equal(await run([path.join(fixtures, 'json', 'vclt.json'), '--out', directory], io.console), 1);
    assert.equal(fs.readFileSync(target, 'utf8'), 'kept');
    assert.match(io.out(), /1969-VCLT\.md exists \(use --force to overwrite\)/);
    assert.equal(await run([path.join(fixtures, 'json', 'vclt.json'), '--out', directory, '--force'], capture().console), 0);
    assert.match(fs.readFileSync(target, 'utf8'), /^---\nid: 1969-VCLT\n/);
  });

  it('uses the given ids in document order and refuses ids that could leave --out', async () => {
    const io = capture();
    assert.equal(await run([path.join(fixtures, 'json', 'vclt.json'), '--out', directory, '--id', '1969-VIENNA'], io.console), 0);
    assert.deepEqual(fs.readdirSync(directory), ['1969-VIENNA.md']);
    for (const id of ['../1969-X', '1969-X/Y', 'x']) {
      const bad = capture();
      assert.equal(await run([path.join(fixtures, 'json', 'vclt.json'), '--out', directory, '--id', id], bad.console), 2);
      assert.match(bad.err(), /not a document id/);
    }
  });

  it('says clearly why bad input could not be imported, and exits 1', async () => {
    const badXml = path.join(directory, 'bad.xml');
    const badJson = path.join(directory, 'other.json');
    fs.writeFileSync(badXml, '<akomaNtoso>\n<act>\n</akomaNtoso>\n');
    fs.writeFileSync(badJson, '{"rows": []}');
    const io = capture();
    assert.equal(await run([badXml, badJson, '--out', path.join(directory, 'out')], io.console), 1);
    assert.match(io.err(), /bad\.xml: Akoma Ntoso XML: XML is not well-formed: .* \(line 3\)\n/);
    assert.match(io.err(), /other\.json: JSON treaty dataset: JSON of another shape: articles is missing/);
    assert.match(io.err(), /nothing could be imported/);
    assert.doesNotMatch(io.err(), /\n\s+at /);
    assert.equal(fs.existsSync(path.join(directory, 'out')), false, 'nothing written, no folder made');
  });

  it('reports a file that is not UTF-8 text', async () => {
    const file = path.join(directory, 'latin1.txt');
    fs.writeFileSync(file, Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]));
    const io = capture();
    assert.equal(await run([file, '--out', path.join(directory, 'out')], io.console), 1);
    assert.match(io.err(), /latin1\.txt: not UTF-8 text/);
  });
});
