// The command line of the drafting features: `check` reports quote mismatches in every format, its SARIF
// validates against the SARIF 2.1.0 schema (vendored in test/fixtures/drafting/), and `toa` prints the table
// of authorities with `check`'s exit codes. Runs the built `dist/cli.js` (`npm run build`).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import Ajv from 'ajv';

const repository = path.join(__dirname, '..', '..');
const cli = path.join(repository, 'dist', 'cli.js');
const schema = JSON.parse(fs.readFileSync(path.join(repository, 'test', 'fixtures', 'drafting', 'sarif-schema-2.1.0.json'), 'utf8')) as Record<string, unknown>;

const BRIEF = [
  '# Memo',
  '',
  'True: “双方反对外部势力干涉内政。”[2023-JS §2.4].',
  'Altered: “双方反对外部势力干预内政。”[2023-JS §2.4].',
  'Full-width: ［2023-JS §3.4］.',
  'Unknown: [2023-JS §3.16].',
  '',
].join('\n');

let folder = '';

function pinpoint(args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd: folder, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A SARIF validator: the schema's formats checked by simple rules (ajv ships none of its own). */
function sarifValidator(): (data: unknown) => { valid: boolean; errors: string } {
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:[^\s]*$/i);
  ajv.addFormat('uri-reference', /^[^\s]*$/);
  ajv.addFormat('date-time', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/i);
  const validate = ajv.compile(schema);
  return (data) => {
    const valid = validate(data) === true;
    return { valid, errors: ajv.errorsText(validate.errors) };
  };
}

describe('pinpoint check and toa', () => {
  before(() => {
    assert.ok(fs.existsSync(cli), 'dist/cli.js is built (npm run build)');
    folder = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pinpoint-drafting-cli-')));
    fs.writeFileSync(path.join(folder, 'memo.md'), BRIEF);
    fs.writeFileSync(path.join(folder, 'clean.md'), '# Clean\n\n“双方主张北极应继续成为和平、稳定和建设性合作之地。”[2023-JS §9.9]\n');
  });
  after(() => fs.rmSync(folder, { recursive: true, force: true }));

  it('text: the quote mismatch is a warning with the closest passage, the hint a hint', () => {
    const result = pinpoint(['check', 'memo.md']);
    assert.equal(result.status, 1, result.stderr);
    const lines = result.stdout.trim().split('\n');
    assert.deepEqual(lines.slice(0, -1).map((line) => line.split(': ').slice(0, 2).join(': ')), [
      'memo.md:4:10: warning quote-mismatch',
      'memo.md:5:13: hint non-canonical-citation',
      'memo.md:6:19: error unknown-clause',
    ]);
    assert.match(lines[0], /the closest passage is “双方反对外部势力干涉内政。”/);
    assert.equal(lines.at(-1), '1 brief checked: 1 error, 2 other problems');
  });

  it('a brief with only warnings exits 0', () => {
    fs.writeFileSync(path.join(folder, 'warn.md'), '“双方反对外部势力干预内政。”[2023-JS §2.4]\n');
    const result = pinpoint(['check', 'warn.md']);
    assert.equal(result.status, 0);
    assert.match(result.stdout, /warning quote-mismatch/);
    fs.rmSync(path.join(folder, 'warn.md'));
  });

  it('json', () => {
    const result = pinpoint(['check', 'memo.md', '--format', 'json']);
    const report = JSON.parse(result.stdout) as { problems: { code: string; severity: string; line: number }[] };
    assert.deepEqual(report.problems.map((problem) => `${problem.line} ${problem.severity} ${problem.code}`), ['4 warning quote-mismatch', '5 hint non-canonical-citation', '6 error unknown-clause']);
  });

  it('sarif validates against the SARIF 2.1.0 schema, with levels per rule', () => {
    const validate = sarifValidator();
    const result = pinpoint(['check', '.', '--format', 'sarif']);
    assert.equal(result.status, 1);
    const log = JSON.parse(result.stdout) as {
      runs: { tool: { driver: { rules: { id: string; defaultConfiguration: { level: string } }[] } }; results: { ruleId: string; level: string }[] }[];
    };
    const outcome = validate(log);
    assert.ok(outcome.valid, outcome.errors);
    const [run] = log.runs;
    assert.deepEqual(run.results.map((entry) => `${entry.ruleId}:${entry.level}`), ['quote-mismatch:warning', 'non-canonical-citation:note', 'unknown-clause:error']);
    const levels = Object.fromEntries(run.tool.driver.rules.map((rule) => [rule.id, rule.defaultConfiguration.level]));
    assert.equal(levels['quote-mismatch'], 'warning');
    assert.equal(levels['non-canonical-citation'], 'note');
    assert.equal(levels['unknown-document'], 'error');
    // The validator does catch a broken log.
    assert.equal(validate({ ...log, version: '2.0.0' }).valid, false);
    assert.equal(validate({ version: '2.1.0', runs: [{ results: [] }] }).valid, false);
  });

  it('toa prints the table with the lines as they are, and exits as check', () => {
    const result = pinpoint(['toa', 'memo.md']);
    assert.equal(result.status, 1, 'the brief has an unknown clause');
    assert.match(result.stderr, /memo\.md:6:19: error unknown-clause/);
    assert.equal(
      result.stdout,
      [
        '<!-- pinpoint:toa -->',
        '## Table of authorities',
        '',
        '**2023-JS** 中华人民共和国和俄罗斯联邦关于深化新时代全面战略协作伙伴关系的联合声明',
        '',
        '- §2.4 双方反对外部势力干涉内政。: lines [3](memo.md#L3), [4](memo.md#L4)',
        '',
        '**Not found in the corpus**',
        '',
        '- 2023-JS §3.16: line [6](memo.md#L6)',
        '',
        '<!-- /pinpoint:toa -->',
        '',
      ].join('\n'),
    );
    const clean = pinpoint(['toa', 'clean.md']);
    assert.equal(clean.status, 0, clean.stderr);
    assert.match(clean.stdout, /- §9\.9 双方主张北极.*: line \[3\]\(clean\.md#L3\)/);
  });

  it('toa: bad usage exits 2', () => {
    assert.equal(pinpoint(['toa']).status, 2);
    assert.equal(pinpoint(['toa', 'memo.md', 'clean.md']).status, 2);
    assert.equal(pinpoint(['toa', 'missing.md']).status, 2);
    assert.equal(pinpoint(['toa', 'memo.md', '--bogus']).status, 2);
    assert.equal(pinpoint(['toa', '--help']).status, 0);
  });
});
