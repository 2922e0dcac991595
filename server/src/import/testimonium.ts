/**
 * The testimonium of a treaty ("IN WITNESS WHEREOF the undersigned … have signed this Convention. DONE at
 * Vienna, this twenty-third day of May, one thousand nine hundred and sixty-nine.") and the place and date it
 * states, in English, French and Dutch. The testimonium and the signatures after it are not clauses (spec §2):
 * the importers put them in the front matter.
 */
import { isoDate } from './text';

/** Where a testimonium starts inside a line: the witness formula, or `DONE at` opening a line. */
const witnessFormula = /\b(?:IN WITNESS WHEREOF|In witness whereof|IN FAITH WHEREOF|In faith whereof|IN TESTIMONY WHEREOF|In testimony whereof|EN FOI DE QUOI|En foi de quoi|TEN BLIJKE WAARVAN|Ten blijke waarvan)\b/;
const doneFormula = /^(?:DONE|Done)\s+(?:at|in|AT|IN)\b|^(?:FAIT|Fait)\s+(?:à|a|en|À|A|EN)\b|^(?:GEDAAN|Gedaan)\s+(?:te|TE)\b/;

/** The offset in a line where a testimonium starts, or -1. `DONE at` counts only at the start of the line. */
export function testimoniumStart(line: string): number {
  const witness = witnessFormula.exec(line);
  if (witness) {
    return witness.index;
  }
  return doneFormula.test(line.trimStart()) ? line.length - line.trimStart().length : -1;
}

/** True when the text holds the `DONE at …`/`Fait à …` part of a testimonium (anywhere in it). */
export function hasDoneFormula(text: string): boolean {
  return /\b(?:DONE|Done)\s+(?:at|in|AT|IN)\b|\b(?:FAIT|Fait)\s+(?:à|a|À|A)\b|\b(?:GEDAAN|Gedaan)\s+(?:te|TE)\b/.test(text);
}

const months: Readonly<Record<string, number>> = {
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
  janvier: 1, février: 2, fevrier: 2, mars: 3, avril: 4, mai: 5, juin: 6, juillet: 7, août: 8, aout: 8, septembre: 9, octobre: 10, novembre: 11, décembre: 12, decembre: 12,
  januari: 1, februari: 2, maart: 3, mei: 5, juni: 6, juli: 7, augustus: 8, oktober: 10,
};

const units: Readonly<Record<string, number>> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, thirteen: 13,
  fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50,
  sixty: 60, seventy: 70, eighty: 80, ninety: 90,
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10, eleventh: 11, twelfth: 12,
  thirteenth: 13, fourteenth: 14, fifteenth: 15, sixteenth: 16, seventeenth: 17, eighteenth: 18, nineteenth: 19, twentieth: 20, thirtieth: 30,
};

/** Reads English number words (`twenty-third`, `one thousand nine hundred and sixty-nine`); undefined otherwise. */
export function parseNumberWords(text: string): number | undefined {
  const words = text.toLowerCase().replace(/-/g, ' ').split(/\s+/).filter((word) => word !== '' && word !== 'and');
  if (words.length === 0) {
    return undefined;
  }
  let total = 0;
  let current = 0;
  for (const word of words) {
    if (word in units) {
      current += units[word];
    } else if (word === 'hundred') {
      current = (current === 0 ? 1 : current) * 100;
    } else if (word === 'thousand') {
      total += (current === 0 ? 1 : current) * 1000;
      current = 0;
    } else {
      return undefined;
    }
  }
  // `nineteen hundred and fifty` is 1950 already; `nineteen fifty` is not a form treaties use.
  return total + current;
}

/** True when a word (lower case) is an English number word or a part of one. */
function isNumberWord(word: string): boolean {
  return word.split('-').every((part) => part in units || part === 'hundred' || part === 'thousand' || part === 'and');
}

/**
 * The date a testimonium states, as an ISO date; undefined when it states none that reads cleanly. Reads
 * `17 July 1998`, `17th day of July 1998`, `4 novembre 1950` and `the twenty-third day of May, one thousand
 * nine hundred and sixty-nine`, word by word (no regular expression runs over the whole text).
 */
export function testimoniumDate(text: string): string | undefined {
  const words = text.split(/[\s,.;:()]+/).filter((word) => word !== '');
  for (let index = 0; index < words.length; index++) {
    const month = months[words[index].toLowerCase()];
    if (month === undefined) {
      continue;
    }
    // The day: `17`, `17th`, `1er`, or number words before `day of`.
    let day: number | undefined;
    let before = index - 1;
    if (before >= 1 && words[before].toLowerCase() === 'of' && /^(day|month)$/i.test(words[before - 1]) ) {
      before = words[before - 1].toLowerCase() === 'month' ? before - 4 : before - 2;
    }
    const dayWord = words[before]?.toLowerCase() ?? '';
    const digits = /^(\d{1,2})(?:st|nd|rd|th|er|e)?$/.exec(dayWord);
    if (digits) {
      day = Number(digits[1]);
    } else {
      const parts: string[] = [];
      for (let back = before; back >= 0 && back > before - 4 && isNumberWord(words[back].toLowerCase()); back--) {
        parts.unshift(words[back].toLowerCase());
      }
      day = parts.length > 0 ? parseNumberWords(parts.join(' ')) : undefined;
    }
    // The year: `1998`, or number words, after an optional `in the year`.
    let after = index + 1;
    if (words[after]?.toLowerCase() === 'in' && words[after + 1]?.toLowerCase() === 'the' && words[after + 2]?.toLowerCase() === 'year') {
      after += 3;
    } else if (words[after]?.toLowerCase() === 'of' && words[after + 1]?.toLowerCase() === 'the' && words[after + 2]?.toLowerCase() === 'year') {
      after += 3;
    }
    let year: number | undefined;
    if (/^\d{4}$/.test(words[after] ?? '')) {
      year = Number(words[after]);
    } else {
      const parts: string[] = [];
      for (let next = after; next < words.length && next < after + 10 && isNumberWord(words[next].toLowerCase()); next++) {
        parts.push(words[next].toLowerCase());
      }
      year = parts.length > 0 ? parseNumberWords(parts.join(' ')) : undefined;
    }
    if (day !== undefined && year !== undefined && day >= 1 && day <= 31 && year >= 1800 && year <= 2100) {
      return isoDate(year, month, day);
    }
  }
  return undefined;
}

/** The place a testimonium names (`DONE at Vienna, …` → Vienna); undefined when it names none clearly. */
export function testimoniumPlace(text: string): string | undefined {
  const match = /\b(?:DONE|Done)\s+(?:at|in|AT|IN)\s+(?:the\s+city\s+of\s+)?([A-Z][\p{L}'’. -]{1,40}?)\s*(?:,|\s+(?:this|on|the|in)\b|\.)|\b(?:FAIT|Fait)\s+à\s+([A-Z][\p{L}'’. -]{1,40}?)\s*(?:,|\s+le\b)|\b(?:GEDAAN|Gedaan)\s+(?:te|TE)\s+([A-Z][\p{L}'’. -]{1,40}?)\s*(?:,|\s+(?:op|de|in)\b)/u.exec(text);
  const place = (match?.[1] ?? match?.[2] ?? match?.[3])?.trim();
  if (place === undefined || place === '') {
    return undefined;
  }
  // `DONE AT VIENNA`: the place in capitals reads better as a name.
  return place === place.toUpperCase() ? place.toLowerCase().replace(/(^|[\s-])(\p{L})/gu, (_, before: string, letter: string) => before + letter.toUpperCase()) : place;
}
