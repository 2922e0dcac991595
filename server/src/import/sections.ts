/**
 * Section numbers as spec.md §2 reads them from `##` headings, and the rule the importers use to keep them
 * distinct (a duplicate section number is a corpus-error).
 *
 * NOTE: inserted articles and sections (`第十七条之一`, `111A.`, `Article 8 bis`) have no number of their
 * own under the spec: `第十七条之一` and `111A.` read as no number at all (`之` and `A` do not end a number),
 * so their position is used, which collides with some other section; `Article 8 bis` reads as 8. The importers give such a section the number
 * base × 100 + k, written at the start of its heading: `## 1701 第十七条之一`, `## 11101 111A. Pound`,
 * so §17 stays 第十七条 and every other article keeps its natural number. When that number is taken too
 * (a document with more than a hundred times as many sections), the next free number is used.
 * {@link makeSectionNumbersDistinct} applies this to any section whose number would repeat.
 */
import { sectionNumberOf } from '../service/sectionNumber';
import type { ImportedSection, ImportNote } from './types';

/**
 * The section number spec §2 reads from a heading, or undefined when the heading's position is used.
 * NOTE: this is the core's own reader, so the importers and the language server always agree; under it
 * `第十七条之一` has no number (`之` does not end a number), and its position would be used.
 */
export function specSectionNumber(heading: string): number | undefined {
  return sectionNumberOf(heading);
}

/** The number an inserted section gets: base × 100 + k (see the note at the top of this file). */
export function insertedSectionNumber(base: number, index: number): number {
  return base * 100 + index;
}

/**
 * Returns the sections with headings rewritten where needed so that no two have the same spec number.
 * Numbered headings keep their numbers; a numbered heading that repeats one before it gets base × 100 + k
 * for the first free k; an unnumbered heading (which the spec numbers by its position) whose position is
 * taken gets the first free number after its position. The new number is written at the start of the heading, and
 * each rewrite is reported as a guess.
 */
export function makeSectionNumbersDistinct(sections: readonly ImportedSection[], guesses: ImportNote[]): ImportedSection[] {
  const explicit = sections.map((section) => specSectionNumber(section.heading));
  const numbers = explicit.map((number, index) => number ?? index + 1);
  const taken = new Set<number>(numbers);
  const seen = new Set<number>();
  const explicitNumbers = new Set(explicit.filter((number): number is number => number !== undefined));
  let highest = Math.max(0, ...numbers);
  return sections.map((section, index) => {
    const number = numbers[index];
    const positional = explicit[index] === undefined;
    if (!seen.has(number) && !(positional && explicitNumbers.has(number))) {
      seen.add(number);
      return section;
    }
    let replacement: number | undefined;
    for (let k = 1; !positional && k < 100; k++) {
      const candidate = insertedSectionNumber(number, k);
      if (!taken.has(candidate)) {
        replacement = candidate;
        break;
      }
    }
    if (replacement === undefined) {
      replacement = positional ? number + 1 : highest + 1;
      while (taken.has(replacement)) {
        replacement++;
      }
    }
    highest = Math.max(highest, replacement);
    taken.add(replacement);
    seen.add(replacement);
    guesses.push({
      line: section.line,
      message: positional
        ? `section “${section.heading}” has no number and its position ${number} is another section's number: numbered ${replacement}`
        : `section “${section.heading}” repeats section number ${number}: numbered ${replacement} instead`,
    });
    return { ...section, heading: `${replacement} ${section.heading}` };
  });
}
