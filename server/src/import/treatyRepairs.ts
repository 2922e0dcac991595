/**
 * Repairs of known defects in the open-treaties dataset, applied before a treaty is imported. Every repair
 * is a rule with a narrow trigger (or an explicit, reviewed entry of {@link explicitFixes}), and every change
 * it makes is returned, so that the library's README can list them all. A rule that is not sure does
 * nothing: text is never guessed, only re-spaced, re-broken, un-glued or marked.
 *
 * The defects come from how the dataset was scraped from web pages: italics and line breaks were dropped
 * without a space (`Consideringthe`, `Convention,Recognizing`), list numbers rendered by HTML were lost
 * (`1.` of the UN Charter's articles), structural headings were glued to the end of the article before
 * them (`….SECTION 2.  LIMITS OF THE TERRITORIAL SEA`), long article titles spilled into the text, and
 * some articles were cut off (`…specified in the`).
 *
 * Pure: values in, values out, never throws.
 */

/** One article as the dataset has it (a subset of the importer's shape). */
export interface RepairableArticle {
  readonly article: string;
  readonly title_en?: string;
  readonly title_zh?: string;
  readonly content_en?: string;
  readonly content_zh?: string;
}

/** One treaty as the dataset has it (a subset of the importer's shape). */
export interface RepairableTreaty {
  readonly preamble_en?: string;
  readonly preamble_zh?: string;
  readonly articles: readonly RepairableArticle[];
}

/** The kinds of repair, each explained in the library's README. */
export type RepairRule =
  | 'spacing'
  | 'italics'
  | 'camel-glue'
  | 'glued-words'
  | 'glued-heading'
  | 'title-continuation'
  | 'recital-breaks'
  | 'broken-line'
  | 'truncated'
  | 'editorial-note'
  | 'lost-numbering'
  | 'ocr-digit'
  | 'explicit';

/** One change a repair made. */
export interface RepairChange {
  /** `preamble`, or the article number as the dataset writes it (`三十一`, `八之二`). */
  readonly article: string;
  /** The field changed. */
  readonly field: 'content_en' | 'content_zh' | 'title_en' | 'title_zh' | 'preamble_en' | 'preamble_zh';
  readonly rule: RepairRule;
  /** A short excerpt before the change (or a count, for spacing). */
  readonly before: string;
  /** The same excerpt after it. */
  readonly after: string;
}

/** Words as they stand alone in the dataset's English (lower case), for the un-gluing rules. */
export type Vocabulary = ReadonlySet<string>;

/**
 * The words that occur at least `minimum` times as whole words in the given English texts. A glued token
 * is split only when both parts are such words and the token itself is not one.
 */
export function buildVocabulary(texts: readonly string[], minimum = 3): Vocabulary {
  const counts = new Map<string, number>();
  for (const text of texts) {
    for (const match of text.matchAll(/[A-Za-z]+/g)) {
      const word = match[0].toLowerCase();
      counts.set(word, (counts.get(word) ?? 0) + 1);
    }
  }
  return new Set([...counts].filter(([, count]) => count >= minimum).map(([word]) => word));
}

/** The English texts of a treaty, for {@link buildVocabulary}. */
export function englishTexts(treaty: RepairableTreaty): string[] {
  return [treaty.preamble_en ?? '', ...treaty.articles.flatMap((article) => [article.title_en ?? '', article.content_en ?? ''])];
}

/**
 * Words and phrases that the source set in italics (preamble verbs, the closing formula, Latin terms): the
 * scrape dropped the space on either side of them. Only these are un-glued.
 */
export const italicTerms: readonly string[] = [
  'Acknowledging', 'Affirming', 'Agreeing', 'Aware', 'Bearing in mind', 'Believing', 'Concerned', 'Conscious', 'Considering',
  'Convinced', 'Declaring', 'Deeply concerned', 'Desiring', 'Determined', 'Emphasizing', 'Emphasising', 'Having considered',
  'Having in mind', 'Have agreed', 'Inspired', 'Mindful', 'Noting', 'Observing', 'Prompted', 'Reaffirming', 'Realizing',
  'Recalling', 'Recognizing', 'Recognising', 'Stressing', 'Taking into account', 'Taking into consideration', 'Welcoming',
  'Whereas', 'Wishing', 'whereof', 'WHEREOF', 'Done', 'DONE',
  'a fortiori', 'ad hoc', 'amicus curiae', 'bona fide', 'de facto', 'de jure', 'erga omnes', 'ex aequo et bono', 'ex officio',
  'in absentia', 'in camera', 'inter alia', 'inter se', 'ipso facto', 'jus cogens', 'locus standi', 'mutatis mutandis',
  'ne bis in idem', 'non bis in idem', 'pacta sunt servanda', 'persona non grata', 'prima facie', 'proprio motu',
  'ratione materiae', 'ratione personae', 'ratione temporis', 'rebus sic stantibus', 'res judicata', 'sui generis', 'ultra vires',
];

