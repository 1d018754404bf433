/**
 * `npm run sync` — the payment sync worker against a real org (or any org the environment points at).
 * Exit codes: 0 success, 1 failure, 2 bad usage or bad configuration.
 */
import { parseArgs } from 'node:util';
import pino from 'pino';
import {
  PaymentSystemConfigError,
  paymentSystemTokenSchema,
  paymentSystemUrlSchema
} from '../payment-system/client';
import { ConfigError, DEFAULT_CONFIG_PATH, loadWorkerConfig, type WorkerConfig } from './config';
import { credentialsFromEnvironment, CredentialsError, type Credentials } from './connect';
import { summarizeReport } from './decisions';
import { runWorker } from './runner';
import { buildWorker } from './setup';
import { runMain } from '../shared/cli';

const HELP = `Mirror assistance payments between Salesforce and the payment system.

Usage: npm run sync -- [--target-org ALIAS] [--config FILE] [--once | --cycles N] [--partition I/N]

Submits payments that reached "Submitted for Payment" exactly once, mirrors payment-system status
changes onto the records (forward only) and flags records edited after submission.

Flags:
  -o, --target-org ALIAS   org authenticated with the Salesforce CLI (sf org login ...)
  -c, --config FILE        worker configuration (default ${DEFAULT_CONFIG_PATH})
      --once               run one cycle and exit
      --cycles N           run N cycles and exit
      --partition I/N      this worker's partition (overrides the config), e.g. 0/4
      --log-level LEVEL    pino level (default info)
  -h, --help               show this help

Without --target-org, Salesforce credentials come from the environment:
  SF_INSTANCE_URL + SF_ACCESS_TOKEN, or SF_LOGIN_URL + SF_CLIENT_ID + SF_CLIENT_SECRET
  (client credentials), or SF_LOGIN_URL + SF_USERNAME + SF_PASSWORD.
The payment system: PAYMENT_SYSTEM_TOKEN (required) and PAYMENT_SYSTEM_URL (overrides the config).

Examples:
  npm run sync -- --target-org omni-uat --once
  SF_LOGIN_URL=https://login.salesforce.com SF_CLIENT_ID=... SF_CLIENT_SECRET=... npm run sync

Exit codes: 0 success, 1 failure, 2 bad usage or configuration.`;

class UsageError extends Error {}

interface CliOptions {
  targetOrg?: string;
  configFile: string;
  maxCycles?: number;
  partition?: { index: number; count: number };
  logLevel: string;
}

function parseCli(argv: string[]): CliOptions | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        'target-org': { type: 'string', short: 'o' },
        config: { type: 'string', short: 'c' },
        once: { type: 'boolean' },
        cycles: { type: 'string' },
        partition: { type: 'string' },
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
  let maxCycles: number | undefined;
  if (v.once) maxCycles = 1;
  if (v.cycles !== undefined) {
    if (v.once) throw new UsageError('Use either --once or --cycles, not both');
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
  const levels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
  const logLevel = v['log-level'] ?? process.env.LOG_LEVEL ?? 'info';
  if (!levels.includes(logLevel)) throw new UsageError(`--log-level must be one of ${levels.join(', ')}`);
  return {
    targetOrg: v['target-org'],
    configFile: v.config ?? DEFAULT_CONFIG_PATH,
    maxCycles,
    partition,
    logLevel
  };
}

function paymentSystemFromEnvironment(
  config: WorkerConfig,
  env: NodeJS.ProcessEnv
): { url: string; token: string } {
  if (!env.PAYMENT_SYSTEM_TOKEN)
    throw new CredentialsError('Environment variable PAYMENT_SYSTEM_TOKEN is missing');
  const token = paymentSystemTokenSchema.safeParse(env.PAYMENT_SYSTEM_TOKEN);
  if (!token.success) {
    // the message names the problem, never the value
    throw new ConfigError(
      `Environment variable PAYMENT_SYSTEM_TOKEN ${token.error.issues[0]?.message ?? 'is invalid'}`
    );
  }
  if (env.PAYMENT_SYSTEM_URL) {
    const url = paymentSystemUrlSchema.safeParse(env.PAYMENT_SYSTEM_URL);
    if (!url.success) {
      throw new ConfigError(
        `Environment variable PAYMENT_SYSTEM_URL ${url.error.issues[0]?.message ?? 'is invalid'}`
      );
    }
    return { url: url.data, token: token.data };
  }
  return { url: config.paymentSystem.url, token: token.data };
}

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let options: CliOptions | 'help';
  try {
    options = parseCli(argv);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\nRun with --help for usage.\n`);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const logger = pino({ level: options.logLevel, base: { service: 'payment-sync' } });
  let config: WorkerConfig;
  let credentials: Credentials | null;
  let paymentSystem: { url: string; token: string };
  try {
    config = loadWorkerConfig(options.configFile);
    if (options.partition) config = { ...config, partition: options.partition };
    credentials = options.targetOrg
      ? { kind: 'target-org', alias: options.targetOrg }
      : credentialsFromEnvironment(env);
    if (!credentials)
      throw new UsageError(
        'No org: pass --target-org ALIAS or set Salesforce credentials in the environment (see --help)'
      );
    paymentSystem = paymentSystemFromEnvironment(config, env);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    return err instanceof ConfigError || err instanceof UsageError ? 2 : 1;
  }

  const controller = new AbortController();
  let graceTimer: NodeJS.Timeout | undefined;
  const stop = (): void => {
    if (controller.signal.aborted) return;
    logger.info({ graceMs: config.stopGraceMs }, 'stopping: saving what is safe');
    controller.abort();
    // whatever is still in flight (a black-holed request, a login) cannot hold the process longer
    graceTimer = setTimeout(() => {
      logger.warn('stop grace period over; exiting');
      process.exit(0);
    }, config.stopGraceMs);
    graceTimer.unref();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    const built = await buildWorker({
      config,
      logger,
      credentials,
      paymentSystem,
      signal: controller.signal
    });
    const { worker, session } = built;
    try {
      await built.paymentSystem.verify?.();
    } catch (err) {
      if (err instanceof PaymentSystemConfigError) {
        logger.error({ err: err.message }, 'payment system configuration is wrong; not starting');
        return 2;
      }
      logger.warn({ err: (err as Error).message }, 'payment system not reachable yet; starting anyway');
    }
    logger.info({ org: session.describe, partition: config.partition }, 'payment sync started');
    const result = await runWorker({
      worker,
      logger,
      intervalMs: config.cycleIntervalMs,
      pauseMs: config.allowance.pauseMs,
      maxBackoffMs: config.backoff.maxMs,
      maxCycles: options.maxCycles,
      signal: controller.signal,
      onReport: (report) =>
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
        )
    });
    if (options.maxCycles !== undefined && result.lastError !== null) return 1;
    return 0;
  } catch (err) {
    logger.error({ err: (err as Error).message }, 'payment sync could not start');
    return 1;
  } finally {
    if (graceTimer) clearTimeout(graceTimer);
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}

if (require.main === module) runMain(main);
