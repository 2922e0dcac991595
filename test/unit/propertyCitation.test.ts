/**
 * Property tests of the citation parser (spec.md §1): on any text it never throws, every span it returns
 * lies inside the text and inside its citation, and a parsed citation written in canonical form
 * (`formatCite`) parses back to the same citation. Fixed seed and bounded runs: the file takes about a second.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as fc from 'fast-check';
import { Citation, findCitations, formatCite, isAlias, isDocId, isShortForm, parseCitationBody } from '../../server/src/service/citationParser';
import { bestTime, citationArbitrary, CiteData, hostilePiece, hostileText, SEED, SLOWDOWN_BOUND } from './propertyArbitraries';

function parseAll(text: string): Citation[] {
  const citations: Citation[] = [];
  findCitations(text, 0, text.length, citations);
  return citations;
}

/** What a citation says, without its offsets: the part that must survive a round trip. */
function meaning(citation: Citation): CiteData[] {
  return citation.cites.map((cite) => ({
    docId: cite.docId,
    pinpoints: cite.pinpoints.map((pinpoint) => (pinpoint.toWritten ? { from: [...pinpoint.from], to: [...pinpoint.toWritten] } : { from: [...pinpoint.from] })),
  }));
}

function canonical(cites: readonly CiteData[]): string {
  return `[${cites.map((cite) => formatCite(cite.docId, cite.pinpoints)).join('; ')}]`;
}

function inside(span: { start: number; end: number }, outer: { start: number; end: number }, what: string): void {
  assert.ok(outer.start <= span.start && span.start <= span.end && span.end <= outer.end, `${what} ${span.start}..${span.end} outside ${outer.start}..${outer.end}`);
}

/** Checks every span of every citation found in `text`. */
function checkSpans(text: string, citations: readonly Citation[]): void {
  const whole = { start: 0, end: text.length };
  let previousEnd = 0;
  for (const citation of citations) {
    inside(citation, whole, 'citation');
    assert.ok(citation.start >= previousEnd, 'citations overlap or are out of order');
    previousEnd = citation.end;
    assert.equal(text[citation.start], '[');
    assert.equal(text[citation.end - 1], ']');
    assert.ok(!/[\r\n]/.test(text.slice(citation.start, citation.end)), 'a citation spans lines');
    if (citation.malformed) {
      assert.equal(citation.cites.length, 0);
      assert.ok(citation.malformed.offset >= citation.start && citation.malformed.offset <= citation.end, 'error offset outside its citation');
      assert.ok(citation.malformed.message.length > 0);
    }
    for (const cite of citation.cites) {
      inside(cite, citation, 'cite');
      inside(cite.docIdSpan, cite, 'document id');
      assert.equal(text.slice(cite.docIdSpan.start, cite.docIdSpan.end), cite.docId);
      assert.ok(isDocId(cite.docId) || (cite.lead === 'alias' && isAlias(cite.docId)) || (cite.lead === 'ibid' && isShortForm(cite.docId)), cite.docId);
      for (const pinpoint of cite.pinpoints) {
        inside(pinpoint, cite, 'pinpoint');
        inside(pinpoint.pathSpan, pinpoint, 'path');
        assert.ok(text[pinpoint.start] === '§' || pinpoint.printed !== undefined, 'a pinpoint is a § path or printed');
      }
    }
  }
}