/**
 * Reviewed one-off corrections: `find` must occur exactly once in the field (else the entry is reported as
 * stale and nothing changes). Each says why.
 */
export interface ExplicitFix {
  readonly treaty: string;
  readonly article: string;
  readonly field: RepairChange['field'];
  readonly find: string;
  readonly replace: string;
  readonly reason: string;
}

export const explicitFixes: readonly ExplicitFix[] = [
  {
    treaty: 'un-charter',
    article: 'preamble',
    field: 'preamble_en',
    find: 'WE THE PEOPLES OF THE UNITED NATIONS DETERMINEDto save',
    replace: 'WE THE PEOPLES OF THE UNITED NATIONS DETERMINED\nto save',
    reason: 'the line breaks of the preamble were dropped',
  },
  ...['andto reaffirm', 'andto establish', 'andto promote', 'andto unite', 'andto ensure'].map((find) => ({
    treaty: 'un-charter',
    article: 'preamble',
    field: 'preamble_en' as const,
    find,
    replace: `and\n${find.slice(3)}`,
    reason: 'the line breaks of the preamble were dropped',
  })),
  {
    treaty: 'un-charter',
    article: '二',
    field: 'content_en',
    find: 'under Chapter Vll.',
    replace: 'under Chapter VII.',
    reason: 'the Roman numeral VII was written with two lower-case letters l',
  },
  {
    treaty: 'unclos',
    article: '五十四',
    field: 'content_en',
    find: 'duties of the archipelagic Stateand laws and regulations of the archipelagic Staterelating to',
    replace: 'duties of the archipelagic State and laws and regulations of the archipelagic State relating to',
    reason: 'line breaks of the article title were dropped',
  },
  {
    treaty: 'unclos',
    article: '五十九',
    field: 'content_en',
    find: 'and jurisdictionin the exclusive',
    replace: 'and jurisdiction in the exclusive',
    reason: 'a line break of the article title was dropped',
  },
  {
    treaty: 'unclos',
    article: '六十三',
    field: 'content_en',
    find: 'exclusive economic zoneand in an area',
    replace: 'exclusive economic zone and in an area',
    reason: 'a line break of the article title was dropped',
  },
  {
    treaty: 'vclt',
    article: '十九',
    field: 'content_en',
    find: '; or(d)in cases not falling under subparagraphs (a) and (b)',
    replace: '; or(c)in cases not falling under subparagraphs (a) and (b)',
    reason: 'the third item is lettered (c) in the treaty (and 丙 in the Chinese), not (d)',
  },
  {
    treaty: 'vccr',
    article: '十六',
    field: 'content_zh',
    find: '。六 領館館長位於',
    replace: '。\n六、領館館長位於',
    reason: 'paragraph 六 was run into paragraph 五 without its 、',
  },
  {
    treaty: 'unclos',
    article: '一八八',
    field: 'content_en',
    find: 'Law of the Seaor an ad hoc chamber of the Seabed Disputes Chamberor to binding',
    replace: 'Law of the Sea or an ad hoc chamber of the Seabed Disputes Chamber or to binding',
    reason: 'line breaks of the article title were dropped',
  },
  {
    treaty: 'unclos',
    article: '二〇八',
    field: 'content_en',
    find: '1 Coastal States shall adopt',
    replace: '1. Coastal States shall adopt',
    reason: 'the full stop after the paragraph number 1 was lost',
  },
];

/**
 * Two words run together where a line break was dropped, found by reading the library's English (a token
 * that is no word of the dataset but splits into two frequent ones) and reviewed one by one. Only these
 * exact tokens are split, wherever they occur as whole words.
 */
