/**
 * Character classes and text normalisation shared by the corpus parser, the search index and the
 * quote checker.
 */

// East Asian Wide (W) and Fullwidth (F) ranges of Unicode UAX #11, as sorted [start, end] pairs.
// NOTE: the ranges are those of EastAsianWidth.txt merged where adjacent; Ambiguous (A) characters such as
// U+2014 EM DASH and the curly quotes are deliberately absent, as the spec asks for W and F only.
const WIDE_RANGES: readonly number[] = [
  0x1100, 0x115f, 0x231a, 0x231b, 0x2329, 0x232a, 0x23e9, 0x23ec, 0x23f0, 0x23f0, 0x23f3, 0x23f3,
  0x25fd, 0x25fe, 0x2614, 0x2615, 0x2648, 0x2653, 0x267f, 0x267f, 0x2693, 0x2693, 0x26a1, 0x26a1,
  0x26aa, 0x26ab, 0x26bd, 0x26be, 0x26c4, 0x26c5, 0x26ce, 0x26ce, 0x26d4, 0x26d4, 0x26ea, 0x26ea,
  0x26f2, 0x26f3, 0x26f5, 0x26f5, 0x26fa, 0x26fa, 0x26fd, 0x26fd, 0x2705, 0x2705, 0x270a, 0x270b,
  0x2728, 0x2728, 0x274c, 0x274c, 0x274e, 0x274e, 0x2753, 0x2755, 0x2757, 0x2757, 0x2795, 0x2797,
  0x27b0, 0x27b0, 0x27bf, 0x27bf, 0x2b1b, 0x2b1c, 0x2b50, 0x2b50, 0x2b55, 0x2b55, 0x2e80, 0x303e,
  0x3041, 0x3247, 0x3250, 0x4dbf, 0x4e00, 0xa48c, 0xa490, 0xa4c6, 0xa960, 0xa97c, 0xac00, 0xd7a3,
  0xf900, 0xfaff, 0xfe10, 0xfe19, 0xfe30, 0xfe52, 0xfe54, 0xfe66, 0xfe68, 0xfe6b, 0xff01, 0xff60,
  0xffe0, 0xffe6, 0x16fe0, 0x16fe4, 0x16ff0, 0x16ff1, 0x17000, 0x187f7, 0x18800, 0x18cd5,
  0x18d00, 0x18d08, 0x1aff0, 0x1b2fb, 0x1f004, 0x1f004, 0x1f0cf, 0x1f0cf, 0x1f18e, 0x1f18e,
  0x1f191, 0x1f19a, 0x1f200, 0x1f202, 0x1f210, 0x1f23b, 0x1f240, 0x1f248, 0x1f250, 0x1f251,
  0x1f260, 0x1f265, 0x1f300, 0x1f320, 0x1f32d, 0x1f335, 0x1f337, 0x1f37c, 0x1f37e, 0x1f393,
  0x1f3a0, 0x1f3ca, 0x1f3cf, 0x1f3d3, 0x1f3e0, 0x1f3f0, 0x1f3f4, 0x1f3f4, 0x1f3f8, 0x1f43e,
  0x1f440, 0x1f440, 0x1f442, 0x1f4fc, 0x1f4ff, 0x1f53d, 0x1f54b, 0x1f54e, 0x1f550, 0x1f567,
  0x1f57a, 0x1f57a, 0x1f595, 0x1f596, 0x1f5a4, 0x1f5a4, 0x1f5fb, 0x1f64f, 0x1f680, 0x1f6c5,
  0x1f6cc, 0x1f6cc, 0x1f6d0, 0x1f6d2, 0x1f6d5, 0x1f6d7, 0x1f6dc, 0x1f6df, 0x1f6eb, 0x1f6ec,
  0x1f6f4, 0x1f6fc, 0x1f7e0, 0x1f7eb, 0x1f7f0, 0x1f7f0, 0x1f90c, 0x1f93a, 0x1f93c, 0x1f945,
  0x1f947, 0x1f9ff, 0x1fa70, 0x1fa7c, 0x1fa80, 0x1fa89, 0x1fa8f, 0x1fac6, 0x1face, 0x1fadc,
  0x1fadf, 0x1fae9, 0x1faf0, 0x1faf8, 0x20000, 0x2fffd, 0x30000, 0x3fffd,
];

