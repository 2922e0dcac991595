/**
 * Citation styles as data. A style says where citations go (footnotes or in the text), and for each kind of
 * authority (treaty, joint statement, resolution) how its first and later citations are built from the
 * fields of its front matter; *ibid.*, pinpoint words and dates are data too. The built-in styles are JSON
 * files beside this one (`styles/*.json`); `pinpoint export --style FILE.json` reads another one, checked
 * by `parseStyle`.
 */
import oscola from './styles/oscola.json';
import plain from './styles/plain.json';

/** The fields a form can use. `short` is the short title (or the first alias); `pinpoint` the formatted pinpoints. */
export const fieldNames = ['title', 'short', 'date', 'entry_into_force', 'citation', 'place', 'id', 'pinpoint'] as const;
export type FieldName = (typeof fieldNames)[number];

/** The kinds of authority, each with its own forms. */
export const authorityKinds = ['treaty', 'statement', 'resolution'] as const;
export type AuthorityKind = (typeof authorityKinds)[number];

/** Literal text. */
export interface TextPart {
  readonly text: string;
  readonly italic?: boolean;
}

/** A field's value, left out (with its prefix and suffix) when the authority has none. */
export interface FieldPart {
  readonly field: FieldName;
  readonly italic?: boolean;
  readonly prefix?: string;
  readonly suffix?: string;
  /** How a date field is written: `long` (23 May 1969, the default) or `year` (1969). */
  readonly date?: 'long' | 'year';
}

/** Parts joined by a separator; left out, with its prefix and suffix, when every part is empty. */
export interface GroupPart {
  readonly group: readonly FormPart[];
  readonly separator?: string;
  readonly prefix?: string;
  readonly suffix?: string;
}

export type FormPart = TextPart | FieldPart | GroupPart;

/** How one kind of authority is cited. */
export interface KindForms {
  /** The first citation of an authority in the brief (also its entry in the table of authorities, without pinpoint). */
  readonly first: readonly FormPart[];
  /** Later citations. */
  readonly subsequent: readonly FormPart[];
  /** The fields whose absence is reported as a warning, since the first citation is then incomplete. */
  readonly required: readonly FieldName[];
}

/** A citation style. */
export interface CitationStyle {
  /** The name given to `--style`. */
  readonly id: string;
  readonly name: string;
  readonly description: string;
  /** `footnote`: each citation becomes a footnote; `in-text`: it is written in the text, between `inText` brackets. */
  readonly placement: 'footnote' | 'in-text';
  readonly inText?: { readonly open: string; readonly close: string };
  /** Appended to every footnote (`.`). */
  readonly noteEnd: string;
  /** Between the documents of one citation (`; `). */
  readonly citeSeparator: string;
  /** Between the pinpoints of one document (`, `). */
  readonly pinpointSeparator: string;
  readonly kinds: Readonly<Record<AuthorityKind, KindForms>>;
  /**
   * A citation of the same single document as the citation just before it; null to use the later form.
   * `pinpointPrefix` goes between the word and a pinpoint that differs from the previous one.
   */
  readonly ibid: { readonly text: string; readonly italic: boolean; readonly pinpointPrefix: string } | null;
  readonly pinpoints: {
    /** Before one article's number (`art`) and before a range of articles (`arts`). */
    readonly article: string;
    readonly articles: string;
    /** Before the number of a paragraph of a document without articles (`para`, `paras`). */
    readonly paragraph: string;
    readonly paragraphs: string;
    /** Between the ends of a range (`–`). */
    readonly rangeDash: string;
    /** A positional pinpoint of a document that prints no numbers; `{path}` is `3.4`. */
    readonly positional: string;
    /** Words of a pinpoint written in the printed form, replaced as whole words (`art.` → `art`). */
    readonly printedWords: Readonly<Record<string, string>>;
  };
  readonly dates: {
    /** January to December. */
    readonly months: readonly string[];
    /** A long date, with `{day}`, `{month}` and `{year}`. */
    readonly long: string;
  };
  /** Titles mostly in CJK characters are put between these marks instead of in italics (《…》). */
  readonly cjkTitle?: { readonly open: string; readonly close: string };
  readonly tableOfAuthorities: {
    readonly title: string;
    /** The groups of the table, in order, with their headings. */
    readonly groups: readonly { readonly kind: AuthorityKind; readonly title: string }[];
    /** How the notes citing an authority are listed: `{notes}` is `1, 4`. */
    readonly citedInOne: string;
    readonly citedInMany: string;
  };
}

