/**
 * Issue 19 through the command line: `pinpoint check` decodes what it is given or says it cannot, and
 * `pinpoint import` writes nothing through a planted symbolic link and reads nothing that is not a regular
 * file of a sane size. `check` runs the built `dist/cli.js` (`npm run build`); `import` runs in process.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import Ajv from 'ajv';
import { type IImportConsole, run as runImport } from '../../server/src/cli/import';

const repository = path.join(__dirname, '..', '..');
const cli = path.join(repository, 'dist', 'cli.js');
const schema = JSON.parse(fs.readFileSync(path.join(repository, 'test', 'fixtures', 'drafting', 'sarif-schema-2.1.0.json'), 'utf8')) as Record<string, unknown>;
// Linear code answers in about a second; what this replaced hung or took most of a minute.
const SLOW = { timeout: 20_000 };

let folder = '';

function pinpoint(args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd: folder, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function utf16(text: string, endian: 'le' | 'be'): Buffer {
  const little = Buffer.from(`\uFEFF${text}`, 'utf16le');
  return endian === 'le' ? little : Buffer.from(little.map((_, index) => little[index ^ 1]));
}

const BROKEN = '# Memo\n\nSee [2023-JS §3.16] and 😀 [2023-JS §3.17].\n';

describe('pinpoint check: encodings', () => {
  before(() => {
    assert.ok(fs.existsSync(cli), 'dist/cli.js is built (npm run build)');
    folder = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pinpoint-hostile-check-')));
  });
  after(() => fs.rmSync(folder, { recursive: true, force: true }));

  for (const endian of ['le', 'be'] as const) {
    it(`reads a UTF-16${endian.toUpperCase()} brief with a byte-order mark and finds its broken citations`, () => {
      fs.writeFileSync(path.join(folder, `utf16${endian}.md`), utf16(BROKEN, endian));
      const result = pinpoint(['check', `utf16${endian}.md`, '--no-builtin', '--corpus', path.join(repository, 'corpus')]);
      assert.equal(result.status, 1, result.stderr);
      // Columns count UTF-16 code units: the emoji before the second citation counts two.
      assert.deepEqual(result.stdout.trim().split('\n').slice(0, -1).map((line) => line.split(': ').slice(0, 2).join(': ')), [
        `utf16${endian}.md:3:14: error unknown-clause`,
        `utf16${endian}.md:3:37: error unknown-clause`,
      ]);
    });
  }

  it('a brief that cannot be decoded is an error: exit 1, and a SARIF tool execution notification', () => {
    const undecodable = path.join(folder, 'binary');
    fs.mkdirSync(undecodable);
    fs.writeFileSync(path.join(undecodable, 'nul.md'), Buffer.from('# Memo\0\0 [2023-JS §1]\n'));
    fs.writeFileSync(path.join(undecodable, 'utf32.md'), Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), Buffer.from('#\0\0\0')]));
    fs.writeFileSync(path.join(undecodable, 'good.md'), '# Fine\n\n[2023-JS §3.4]\n');
    const text = pinpoint(['check', 'binary', '--no-builtin', '--corpus', path.join(repository, 'corpus')]);
    assert.equal(text.status, 1, text.stdout);
    assert.match(text.stderr, /pinpoint: error: .*nul\.md is not a text file: it contains NUL bytes/);
    assert.match(text.stderr, /pinpoint: error: .*utf32\.md is UTF-32, which is not supported/);
    assert.match(text.stdout, /^1 brief checked: 0 errors; 2 briefs could not be read$/m);

    const sarif = pinpoint(['check', 'binary', '--no-builtin', '--corpus', path.join(repository, 'corpus'), '--format', 'sarif']);
    assert.equal(sarif.status, 1);
    const log = JSON.parse(sarif.stdout) as { runs: { columnKind: string; invocations: { executionSuccessful: boolean; toolExecutionNotifications: { level: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] }[] };
    const ajv = new Ajv({ allErrors: true, strict: false });
    ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:[^\s]*$/i);
    ajv.addFormat('uri-reference', /^[^\s]*$/);
    ajv.addFormat('date-time', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/i);
    const validate = ajv.compile(schema);
    assert.ok(validate(log), ajv.errorsText(validate.errors));
    const [run] = log.runs;
    assert.equal(run.columnKind, 'utf16CodeUnits');
    assert.equal(run.invocations[0].executionSuccessful, false);
    assert.deepEqual(
      run.invocations[0].toolExecutionNotifications.map((notification) => `${notification.level} ${notification.locations[0].physicalLocation.artifactLocation.uri}`).sort(),
      ['error binary/nul.md', 'error binary/utf32.md'],
    );
    const json = JSON.parse(pinpoint(['check', 'binary', '--no-builtin', '--corpus', path.join(repository, 'corpus'), '--format', 'json']).stdout) as { notifications: { level: string }[] };
    assert.deepEqual(json.notifications.map((notification) => notification.level), ['error', 'error']);
  });

  it('a Latin-1 brief is read as Latin-1, with a warning that names the file', () => {
    fs.writeFileSync(path.join(folder, 'latin1.md'), Buffer.from('# Mémoire\n\nVoir [2023-JS §3.16].\n', 'latin1'));
    const result = pinpoint(['check', 'latin1.md', '--no-builtin', '--corpus', path.join(repository, 'corpus')]);
    assert.equal(result.status, 1, 'the broken citation is still found');
    assert.match(result.stderr, /pinpoint: warning: .*latin1\.md is not valid UTF-8: it was read as Latin-1 \(Windows-1252\); save it as UTF-8/);
    assert.match(result.stdout, /^latin1\.md:3:15: error unknown-clause/m);
  });

  it('checks a quotation against the whole UNCLOS in seconds', SLOW, () => {
    const corpus = path.join(folder, 'unclos');
    fs.mkdirSync(corpus);
    fs.copyFileSync(path.join(repository, 'library', '1982-UNCLOS.md'), path.join(corpus, '1982-UNCLOS.md'));
    fs.writeFileSync(path.join(folder, 'quote.md'), 'As the Convention says, “The breadth of the territorial sea”[1982-UNCLOS].\n\nAnd “The breadth of the territorial zea”[1982-UNCLOS].\n');
    const result = pinpoint(['check', 'quote.md', '--no-builtin', '--corpus', corpus]);
    const own = result.stdout.split('\n').filter((line) => line.startsWith('quote.md:'));
    assert.deepEqual(own.map((line) => line.split(': ').slice(0, 2).join(': ')), ['quote.md:3:5: warning quote-mismatch']);
  });
});

/** A console that records what the command prints. */
function capture(): { out: () => string; err: () => string; console: IImportConsole } {
  const out: string[] = [];
  const err: string[] = [];
  return { out: () => out.join(''), err: () => err.join(''), console: { out: (text) => out.push(text), err: (text) => err.push(text), interactive: false } };
}

