/**
 * `npm run sync` — the payment sync worker against a real org (or any org the environment points at).
 * On a terminal it prints human lines (a progress line, one summary per cycle that changed something,
 * a closing summary); when stdout is not a terminal, or with --json, pino JSON lines.
 * Exit codes: 0 success, 1 failure, 2 bad usage or bad configuration.
 */
import * as fs from 'node:fs';
import { parseArgs, parseEnv } from 'node:util';
import pino from 'pino';
import {
  PaymentSystemConfigError,
  paymentSystemTokenSchema,
  paymentSystemUrlSchema
} from '../payment-system/client';
import { ConfigError, DEFAULT_CONFIG_PATH, loadWorkerConfig, type WorkerConfig } from './config';
import { credentialsFromEnvironment, CredentialsError, type Credentials } from './connect';
import { summarizeReport } from './decisions';
import { cycleChanged, RunTally, terminalDisplay } from './display';
import { runMain } from '../shared/cli';
import {
  forPeople,
  humanLogDestination,
  messageOf,
  npmFlagsHint,
  npmSwallowedFlags
} from '../shared/terminal';

const HELP = `Mirror assistance payments between Salesforce and the payment system.

Usage: npm run sync -- [--target-org ALIAS] [--payment-system-url URL] [--env-from FILE]
                      [--config FILE] [--once | --cycles N] [--partition I/N] [--json]

Submits payments that reached "Submitted for Payment" exactly once, mirrors payment-system status
changes onto the records (forward only) and flags records edited after submission.

Flags:
  -o, --target-org ALIAS        org authenticated with the Salesforce CLI (npx sf org login web --alias ALIAS)
      --payment-system-url URL  the payment system's base URL (https; overrides PAYMENT_SYSTEM_URL
                                and the config's paymentSystem.url)
      --env-from FILE           read environment variables (PAYMENT_SYSTEM_TOKEN, SF_...) from FILE;
                                variables already set in the environment win
  -c, --config FILE             worker configuration (default ${DEFAULT_CONFIG_PATH})
      --once                    run one cycle and exit
      --cycles N                run N cycles and exit
      --partition I/N           this worker's partition (overrides the config), e.g. 0/4
      --bulk-threshold N        a direction of a cycle with more than N records uses Bulk API 2.0
                                (overrides the config's bulk.threshold, default 10,000)
      --json                    pino JSON log lines on stdout even on a terminal (the default when
                                stdout is not a terminal); with npm use "npm run -s" to drop its banner
      --log-level LEVEL         pino level (default info; on a terminal only errors are shown)
  -h, --help                    show this help

The payment system (required):
  PAYMENT_SYSTEM_TOKEN   its bearer token: from the environment or --env-from, never a flag or the config
  payment system URL     --payment-system-url, else PAYMENT_SYSTEM_URL, else paymentSystem.url in the config
Salesforce, without --target-org, from the environment:
  SF_INSTANCE_URL + SF_ACCESS_TOKEN, or SF_LOGIN_URL + SF_CLIENT_ID + SF_CLIENT_SECRET
  (client credentials), or SF_LOGIN_URL + SF_USERNAME + SF_PASSWORD.

Examples:
  PAYMENT_SYSTEM_TOKEN=... npm run sync -- --target-org omni-uat --payment-system-url https://payments.agency.example --once
  npm run sync -- --env-from /etc/omni-assist/sync.env

Exit codes: 0 success, 1 failure, 2 bad usage or configuration.`;

class UsageError extends Error {}

interface CliOptions {
  targetOrg?: string;
  paymentSystemUrl?: string;
  envFromFile?: string;
  configFile: string;
  maxCycles?: number;
  partition?: { index: number; count: number };
  bulkThreshold?: number;
  json: boolean;
  /** null: not given (info for JSON logs; errors only on a terminal) */
  logLevel: string | null;
}

