/**
 * Writes syntaxes/pinpoint.tmLanguage.json, the TextMate injection grammar that colours citations in Markdown,
 * from the citation syntax of spec.md §1 and §1.1 written here once, piece by piece. The grammar's regular
 * expressions repeat these pieces many times over; writing them by hand would let the copies drift apart.
 *
 *   node --import tsx scripts/buildGrammar.ts
 *
 * test/grammar/grammar.test.ts checks that the committed grammar is exactly what this writes, and that it
 * colours a bracketed span as a citation exactly when the server's parser reads one.
 *
 * NOTE: what the grammar cannot know. Whether `VCLT` is an alias of a loaded document is known only to the
 * server, so a span led by an upper-case word is coloured only when a pinpoint follows (`[VCLT art. 31]`,
 * `[CHARTER §2.4]`): a bare `[VCLT]` stays plain, as `[NOTE]` and `[TODO]` must, and a malformed span led by
 * such a word (`[VCLT art.31]`) is not marked invalid either; the server's diagnostics report it when the
 * alias is loaded. A span led by `ibid.` or `id.` is always a citation or malformed, as the parser reads it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

// ---------------------------------------------------------------------------------------------------------
// The pieces of spec.md §1 and §1.1, as Oniguruma regular expressions (no capturing groups: the rules below
// add their own).

const docId = '[0-9]{4}-[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*';
/** `UPPER *( UPPER / DIGIT / "-" )`, not ending in `-`; it cannot be a doc-id, which starts with a digit. */
const alias = '[A-Z](?:[A-Z0-9-]{0,38}[A-Z0-9])?(?![A-Za-z0-9.-])';
const shortForm = '(?:[Ii]bid|[Ii]d)\\.';
const number = '(?:0|[1-9][0-9]*)';
const path_ = `${number}(?:\\.${number})*`;

const suffixWords = 'bis|ter|quater|quinquies|sexies|septies|octies|novies|decies';
/** `label = 1*( DIGIT / ALPHA ) [ SP suffix ]`, at most 12 characters before the suffix, as the parser reads it. */
const label = `[0-9A-Za-z]{1,12}(?![0-9A-Za-z])(?: (?:${suffixWords})(?![0-9A-Za-z]))?`;
const articleWord = '(?:Article|article|arts|Art\\.|art\\.|art)';
const paraWord = '(?:paras|para\\.|para)';
const annexWord = '(?:annex|Annex)';
/** A word the parser takes for a keyword wherever a label could also stand (it matches keywords by prefix). */
const keywordAhead = '(?:Article|art|Art\\.|para)';
const zhNumber = '[0-9〇零一二三四五六七八九十百千]{1,8}';

/**
 * The citation syntax as named subexpressions. The regular expressions below call them (`\g<pin>`) rather
 * than repeat them, and define them once at their end with `(?<name>…){0}`, which matches nothing.
 */
const definitions: [string, string][] = [
  ['lab', label],
  ['par', '\\(\\g<lab>\\)'],
  ['head', `(?:${articleWord}|${paraWord}) \\g<lab>`],
  // `annex SP` with an optional label (`annex VII art. 2`; `annex para. 3` in a document with one annex).
  ['anxp', `${annexWord} (?:(?!${keywordAhead})\\g<lab> )?`],
  ['anx', `${annexWord} (?!${keywordAhead})\\g<lab>`],
  // The Chinese forms by how many parts they have: 条; 条 with 款 or 项; 条, 款 and 项.
  ['zh1', `第${zhNumber}条(?:之${zhNumber})?`],
  ['zhi', `第(?:${zhNumber}|（${zhNumber}）)项`],
  ['zh2', `\\g<zh1>(?:第${zhNumber}款|\\g<zhi>)`],
  ['zh3', `\\g<zh1>第${zhNumber}款\\g<zhi>`],
  // Any printed pinpoint without a range: `art. 31(3)(a)`, `annex VII art. 2`, `annex VII`, `para. 3`, `第三条第二款`.
  ['any', '(?:\\g<zh3>|\\g<zh2>|\\g<zh1>|\\g<anxp>?\\g<head>\\g<par>*|\\g<anx>)'],
  // The end of a range that is a whole printed pinpoint, or a label with its parentheses (`arts 31–33`).
  ['end', `(?:\\g<any>|(?!${keywordAhead}|${annexWord})\\g<lab>\\g<par>*)`],
  ['pin', `(?:§${path_}(?:[-–]${path_})?|${printedPinpoint()})`],
  ['pins', '(?: \\g<pin>(?:, \\g<pin>)*)?'],
];