/** The default style. */
export const defaultStyleId = 'oscola';

type Checker = (value: unknown, where: string) => string | undefined;

const isString: Checker = (value, where) => (typeof value === 'string' ? undefined : `${where} must be a string`);
const optional =
  (check: Checker): Checker =>
  (value, where) =>
    value === undefined ? undefined : check(value, where);
const isBoolean: Checker = (value, where) => (typeof value === 'boolean' ? undefined : `${where} must be true or false`);
const oneOf =
  (choices: readonly string[]): Checker =>
  (value, where) =>
    typeof value === 'string' && choices.includes(value) ? undefined : `${where} must be one of ${choices.join(', ')}`;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const object =
  (shape: Record<string, Checker>): Checker =>
  (value, where) => {
    if (!isObject(value)) {
      return `${where} must be an object`;
    }
    for (const [key, check] of Object.entries(shape)) {
      const problem = check(value[key], `${where}.${key}`);
      if (problem) {
        return problem;
      }
    }
    return undefined;
  };

const arrayOf =
  (check: Checker): Checker =>
  (value, where) => {
    if (!Array.isArray(value)) {
      return `${where} must be a list`;
    }
    for (let index = 0; index < value.length; index++) {
      const problem = check(value[index], `${where}[${index}]`);
      if (problem) {
        return problem;
      }
    }
    return undefined;
  };

const checkPart: Checker = (value, where) => {
  if (!isObject(value)) {
    return `${where} must be an object`;
  }
  if ('group' in value) {
    return object({ group: arrayOf(checkPart), separator: optional(isString), prefix: optional(isString), suffix: optional(isString) })(value, where);
  }
  if ('field' in value) {
    return object({ field: oneOf(fieldNames), italic: optional(isBoolean), prefix: optional(isString), suffix: optional(isString), date: optional(oneOf(['long', 'year'])) })(value, where);
  }
  if ('text' in value) {
    return object({ text: isString, italic: optional(isBoolean) })(value, where);
  }
  return `${where} needs "text", "field" or "group"`;
};

const checkKind = object({ first: arrayOf(checkPart), subsequent: arrayOf(checkPart), required: arrayOf(oneOf(fieldNames)) });

const checkStyle = object({
  id: isString,
  name: isString,
  description: isString,
  placement: oneOf(['footnote', 'in-text']),
  inText: optional(object({ open: isString, close: isString })),
  noteEnd: isString,
  citeSeparator: isString,
  pinpointSeparator: isString,
  kinds: object(Object.fromEntries(authorityKinds.map((kind) => [kind, checkKind]))),
  ibid: (value, where) => (value === null ? undefined : object({ text: isString, italic: isBoolean, pinpointPrefix: isString })(value, where)),
  pinpoints: object({
    article: isString,
    articles: isString,
    paragraph: isString,
    paragraphs: isString,
    rangeDash: isString,
    positional: isString,
    printedWords: (value, where) => (isObject(value) ? Object.entries(value).map(([key, word]) => isString(word, `${where}.${key}`)).find(Boolean) : `${where} must be an object`),
  }),
  dates: object({
    months: (value, where) => arrayOf(isString)(value, where) ?? ((value as unknown[]).length === 12 ? undefined : `${where} must name 12 months`),
    long: isString,
  }),
  cjkTitle: optional(object({ open: isString, close: isString })),
  tableOfAuthorities: object({
    title: isString,
    groups: arrayOf(object({ kind: oneOf(authorityKinds), title: isString })),
    citedInOne: isString,
    citedInMany: isString,
  }),
});

/** Checks a style read from JSON; says what is wrong with it, naming the key. */
export function parseStyle(data: unknown): { style: CitationStyle } | { error: string } {
  const problem = checkStyle(data, 'style');
  if (problem) {
    return { error: problem };
  }
  const style = data as CitationStyle;
  if (style.placement === 'in-text' && !style.inText) {
    return { error: 'style.inText is needed when style.placement is in-text' };
  }
  return { style };
}

/** The built-in styles, by id. */
export const builtInStyles: ReadonlyMap<string, CitationStyle> = new Map(
  [oscola, plain].map((data) => {
    const parsed = parseStyle(data);
    if ('error' in parsed) {
      throw new Error(`built-in style: ${parsed.error}`);
    }
    return [parsed.style.id, parsed.style];
  }),
);