describe('citation parser properties', () => {
  it('never throws on hostile text, and every span lies inside the text and its citation', () => {
    fc.assert(
      fc.property(hostileText(), (text) => {
        checkSpans(text, parseAll(text));
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });

  it('never throws on a hostile citation body, and reports errors inside it', () => {
    fc.assert(
      fc.property(fc.string(), fc.array(hostilePiece, { maxLength: 20 }), fc.string(), (before, body, after) => {
        const text = before + body.join('') + after;
        const result = parseCitationBody(text, before.length, text.length - after.length);
        if (result.error) {
          assert.ok(result.error.offset >= before.length && result.error.offset <= text.length - after.length);
          assert.equal(result.cites.length, 0);
        }
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });

  it('parses the canonical form of any well-formed citation back to the same citation', () => {
    fc.assert(
      fc.property(citationArbitrary, fc.constantFrom('', 'See ', '见', '😀 ', 'Ж '), fc.constantFrom('', '.', '。', ' and more'), (cites, before, after) => {
        const written = canonical(cites);
        const text = before + written + after;
        const citations = parseAll(text);
        assert.equal(citations.length, 1, text);
        assert.equal(citations[0].malformed, undefined, `${text}: ${citations[0].malformed?.message}`);
        assert.deepEqual(meaning(citations[0]), cites.map((cite) => ({ docId: cite.docId, pinpoints: cite.pinpoints.map((pinpoint) => ({ ...pinpoint })) })));
        assert.deepEqual({ start: citations[0].start, end: citations[0].end }, { start: before.length, end: before.length + written.length });
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it('parses the canonical form of whatever it parsed in a mutated citation to the same citation', () => {
    // A canonical citation with a few characters inserted, deleted or replaced: most become malformed, and
    // those still well-formed (`-` for `–`, a digit more, a `§1` less) must round-trip.
    const edit = fc.record({
      at: fc.nat(),
      remove: fc.integer({ min: 0, max: 2 }),
      insert: fc.constantFrom('', '-', '–', '.', '1', '0', ' ', '§', ', §2', '; 2023-X', ';', ',', ']', '[', 'a', '\\', '\uD800'),
    });
    let wellFormed = 0;
    fc.assert(
      fc.property(citationArbitrary, fc.array(edit, { minLength: 1, maxLength: 3 }), (cites, edits) => {
        let text = canonical(cites);
        for (const { at, remove, insert } of edits) {
          const position = at % (text.length + 1);
          text = text.slice(0, position) + insert + text.slice(position + remove);
        }
        const citations = parseAll(text);
        checkSpans(text, citations);
        for (const citation of citations) {
          if (citation.malformed) {
            continue;
          }
          wellFormed++;
          const again = parseAll(canonical(meaning(citation)));
          assert.equal(again.length, 1);
          assert.deepEqual(meaning(again[0]), meaning(citation));
        }
      }),
      { seed: SEED, numRuns: 3000 },
    );
    assert.ok(wellFormed > 300, `only ${wellFormed} mutated citations stayed well-formed: the generator has drifted`);
  });

  it('reads the shortened and hyphenated forms of a range as the canonical en dash form', () => {
    const [hyphen] = parseAll('[2023-JS §3.4-6]');
    const [dash] = parseAll(canonical(meaning(hyphen)));
    assert.equal(canonical(meaning(hyphen)), '[2023-JS §3.4–6]');
    assert.deepEqual(meaning(dash), meaning(hyphen));
  });

  it('finds citations in time linear in the text, however many brackets and § it holds', () => {
    const size = 100_000;
    const baselineText = '见 [2023-JS §3.4]，双方强调。'.repeat(size / 20).slice(0, size);
    const baseline = bestTime(() => parseAll(baselineText), 10);
    const hostile: Record<string, string> = {
      'open brackets': '['.repeat(size),
      'close brackets': ']'.repeat(size),
      'section signs': '§'.repeat(size),
      'section signs in a bracket': `[2023-JS ${'§'.repeat(size)}]`,
      'a long path': `[2023-JS §1${'.1'.repeat(size / 2)}]`,
      'a long pinpoint list': `[2023-JS §1${', §1'.repeat(size / 4)}]`,
      'a long cite list': `[2023-JS${'; 2023-JS'.repeat(size / 9)}]`,
      'backslashes before a bracket': '\\'.repeat(size) + '[2023-JS]',
      'escaped brackets': '\\['.repeat(size / 2),
      'unclosed citations': '[2023-JS §3.4 '.repeat(size / 14),
      'digits': `[2023-JS §${'9'.repeat(size)}]`,
      'lone surrogates': `[2023-JS §1${'\uD800'.repeat(size)}]`,
    };
    for (const [name, text] of Object.entries(hostile)) {
      const time = bestTime(() => parseAll(text));
      assert.ok(time <= SLOWDOWN_BOUND * Math.max(baseline, 1), `${name}: ${time.toFixed(1)} ms, the baseline ${baseline.toFixed(1)} ms`);
    }
  });
});