/**
 * A printed pinpoint with its optional range end. An end of parentheses only (`art. 31(1)–(3)`) replaces the
 * start's last labels, so it must have fewer parts than the start: the alternatives count them.
 */
function printedPinpoint(): string {
  const range = (tail: string): string => `(?:[-–](?:${tail}\\g<end>))?`;
  const alternatives: string[] = [];
  const maxCounted = 5;
  for (let parens = maxCounted; parens >= 0; parens--) {
    const count = parens === maxCounted ? `{${maxCounted},}` : `{${parens}}`;
    const tail = parens === 0 ? '' : `\\g<par>{1,${parens}}|`;
    alternatives.push(`\\g<anxp>?\\g<head>\\g<par>${count}${range(tail)}`);
  }
  for (let parts = 3; parts >= 1; parts--) {
    const tail = parts === 1 ? '' : `\\g<par>{1,${parts - 1}}|`;
    alternatives.push(`\\g<zh${parts}>${range(tail)}`);
  }
  alternatives.push(`\\g<anx>${range('')}`);
  return `(?:${alternatives.join('|')})`;
}

const defined = definitions.map(([name, body]) => `(?<${name}>${body}){0}`).join('');
/** A cite after `; `: led by an id, an alias or a short form. */
const cite = `(?:${docId}|${shortForm}|${alias})\\g<pins>`;
// The first cite. NOTE: the parser takes the first word up to a space for a short form or an alias
// (`[ibid.; …]` is plain text), so a short form must be followed by a space or the end; and an alias leads
// a citation only with a pinpoint after it (see the top of this file).
const firstCite = `(?:${docId}|${shortForm}(?=[ \\]]|\\z)|${alias}(?= ))\\g<pins>`;
const citationBody = `${firstCite}(?:; ${cite})*`;

/** Not link text followed by `(url)` or `[ref]`: markdown's link rules own those brackets. */
const notLinkFollows =
  '(?!\\([\\t ]*(?:<(?:\\\\[<>]|[^\\n<>])*>|(?<url>(?>[^()\\s]+)|\\(\\g<url>*\\))*)[\\t ]*(?:\\([^()]*\\)|\\"[^\\"]*\\"|\'[^\']*\')?\\s*\\)|\\[[^\\]]*\\])';
/** What starts a malformed citation: `DDDD-`, `§`, or a short form as the first word. */
const malformedStart = '(?=[0-9]{4}-|§|(?:[Ii]bid\\.?|[Ii]d\\.)(?: |\\]|\\z))';

// ---------------------------------------------------------------------------------------------------------
// The grammar

const labelToken = { match: label, name: 'constant.numeric.label.pinpoint' };