const BOOLEAN_FLAGS = ['once', 'json'] as const;
const VALUE_FLAGS = [
  'target-org',
  'payment-system-url',
  'env-from',
  'config',
  'cycles',
  'partition',
  'bulk-threshold',
  'log-level'
] as const;

function parseCli(argv: string[], env: NodeJS.ProcessEnv): CliOptions | 'help' {
  // `npm run sync --target-org x` (no --) hands the flag to npm, which passes it on as npm_config_*
  const swallowed = npmSwallowedFlags(env, { boolean: BOOLEAN_FLAGS, value: VALUE_FLAGS });
  if (swallowed.misplaced.length > 0) {
    throw new UsageError(
      `npm kept ${swallowed.misplaced.map((f) => `--${f}`).join(', ')} for itself: put the sync's flags after --, ` +
        `e.g. ${npmFlagsHint('sync', swallowed.misplaced, BOOLEAN_FLAGS)}`
    );
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        'target-org': { type: 'string', short: 'o' },
        'payment-system-url': { type: 'string' },
        'env-from': { type: 'string' },
        config: { type: 'string', short: 'c' },
        once: { type: 'boolean' },
        cycles: { type: 'string' },
        partition: { type: 'string' },
        'bulk-threshold': { type: 'string' },
        json: { type: 'boolean' },
        'log-level': { type: 'string' },
        help: { type: 'boolean', short: 'h' }
      },
      strict: true,
      allowPositionals: false
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const v = parsed.values;
  if (v.help) return 'help';
  const once = v.once === true || swallowed.honoured.includes('once');
  let maxCycles: number | undefined;
  if (once) maxCycles = 1;
  if (v.cycles !== undefined) {
    if (once) throw new UsageError('Use either --once or --cycles, not both');
    if (!/^\d+$/.test(v.cycles) || Number(v.cycles) < 1)
      throw new UsageError('--cycles must be a whole number of 1 or more');
    maxCycles = Number(v.cycles);
  }
  let partition: CliOptions['partition'];
  if (v.partition !== undefined) {
    const m = /^(\d+)\/(\d+)$/.exec(v.partition);
    if (!m || Number(m[1]) >= Number(m[2]))
      throw new UsageError('--partition must be I/N with I below N, e.g. 0/4');
    partition = { index: Number(m[1]), count: Number(m[2]) };
  }
  let bulkThreshold: number | undefined;
  if (v['bulk-threshold'] !== undefined) {
    if (!/^\d+$/.test(v['bulk-threshold']) || Number(v['bulk-threshold']) < 1)
      throw new UsageError('--bulk-threshold must be a whole number of 1 or more');
    bulkThreshold = Number(v['bulk-threshold']);
  }
  const levels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
  const logLevel = v['log-level'] ?? env.LOG_LEVEL ?? null;
  if (logLevel !== null && !levels.includes(logLevel))
    throw new UsageError(`--log-level must be one of ${levels.join(', ')}`);
  if (swallowed.honoured.length > 0) {
    process.stderr.write(
      `(npm kept ${swallowed.honoured.map((f) => `--${f}`).join(', ')} for itself; honoured anyway. ` +
        `Next time: ${npmFlagsHint('sync', swallowed.honoured, BOOLEAN_FLAGS)})\n`
    );
  }
  return {
    targetOrg: v['target-org'],
    paymentSystemUrl: v['payment-system-url'],
    envFromFile: v['env-from'],
    configFile: v.config ?? DEFAULT_CONFIG_PATH,
    maxCycles,
    partition,
    bulkThreshold,
    json: v.json === true || swallowed.honoured.includes('json'),
    logLevel
  };
}

/** The environment with the variables of --env-from added (the real environment wins). */
function withEnvFile(env: NodeJS.ProcessEnv, file: string | undefined): NodeJS.ProcessEnv {
  if (file === undefined) return env;
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(
      `--env-from ${file}: cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`
    );
  }
  return { ...parseEnv(text), ...env };
}

