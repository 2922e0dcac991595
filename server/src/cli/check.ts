/**
 * `pinpoint check [PATH…] [--corpus DIR]… [--no-builtin] [--format text|json|sarif]`: checks Markdown
 * briefs against the corpora and prints each problem like a compiler does.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import { pathToUri, walkMarkdown } from '../nodeHost';
import { parseFactDate } from '../service/status';
import { CorpusScope } from '../service/corpusIndex';
import { ITextDocument } from '../service/host';
import type { LanguageService } from '../service/languageService';
import { DiagnosticCode, DiagnosticCodes, severityOf } from '../service/types';
import { parseCommandArguments } from './args';
import { corpusRoots, loadCorpora, openBrief } from './workspace';

/** One problem, located in a file, as every output format needs it. */
export interface Finding {
  readonly file: string;
  readonly diagnostic: Diagnostic;
}

/**
 * A brief that could not be checked as it should (not decodable, not readable: an error) or that was read
 * on a guess (not UTF-8: a warning). SARIF reports these as tool execution notifications.
 */
export interface Notification {
  readonly file: string;
  readonly level: 'error' | 'warning';
  readonly message: string;
}

const SEVERITY_NAME: Record<number, string> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'info',
  [DiagnosticSeverity.Hint]: 'hint',
};

export const CHECK_USAGE = `usage: pinpoint check [PATH…] [--corpus DIR]… [--no-builtin] [--format text|json|sarif] [--as-of DATE]

Checks the citations in Markdown briefs (files, or folders searched recursively; default .) against the
corpora: the built-in corpus (unless --no-builtin) and each --corpus folder (default: ./corpus and the corpus
folder of each folder checked, where they exist). Drafts in the corpora (status: draft) are checked too.
The status of cited instruments (instrument-status) is judged at each brief's front matter date, else today;
--as-of DATE (YYYY-MM-DD, YYYY-MM or YYYY) judges every brief at DATE instead.
Exit status: 1 if any error was found, 0 otherwise, 2 for bad usage.`;

