/**
 * A small, strict argument parser for the subcommands: `--flag`, `--option VALUE` / `--option=VALUE`,
 * repeatable options, positionals. Unknown options are usage errors.
 */

/** Bad usage: the message is shown with the command's usage and the exit status is 2. */
export class UsageError extends Error {}

export interface ArgumentSpec {
  readonly flags?: readonly string[];
  readonly options?: readonly string[];
  readonly repeatable?: readonly string[];
}

export interface ParsedArguments {
  readonly flags: Set<string>;
  readonly options: Map<string, string>;
  readonly repeated: Map<string, string[]>;
  readonly positional: string[];
}

export function parseArguments(argv: readonly string[], spec: ArgumentSpec): ParsedArguments {
  const parsed: ParsedArguments = { flags: new Set(), options: new Map(), repeated: new Map(), positional: [] };
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    if (argument === '--') {
      parsed.positional.push(...argv.slice(index + 1));
      break;
    }
    if (!argument.startsWith('--') || argument === '-') {
      if (argument.startsWith('-') && argument !== '-') {
        if (argument === '-h') {
          parsed.flags.add('help');
          continue;
        }
        throw new UsageError(`unknown option ${argument}`);
      }
      parsed.positional.push(argument);
      continue;
    }
    const equals = argument.indexOf('=');
    const name = argument.slice(2, equals >= 0 ? equals : undefined);
    const inlineValue = equals >= 0 ? argument.slice(equals + 1) : undefined;
    if (spec.flags?.includes(name)) {
      if (inlineValue !== undefined) {
        throw new UsageError(`--${name} takes no value`);
      }
      parsed.flags.add(name);
      continue;
    }
    const isOption = spec.options?.includes(name);
    const isRepeatable = spec.repeatable?.includes(name);
    if (!isOption && !isRepeatable) {
      throw new UsageError(`unknown option --${name}`);
    }
    const value = inlineValue ?? argv[++index];
    if (value === undefined || (inlineValue === undefined && value.startsWith('--'))) {
      throw new UsageError(`--${name} needs a value`);
    }
    if (isRepeatable) {
      parsed.repeated.set(name, [...(parsed.repeated.get(name) ?? []), value]);
    } else {
      parsed.options.set(name, value);
    }
  }
  return parsed;
}

/**
 * Parses a subcommand's arguments, or says why they are bad (with the usage) and gives the exit status to
 * return: 2 for bad usage, 0 after printing the usage for `--help`.
 */
export function parseCommandArguments(command: string, argv: readonly string[], spec: ArgumentSpec, usage: string): ParsedArguments | { exitCode: number } {
  let parsed: ParsedArguments;
  try {
    parsed = parseArguments(argv, { ...spec, flags: [...(spec.flags ?? []), 'help'] });
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`pinpoint ${command}: ${error.message}\n\n${usage}\n`);
      return { exitCode: 2 };
    }
    throw error;
  }
  if (parsed.flags.has('help')) {
    process.stdout.write(`${usage}\n`);
    return { exitCode: 0 };
  }
  return parsed;
}