/** True when the code point is East Asian Wide or Fullwidth (UAX #11 classes W and F). */
export function isWide(codePoint: number): boolean {
  if (codePoint < 0x1100) {
    return false;
  }
  let low = 0;
  let high = WIDE_RANGES.length / 2 - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (codePoint < WIDE_RANGES[middle * 2]) {
      high = middle - 1;
    } else if (codePoint > WIDE_RANGES[middle * 2 + 1]) {
      low = middle + 1;
    } else {
      return true;
    }
  }
  return false;
}

/** The code point that ends just before `offset` (handles surrogate pairs). */
export function codePointBefore(text: string, offset: number): number {
  const last = text.charCodeAt(offset - 1);
  if (last >= 0xdc00 && last <= 0xdfff && offset >= 2) {
    const first = text.charCodeAt(offset - 2);
    if (first >= 0xd800 && first <= 0xdbff) {
      return (first - 0xd800) * 0x400 + (last - 0xdc00) + 0x10000;
    }
  }
  return last;
}

/**
 * Joins the lines of one paragraph as the spec's corpus format says: a line break is dropped where the
 * characters on both sides are wide, and is one space elsewhere. Leading and trailing white space of each
 * line is removed first.
 */
export function joinLines(lines: readonly string[]): string {
  // NOTE: the pieces are collected and joined once, and the last code point is kept in a variable: reading
  // the end of a growing string flattens it on every line, which made a paragraph of 100,000 lines quadratic.
  const parts: string[] = [];
  let last = -1;
  for (const rawLine of lines) {
    const line = rawLine.trim();
    if (line.length === 0) {
      continue;
    }
    if (last >= 0 && !(isWide(last) && isWide(line.codePointAt(0) ?? 0))) {
      parts.push(' ');
    }
    parts.push(line);
    last = codePointBefore(line, line.length);
  }
  return parts.join('');
}

/** True for characters of the CJK scripts (used to decide where white space carries no meaning). */
export function isCjk(codePoint: number): boolean {
  return (
    (codePoint >= 0x2e80 && codePoint <= 0x9fff) ||
    (codePoint >= 0xac00 && codePoint <= 0xd7a3) ||
    (codePoint >= 0xf900 && codePoint <= 0xfaff) ||
    (codePoint >= 0xfe30 && codePoint <= 0xfe4f) ||
    (codePoint >= 0xff00 && codePoint <= 0xffef) ||
    (codePoint >= 0x20000 && codePoint <= 0x3fffd)
  );
}

/** White space as JavaScript's `\s` and `String.prototype.trim` know it (Unicode White_Space and the BOM). */
export function isWhiteSpace(code: number): boolean {
  return code === 0x20 || (code >= 0x09 && code <= 0x0d) || code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

function isSpace(charCode: number): boolean {
  return charCode === 0x20 || charCode === 0x09 || charCode === 0x0a || charCode === 0x0d || charCode === 0x3000 || charCode === 0xa0;
}

/**
 * Normalises text for matching (content search, quotation checks): NFKC (so full-width and half-width
 * forms compare equal), lower case, runs of white space collapsed to one space, and white space removed
 * entirely where either neighbour is a CJK character (typesetting adds spaces around Arabic numerals and
 * between spaced-out characters; meaning does not depend on them).
 */
export function normalizeForMatch(text: string): string {
  const folded = text.normalize('NFKC').toLowerCase();
  // NOTE: runs of kept characters are sliced whole and the code point before a space is kept in a variable,
  // so the result is built in one pass (see joinLines).
  const parts: string[] = [];
  let runStart = -1;
  let before = -1;
  let pendingSpace = false;
  for (let index = 0; index < folded.length; index++) {
    const code = folded.charCodeAt(index);
    if (isSpace(code)) {
      if (runStart >= 0) {
        parts.push(folded.slice(runStart, index));
        before = codePointBefore(folded, index);
        runStart = -1;
      }
      pendingSpace = before >= 0;
      continue;
    }
    if (pendingSpace) {
      if (!isCjk(before) && !isCjk(folded.codePointAt(index) ?? 0)) {
        parts.push(' ');
      }
      pendingSpace = false;
    }
    if (runStart < 0) {
      runStart = index;
    }
  }
  if (runStart >= 0) {
    parts.push(folded.slice(runStart));
  }
  return parts.join('');
}