export const gluedWords: Readonly<Record<string, string>> = {
  byforce: 'by force',
  combatby: 'combat by',
  conformto: 'conform to',
  followingrights: 'following rights',
  fordisciplinary: 'for disciplinary',
  humanitarianpurposes: 'humanitarian purposes',
  medicalor: 'medical or',
  orproperty: 'or property',
  ortemporary: 'or temporary',
  reasonsfor: 'reasons for',
  resourcesin: 'resources in',
  withoutdistinction: 'without distinction',
};

const functionWords = new Set(['the', 'a', 'an', 'of', 'in', 'to', 'with', 'and', 'or', 'for', 'by', 'on', 'at', 'from', 'as', 'under', 'that', 'which', 'its', 'their', 'this', 'these', 'any', 'such']);

/** Escapes a string for a regular expression. */
function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const longestWords = new WeakMap<Vocabulary, number>();

/** The length of the vocabulary's longest word: a longer run of letters is no word of it. */
function longestWord(vocabulary: Vocabulary): number {
  let longest = longestWords.get(vocabulary);
  if (longest === undefined) {
    longest = 0;
    for (const word of vocabulary) {
      longest = Math.max(longest, word.length);
    }
    longestWords.set(vocabulary, longest);
  }
  return longest;
}

function isAsciiLetter(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

/** Splits words glued to an italic term, when both sides are dictionary words and the glued token is not. */
function unglueItalics(text: string, vocabulary: Vocabulary, record: (glued: string, replacement: string) => void): string {
  // NOTE: each term's pass builds its output once, and the letters around a match are read only as far as a
  // word of the vocabulary can reach: splicing the text at each match and reading the whole run of letters
  // before it made a text of many glued terms quadratic.
  const reach = longestWord(vocabulary) + 1;
  const known = (word: string): boolean => word.length < reach && vocabulary.has(word.toLowerCase());
  let result = text;
  for (const term of italicTerms) {
    if (!result.includes(term)) {
      continue;
    }
    const termWords = term.split(' ');
    const lastWord = termWords[termWords.length - 1];
    const parts: string[] = [];
    let copied = 0;
    // The letters that end the output so far when a replacement put them there, and where that replacement ended.
    let carried = '';
    let carriedEnd = -1;
    for (const match of result.matchAll(new RegExp(escapeRegExp(term), 'g'))) {
      const start = match.index ?? 0;
      const end = start + term.length;
      let from = start;
      while (from > Math.max(0, carriedEnd) && start - from <= reach && isAsciiLetter(result.charCodeAt(from - 1))) {
        from--;
      }
      const before = (from === carriedEnd ? carried : '') + result.slice(from, start);
      let to = end;
      while (to < result.length && to - end <= reach && isAsciiLetter(result.charCodeAt(to))) {
        to++;
      }
      const after = result.slice(end, to);
      const splitBefore = before !== '' && known(before) && !known(before + termWords[0]);
      const splitAfter = after !== '' && known(after) && !known(lastWord + after);
      // A term inside a longer word that is not glued on both fitting sides is left alone.
      if ((before !== '' && !splitBefore) || (after !== '' && !splitAfter) || (!splitBefore && !splitAfter)) {
        continue;
      }
      const replacement = `${splitBefore ? ' ' : ''}${term}${splitAfter ? ' ' : ''}`;
      record(`${before}${term}${after}`, `${before}${replacement}${after}`);
      parts.push(result.slice(copied, start), replacement);
      copied = end;
      carried = splitAfter ? '' : lastWord;
      carriedEnd = end;
    }
    if (parts.length > 0) {
      parts.push(result.slice(copied));
      result = parts.join('');
    }
  }
  return result;
}

/** Where the run of characters at the end of `text` for which `stop` is false begins (`text.length` when none). */
function tailWithout(text: string, stop: (code: number) => boolean): number {
  let start = text.length;
  while (start > 0 && !stop(text.charCodeAt(start - 1))) {
    start--;
  }
  return start;
}

const OPEN_END = /\b(?:the|a|an|of|at|to|in|by|for|with|from)$/;

/** Splits `receivingState`, `theRepublic`: a lower-case word glued to a capitalised one, both dictionary words. */
function unglueCamel(text: string, vocabulary: Vocabulary, record: (index: number, length: number, replacement: string) => void): string {
  return text.replace(/\b([a-z]{2,})([A-Z][a-z]+)\b/g, (whole, left: string, right: string, offset: number) => {
    if (!vocabulary.has(left) || !vocabulary.has(right.toLowerCase())) {
      return whole;
    }
    record(offset, whole.length, `${left} ${right}`);
    return `${left} ${right}`;
  });
}

/** Collapses runs of blanks, trims lines, drops empty ones, and closes `1 .` to `1.`; returns the count of lines changed. */
function normalizeSpacing(text: string): { text: string; changed: number } {
  let changed = 0;
  const lines = text.split(/\r?\n/).flatMap((line) => {
    const clean = line.replace(/[\t\p{Zs}]+/gu, ' ').trim().replace(/^(\d{1,3}) \.(?=\s)/, '$1.');
    if (clean !== line && clean !== '') {
      changed++;
    }
    return clean === '' ? [] : [clean];
  });
  return { text: lines.join('\n'), changed };
}

const chineseParagraphNumber = /^([一二三四五六七八九十]{1,3})[、 ]/;

/** Reads `一`…`九十九`. */
function smallChineseNumber(text: string): number {
  const digits = '〇一二三四五六七八九';
  const [tens, units] = text.includes('十') ? text.split('十') : ['', text];
  return (text.includes('十') ? (tens === '' ? 1 : digits.indexOf(tens)) * 10 : 0) + (units === '' ? 0 : digits.indexOf(units));
}

/** The item markers of a Chinese paragraph that run 1, 2, 3… in one series (`（子）（丑）`, `（甲）（乙）`, `（a）（b）`). */
function chineseItemCount(text: string): number {
  for (const series of ['子丑寅卯辰巳午未申酉戌亥', '甲乙丙丁戊己庚辛壬癸', 'abcdefghijklmnopqrstuvwxyz']) {
    const markers = [...text.matchAll(new RegExp(`[(（]([${series}])[)）]`, 'g'))].map((match) => series.indexOf(match[1]));
    if (markers.length >= 2 && markers.every((value, position) => value === position)) {
      return markers.length;
    }
  }
  return 0;
}

/**
 * Restores paragraph numbers (and the item letters inside them) that the English lost: the UN Charter's
 * `1.`, `2.` and `a.`, `b.` were HTML list numbers. Only when the English has no numbered or lettered line,
 * the Chinese numbers its lines `一、`, `二、`… in sequence, and the English has exactly one line per Chinese
 * paragraph plus one per Chinese item (`（子）`…), with an introductory line in both or in neither, and
 * each English paragraph that has items ends in a colon.
 */
function restoreNumbering(english: string, chinese: string): { text: string; count: number } | undefined {
  const enLines = english.split('\n');
  if (enLines.length < 2 || enLines.some((line) => /^\d{1,3}\.(?!\d)/.test(line) || /^\(?[a-z][.)]\s/.test(line) || /^\([a-z]\)/.test(line))) {
    return undefined;
  }
  const zhLines = chinese.split('\n');
  const numbered = zhLines.map((line) => chineseParagraphNumber.exec(line)?.[1]);
  const firstNumbered = numbered.findIndex((value) => value !== undefined);
  if (firstNumbered < 0 || firstNumbered > 1) {
    return undefined;
  }
  const run = numbered.slice(firstNumbered);
  if (run.length < 2 || run.some((value, index) => value === undefined || smallChineseNumber(value) !== index + 1)) {
    return undefined;
  }
  const leadIn = firstNumbered;
  const items = zhLines.slice(firstNumbered).map(chineseItemCount);
  if (enLines.length - leadIn !== run.length + items.reduce((sum, count) => sum + count, 0)) {
    return undefined;
  }
  if (leadIn === 1 && !/[:.：]$/.test(enLines[0])) {
    return undefined;
  }
  const result = enLines.slice(0, leadIn);
  let line = leadIn;
  for (const [index, count] of items.entries()) {
    if (count > 0 && !/:$/.test(enLines[line])) {
      return undefined;
    }
    result.push(`${index + 1}. ${enLines[line++]}`);
    for (let item = 0; item < count; item++) {
      result.push(`${String.fromCharCode(97 + item)}. ${enLines[line++]}`);
    }
  }
  return { text: result.join('\n'), count: run.length };
}

/**
 * Restores item letters that the English lost (ICJ Statute 36(2), 38(1): `a.`…`d.`): only when a line
 * ending in a colon is followed by unmarked lines each ending in `;`, `.` (the last) or `; and`, and the
 * Chinese counterpart has exactly as many items `（子）`, `（甲）`, `（a）`… in sequence.
 */
function restoreItemLetters(english: string, chinese: string): { text: string; count: number } | undefined {
  const lines = english.split('\n');
  let changed = 0;
  // The Chinese item markers of each series, read once (not once per English line that ends in a colon).
  const seriesMarkers = ['子丑寅卯辰巳午未申酉戌亥', '甲乙丙丁戊己庚辛壬癸', 'abcdefghijklmnopqrstuvwxyz'].map((series) =>
    [...chinese.matchAll(new RegExp(`[(（]([${series}])[)）]`, 'g'))].map((match) => series.indexOf(match[1])),
  );
  for (let index = 0; index < lines.length; index++) {
    if (!lines[index].endsWith(':')) {
      continue;
    }
    let end = index + 1;
    while (end < lines.length && /^[a-z]/.test(lines[end]) && !/^[a-z][.)]\s/.test(lines[end])) {
      end++;
    }
    const count = end - index - 1;
    if (count < 2) {
      continue;
    }
    for (const markers of seriesMarkers) {
      if (markers.length === count && markers.every((value, position) => value === position)) {
        for (let line = index + 1; line < end; line++) {
          lines[line] = `${String.fromCharCode(97 + line - index - 1)}. ${lines[line]}`;
        }
        changed += count;
        break;
      }
    }
  }
  return changed > 0 ? { text: lines.join('\n'), count: changed } : undefined;
}

