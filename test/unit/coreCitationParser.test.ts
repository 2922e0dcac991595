/**
 * The citation grammar of spec.md §1 and where citations are looked for in a brief.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scanBrief } from '../../server/src/service/briefScanner';
import { expandRangeEnd, formatCite, isDocId, parseCitationBody } from '../../server/src/service/citationParser';

/**
 * A scan written compactly: each citation as the text it spans, then `=>` and its cites
 * (`2023-JS §3.4, §3.4–6`), or `=> malformed` with the text from the error's offset.
 */
function scan(text: string): string[] {
  return scanBrief(text).citations.map((citation) => {
    const written = text.slice(citation.start, citation.end);
    if (citation.malformed) {
      assert.ok(citation.malformed.offset >= citation.start && citation.malformed.offset <= citation.end, 'error offset inside the citation');
      return `${written} => malformed`;
    }
    const cites = citation.cites.map((cite) => {
      assert.equal(text.slice(cite.docIdSpan.start, cite.docIdSpan.end), cite.docId);
      const pinpoints = cite.pinpoints.map((pinpoint) => {
        assert.equal(text[pinpoint.start], '§');
        const path = pinpoint.from.join('.') + (pinpoint.toWritten ? '–' + pinpoint.toWritten.join('.') : '');
        return '§' + path;
      });
      return [cite.docId, pinpoints.join(', ')].filter((part) => part.length > 0).join(' ');
    });
    return `${written} => ${cites.join('; ')}`;
  });
}

/** Checks that a text holds exactly one citation and what it parses to. */
function checkCitation(text: string, expected: string): void {
  assert.deepEqual(scan(text), [expected]);
}

describe('citation grammar: every row of spec §1', () => {
  const rows: [string, string][] = [
    ['[2023-JS]', '[2023-JS] => 2023-JS'],
    ['[2023-JS §3]', '[2023-JS §3] => 2023-JS §3'],
    ['[2023-JS §3.4]', '[2023-JS §3.4] => 2023-JS §3.4'],
    ['[2023-JS §1.7.3]', '[2023-JS §1.7.3] => 2023-JS §1.7.3'],
    ['[2023-JS §3.4–3.6]', '[2023-JS §3.4–3.6] => 2023-JS §3.4–3.6'],
    ['[2023-JS §3.4–6]', '[2023-JS §3.4–6] => 2023-JS §3.4–6'],
    ['[2023-JS §3.4, §5.2]', '[2023-JS §3.4, §5.2] => 2023-JS §3.4, §5.2'],
    ['[2023-JS §3.4; 2023-ECON §2.4]', '[2023-JS §3.4; 2023-ECON §2.4] => 2023-JS §3.4; 2023-ECON §2.4'],
  ];
  for (const [written, expected] of rows) {
    it(`parses ${written}`, () => {
      checkCitation(`见 ${written}。`, expected);
    });
  }

  it('takes a hyphen as well as an en dash in ranges', () => {
    checkCitation('[2023-JS §3.4-3.6]', '[2023-JS §3.4-3.6] => 2023-JS §3.4–3.6');
    checkCitation('[2023-JS §3.4-6]', '[2023-JS §3.4-6] => 2023-JS §3.4–6');
  });

  it('combines several pinpoints, ranges and documents', () => {
    checkCitation(
      '[2023-JS §1.7.3–5, §3, §0.2; 2023-ECON §2.1-2.8; 2023-JS]',
      '[2023-JS §1.7.3–5, §3, §0.2; 2023-ECON §2.1-2.8; 2023-JS] => 2023-JS §1.7.3–5, §3, §0.2; 2023-ECON §2.1–2.8; 2023-JS',
    );
  });

  it('accepts every doc-id shape of the grammar', () => {
    for (const id of ['2023-JS', '2023-ECON', '1969-VCLT', '2023-A1', '2023-JS-2', '2023-JS-A1-B', '0000-X']) {
      assert.ok(isDocId(id), id);
      checkCitation(`[${id} §1]`, `[${id} §1] => ${id} §1`);
    }
    for (const id of ['2023-js', '2023-Js', '23-JS', '2023-1JS', '2023-JS-', '2023--JS', '2023-JS-x', '20234-JS', '2023_JS']) {
      assert.ok(!isDocId(id), id);
    }
  });

  it('accepts §0 and multi-digit numbers', () => {
    checkCitation('[2023-JS §0]', '[2023-JS §0] => 2023-JS §0');
    checkCitation('[2023-JS §10.120.3]', '[2023-JS §10.120.3] => 2023-JS §10.120.3');
  });

  it('finds several citations on a line, and inside link text', () => {
    assert.deepEqual(scan('见 [2023-JS §3.4] 与 [2023-ECON §5]，及 [2023-JS §2](https://example.org)。'), [
      '[2023-JS §3.4] => 2023-JS §3.4',
      '[2023-ECON §5] => 2023-ECON §5',
      '[2023-JS §2] => 2023-JS §2',
    ]);
  });

  it('finds the inner span of nested brackets', () => {
    assert.deepEqual(scan('[[2023-JS §3.4]]'), ['[2023-JS §3.4] => 2023-JS §3.4']);
  });
});

