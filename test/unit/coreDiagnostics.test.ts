/**
 * Diagnostics of briefs: each code of spec.md §4 where it should be and nowhere else.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { checkDiagnostics, load } from './helpers/fixture';

describe('diagnostics: valid citations give none', () => {
  const valid = [
    '[2023-JS]',
    '[2023-ECON]',
    '[2023-JS §0]',
    '[2023-JS §0.1]',
    '[2023-JS §0.2]',
    '[2023-JS §3]',
    '[2023-JS §9]',
    '[2023-JS §3.4]',
    '[2023-JS §1.7.3]',
    '[2023-JS §3.4–3.6]',
    '[2023-JS §3.4–6]',
    '[2023-JS §3.4-6]',
    '[2023-JS §3.4–4.2]',
    '[2023-JS §1.7.3–5]',
    '[2023-JS §1.7.1–1.7.5]',
    '[2023-JS §1–9]',
    '[2023-JS §0.2–1.1]',
    '[2023-JS §3.4, §5.2]',
    '[2023-JS §3.4; 2023-ECON §2.4]',
    '[2023-ECON §1]',
    '[2023-ECON §5]',
    '[2023-ECON §2.1–8]',
    '[2023-ECON §1–5]',
    '[2023-ECON §2.8]',
    '[2023-JS §9.9; 2023-ECON §2.1, §2.3–2.5, §5; 2023-JS]',
  ];
  for (const citation of valid) {
    it(`accepts ${citation}`, () => {
      checkDiagnostics(`见 ${citation}。\n`, []);
    });
  }

  it('ignores plain bracketed text and links', () => {
    checkDiagnostics('See [the statement](https://example.org) [note] [2023] [a §3] [ 2023-JS] [see 2023-js].\n', []);
  });
});

describe('diagnostics: unknown-document', () => {
  it('marks the unknown id only', () => {
    checkDiagnostics('见 [2023-XX §1]。', [{ code: 'unknown-document', at: '2023-XX', message: 'did you mean 2023-JS' }]);
    checkDiagnostics('见 [2023-JSX]。', [{ code: 'unknown-document', at: '2023-JSX' }]);
  });

  it('marks only the unknown cite of a citation with several documents', () => {
    checkDiagnostics('[2023-JS §3.4; 2023-ECONOMY §2.4; 2023-ECON §2.4]', [{ code: 'unknown-document', at: '2023-ECONOMY' }]);
  });

  it('does not check the pinpoints of an unknown document', () => {
    checkDiagnostics('[1999-ZZ §999.1–2]', [{ code: 'unknown-document', at: '1999-ZZ' }]);
  });

  it('treats ids as case-sensitive: a lower-case id is malformed, a different upper-case id unknown', () => {
    checkDiagnostics('[2023-Js §1] [2023-JSS §1]', [
      { code: 'malformed-citation', at: '[2023-Js §1]' },
      { code: 'unknown-document', at: '2023-JSS' },
    ]);
  });

  it('knows only the documents in the brief’s scope', () => {
    const { service, brief } = load('[2023-JS §3.4]');
    assert.ok(brief);
    const diagnostics = service.briefDiagnostics(brief, ['file:///elsewhere']);
    assert.deepEqual(
      diagnostics.map((diagnostic) => [diagnostic.code, brief.getText(diagnostic.range)]),
      [['unknown-document', '2023-JS']],
    );
  });
});

describe('diagnostics: unknown-clause', () => {
  const unknown: [string, string, string][] = [
    ['[2023-JS §3.99]', '§3.99', '§3 has §3.1–§3.15'],
    ['[2023-JS §10]', '§10', 'its sections are §0–§9'],
    ['[2023-JS §0.3]', '§0.3', '§0 has §0.1–§0.2'],
    ['[2023-JS §1.7.6]', '§1.7.6', '§1.7 has §1.7.1–§1.7.5'],
    ['[2023-JS §3.4.1]', '§3.4.1', '§3.4 has no items'],
    ['[2023-JS §3.4.1.1]', '§3.4.1.1', 'no §3.4.1'],
    ['[2023-ECON §2.9]', '§2.9', '§2 has §2.1–§2.8'],
    ['[2023-ECON §6]', '§6', 'its paragraphs are §1–§5'],
    ['[2023-ECON §0]', '§0', 'its paragraphs are §1–§5'],
    ['[2023-ECON §1.1]', '§1.1', '§1 has no items'],
    ['[2023-ECON §2.4.1]', '§2.4.1', '§2.4 has no parts: it is an item'],
    ['[2023-JS §1.7.3.1]', '§1.7.3.1', '§1.7.3 has no parts: it is an item'],
    ['[2023-JS §3.99–3.100]', '§3.99–3.100', 'no §3.99'],
    ['[2023-JS §3.4–99]', '§3.4–99', 'no §3.99'],
    ['[2023-JS §1.7.3–2.1.1]', '§1.7.3–2.1.1', 'no §2.1.1'],
  ];
  for (const [citation, at, message] of unknown) {
    it(`marks ${at} in ${citation}`, () => {
      checkDiagnostics(`见 ${citation}。`, [{ code: 'unknown-clause', at, message }]);
    });
  }

  it('marks each unknown pinpoint of a cite', () => {
    checkDiagnostics('[2023-JS §3.99, §3.4, §11; 2023-ECON §9]', [
      { code: 'unknown-clause', at: '§3.99' },
      { code: 'unknown-clause', at: '§11' },
      { code: 'unknown-clause', at: '§9' },
    ]);
  });

  it('checks a made-up corpus without sections', () => {
    const corpus = '//- /corpus/a.md\n---\nid: 2020-A\ntitle: A\n---\n\nOne.\n\nTwo:\n\n- x\n- y\n';
    checkDiagnostics(`${corpus}//- /brief.md\n[2020-A §1] [2020-A §2.2] [2020-A §1–2]\n`, []);
    checkDiagnostics(`${corpus}//- /brief.md\n[2020-A §1.1] [2020-A §3] [2020-A §2.3] [2023-JS §1]\n`, [
      { code: 'unknown-clause', at: '§1.1' },
      { code: 'unknown-clause', at: '§3' },
      { code: 'unknown-clause', at: '§2.3' },
      { code: 'unknown-document', at: '2023-JS' },
    ]);
  });

  it('cannot cite the clauses of a section whose number is a duplicate', () => {
    const corpus = '//- /corpus/a.md\n---\nid: 2020-A\ntitle: A\n---\n\n## 1\n\na\n\n## I\n\nb\n\nc\n';
    checkDiagnostics(`${corpus}//- /brief.md\n[2020-A §1.1] [2020-A §1.2]\n`, [{ code: 'unknown-clause', at: '§1.2' }]);
  });
});

describe('diagnostics: invalid-range', () => {
  const invalid: [string, string][] = [
    ['[2023-JS §3.6–3.4]', '§3.6–3.4'],
    ['[2023-JS §3.4–3.4]', '§3.4–3.4'],
    ['[2023-JS §3.4–2]', '§3.4–2'],
    ['[2023-JS §4.1–3.2]', '§4.1–3.2'],
    ['[2023-JS §3–3.4]', '§3–3.4'],
    ['[2023-JS §1.7–1.7.3]', '§1.7–1.7.3'],
    ['[2023-ECON §1–2.3]', '§1–2.3'],
    ['[2023-ECON §2.5-2.1]', '§2.5-2.1'],
  ];
  for (const [citation, at] of invalid) {
    it(`marks ${citation}`, () => {
      checkDiagnostics(`见 ${citation}。`, [{ code: 'invalid-range', at }]);
    });
  }

  it('reports a range end that does not exist as unknown-clause, not invalid-range', () => {
    checkDiagnostics('[2023-JS §3.14–16]', [{ code: 'unknown-clause', at: '§3.14–16' }]);
  });
});

describe('diagnostics: malformed-citation', () => {
  const malformed = ['[2023-js]', '[2023-JS  §3.4]', '[2023-JS §3.04]', '[2023-JS 3.4]', '[§3.4]', '[2023-JS §3.4,§5.2]', '[2023-JS §3.4;2023-ECON]', '[2023-JS §3.4–§3.6]'];
  for (const citation of malformed) {
    it(`marks the whole of ${citation}`, () => {
      checkDiagnostics(`见 ${citation}。`, [{ code: 'malformed-citation', at: citation }]);
    });
  }
});

describe('diagnostics: nothing inside code, comments or front matter', () => {
  const bad = '[2023-js] [2023-XX §1] [2023-JS §3.99] [2023-JS §3.6–3.4]';
  const places: [string, string][] = [
    ['a code span', `见 \`${bad}\`。\n`],
    ['a fenced code block', `\`\`\`\n${bad}\n\`\`\`\n`],
    ['an indented code block', `text\n\n    ${bad}\n`],
    ['an HTML comment', `<!--\n${bad}\n-->\n`],
    ['an inline HTML comment', `见 <!-- ${bad} --> 文。\n`],
    ['front matter', `---\nnote: "${bad}"\n---\n\nText.\n`],
    ['escaped brackets', bad.replace(/\[/g, '\\[') + '\n'],
  ];
  for (const [place, text] of places) {
    it(`reports nothing in ${place}`, () => {
      checkDiagnostics(text, []);
    });
  }

  it('reports each code once, in text order, in a brief that mixes them', () => {
    checkDiagnostics(
      [
        '---',
        'title: A brief',
        '---',
        '',
        '# Brief',
        '',
        `Valid [2023-JS §3.4]; code \`${bad}\`; bad [2023-js]; unknown [2023-XX].`,
        '',
        '```',
        bad,
        '```',
        '',
        '- [2023-JS §3.99] and [2023-JS §3.6–3.4] and [2023-ECON §2.4].',
        '',
        `<!-- ${bad} -->`,
        '',
      ].join('\n'),
      [
        { code: 'malformed-citation', at: '[2023-js]' },
        { code: 'unknown-document', at: '2023-XX' },
        { code: 'unknown-clause', at: '§3.99' },
        { code: 'invalid-range', at: '§3.6–3.4' },
      ],
    );
  });

  it('never reports corpus-error on a brief', () => {
    const diagnostics = checkDiagnostics('---\nid: [\n---\n\n## 1\n\n## 1\n', []);
    assert.deepEqual(diagnostics, []);
  });
});

describe('diagnostics: every diagnostic is an LSP error from pinpoint with a range on its line', () => {
  it('converts offsets to positions on later lines and after astral characters', () => {
    const { service, scope } = load('');
    const text = '第一行\n\n𠀀𠀁 [2023-XX §1] 与 [2023-JS §3.99]\n';
    const brief = TextDocument.create('file:///b.md', 'markdown', 1, text);
    const diagnostics = service.briefDiagnostics(brief, scope);
    assert.deepEqual(
      diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.range.start.line, diagnostic.range.start.character, diagnostic.range.end.character]),
      [
        ['unknown-document', 2, 6, 13],
        ['unknown-clause', 2, 29, 34],
      ],
    );
  });
});
