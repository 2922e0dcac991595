/**
 * Shared generators and checks of the property tests (`property*.test.ts`): hostile text made of the
 * pieces that break parsers (brackets, `§`, backslashes, code and comment markers, control characters, lone
 * surrogates, right-to-left marks, a BOM, every line ending, decomposed accents, astral characters), and
 * well-formed citations to round-trip. Every test runs with a fixed seed, so a failure repeats exactly.
 */
import * as fc from 'fast-check';

/** The seed of every property test; change it only to explore, never to make a test pass. */
export const SEED = 20250321;

/** Pieces of hostile text, chosen to hit the parsers' special cases. */
const PIECES: readonly string[] = [
  '[', ']', '[[', ']]', '§', '§§', '\\', '\\[', '`', '``', '```', '~~~', '<!--', '-->', '<', '>', '> ',
  '\n', '\n\n', '\r\n', '\r', '\t', ' ', '  ', '    ', '-', '–', '.', ',', ';', '; ', ', ', '0', '1', '9', '12', '007',
  '2023-JS', '2023-ECON', '2023-js', '1999-X9-Y', '2023-', '## ', '# ', '### ', '- ', '* ', '1. ', '---', '...',
  'id: ', 'title: ', ':', '"', "'", '#', '|', '*', '_', '(', ')', '](', 'http://x',
  '\uFEFF', '\u200F', '\u200E', '\u202E', '\u061C', '\u2028', '\u0085', '\u00A0', '\u3000',
  '\u0000', '\u0001', '\u0007', '\u001B', '\u007F', '\u0090',
  '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '😀', '👩‍⚖️', '𠀀', '𝔸',
  '中', '国', '第三条', '一、', '二', 'Ж', 'Статья 3', 'Article 3', 'III', 'e\u0301', 'é', '\u1100\u1161', 'ﬁ', 'Ａ',
];

/** One piece of hostile text: a special piece, a run of a few arbitrary code points, or a lone surrogate. */
export const hostilePiece: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...PIECES) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('[', '§', '`', '<!--', '\\', ' ', '-', '#'), fc.integer({ min: 2, max: 200 })).map(([piece, count]) => piece.repeat(count)) },
);

/** How a generated text is finally dressed: line endings, a BOM, Unicode normalisation. */
export interface Dressing {
  readonly lineEnding: '\n' | '\r\n' | '\r';
  readonly bom: boolean;
  readonly nfd: boolean;
}

const dressing: fc.Arbitrary<Dressing> = fc.record({
  lineEnding: fc.constantFrom<Dressing['lineEnding']>('\n', '\r\n', '\r'),
  bom: fc.boolean(),
  nfd: fc.boolean(),
});

/** Applies a dressing to a text written with `\n` line endings. */
export function dress(text: string, how: Dressing): string {
  let result = how.lineEnding === '\n' ? text : text.replace(/\n/g, how.lineEnding);
  if (how.nfd) {
    result = result.normalize('NFD');
  }
  return how.bom ? '\uFEFF' + result : result;
}

/** Hostile text of up to `maxPieces` pieces, dressed. */
export function hostileText(maxPieces = 60): fc.Arbitrary<string> {
  return fc.tuple(fc.array(hostilePiece, { maxLength: maxPieces }), dressing).map(([pieces, how]) => dress(pieces.join(''), how));
}

/** A document id of the spec's grammar. */
export const docIdArbitrary: fc.Arbitrary<string> = fc
  .tuple(
    fc.integer({ min: 0, max: 9999 }),
    fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'),
    fc.string({ unit: fc.constantFrom(...'ABCXYZ0189'), maxLength: 5 }),
    fc.array(fc.string({ unit: fc.constantFrom(...'AZ09'), minLength: 1, maxLength: 3 }), { maxLength: 2 }),
  )
  .map(([year, first, rest, parts]) => [`${String(year).padStart(4, '0')}-${first}${rest}`, ...parts].join('-'));

const clauseNumber = fc.oneof(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 999_999_999 }));
const path = fc.array(clauseNumber, { minLength: 1, maxLength: 4 });

/** A cite as data: what `formatCite` takes. */
export interface CiteData {
  readonly docId: string;
  readonly pinpoints: readonly { from: readonly number[]; to?: readonly number[] }[];
}

/** A well-formed cite: a document id and up to three pinpoints, some of them ranges (possibly shortened). */
export const citeArbitrary: fc.Arbitrary<CiteData> = fc.record({
  docId: docIdArbitrary,
  pinpoints: fc.array(
    fc.record({ from: path, to: fc.option(path, { nil: undefined }) }).map((pinpoint) =>
      pinpoint.to === undefined ? { from: pinpoint.from } : { from: pinpoint.from, to: pinpoint.to },
    ),
    { maxLength: 3 },
  ),
});

/** A well-formed citation: one to three cites. */
export const citationArbitrary: fc.Arbitrary<readonly CiteData[]> = fc.array(citeArbitrary, { minLength: 1, maxLength: 3 });

/** The milliseconds a function takes, best of `runs` (the best run is the least disturbed by the machine). */
export function bestTime(run: () => void, runs = 3): number {
  let best = Infinity;
  for (let attempt = 0; attempt < runs; attempt++) {
    const started = process.hrtime.bigint();
    run();
    best = Math.min(best, Number(process.hrtime.bigint() - started) / 1e6);
  }
  return best;
}

/**
 * How many times slower than the baseline of the same size a hostile input may be. Linear work on odd input
 * costs a few times the baseline; the quadratic blow-ups this guards against cost hundreds to thousands of
 * times at 100,000 characters, so the bound is generous and still catches them.
 */
export const SLOWDOWN_BOUND = 40;