describe('citation grammar: malformed citations', () => {
  const malformed = [
    '[2023-js]',
    '[2023-JS  §3.4]',
    '[2023-JS §3.4 ]',
    '[2023-JS §]',
    '[2023-JS §3.]',
    '[2023-JS §3..4]',
    '[2023-JS §03]',
    '[2023-JS §3.04]',
    '[2023-JS 3.4]',
    '[2023-JS § 3.4]',
    '[2023-JS§3.4]',
    '[2023-JS §3.4,§5]',
    '[2023-JS §3.4,  §5]',
    '[2023-JS §3.4 §5]',
    '[2023-JS §3.4;2023-ECON]',
    '[2023-JS §3.4; ]',
    '[2023-JS §3.4–§3.6]',
    '[2023-JS §3.4–]',
    '[2023-JS §3.4—3.6]',
    '[2023-JS §3.4, ]',
    '[2023-JS, §3.4]',
    '[2023-JS; 2023-js]',
    '[2023-]',
    '[2023-JS ]',
    '[2023-JS §3a]',
    '[2023-JS\t§3.4]',
    '[§3.4]',
    '[§]',
    '[1999-2000]',
  ];
  for (const written of malformed) {
    it(`reports ${written}`, () => {
      checkCitation(`见 ${written}。`, `${written} => malformed`);
    });
  }

  it('gives messages that say what is wrong', () => {
    const lower = parseCitationBody('2023-js', 0, 7);
    assert.equal(lower.cites.length, 0);
    assert.match(lower.error?.message ?? '', /upper case: write 2023-JS/);
    const spaces = parseCitationBody('2023-JS  §3.4', 0, 13);
    assert.equal(spaces.error?.offset, 8);
    assert.match(spaces.error?.message ?? '', /one space/);
  });

  it('leaves bracketed text that does not start with DDDD- or § alone', () => {
    for (const text of ['[note]', '[see 2023-JS §3.4]', '[2023]', '[202-JS]', '[a §3]', '[ 2023-JS]', '[]', '[x](y)', '[2023年]', '[2023 JS]']) {
      assert.deepEqual(scan(text), [], text);
    }
  });

  it('needs the brackets on one line', () => {
    assert.deepEqual(scan('[2023-JS\n§3.4]'), []);
    assert.deepEqual(scan('[2023-JS §3.4\n]'), []);
  });
});

