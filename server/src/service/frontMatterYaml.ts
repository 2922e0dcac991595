/**
 * The YAML of a corpus file's front matter, parsed within bounds. Corpus files are not trusted, and the YAML
 * library has costs that grow faster than the text on some inputs:
 * - `uniqueKeys` compares every key with every other (thirty thousand keys took half a minute), so duplicate
 *   keys are found here instead, with a set;
 * - every stray `]` or `,` becomes an error object with a stack trace (tens of microseconds each), so stack
 *   traces are off while it parses, and only the first few errors are kept;
 * - whatever the input, front matter longer than {@link MAX_FRONT_MATTER_CHARS} is not parsed at all (real
 *   front matter is a few hundred characters).
 */
import { isNode, isScalar, LineCounter, parseDocument, visit } from 'yaml';

/** Front matter longer than this is refused without parsing. */
export const MAX_FRONT_MATTER_CHARS = 32 * 1024;

/** Errors reported per front matter; the rest are counted in one more. */
const MAX_REPORTED = 10;

/** A problem of the front matter's YAML, at a 1-based line and column of the YAML source. */
export interface YamlProblem {
  readonly message: string;
  readonly line: number;
  readonly column: number;
}

/** Parses front matter YAML; `value` is meaningful only when there are no problems. */
export function parseFrontMatterYaml(source: string): { readonly value: unknown; readonly problems: readonly YamlProblem[] } {
  if (source.length > MAX_FRONT_MATTER_CHARS) {
    return { value: undefined, problems: [{ message: `it is longer than ${MAX_FRONT_MATTER_CHARS.toLocaleString('en')} characters, so it is not read`, line: 1, column: 1 }] };
  }
  const lineCounter = new LineCounter();
  const stackTraceLimit = Error.stackTraceLimit;
  let document: ReturnType<typeof parseDocument>;
  try {
    // NOTE: the library builds an Error for each problem; without stack traces that costs a fraction.
    Error.stackTraceLimit = 0;
    document = parseDocument(source, { prettyErrors: false, uniqueKeys: false, lineCounter });
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
  const problems: YamlProblem[] = [];
  const at = (offset: number): { line: number; column: number } => {
    const position = lineCounter.linePos(offset);
    return { line: position.line, column: position.col };
  };
  for (const error of document.errors.slice(0, MAX_REPORTED)) {
    problems.push({ message: error.message.split('\n')[0], ...at(error.pos[0]) });
  }
  if (document.errors.length > MAX_REPORTED) {
    problems.push({ message: `and ${document.errors.length - MAX_REPORTED} more problems`, ...at(document.errors[MAX_REPORTED].pos[0]) });
  }
  if (document.errors.length === 0) {
    visit(document, {
      Map(_key, map) {
        const seen = new Set<string>();
        for (const pair of map.items) {
          const name = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
          if (seen.has(name) && problems.length < MAX_REPORTED) {
            const offset = isNode(pair.key) ? (pair.key.range?.[0] ?? 0) : 0;
            problems.push({ message: `the key ${JSON.stringify(name)} appears twice (map keys must be unique)`, ...at(offset) });
          }
          seen.add(name);
        }
      },
    });
  }
  return { value: problems.length === 0 ? document.toJS() : undefined, problems };
}
