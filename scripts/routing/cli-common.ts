/** Shared pieces of the routing commands: usage errors, exit codes and the log. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import pino from 'pino';
import { forPeople, npmFlagsHint, npmSwallowedFlags } from '../shared/terminal';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * Structured log on stderr, so stdout stays the command's output (tables or --json). On a terminal
 * without --json the command's own lines say what happened (a failure is one line with what to do), so
 * the JSON log stays silent unless LOG_LEVEL asks for it.
 */
export function createLogger(name: string, options: { json?: boolean } = {}): pino.Logger {
  const json = options.json ?? process.argv.slice(2).includes('--json');
  const level = process.env.LOG_LEVEL ?? (forPeople(json) ? 'silent' : 'warn');
  return pino({ name, level }, pino.destination(2));
}

/** Parses arguments strictly; unknown options and stray positionals are usage errors. */
export function parseOptions<T extends NonNullable<ParseArgsConfig['options']>>(
  argv: string[],
  options: T
): ReturnType<
  typeof parseArgs<{ args: string[]; options: T; strict: true; allowPositionals: false }>
>['values'] {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export interface Output {
  out(text: string): void;
  err(text: string): void;
}

/**
 * A command's options, or the exit code when there is nothing more to do: on bad usage (parseOptions or
 * `validate` throwing) the message and the help go to stderr (EXIT_USAGE); on --help the help goes to
 * stdout (EXIT_OK).
 */
export function parseCommand<T extends NonNullable<ParseArgsConfig['options']>>(
  argv: string[],
  options: T,
  help: string,
  output: Output,
  validate: (values: ReturnType<typeof parseOptions<T>>) => void = () => undefined
): ReturnType<typeof parseOptions<T>> | number {
  // `npm run routing:check --json` (no --) hands the flag to npm, which passes it on as npm_config_json
  const declared = Object.entries(options).filter(([name]) => name !== 'help');
  const swallowed = npmSwallowedFlags(process.env, {
    boolean: declared.filter(([, option]) => option.type === 'boolean').map(([name]) => name),
    value: declared.filter(([, option]) => option.type === 'string').map(([name]) => name)
  });
  const script = process.env.npm_lifecycle_event ?? 'routing';
  if (swallowed.misplaced.length > 0) {
    output.err(
      `npm kept ${swallowed.misplaced.map((f) => `--${f}`).join(', ')} for itself: put the command's flags after --, ` +
        `e.g. ${npmFlagsHint(script, swallowed.misplaced)}`
    );
    return EXIT_USAGE;
  }
  let values;
  try {
    values = parseOptions(argv, options);
    const given = values as Record<string, unknown>;
    for (const flag of swallowed.honoured) given[flag] ??= true;
    validate(values);
  } catch (error) {
    output.err(`${(error as UsageError).message}\n\n${help}`);
    return EXIT_USAGE;
  }
  if ((values as { help?: boolean }).help) {
    output.out(help);
    return EXIT_OK;
  }
  return values;
}

export const processOutput: Output = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`)
};

/** Fixed-width text table with a header rule. */
export function renderTable(headers: string[], rows: string[][]): string {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length))
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column]))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}
