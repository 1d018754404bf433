/**
 * Starts the sandbox payment system on loopback until interrupted.
 *
 *   npm run sandbox:payments -- [--port 4010] [--seed 7] [--json] ...
 *
 * Exit codes: 0 stopped cleanly, 1 could not start, 2 bad usage.
 */
import { parseArgs } from 'node:util';
import pino from 'pino';
import { z } from 'zod';
import { startSandboxPaymentSystem, type SandboxPaymentSystem } from './sandbox';
import { forPeople, humanLogDestination, messageOf, portInUse, portInUseMessage } from '../shared/terminal';

export const HELP = `Sandbox payment system: the payment-system contract (scripts/payment-system/openapi.yaml)
served on 127.0.0.1 for development and demos. Payments settle after a delay to a seeded mix of
outcomes; some successful payments are later returned or recouped.

Usage: npm run sandbox:payments -- [options]

Options:
  --port <n>              port on 127.0.0.1 (default 4010; 0 picks a free one)
  --seed <n>              seed for settlement outcomes and faults (default 1)
  --settle-delay-ms <n>   typical time from submission to settlement (default 3000)
  --journal <file>        keep the payment journal in this file (default: a temporary file)
  --json                  print the start-up summary as JSON on stdout; logs go to stderr
  -h, --help              show this help

Environment:
  PAYMENT_SYSTEM_TOKEN    bearer token clients must present (default: generated and printed once)

Examples:
  npm run sandbox:payments -- --port 4010 --seed 7
  npm run sandbox:payments -- --port 0 --json --journal .tmp/payments.ndjson
`;

const argsSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535),
  seed: z.coerce.number().int(),
  'settle-delay-ms': z.coerce.number().int().min(0),
  journal: z.string().min(1).optional(),
  json: z.boolean()
});

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** Resolves when the sandbox should stop (SIGINT/SIGTERM in a real run). */
  stopSignal: Promise<void>;
  /** Sees the running sandbox (tests). */
  onStarted?: (sandbox: SandboxPaymentSystem) => void;
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string', default: '4010' },
        seed: { type: 'string', default: '1' },
        'settle-delay-ms': { type: 'string', default: '3000' },
        journal: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false }
      }
    }).values;
  } catch (err) {
    io.stderr(`${err instanceof Error ? err.message : String(err)}\nRun with --help for usage.\n`);
    return 2;
  }
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    io.stderr(`Option --${issue.path.join('.')}: ${issue.message}\nRun with --help for usage.\n`);
    return 2;
  }
  const args = parsed.data;
  // a person on a terminal reads the summary below and human warning lines; JSON logs otherwise
  const logger = forPeople(args.json)
    ? pino(
        { level: 'warn' },
        humanLogDestination((line) => io.stderr(`${line}\n`))
      )
    : pino({ level: args.json ? 'warn' : 'info' }, pino.destination(2));
  let sandbox: SandboxPaymentSystem;
  try {
    sandbox = await startSandboxPaymentSystem({
      port: args.port,
      seed: args.seed,
      token: io.env.PAYMENT_SYSTEM_TOKEN || undefined,
      journalPath: args.journal,
      settlement: { delayMs: args['settle-delay-ms'] },
      logger
    });
  } catch (err) {
    const taken = portInUse(err);
    io.stderr(
      `Could not start the sandbox payment system: ${taken !== null ? portInUseMessage(taken) : messageOf(err)}\n`
    );
    return 1;
  }
  const tokenGenerated = !io.env.PAYMENT_SYSTEM_TOKEN;
  const summary = {
    url: sandbox.url,
    seed: args.seed,
    journal: sandbox.journalPath,
    // a generated sandbox token is shown once so a developer can point a client at it; a given one never is
    token: tokenGenerated ? sandbox.token : undefined
  };
  if (args.json) {
    io.stdout(`${JSON.stringify(summary)}\n`);
  } else {
    io.stdout(`Sandbox payment system listening on ${sandbox.url} (seed ${args.seed})\n`);
    io.stdout(`Journal: ${sandbox.journalPath}\n`);
    io.stdout(
      tokenGenerated
        ? `PAYMENT_SYSTEM_URL=${sandbox.url} PAYMENT_SYSTEM_TOKEN=${sandbox.token}\n`
        : `PAYMENT_SYSTEM_URL=${sandbox.url} (token from PAYMENT_SYSTEM_TOKEN)\n`
    );
    io.stdout('Press Ctrl+C to stop.\n');
  }
  io.onStarted?.(sandbox);
  await io.stopSignal;
  await sandbox.stop();
  return 0;
}

if (require.main === module) {
  const stopSignal = new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  runCli(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    stopSignal
  }).then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    }
  );
}