describe('citation grammar: where citations are not', () => {
  const none: [string, string][] = [
    ['an escaped bracket', '见 \\[2023-JS §3.4]。'],
    ['an escaped malformed one', '\\[2023-js]'],
    ['a code span', '见 `[2023-JS §3.4]`。'],
    ['a double-backtick code span', '见 `` a ` [2023-JS §3.4] ``。'],
    ['a code span over two lines', '见 `code\n[2023-JS §3.4]`。'],
    ['a fenced code block', '```\n[2023-JS §3.4]\n```\n'],
    ['a tilde fence with info', '~~~markdown\n[2023-js]\n~~~\n'],
    ['an unclosed fence', 'text\n\n```\n[2023-JS §3.4]\n'],
    ['an indented code block', 'text\n\n    [2023-JS §3.4]\n'],
    ['an inline HTML comment', '见 <!-- [2023-JS §3.4] --> 文。'],
    ['an HTML comment over lines', '文\n<!--\n[2023-JS §3.4]\n[2023-js]\n-->\n'],
    ['a comment block', '<!-- [2023-JS §3.99] -->\n'],
    ['an inline comment over lines', '见 <!-- a\n[2023-JS §3.4]\n--> 文。'],
    ['front matter', '---\ntitle: "[2023-JS §3.4]"\nsee: [2023-js]\n---\n'],
    ['front matter after a byte order mark', '\uFEFF---\ntitle: "[2023-JS §3.4]"\nsee: [2023-js]\n---\n'],
    ['an HTML comment block never closed', 'text\n\n<!--\n[2023-JS §3.4]\n\n[2023-js]\n'],
    ['an unclosed comment in another HTML block', '<div>\n<!-- open\n[2023-JS §3.4]\n</div>\n'],
  ];
  for (const [name, text] of none) {
    it(`finds nothing in ${name}`, () => assert.deepEqual(scan(text), []));
  }

  it('still finds citations around the excluded parts', () => {
    assert.deepEqual(scan('`[2023-JS §1]` [2023-JS §2] <!-- [2023-JS §3] --> [2023-JS §4]'), [
      '[2023-JS §2] => 2023-JS §2',
      '[2023-JS §4] => 2023-JS §4',
    ]);
    assert.deepEqual(scan('<!-- a --> [2023-JS §1]\n\n<div>[2023-JS §2]</div>\n\ntext <!-- open\n\n[2023-JS §3]\n'), [
      '[2023-JS §1] => 2023-JS §1',
      '[2023-JS §2] => 2023-JS §2',
      '[2023-JS §3] => 2023-JS §3',
    ]);
    assert.deepEqual(scan('---\nid: x\n---\n\n[2023-JS §5]\n\n```\n[2023-JS §6]\n```\n\n[2023-JS §7]\n'), [
      '[2023-JS §5] => 2023-JS §5',
      '[2023-JS §7] => 2023-JS §7',
    ]);
  });

  it('finds citations in headings, lists, quotes and after an escaped backtick', () => {
    assert.deepEqual(scan('## 见 [2023-JS §1]\n\n- [2023-JS §2]\n\n> [2023-JS §3]\n\n\\`[2023-JS §4]\\`\n'), [
      '[2023-JS §1] => 2023-JS §1',
      '[2023-JS §2] => 2023-JS §2',
      '[2023-JS §3] => 2023-JS §3',
      '[2023-JS §4] => 2023-JS §4',
    ]);
  });

  it('keeps offsets right with CRLF line ends and front matter', () => {
    const text = '---\r\ntitle: x\r\n---\r\n\r\n```\r\n[2023-JS §1]\r\n```\r\n见 [2023-JS §2]\r\n';
    assert.deepEqual(scan(text), ['[2023-JS §2] => 2023-JS §2']);
  });

  it('never throws on odd input', () => {
    for (const text of ['', '[', ']', '[[[', '\\', '`', '<!--', '---', '---\n', '\u0000[2023-JS §1]', '[2023-JS §99999999999]', '[2023-JS §1'.repeat(50)]) {
      assert.doesNotThrow(() => scanBrief(text), JSON.stringify(text));
    }
    assert.deepEqual(scan('[2023-JS §9999999999]'), ['[2023-JS §9999999999] => malformed']);
  });
});

describe('citation helpers', () => {
  it('expands a shortened range end by its last parts', () => {
    assert.deepEqual(expandRangeEnd([3, 4], [6]), [3, 6]);
    assert.deepEqual(expandRangeEnd([1, 7, 3], [5]), [1, 7, 5]);
    assert.deepEqual(expandRangeEnd([1, 7, 3], [8, 2]), [1, 8, 2]);
    assert.deepEqual(expandRangeEnd([3, 4], [5, 1]), [5, 1]);
    assert.deepEqual(expandRangeEnd([3], [5, 1]), [5, 1]);
  });

  it('writes cites in canonical form', () => {
    assert.equal(formatCite('2023-JS', []), '2023-JS');
    assert.equal(formatCite('2023-JS', [{ from: [3, 4] }, { from: [3, 4], to: [3, 6] }]), '2023-JS §3.4, §3.4–3.6');
  });
});