describe('pinpoint import: hostile sources and output folders', () => {
  const vclt = path.join(repository, 'test', 'fixtures', 'import', 'json', 'vclt.json');
  let directory = '';
  before(() => {
    directory = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pinpoint-hostile-import-')));
  });
  after(() => fs.rmSync(directory, { recursive: true, force: true }));

  it('does not write through a dangling symbolic link planted in --out, and with --force replaces the link itself', async () => {
    const out = path.join(directory, 'out');
    const outside = path.join(directory, 'outside');
    fs.mkdirSync(out);
    fs.mkdirSync(outside);
    fs.symlinkSync(path.join('..', 'outside', 'planted.txt'), path.join(out, '1969-VCLT.md'));
    const first = capture();
    assert.equal(await runImport([vclt, '--out', out, '--id', '1969-VCLT'], first.console), 1);
    assert.equal(fs.existsSync(path.join(outside, 'planted.txt')), false, 'nothing was created outside --out');
    assert.match(first.out(), /1969-VCLT\.md is a symbolic link \(use --force to replace the link itself\)/);

    // With --force, and a link to an existing file: the link goes, the file it pointed to stays as it was.
    fs.writeFileSync(path.join(outside, 'planted.txt'), 'keep me');
    const forced = capture();
    assert.equal(await runImport([vclt, '--out', out, '--id', '1969-VCLT', '--force'], forced.console), 0);
    assert.equal(fs.readFileSync(path.join(outside, 'planted.txt'), 'utf8'), 'keep me');
    assert.equal(fs.lstatSync(path.join(out, '1969-VCLT.md')).isSymbolicLink(), false);
    assert.match(fs.readFileSync(path.join(out, '1969-VCLT.md'), 'utf8'), /^---\nid: 1969-VCLT\n/);
    assert.match(forced.out(), /1969-VCLT\.md was a symbolic link: the link was replaced by the file, its target left alone/);
  });

  it('an existing file is kept without --force and replaced with it', async () => {
    const out = path.join(directory, 'existing');
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, '1969-VCLT.md'), 'mine');
    assert.equal(await runImport([vclt, '--out', out, '--id', '1969-VCLT'], capture().console), 1);
    assert.equal(fs.readFileSync(path.join(out, '1969-VCLT.md'), 'utf8'), 'mine');
    assert.equal(await runImport([vclt, '--out', out, '--id', '1969-VCLT', '--force'], capture().console), 0);
    assert.match(fs.readFileSync(path.join(out, '1969-VCLT.md'), 'utf8'), /^---\nid: 1969-VCLT\n/);
    assert.deepEqual(fs.readdirSync(out), ['1969-VCLT.md'], 'no temporary file is left behind');
  });

  it('a named pipe, a device and an oversized file are refused at once, never read', SLOW, async () => {
    const fifo = path.join(directory, 'pipe.txt');
    const made = spawnSync('mkfifo', [fifo]);
    assert.equal(made.status, 0, 'mkfifo works here');
    const huge = path.join(directory, 'huge.txt');
    fs.writeFileSync(huge, '');
    fs.truncateSync(huge, 65 * 1024 * 1024);
    const io = capture();
    assert.equal(await runImport([fifo, '/dev/zero', huge, '--out', path.join(directory, 'none')], io.console), 1);
    assert.match(io.err(), /pipe\.txt: is a named pipe, not a text file/);
    assert.match(io.err(), /\/dev\/zero: is a device, not a text file/);
    assert.match(io.err(), /huge\.txt: is too large to read \(more than 64 MB\)/);
  });

  it('reads a UTF-16 source with a byte-order mark', async () => {
    const source = path.join(directory, 'vclt-utf16.json');
    fs.writeFileSync(source, utf16(fs.readFileSync(vclt, 'utf8'), 'le'));
    const out = path.join(directory, 'utf16');
    assert.equal(await runImport([source, '--out', out, '--id', '1969-VCLT'], capture().console), 0);
    assert.match(fs.readFileSync(path.join(out, '1969-VCLT.md'), 'utf8'), /Vienna Convention on the Law of Treaties/);
  });
});