/** Runs `check`; returns the exit code. */
export async function run(argv: readonly string[]): Promise<number> {
  const parsed = parseCommandArguments('check', argv, { flags: ['no-builtin'], options: ['format', 'as-of'], repeatable: ['corpus'] }, CHECK_USAGE);
  if ('exitCode' in parsed) {
    return parsed.exitCode;
  }
  const format = parsed.options.get('format') ?? 'text';
  if (!['text', 'json', 'sarif'].includes(format)) {
    process.stderr.write(`pinpoint check: unknown format '${format}': use text, json or sarif\n`);
    return 2;
  }
  const asOf = parsed.options.get('as-of');
  const asOfDate = asOf === undefined ? undefined : parseFactDate(asOf);
  if (asOfDate && 'error' in asOfDate) {
    process.stderr.write(`pinpoint check: --as-of ${asOfDate.error}\n`);
    return 2;
  }
  const corpusArgs = parsed.repeated.get('corpus') ?? [];
  for (const corpus of corpusArgs) {
    if (!fs.existsSync(corpus)) {
      process.stderr.write(`pinpoint check: corpus folder ${corpus} does not exist\n`);
      return 2;
    }
  }
  const targets = parsed.positional.length > 0 ? parsed.positional : ['.'];
  for (const target of targets) {
    if (!fs.existsSync(target)) {
      process.stderr.write(`pinpoint check: ${target} does not exist\n`);
      return 2;
    }
  }

  const workspace = loadCorpora(corpusRoots(corpusArgs, parsed.flags.has('no-builtin'), process.cwd(), targets));
  for (const warning of workspace.warnings) {
    process.stderr.write(`pinpoint: warning: ${warning}\n`);
  }
  const corpusSet = new Set(workspace.corpusFiles);
  const findings: Finding[] = [];
  const notifications: Notification[] = [];
  const scope = workspace.roots;

  // Problems of the user's corpus files count too: a broken corpus breaks every brief that cites it.
  for (const file of workspace.corpusFiles) {
    for (const diagnostic of workspace.service.corpusDiagnostics(pathToUri(file), scope)) {
      findings.push({ file, diagnostic });
    }
    // Drafts (`status: draft`) are checked as the editor checks them: cross-references, terms, versions.
    for (const diagnostic of workspace.service.draftDiagnostics(pathToUri(file), { scope, scopeOf: () => scope })) {
      findings.push({ file, diagnostic });
    }
  }

  let briefCount = 0;
  for (const target of targets) {
    const walk = walkMarkdown(target);
    for (const warning of walk.warnings) {
      process.stderr.write(`pinpoint: warning: ${warning}\n`);
    }
    const briefs = walk.files.filter((file) => !corpusSet.has(path.resolve(file)));
    if (briefs.length === 0) {
      process.stderr.write(`pinpoint check: ${target} holds no Markdown briefs (.md files that are not corpus files)\n`);
    }
    for (const file of briefs) {
      const document = openBrief(file, (message) => notifications.push({ file, level: 'warning', message }));
      if ('error' in document) {
        // NOTE: a brief that cannot be read or decoded is an error, not a skip: a check that passes a brief
        // it never read (a UTF-16 file without its byte-order mark, say) would pass broken citations.
        notifications.push({ file, level: 'error', message: document.error });
        continue;
      }
      briefCount++;
      for (const diagnostic of workspace.service.briefDiagnostics(document, scope, { asOf })) {
        findings.push({ file, diagnostic });
      }
    }
  }
  for (const notification of notifications) {
    process.stderr.write(`pinpoint: ${notification.level}: ${notification.message}\n`);
  }
  const unreadable = notifications.filter((notification) => notification.level === 'error').length;
  if (briefCount === 0 && unreadable === 0) {
    process.stderr.write('pinpoint check: nothing to check: no Markdown briefs were found\n');
    return 2;
  }

  const errors = findings.filter((finding) => finding.diagnostic.severity === DiagnosticSeverity.Error).length;
  if (format === 'json') {
    process.stdout.write(JSON.stringify(toJson(findings, briefCount, notifications), null, 2) + '\n');
  } else if (format === 'sarif') {
    process.stdout.write(JSON.stringify(toSarif(findings, notifications), null, 2) + '\n');
  } else {
    for (const finding of findings) {
      process.stdout.write(formatText(finding) + '\n');
    }
    const others = findings.length - errors;
    process.stdout.write(
      `${briefCount} brief${briefCount === 1 ? '' : 's'} checked: ${errors} error${errors === 1 ? '' : 's'}` +
        (others > 0 ? `, ${others} other problem${others === 1 ? '' : 's'}` : '') +
        (unreadable > 0 ? `; ${unreadable} brief${unreadable === 1 ? '' : 's'} could not be read` : '') +
        '\n',
    );
  }
  return errors > 0 || unreadable > 0 ? 1 : 0;
}

/** A path relative to the working folder when it lies under it, else as given. */
export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith('..') ? file : relative;
}

/**
 * Prints the errors of one brief to standard error as `check` prints them (for `toa` and `export`, whose
 * standard output is their result); returns how many there were.
 */
export function reportBriefErrors(service: LanguageService, document: ITextDocument, scope: CorpusScope, file: string): number {
  let errors = 0;
  for (const diagnostic of service.briefDiagnostics(document, scope)) {
    if (diagnostic.severity === DiagnosticSeverity.Error) {
      errors++;
      process.stderr.write(`${formatText({ file, diagnostic })}\n`);
    }
  }
  return errors;
}

/** `file:line:col: severity code: message`, lines and columns counted from 1. */
export function formatText(finding: Finding): string {
  const { range, severity, code, message } = finding.diagnostic;
  return `${displayPath(finding.file)}:${range.start.line + 1}:${range.start.character + 1}: ${SEVERITY_NAME[severity ?? 1]} ${String(code)}: ${message}`;
}