export function buildGrammar(): object {
  return {
    information_for_contributors: [
      "Pinpoint's TextMate injection grammar: highlights clause citations such as [2023-JS §3.4] and [VCLT art. 31(3)(a)] in Markdown.",
      'Generated by scripts/buildGrammar.ts (node --import tsx scripts/buildGrammar.ts): edit that file, not this one.',
      'The citation syntax is spec.md §1 and §1.1. Tests: test/grammar/grammar.test.ts (UPDATE_SNAPSHOTS=1 rewrites the snapshots).',
    ],
    name: 'Pinpoint citations',
    scopeName: 'citation.injection.pinpoint',
    injectionSelector: 'L:text.html.markdown -markup.fenced_code -markup.inline.raw -markup.raw -comment -meta.citation.pinpoint',
    patterns: [{ include: '#citation' }, { include: '#citation-link-text' }, { include: '#malformed-citation' }, { include: '#malformed-citation-link-text' }],
    repository: {
      citation: {
        comment: 'A whole bracketed span that matches spec.md §1 exactly, unless markdown reads it as link text.',
        match: `(?<!\\\\)(\\[)(${citationBody})(\\])${notLinkFollows}${defined}`,
        name: 'meta.citation.pinpoint',
        captures: {
          '1': { name: 'punctuation.definition.citation.begin.pinpoint' },
          '2': { patterns: [{ include: '#citation-body' }] },
          '3': { name: 'punctuation.definition.citation.end.pinpoint' },
        },
      },
      'citation-link-text': {
        comment: "Link text ([2023-JS §3.4](url), [2023-JS §3.4][ref]) is tokenized by markdown's link rules, which cut the line at the end of the text: the whole text must be a citation.",
        match: `(?<=\\[)(?<!\\\\\\[)(${citationBody})\\z${defined}`,
        name: 'meta.citation.pinpoint',
        captures: { '1': { patterns: [{ include: '#citation-body' }] } },
      },
      'malformed-citation': {
        comment: 'A bracketed span on one line, with no brackets inside, whose text starts with DDDD-, § or ibid./id. but is not a citation.',
        match: `(?<!\\\\)\\[${malformedStart}[^\\[\\]\\n]*\\]${notLinkFollows}`,
        name: 'invalid.illegal.citation.pinpoint',
      },
      'malformed-citation-link-text': {
        match: `(?<=\\[)(?<!\\\\\\[)${malformedStart}[^\\[\\]\\n]*\\z`,
        name: 'invalid.illegal.citation.pinpoint',
      },
      'citation-body': {
        comment: 'Inside a span already known to be a citation: each word gets its scope.',
        patterns: [
          { match: `(?<=\\[|; )${docId}`, name: 'entity.name.type.document-id.pinpoint' },
          { match: `(?<=\\[|; )${shortForm}`, name: 'variable.language.short-form.pinpoint' },
          { match: `(?<=\\[|; )${alias}`, name: 'entity.name.type.document-id.alias.pinpoint' },
          {
            match: `(§)(${path_})(?:([-–])(${path_}))?`,
            captures: {
              '1': { name: 'keyword.other.section.pinpoint' },
              '2': { name: 'constant.numeric.path.pinpoint' },
              '3': { name: 'punctuation.separator.range.pinpoint' },
              '4': { name: 'constant.numeric.path.pinpoint' },
            },
          },
          { match: `${articleWord}(?= )`, name: 'keyword.other.article.pinpoint' },
          { match: `${paraWord}(?= )`, name: 'keyword.other.paragraph.pinpoint' },
          { match: `${annexWord}(?= )`, name: 'keyword.other.annex.pinpoint' },
          {
            match: `(第)(${zhNumber})(条)(?:(之)(${zhNumber}))?`,
            captures: {
              '1': { name: 'keyword.other.ordinal.pinpoint' },
              '2': { name: 'constant.numeric.label.pinpoint' },
              '3': { name: 'keyword.other.article.pinpoint' },
              '4': { name: 'keyword.other.insertion.pinpoint' },
              '5': { name: 'constant.numeric.label.pinpoint' },
            },
          },
          {
            match: `(第)(${zhNumber})(款)`,
            captures: {
              '1': { name: 'keyword.other.ordinal.pinpoint' },
              '2': { name: 'constant.numeric.label.pinpoint' },
              '3': { name: 'keyword.other.paragraph.pinpoint' },
            },
          },
          {
            match: `(第)(?:(${zhNumber})|(（)(${zhNumber})(）))(项)`,
            captures: {
              '1': { name: 'keyword.other.ordinal.pinpoint' },
              '2': { name: 'constant.numeric.label.pinpoint' },
              '3': { name: 'punctuation.definition.label.begin.pinpoint' },
              '4': { name: 'constant.numeric.label.pinpoint' },
              '5': { name: 'punctuation.definition.label.end.pinpoint' },
              '6': { name: 'keyword.other.item.pinpoint' },
            },
          },
          { match: '\\(', name: 'punctuation.definition.label.begin.pinpoint' },
          { match: '\\)', name: 'punctuation.definition.label.end.pinpoint' },
          labelToken,
          { match: '[-–]', name: 'punctuation.separator.range.pinpoint' },
          { match: ',', name: 'punctuation.separator.list.pinpoint' },
          { match: ';', name: 'punctuation.separator.document.pinpoint' },
        ],
      },
    },
  };
}

/** The grammar as the file holds it. */
export function grammarText(): string {
  return JSON.stringify(buildGrammar(), null, 2) + '\n';
}

/** Where the grammar lives. */
export const grammarPath = path.join(__dirname, '..', 'syntaxes', 'pinpoint.tmLanguage.json');

if (require.main === module) {
  fs.writeFileSync(grammarPath, grammarText());
}
