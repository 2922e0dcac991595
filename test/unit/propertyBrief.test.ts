/**
 * Property tests of the Markdown scanning of briefs (`scanBrief`): on any text it never throws, finds only
 * citations the citation parser itself would find, keeps every span inside the text and out of code and
 * comments, reads a brief the same with any line ending, and takes time linear in the text even on the
 * inputs that make naive scanners quadratic. Fixed seed and bounded runs.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as fc from 'fast-check';
import { BriefScan, scanBrief } from '../../server/src/service/briefScanner';
import { Citation, findCitations, formatCite } from '../../server/src/service/citationParser';
import { bestTime, citationArbitrary, CiteData, hostilePiece, hostileText, SEED, SLOWDOWN_BOUND } from './propertyArbitraries';

function canonical(cites: readonly CiteData[]): string {
  return `[${cites.map((cite) => formatCite(cite.docId, cite.pinpoints)).join('; ')}]`;
}

function key(citation: Citation): string {
  return JSON.stringify(citation);
}

/** Checks the invariants of one scan of `text`. */
function checkScan(text: string, scan: BriefScan): void {
  let previous = -1;
  for (const span of scan.excluded) {
    assert.ok(0 <= span.start && span.start <= span.end && span.end <= text.length, `excluded span ${span.start}..${span.end} outside 0..${text.length}`);
    assert.ok(span.start >= previous, 'excluded spans out of order');
    previous = span.start;
  }
  // Every citation is one the citation parser finds in the whole text, unchanged.
  const everywhere: Citation[] = [];
  findCitations(text, 0, text.length, everywhere);
  const known = new Set(everywhere.map(key));
  let previousEnd = 0;
  for (const citation of scan.citations) {
    assert.ok(known.has(key(citation)), `a citation the parser does not find at ${citation.start}`);
    assert.ok(citation.start >= previousEnd, 'citations overlap or are out of order');
    previousEnd = citation.end;
    for (const span of scan.excluded) {
      assert.ok(citation.end <= span.start || citation.start >= span.end, `citation ${citation.start}..${citation.end} inside excluded ${span.start}..${span.end}`);
    }
  }
}

describe('brief scanning properties', () => {
  it('never throws on hostile text, and every span lies inside the text and outside code and comments', () => {
    fc.assert(
      fc.property(hostileText(80), (text) => {
        checkScan(text, scanBrief(text));
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it('never finds a citation inside code, a comment or front matter, whatever follows', () => {
    const wrappers: readonly ((citation: string) => string)[] = [
      (citation) => `\`${citation}\` `,
      (citation) => `\`\` a ${citation} \`\` `,
      (citation) => `<!-- ${citation} --> `,
      (citation) => `<!--\n${citation}\n-->\n`,
      (citation) => `\`\`\`\n${citation}\n\`\`\`\n`,
      (citation) => `~~~md\n${citation}\n~~~\n`,
      (citation) => `    ${citation}\n\n`,
      (citation) => `---\ntitle: ${citation}\n---\n`,
    ];
    fc.assert(
      fc.property(citationArbitrary, fc.constantFrom(...wrappers), fc.array(hostilePiece, { maxLength: 30 }), (cites, wrap, after) => {
        const citation = canonical(cites);
        const text = wrap(citation) + after.join('');
        const start = text.indexOf(citation);
        const scan = scanBrief(text);
        checkScan(text, scan);
        assert.ok(!scan.citations.some((found) => found.start === start), `found ${citation} in ${JSON.stringify(text.slice(0, 80))}`);
      }),
      { seed: SEED, numRuns: 1500 },
    );
  });

  it('finds a citation in a paragraph whatever script or mark stands before it', () => {
    fc.assert(
      fc.property(citationArbitrary, fc.constantFrom('', 'See ', '见', '😀 ', 'См. ', '\u200F'), (cites, before) => {
        const citation = canonical(cites);
        const text = `# Brief\n\n${before}${citation}。\n`;
        const scan = scanBrief(text);
        assert.equal(scan.citations.length, 1);
        assert.equal(scan.citations[0].start, text.indexOf(citation));
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('reads a brief the same with LF, CRLF and CR line endings', () => {
    const lineFree = hostilePiece.map((piece) => piece.replace(/[\r\n]/g, ' '));
    const line = fc.array(lineFree, { maxLength: 12 }).map((pieces) => pieces.join(''));
    fc.assert(
      fc.property(fc.array(fc.oneof(line, fc.constant('')), { maxLength: 12 }), (lines) => {
        const slices = (text: string): string[] => scanBrief(text).citations.map((citation) => text.slice(citation.start, citation.end));
        const lf = slices(lines.join('\n'));
        assert.deepEqual(slices(lines.join('\r\n')), lf);
        assert.deepEqual(slices(lines.join('\r')), lf);
      }),
      { seed: SEED, numRuns: 1500 },
    );
  });

  it('scans in time linear in the text, however hostile the text', () => {
    const size = 100_000;
    const brief = '## 一、总则\n\n见 [2023-JS §3.4] 与 `code` 及 <!-- note --> [2023-ECON §2.4–6]。双方强调，\n合作。\n\n';
    const baselineText = brief.repeat(Math.ceil(size / brief.length)).slice(0, size);
    scanBrief(baselineText);
    const baseline = bestTime(() => scanBrief(baselineText), 10);
    let decreasingRuns = '';
    for (let length = 1; decreasingRuns.length < size; length++) {
      decreasingRuns = '`'.repeat(length) + 'a' + decreasingRuns;
    }
    const hostile: Record<string, string> = {
      'one 100,000-character line': 'a'.repeat(size),
      'open brackets': '['.repeat(size),
      'section signs': '§'.repeat(size),
      'brackets and section signs': '[§'.repeat(size / 2),
      'unclosed comments on one line': '<!--'.repeat(size / 4),
      'unclosed comments on many lines': 'a <!--\n'.repeat(size / 7),
      'unclosed comments in many paragraphs': 'a <!--\n\n'.repeat(size / 8),
      'unclosed backtick runs of every length': decreasingRuns,
      'unclosed backticks in many paragraphs': 'a `b\n\n'.repeat(size / 6),
      'backslashes': '\\'.repeat(size) + '[2023-JS]',
      'nested block quotes': '>'.repeat(size),
      'nested lists': '- '.repeat(size / 2) + '[2023-JS]',
      'list items in block quotes': '> - [2023-JS §1]\n'.repeat(size / 17),
      'unclosed fences': '```\n'.repeat(size / 4),
      'front matter never closed': '---\n' + 'a: [2023-JS]\n'.repeat(size / 13),
      'control characters': '\u0000\u0001[2023-A \u0000]\u001B'.repeat(size / 16),
      'lone surrogates': '\uD800[2023-JS §1]\uDC00'.repeat(size / 16),
      'CR line endings': '[2023-JS §1]\r'.repeat(size / 13),
      'spaces': ' '.repeat(size) + '[2023-JS]',
    };
    for (const [name, text] of Object.entries(hostile)) {
      const time = bestTime(() => scanBrief(text));
      assert.ok(time <= SLOWDOWN_BOUND * Math.max(baseline, 1), `${name}: ${time.toFixed(1)} ms, the baseline ${baseline.toFixed(1)} ms`);
    }
  });
});
