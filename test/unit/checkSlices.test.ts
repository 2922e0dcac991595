/**
 * A brief's diagnostics computed a slice at a time (`briefDiagnosticsCheck`, what the server runs on a large
 * brief) and, after an edit, from what the brief's last check kept: always what a fresh check of the same text
 * finds. A check of an older version never finishes once the brief moved on.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createLanguageService, LanguageService } from '../../server/src/service/languageService';
import { STEP } from '../../server/src/service/steps';
import { BUILTIN_ROOT, builtInCorpus } from './helpers/fixture';

const SCOPE = [BUILTIN_ROOT];

function serviceWithBuiltIn(): LanguageService {
  const service = createLanguageService({ now: () => new Date('2024-06-01T00:00:00Z') });
  for (const [uri, text] of builtInCorpus) {
    service.setCorpusFile(uri, BUILTIN_ROOT, text);
  }
  return service;
}

/**
 * The next version of a document with `[start, end)` replaced, telling the core where the change fell, as the
 * server does (`ITextDocument.lastEdit`).
 */
function edited(document: TextDocument, start: number, end: number, text: string): TextDocument {
  const fromVersion = document.version;
  const next = TextDocument.create(document.uri, 'markdown', fromVersion + 1, document.getText().slice(0, start) + text + document.getText().slice(end));
  Object.defineProperty(next, 'lastEdit', { value: { fromVersion, start, oldEnd: end, newEnd: start + text.length } });
  return next;
}

/** Runs a check to its end, one slice per resume; returns the diagnostics and how many resumes it took. */
function runInSlices(service: LanguageService, document: TextDocument): { diagnostics: Diagnostic[]; resumes: number } {
  const check = service.briefDiagnosticsCheck(document, SCOPE);
  for (let resumes = 1; ; resumes++) {
    const diagnostics = check.resume(() => true);
    if (diagnostics) {
      return { diagnostics, resumes };
    }
    assert.equal(check.stale, false, 'nothing made the check stale');
  }
}

/** What a service that never saw the brief finds in a text. */
let freshCount = 0;
function freshDiagnostics(service: LanguageService, text: string): Diagnostic[] {
  const uri = `file:///fresh-${++freshCount}.md`;
  const diagnostics = service.briefDiagnostics(TextDocument.create(uri, 'markdown', 1, text), SCOPE);
  service.closeBrief(uri);
  return diagnostics;
}

/** Lines with every kind of problem: unknown clauses, quotations that match and do not, blockquotes, `ibid.`, brackets. */
const LINES: readonly string[] = [
  '双方重申 [2023-JS §3.4]，并且 [2023-JS §9.99]。',
  '“双方欢迎中国商务部和俄罗斯经济发展部”[2023-JS §3.4]，以及 [ibid. §3.5]。',
  '“这句话不在声明里”[2023-JS §3.4] 和 [ibid.]。',
  '> 双方欢迎中国商务部和俄罗斯经济发展部',
  '> [2023-JS §3.4]',
  '“跨行的引文',
  '”[2023-JS §3.4] 与 ［2023-JS §3.4］ 和 [2023-XX §1]。',
  'Plain text [2023-ECON §2.4–6] and [2023-JS §1.7.3] and [2023-Js §1].',
];

function brief(lines: number): string {
  const body: string[] = [];
  for (let line = 0; line < lines; line++) {
    body.push(LINES[line % LINES.length]);
  }
  return `# Brief\n\n${body.join('\n')}\n`;
}