/** Repairs one treaty; returns the repaired treaty and every change. `key` is the file name without `.json`. */
export function repairTreaty<T extends RepairableTreaty>(key: string, treaty: T, vocabulary: Vocabulary): { treaty: T; changes: RepairChange[] } {
  const changes: RepairChange[] = [];
  const fields = new Map<string, Record<string, string>>();
  const articleFields = (article: RepairableArticle): Record<string, string> => ({
    title_en: article.title_en ?? '',
    title_zh: article.title_zh ?? '',
    content_en: article.content_en ?? '',
    content_zh: article.content_zh ?? '',
  });
  fields.set('preamble', { preamble_en: treaty.preamble_en ?? '', preamble_zh: treaty.preamble_zh ?? '' });
  for (const article of treaty.articles) {
    fields.set(article.article, articleFields(article));
  }
  const change = (article: string, field: RepairChange['field'], rule: RepairRule, before: string, after: string): void => {
    changes.push({ article, field, rule, before, after });
  };

  for (const [article, record] of fields) {
    for (const field of Object.keys(record) as RepairChange['field'][]) {
      // 2. Spacing.
      const spaced = normalizeSpacing(record[field]);
      if (spaced.changed > 0) {
        change(article, field, 'spacing', `${spaced.changed} line${spaced.changed === 1 ? '' : 's'}`, 'runs of blanks collapsed');
      }
      record[field] = spaced.text;
    }
  }

  // 2b. Reviewed one-off corrections.
  for (const fix of explicitFixes.filter((entry) => entry.treaty === key)) {
    const record = fields.get(fix.article);
    const value = record?.[fix.field];
    const at = value?.indexOf(fix.find) ?? -1;
    if (!record || value === undefined || at < 0 || value.indexOf(fix.find, at + 1) >= 0) {
      change(fix.article, fix.field, 'explicit', `(not applied: “${fix.find}” is not in the text exactly once)`, '');
      continue;
    }
    record[fix.field] = value.slice(0, at) + fix.replace + value.slice(at + fix.find.length);
    change(fix.article, fix.field, 'explicit', fix.find.replace(/\n/g, ' ⏎ '), `${fix.replace.replace(/\n/g, ' ⏎ ')} (${fix.reason})`);
  }

  for (const [article, record] of fields) {
    // Long titles that spilled into the text: the text starts in lower case.
    const titleOpen = new RegExp(`\\b(?:${[...functionWords].join('|')})$`).test(record.title_en ?? '') && /^[^.;:]+\n1\.\s/.test(record.content_en ?? '');
    if (article !== 'preamble' && record.title_en !== '' && (/^[a-z]/.test(record.content_en) || titleOpen)) {
      const firstLine = record.content_en.split('\n')[0];
      const glue = /[a-z)](?=[A-Z][a-z])/.exec(firstLine);
      const rest = record.content_en.split('\n').slice(1).join('\n');
      const continuation = glue ? firstLine.slice(0, glue.index + 1) : rest !== '' ? firstLine : undefined;
      if (continuation !== undefined) {
        const title = `${record.title_en.replace(/[,\s]+$/, (tail) => (tail.includes(',') ? ',' : ''))} ${continuation}`;
        change(article, 'title_en', 'title-continuation', record.title_en, title);
        record.title_en = title;
        record.content_en = glue ? `${firstLine.slice(glue.index + 1)}${rest ? `\n${rest}` : ''}` : rest;
      }
    }
    for (const field of ['preamble_en', 'title_en', 'content_en'] as const) {
      if (record[field] === undefined) {
        continue;
      }
      // 3. Words glued to italics, and lower-case words glued to capitalised ones.
      record[field] = unglueItalics(record[field], vocabulary, (glued, replacement) => change(article, field, 'italics', glued, replacement));
      record[field] = record[field].replace(/[A-Za-z]+/g, (word: string) => {
        const split = gluedWords[word];
        if (split === undefined) {
          return word;
        }
        change(article, field, 'glued-words', word, split);
        return split;
      });
      const beforeCamel = record[field];
      record[field] = unglueCamel(record[field], vocabulary, (index, length, replacement) =>
        change(article, field, 'camel-glue', beforeCamel.slice(index, index + length), replacement),
      );
    }
  }

  // 4. The ICJ Statute's “preamble” is a note of the dataset's editors, not treaty text.
  const preamble = fields.get('preamble');
  if (preamble && /^\(.*\)$/s.test(preamble.preamble_en) && /^（.*）$/s.test(preamble.preamble_zh)) {
    change('preamble', 'preamble_en', 'editorial-note', preamble.preamble_en, '(removed: a note of the dataset, not treaty text)');
    change('preamble', 'preamble_zh', 'editorial-note', preamble.preamble_zh, '(removed)');
    preamble.preamble_en = '';
    preamble.preamble_zh = '';
  }
  // 5. Recital breaks: a comma or semicolon glued to the capital that starts the next recital.
  if (preamble) {
    const value = preamble.preamble_en.replace(/^Preamble(?=[A-Z])/, '');
    if (value !== preamble.preamble_en) {
      change('preamble', 'preamble_en', 'explicit', 'PreambleThe', 'The (the heading “Preamble” glued to the text removed)');
    }
    const broken = value.replace(/([,;:])(?=[A-Z])/g, '$1\n');
    const count = broken.split('\n').length - value.split('\n').length;
    if (count > 0) {
      change('preamble', 'preamble_en', 'recital-breaks', `${count} glued recital${count === 1 ? '' : 's'} (“…,Recalling”)`, 'one recital per paragraph');
    }
    preamble.preamble_en = broken;
  }

  for (const article of treaty.articles) {
    const record = fields.get(article.article);
    if (!record) {
      continue;
    }
    const name = article.article;
    // 6. Structural headings glued to the end of the article before them.
    // NOTE: such a heading has no lower-case letter, so it is looked for after the last one only: run over
    // the whole text, the pattern tried every `.PART` and read on to the end from each.
    const upperTail = tailWithout(record.content_en, (code) => code >= 0x61 && code <= 0x7a);
    const heading = /([.;:])((?:PART|SECTION|SUBSECTION|CHAPTER)\s*(?:[IVXLC0-9]+|[A-Z])\b[^a-z]*)$/.exec(record.content_en.slice(upperTail));
    if (heading) {
      change(name, 'content_en', 'glued-heading', `…${heading[1]}${heading[2]}`, `…${heading[1]} (the heading of the next part removed)`);
      record.content_en = record.content_en.slice(0, upperTail + heading.index + 1);
    }
    // 6b. The same in the Chinese (`…。第二節 領事職務之終了`): it starts at the last `。`.
    const lastStop = record.content_zh.lastIndexOf('。');
    const headingZh = lastStop < 0 ? null : /^(。)(第[一二三四五六七八九十]+[章節編部分][^。]*)$/.exec(record.content_zh.slice(lastStop));
    if (headingZh) {
      change(name, 'content_zh', 'glued-heading', `…${headingZh[1]}${headingZh[2]}`, `…${headingZh[1]} (the heading of the next part removed)`);
      record.content_zh = record.content_zh.slice(0, lastStop + 1);
    }
    // 6c. The digit 1 scanned as the letter l (`article l, paragraph l(1)`), or as I before `and 2`.
    record.content_en = record.content_en.replace(/\b((?:[Aa]rticle|[Pp]aragraph|[Ss]ubparagraph)s?) (?:l(?=[\s(,.;)]|$)|I(?= and \d))/g, (whole: string, word: string) => {
      change(name, 'content_en', 'ocr-digit', whole, `${word} 1`);
      return `${word} 1`;
    });
    // 7b. A Chinese article title written as the first line of the text (VCCR): moved into the title.
    const zhLines = record.content_zh.split('\n');
    if (record.title_zh === '' && zhLines.length > 1 && zhLines[0].length <= 30 && !/[。；：，.,;:]/.test(zhLines[0]) && !/^[一二三四五六七八九十]+(?:、|$)/.test(zhLines[0])) {
      change(name, 'content_zh', 'title-continuation', zhLines[0], '(moved into the Chinese article title)');
      record.title_zh = zhLines[0];
      record.content_zh = zhLines.slice(1).join('\n');
    }
    // 8. Paragraphs broken in the middle of a sentence.
    // NOTE: decided from the last line up, as a reader joins them, then joined in one pass: joining line by
    // line spliced the list and re-read the growing line each time, quadratic in an article of many lines.
    // `heads[i]` is the start of line i as it reads once the lines after it are joined to it.
    const lines = record.content_en.split('\n');
    const joinsNext = new Array<boolean>(lines.length).fill(false);
    const heads = new Array<string>(lines.length);
    for (let index = lines.length - 1; index > 0; index--) {
      heads[index] = (index + 1 < lines.length && joinsNext[index] ? `${lines[index]} ${heads[index + 1]}` : lines[index]).slice(0, 30);
      const previous = lines[index - 1];
      const line = heads[index];
      const openEnd = OPEN_END.test(previous);
      if (/[a-z,]$/.test(previous) && !/[;,] (?:and|or)$/.test(previous) && (/^[a-z]/.test(line) || openEnd) && !/^\d{1,3}\./.test(line) && !/^[a-z][.)]\s/.test(line) && !/^\([a-z]{1,4}\)/.test(line)) {
        change(name, 'content_en', 'broken-line', `${previous.slice(-30)} ⏎ ${line}`, `${previous.slice(-30)} ${line}`);
        joinsNext[index - 1] = true;
      }
    }
    record.content_en = lines.map((line, index) => (index + 1 < lines.length ? `${line}${joinsNext[index] ? ' ' : '\n'}` : line)).join('');
    // 9. Lost paragraph numbers and item letters, restored from the Chinese numbering.
    const numbered = restoreNumbering(record.content_en, record.content_zh);
    if (numbered) {
      change(name, 'content_en', 'lost-numbering', `${numbered.count} unnumbered paragraphs`, `numbered 1–${numbered.count}, as the Chinese numbers them`);
      record.content_en = numbered.text;
    }
    const lettered = restoreItemLetters(record.content_en, record.content_zh);
    if (lettered) {
      change(name, 'content_en', 'lost-numbering', `${lettered.count} unlettered items`, `lettered a.–${String.fromCharCode(96 + lettered.count)}., as the Chinese letters them`);
      record.content_en = lettered.text;
    }
    // 10. Articles cut off in the middle of a sentence: marked, never completed.
    const tail = record.content_en.slice(tailWithout(record.content_en, (code) => !isAsciiLetter(code)));
    if (tail !== '' && (functionWords.has(tail.toLowerCase()) || !vocabulary.has(tail.toLowerCase()))) {
      change(name, 'content_en', 'truncated', `…${record.content_en.slice(-40)}`, '… […] (the dataset cuts the text off here)');
      record.content_en = `${record.content_en} […]`;
    }
  }

  const repaired: T = {
    ...treaty,
    preamble_en: preamble?.preamble_en ?? treaty.preamble_en,
    preamble_zh: preamble?.preamble_zh ?? treaty.preamble_zh,
    articles: treaty.articles.map((article) => {
      const record = fields.get(article.article);
      return record ? { ...article, title_en: record.title_en, title_zh: record.title_zh, content_en: record.content_en, content_zh: record.content_zh } : article;
    }),
  };
  return { treaty: repaired, changes };
}
