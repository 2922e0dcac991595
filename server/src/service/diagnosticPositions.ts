/**
 * Problems (offsets) into LSP diagnostics (lines and characters), converting only what an edit moved in ways
 * an offset shift cannot tell: a problem before the edited lines keeps its diagnostic, one after them keeps its
 * characters and moves by the lines the edit added or removed, and only those on the edited lines are located
 * again. Pure: the brief's texts and the problems in, diagnostics out.
 */
import { Diagnostic, DiagnosticSeverity, Range } from 'vscode-languageserver-types';
import { BriefScan, serialOf } from './briefScanner';
import { ITextDocument } from './host';
import { finish, STEP, Steps } from './steps';
import { Problem, severityOf, Severity } from './types';

/** An LSP diagnostic whose message is plain text (LSP 3.18 also allows Markdown; Pinpoint never sends it). */
export type PinpointDiagnostic = Diagnostic & { message: string };

const LSP_SEVERITY: Readonly<Record<Severity, DiagnosticSeverity>> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Converts a problem with offsets to an LSP diagnostic. */
export function toDiagnostic(document: ITextDocument, problem: Problem): PinpointDiagnostic {
  return {
    range: Range.create(document.positionAt(problem.start), document.positionAt(problem.end)),
    severity: LSP_SEVERITY[severityOf[problem.code]],
    code: problem.code,
    source: 'pinpoint',
    message: problem.message,
  };
}

function problemKey(start: number, end: number, problem: Problem): string {
  return `${start}:${end}:${problem.code}:${problem.message}`;
}

/** Line breaks in `text[start, end)` (`\r\n` counts once). */
function lineBreaks(text: string, start: number, end: number): number {
  let count = 0;
  for (let index = start; index < end; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x0a || (code === 0x0d && text.charCodeAt(index + 1) !== 0x0a)) {
      count++;
    }
  }
  return count;
}

/** The diagnostics of one brief's last publication, to convert the next one from. */
export class DiagnosticPositions {
  #text: string | undefined;
  #serial = -1;
  #byProblem = new Map<string, PinpointDiagnostic>();

  /**
   * The diagnostics of `problems` in `document`, reusing those of the last call where the edit did not touch
   * them. `scan` (the scan the problems were found in) tells the edit when it was one line's; otherwise the
   * texts are compared.
   */
  convert(document: ITextDocument, problems: readonly Problem[], scan?: BriefScan): PinpointDiagnostic[] {
    return finish(this.convertSteps(document, problems, scan));
  }

  /** `convert` as a computation that stops every `STEP` problems; what it keeps for the next call changes only at its end. */
  *convertSteps(document: ITextDocument, problems: readonly Problem[], scan?: BriefScan): Steps<PinpointDiagnostic[]> {
    const text = document.getText();
    const old = this.#text;
    const previous = this.#byProblem;
    const next = new Map<string, PinpointDiagnostic>();
    const diagnostics: PinpointDiagnostic[] = [];
    const edit = scan?.edit && scan.edit.from === this.#serial ? scan.edit : undefined;
    if (old === undefined || previous.size === 0) {
      for (let at = 0; at < problems.length; at++) {
        if (at % STEP === STEP - 1) {
          yield;
        }
        const problem = problems[at];
        const diagnostic = toDiagnostic(document, problem);
        diagnostics.push(diagnostic);
        next.set(problemKey(problem.start, problem.end, problem), diagnostic);
      }
    } else {
      // The edit: a common prefix and suffix, and what changed between them.
      let prefix: number;
      let suffix: number;
      if (edit) {
        prefix = edit.start;
        suffix = text.length - edit.newEnd;
      } else {
        const shortest = Math.min(old.length, text.length);
        prefix = 0;
        while (prefix < shortest && old.charCodeAt(prefix) === text.charCodeAt(prefix)) {
          prefix++;
        }
        suffix = 0;
        while (suffix < shortest - prefix && old.charCodeAt(old.length - 1 - suffix) === text.charCodeAt(text.length - 1 - suffix)) {
          suffix++;
        }
      }
      // NOTE: a change must not split a `\r\n`, which counts as one line break on either side of it.
      if (prefix > 0 && old.charCodeAt(prefix - 1) === 0x0d) {
        prefix--;
      }
      if (suffix > 0 && text.charCodeAt(text.length - suffix) === 0x0a) {
        suffix--;
      }
      const delta = text.length - old.length;
      const newEnd = text.length - suffix;
      // The last line of the new text that the edit touched, and how many lines it added.
      const lastLine = document.positionAt(newEnd).line;
      const lineDelta = lineBreaks(text, prefix, newEnd) - lineBreaks(old, prefix, old.length - suffix);
      for (let at = 0; at < problems.length; at++) {
        if (at % STEP === STEP - 1) {
          yield;
        }
        const problem = problems[at];
        let diagnostic: PinpointDiagnostic | undefined;
        if (problem.end <= prefix) {
          // The text before it is the same: so is its position.
          diagnostic = previous.get(problemKey(problem.start, problem.end, problem));
        } else if (problem.start >= newEnd) {
          const before = previous.get(problemKey(problem.start - delta, problem.end - delta, problem));
          if (before && before.range.start.line + lineDelta > lastLine) {
            diagnostic = lineDelta === 0 ? before : { ...before, range: Range.create(before.range.start.line + lineDelta, before.range.start.character, before.range.end.line + lineDelta, before.range.end.character) };
          }
        }
        diagnostic ??= toDiagnostic(document, problem);
        diagnostics.push(diagnostic);
        next.set(problemKey(problem.start, problem.end, problem), diagnostic);
      }
    }
    this.#text = text;
    this.#serial = scan ? serialOf(scan) : -1;
    this.#byProblem = next;
    return diagnostics;
  }
}