describe('a brief checked a slice at a time', () => {
  it('finds what a check at once finds, in as many slices as its size asks', () => {
    const service = serviceWithBuiltIn();
    const text = brief(800);
    const { diagnostics, resumes } = runInSlices(service, TextDocument.create('file:///brief.md', 'markdown', 1, text));
    assert.ok(resumes > (800 * 2) / STEP, `${resumes} slices`);
    const expected = freshDiagnostics(serviceWithBuiltIn(), text);
    assert.ok(expected.some((diagnostic) => diagnostic.code === 'quote-mismatch') && expected.some((diagnostic) => diagnostic.code === 'unknown-clause'));
    assert.deepEqual(diagnostics, expected);
  });

  it('never finishes a check once the brief was edited or closed, or a newer check of it began', () => {
    const service = serviceWithBuiltIn();
    const first = TextDocument.create('file:///brief.md', 'markdown', 1, brief(800));
    const edits = service.briefDiagnosticsCheck(first, SCOPE);
    assert.equal(edits.resume(() => true), undefined, 'the first slice is not the whole check');
    // The server edits the document it was given in place: its version moves on.
    TextDocument.update(first, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' }], 2);
    assert.equal(edits.stale, true);
    assert.equal(edits.resume(() => false), undefined);

    const second = TextDocument.create('file:///brief.md', 'markdown', 3, brief(800));
    const older = service.briefDiagnosticsCheck(second, SCOPE);
    older.resume(() => true);
    const newer = service.briefDiagnosticsCheck(second, SCOPE);
    assert.equal(older.stale, true);
    assert.equal(older.resume(() => false), undefined);
    assert.equal(newer.stale, false);
    assert.ok(newer.resume(() => false), 'the newer check finishes');

    const closed = service.briefDiagnosticsCheck(second, SCOPE);
    closed.resume(() => true);
    service.closeBrief('file:///brief.md');
    assert.equal(closed.stale, true);
    assert.equal(closed.resume(() => false), undefined);
  });

  it('finds a quotation again where an edit of the line before, or of what `ibid.` refers to, changed it', () => {
    const cases: { name: string; text: string; edit: (text: string) => [number, number, string] }[] = [
      {
        // The closing mark typed at the end of a line makes a quotation of the citation that starts the next.
        name: 'a closing mark at the end of the line before',
        text: '# Brief\n\n双方重申 [2023-JS §3.4] 又说 “这句话不在声明里\n[2023-JS §3.4] 其他。\n',
        edit: (text) => [text.indexOf('\n[2023-JS'), text.indexOf('\n[2023-JS'), '”'],
      },
      {
        // `ibid.` takes the pinpoint of the citation before it: the quotation is checked against another clause.
        name: 'the citation that ibid. refers to',
        text: '# Brief\n\n见 [2023-JS §3.4]。\n\n“双方欢迎中国商务部和俄罗斯经济发展部”[ibid.]\n',
        edit: (text) => [text.indexOf('3.4'), text.indexOf('3.4') + 3, '1.1'],
      },
    ];
    for (const { name, text, edit } of cases) {
      const service = serviceWithBuiltIn();
      const before = TextDocument.create('file:///brief.md', 'markdown', 1, text);
      assert.deepEqual(runInSlices(service, before).diagnostics, freshDiagnostics(service, text), name);
      const after = edited(before, ...edit(text));
      const diagnostics = service.briefDiagnostics(after, SCOPE);
      assert.ok(diagnostics.some((diagnostic) => diagnostic.code === 'quote-mismatch'), `${name}: ${JSON.stringify(diagnostics)}`);
      assert.deepEqual(diagnostics, freshDiagnostics(service, after.getText()), name);
    }
  });

  it('after any sequence of edits, finds what a fresh check of the text finds', () => {
    const service = serviceWithBuiltIn();
    const fresh = serviceWithBuiltIn();
    let document = TextDocument.create('file:///brief.md', 'markdown', 1, brief(60));
    runInSlices(service, document);
    // Edits within a line (the core updates what it kept from them) and some across lines (it scans again):
    // quotation marks opened and closed before citations on the same line and the next, blockquote lines,
    // citations that `ibid.` refers to, brackets.
    const pieces = ['”', '“', '"', '[2023-JS §3.4]', '[2023-JS §9.99]', '[ibid.]', '[ibid. §9.99]', '双方', ' ', 'x', '» ', '\n', '> ', '［2023-JS §1］', '。'];
    let seed = 20240601;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let step = 0; step < 300; step++) {
      const text = document.getText();
      const at = Math.floor(random() * (text.length + 1));
      const choice = random();
      if (choice < 0.6) {
        document = edited(document, at, at, pieces[Math.floor(random() * pieces.length)]);
      } else if (choice < 0.9) {
        document = edited(document, at, Math.min(text.length, at + 1 + Math.floor(random() * 3)), '');
      } else {
        // The end of a line: a closing mark there makes a quotation of the citation that starts the next line.
        const lineEnd = text.indexOf('\n', at);
        const end = lineEnd < 0 ? text.length : lineEnd;
        document = edited(document, end, end, random() < 0.5 ? '”' : '“');
      }
      const diagnostics = random() < 0.5 ? service.briefDiagnostics(document, SCOPE) : runInSlices(service, document).diagnostics;
      assert.deepEqual(diagnostics, freshDiagnostics(fresh, document.getText()), `after edit ${step + 1}:\n${document.getText()}`);
    }
  });
});