function toJson(findings: readonly Finding[], briefCount: number, notifications: readonly Notification[] = []): unknown {
  return {
    briefs: briefCount,
    notifications: notifications.map(({ file, level, message }) => ({ file: displayPath(file), level, message })),
    problems: findings.map(({ file, diagnostic }) => ({
      file: displayPath(file),
      line: diagnostic.range.start.line + 1,
      column: diagnostic.range.start.character + 1,
      endLine: diagnostic.range.end.line + 1,
      endColumn: diagnostic.range.end.character + 1,
      severity: SEVERITY_NAME[diagnostic.severity ?? 1],
      code: diagnostic.code,
      message: diagnostic.message,
    })),
  };
}

const RULE_DESCRIPTIONS: Record<string, string> = {
  [DiagnosticCodes.unknownDocument]: 'The cited document id is in no loaded corpus.',
  [DiagnosticCodes.unknownClause]: 'The cited document exists but the section, paragraph or item does not.',
  [DiagnosticCodes.malformedCitation]: 'The bracketed text looks like a citation but does not parse.',
  [DiagnosticCodes.invalidRange]: 'The end of a range is at another depth than its start, or does not come after it.',
  [DiagnosticCodes.corpusError]: 'A corpus file has bad front matter, a missing or duplicate id, or a duplicate section number.',
  [DiagnosticCodes.quoteMismatch]: 'A quotation followed by a citation does not appear in the cited clause or range.',
  [DiagnosticCodes.nonCanonicalCitation]: 'A citation is written in full-width brackets or characters instead of the canonical form.',
  [DiagnosticCodes.positionalMismatch]: 'A § path of a document that prints its own numbers reaches a clause printed with other numbers (§2.4 is art. 2(3)).',
  [DiagnosticCodes.labelSequence]: 'A corpus file prints labels under one parent that skip or repeat a number (1, 2, 4; a, c).',
  [DiagnosticCodes.instrumentStatus]: 'A cited instrument is terminated, superseded or not yet in force at the brief\'s date (or --as-of).',
};

const SARIF_LEVEL: Record<string, string> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** SARIF 2.1.0, for code scanning in CI. */
export function toSarif(findings: readonly Finding[], notifications: readonly Notification[] = []): unknown {
  const ruleIds = Object.keys(RULE_DESCRIPTIONS);
  for (const { diagnostic } of findings) {
    if (!ruleIds.includes(String(diagnostic.code))) {
      ruleIds.push(String(diagnostic.code));
    }
  }
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'pinpoint',
            version: '0.1.0',
            rules: ruleIds.map((id) => ({
              id,
              shortDescription: { text: RULE_DESCRIPTIONS[id] ?? id },
              defaultConfiguration: { level: SARIF_LEVEL[severityOf[id as DiagnosticCode] ?? 'error'] ?? 'note' },
            })),
          },
        },
        results: findings.map(({ file, diagnostic }) => ({
          ruleId: String(diagnostic.code),
          ruleIndex: ruleIds.indexOf(String(diagnostic.code)),
          level: SARIF_LEVEL[SEVERITY_NAME[diagnostic.severity ?? 1]],
          message: { text: diagnostic.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: displayPath(file).split(path.sep).join('/') },
                region: {
                  startLine: diagnostic.range.start.line + 1,
                  startColumn: diagnostic.range.start.character + 1,
                  endLine: diagnostic.range.end.line + 1,
                  endColumn: diagnostic.range.end.character + 1,
                },
              },
            },
          ],
        })),
        invocations: [
          {
            executionSuccessful: !notifications.some((notification) => notification.level === 'error'),
            toolExecutionNotifications: notifications.map(({ file, level, message }) => ({
              level,
              message: { text: message },
              locations: [{ physicalLocation: { artifactLocation: { uri: displayPath(file).split(path.sep).join('/') } } }],
            })),
          },
        ],
        // Columns count UTF-16 code units, as LSP positions do (an emoji before a citation counts two).
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
}