/**
 * The payment system's token (PAYMENT_SYSTEM_TOKEN) and URL (flag, then PAYMENT_SYSTEM_URL, then the
 * config). A missing or invalid one is a ConfigError: one line naming it, never its value.
 */
function paymentSystemSettings(
  config: WorkerConfig,
  options: Pick<CliOptions, 'paymentSystemUrl' | 'configFile'>,
  env: NodeJS.ProcessEnv
): { url: string; token: string } {
  if (!env.PAYMENT_SYSTEM_TOKEN) {
    throw new ConfigError(
      'PAYMENT_SYSTEM_TOKEN is not set: the payment system bearer token must be in the environment ' +
        '(export it, put it in a file read with --env-from FILE, or in your CI secret store; see README "Running the sync worker")'
    );
  }
  const token = paymentSystemTokenSchema.safeParse(env.PAYMENT_SYSTEM_TOKEN);
  if (!token.success) {
    // the message names the problem, never the value
    throw new ConfigError(
      `Environment variable PAYMENT_SYSTEM_TOKEN ${token.error.issues[0]?.message ?? 'is invalid'}`
    );
  }
  const sources: [string, string | undefined][] = [
    ['--payment-system-url', options.paymentSystemUrl],
    ['Environment variable PAYMENT_SYSTEM_URL', env.PAYMENT_SYSTEM_URL || undefined]
  ];
  for (const [where, value] of sources) {
    if (value === undefined) continue;
    const url = paymentSystemUrlSchema.safeParse(value);
    if (!url.success) throw new ConfigError(`${where} ${url.error.issues[0]?.message ?? 'is invalid'}`);
    return { url: url.data, token: token.data };
  }
  if (config.paymentSystem.url) return { url: config.paymentSystem.url, token: token.data };
  throw new ConfigError(
    'No payment system URL: pass --payment-system-url URL, set PAYMENT_SYSTEM_URL, ' +
      `or set "paymentSystem.url" in ${options.configFile}`
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

export async function main(argv: string[], processEnv: NodeJS.ProcessEnv = process.env): Promise<number> {
  let options: CliOptions | 'help';
  try {
    options = parseCli(argv, processEnv);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\nRun with --help for usage.\n`);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  let config: WorkerConfig;
  let credentials: Credentials | null;
  let paymentSystem: { url: string; token: string };
  try {
    const env = withEnvFile(processEnv, options.envFromFile);
    config = loadWorkerConfig(options.configFile);
    if (options.partition) config = { ...config, partition: options.partition };
    if (options.bulkThreshold !== undefined)
      config = { ...config, bulk: { ...config.bulk, threshold: options.bulkThreshold } };
    paymentSystem = paymentSystemSettings(config, options, env);
    credentials = options.targetOrg
      ? { kind: 'target-org', alias: options.targetOrg }
      : credentialsFromEnvironment(env);
    if (!credentials)
      throw new UsageError(
        'No org: pass --target-org ALIAS or set Salesforce credentials in the environment (see --help)'
      );
  } catch (err) {
    process.stderr.write(`${messageOf(err)}\n`);
    const configuration =
      err instanceof ConfigError || err instanceof UsageError || err instanceof CredentialsError;
    return configuration ? 2 : 1;
  }

  // a person on a terminal reads human lines; anything else (or --json) gets pino JSON lines
  const display = forPeople(options.json) ? terminalDisplay(process.stdout) : null;
  const say = (line: string): void => display?.say(line);
  const logger = display
    ? pino({ level: options.logLevel ?? 'error', base: null }, humanLogDestination(say))
    : pino({ level: options.logLevel ?? 'info', base: { service: 'payment-sync' } });

  const controller = new AbortController();
  let graceTimer: NodeJS.Timeout | undefined;
  const stop = (): void => {
    if (controller.signal.aborted) return;
    if (display) say(`Stopping: saving what is safe (at most ${config.stopGraceMs / 1000} s)…`);
    else logger.info({ graceMs: config.stopGraceMs }, 'stopping: saving what is safe');
    controller.abort();
    // whatever is still in flight (a black-holed request, a login) cannot hold the process longer
    graceTimer = setTimeout(() => {
      if (display) say('Stop grace period over; exiting.');
      else logger.warn('stop grace period over; exiting');
      process.exit(0);
    }, config.stopGraceMs);
    graceTimer.unref();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    let cycle = 0;
    // the worker itself (and jsforce under it) is loaded once the configuration is known to be good
    const [{ buildWorker }, { runWorker }] = await Promise.all([import('./setup'), import('./runner')]);
    const built = await buildWorker({
      config,
      logger,
      credentials,
      paymentSystem,
      signal: controller.signal,
      onProgress: display ? (event) => display.progress(event, cycle + 1) : undefined
    });
    const { worker, session } = built;
    try {
      await built.paymentSystem.verify?.();
    } catch (err) {
      if (err instanceof PaymentSystemConfigError) {
        if (display) say(`✖ Not starting: ${messageOf(err)}`);
        else logger.error({ err: err.message }, 'payment system configuration is wrong; not starting');
        return 2;
      }
      if (display)
        say(
          `⚠ The payment system at ${hostOf(paymentSystem.url)} is not reachable yet (${messageOf(err)}); starting anyway`
        );
      else logger.warn({ err: (err as Error).message }, 'payment system not reachable yet; starting anyway');
    }
    if (display) {
      say(
        `Payment sync: ${session.describe} ⇄ payment system ${hostOf(paymentSystem.url)}, partition ` +
          `${config.partition.index}/${config.partition.count}` +
          (options.maxCycles === undefined
            ? '. Ctrl-C to stop.'
            : ` — ${options.maxCycles} cycle${options.maxCycles === 1 ? '' : 's'}.`)
      );
    } else {
      logger.info({ org: session.describe, partition: config.partition }, 'payment sync started');
    }
    const tally = new RunTally();
    const result = await runWorker({
      worker,
      logger,
      intervalMs: config.cycleIntervalMs,
      pauseMs: config.allowance.pauseMs,
      maxBackoffMs: config.backoff.maxMs,
      maxCycles: options.maxCycles,
      signal: controller.signal,
      onReport: (report) => {
        cycle = report.cycle;
        const fresh = tally.add(report);
        if (display) {
          if (cycleChanged(report, fresh) || report.cycle === 1) display.report(report, fresh);
          return;
        }
        logger.info(
          {
            cycle: report.cycle,
            submitted: report.submitted,
            mirrored: report.mirrored,
            healed: report.healed,
            drifted: report.drifted,
            quarantined: report.quarantined,
            apiCalls: report.apiCalls,
            apiAllowance: report.apiAllowance,
            backedOff: report.backedOff,
            feedRestarted: report.feedRestarted,
            setAside: report.setAside,
            incomplete: report.incomplete,
            warnings: report.warnings
          },
          summarizeReport(report)
        );
      }
    });
    display?.done();
    if (display) say(`${controller.signal.aborted ? 'Stopped after' : 'Ran'} ${tally.summary(result)}.`);
    else
      logger.info(
        {
          cycles: result.cycles,
          failedCycles: result.failedCycles,
          submitted: tally.submitted,
          mirrored: tally.mirrored,
          healed: tally.healed,
          drifted: tally.drifted,
          quarantined: tally.notices.count,
          apiCalls: tally.apiCalls
        },
        'payment sync stopped'
      );
    if (options.maxCycles !== undefined && result.lastError !== null) return 1;
    return 0;
  } catch (err) {
    display?.done();
    if (display) say(`✖ Payment sync could not start: ${messageOf(err)}`);
    else logger.error({ err: (err as Error).message }, 'payment sync could not start');
    return 1;
  } finally {
    if (graceTimer) clearTimeout(graceTimer);
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}

if (require.main === module) runMain(main);
