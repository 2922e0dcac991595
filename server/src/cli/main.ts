/**
 * The `pinpoint` command line: dispatches to one module per subcommand.
 */
const USAGE = `usage: pinpoint <command> [arguments]

commands:
  check [PATH…] [--corpus DIR]… [--no-builtin] [--format text|json|sarif]
        check the citations of Markdown briefs against the corpora
  import SOURCE… --out DIR [--id ID] [--force]
        convert legal texts (scanned text, Akoma Ntoso, JSON datasets, statute Markdown) into corpus files
  toa BRIEF.md [--corpus DIR]… [--no-builtin]
        print the brief's table of authorities
  export BRIEF.md --format docx|html [--out FILE] [--corpus DIR]… [--style oscola|plain] [--force]
        write the brief as a Word or HTML document, citations as footnotes, with the table of authorities
  publish DIR… --database URI
        load corpus folders into a PostgreSQL database that a team's language servers share
  diff OLD.md NEW.md [--format text|html|docx] [--out FILE]
        the redline between two drafts of a treaty, clause by clause

Run 'pinpoint <command> --help' for a command's options.`;

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'check':
      return (await import('./check')).run(rest);
    case 'import':
      return (await import('./import')).run(rest);
    case 'toa':
      return (await import('./toa')).run(rest);
    case 'export':
      return (await import('./export')).run(rest);
    case 'publish':
      return (await import('./publish')).run(rest);
    case 'diff':
      return (await import('./diff')).run(rest);
    case '--version':
    case '-v':
      process.stdout.write('0.1.0\n');
      return 0;
    case undefined:
    case '--help':
    case '-h':
    case 'help':
      process.stdout.write(`${USAGE}\n`);
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`pinpoint: unknown command '${command}'\n\n${USAGE}\n`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`pinpoint: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
