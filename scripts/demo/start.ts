/**
 * `npm start` — the payment sync on the local sandboxes, end to end:
 * starts the sandbox org and the sandbox payment system, loads config/demo-data.json, shows a worker
 * being refused by the payment lock and an edit forced past it, runs the sync worker with a live
 * progress display (plain log lines when not on a terminal), and writes the reconciliation report.
 *
 * `--once` runs one cycle and exits; otherwise the worker keeps running until Ctrl-C. The report's path
 * is printed at the start; the report is written after every cycle that changed something and when the
 * demo stops, which ends with a summary of the run.
 * Exit codes: 0 success, 1 failure, 2 bad usage.
 */
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { Connection } from 'jsforce';
import pino from 'pino';
import { startSandboxOrg, type SandboxOrg } from '../sandbox-org/index';
import { startSandboxPaymentSystem, type SandboxPaymentSystem } from '../payment-system/sandbox';
import { loadWorkerConfig } from '../sync/config';
import {
  orgKeyPrefix,
  recordIdOfKey,
  summarizeReport,
  type CycleReport,
  type QuarantineEntry
} from '../sync/decisions';
import { cycleChanged, RunTally, terminalDisplay, type TerminalDisplay } from '../sync/display';
import { buildReconciliation, writeReconciliation } from '../sync/reconciliation';
import { runWorker, type RunResult } from '../sync/runner';
import { buildWorker } from '../sync/setup';
import { DEFAULT_DEMO_DATA, loadDemoData, seedDemo, type SeededDemo } from './demo-data';
import { runCrisisDemo } from './crisis';
import { followUpLines, isoToday } from './follow-up';
import { runMain } from '../shared/cli';
import { humanLogDestination, messageOf, npmFlagsHint, npmSwallowedFlags } from '../shared/terminal';

const HELP = `Run the payment sync on local sandboxes and write a reconciliation report.

Usage: npm start -- [--once] [--data FILE] [--reports DIR] [--interval MS]

  --once           run one sync cycle, write the report and exit
  --data FILE      demo caseload (default ${DEFAULT_DEMO_DATA})
  --reports DIR    where reconciliation.html and reconciliation.json go (default reports)
  --interval MS    time between cycles when running continuously (default 2000)
  -h, --help       show this help

Without --once the worker keeps running (new payments settle in the sandbox payment system a few
seconds after submission) until Ctrl-C. The report is written after every cycle that changed
something and once more when the demo stops; its path is printed at the start.

Flags go after --: npm start -- --once (npm keeps "npm start --once" for itself; --once is honoured
from there too).`;

/** The demo's terminal display, or its log lines when stdout is not a terminal. */
type Display = TerminalDisplay;

function logDisplay(logger: pino.Logger): Display {
  return {
    progress() {
      // log lines come from the worker itself
    },
    say(message) {
      logger.info(message);
    },
    report(report, freshQuarantines: readonly QuarantineEntry[]) {
      logger.info(
        {
          cycle: report.cycle,
          submitted: report.submitted,
          mirrored: report.mirrored,
          healed: report.healed,
          drifted: report.drifted,
          quarantined: report.quarantined.length,
          newlyQuarantined: freshQuarantines,
          apiCalls: report.apiCalls
        },
        summarizeReport(report)
      );
    },
    done() {}
  };
}

async function showLockRefusal(org: SandboxOrg, seeded: SeededDemo, display: Display): Promise<void> {
  const target = seeded.payments.find((p) => p.spec.staffEditAfterSubmission);
  if (!target) return;
  const staff = org.users.staff;
  const conn = new Connection({ loginUrl: org.loginUrl, version: org.apiVersion });
  await conn.login(staff.username, staff.password);
  try {
    await conn
      .sobject('Assistance_Payment__c')
      .update({ Id: target.id, ...target.spec.staffEditAfterSubmission });
    display.say(`✖ ${staff.username} changed a submitted payment — the payment lock did not hold`);
  } catch (err) {
    display.say(
      `🔒 ${staff.username} tried to change "${target.spec.label}" after submission and was refused:\n   ${(err as Error).message}`
    );
  }
}

async function forceEditsPastLock(org: SandboxOrg, seeded: SeededDemo, display: Display): Promise<void> {
  for (const p of seeded.payments) {
    if (!p.spec.forcedEditAfterSubmission) continue;
    await org.updateAsSystem('Assistance_Payment__c', [{ Id: p.id, ...p.spec.forcedEditAfterSubmission }], {
      as: 'staff'
    });
    display.say(
      `⚠ An edit was forced past the lock on "${p.spec.label}" (${Object.entries(
        p.spec.forcedEditAfterSubmission
      )
        .map(([field, value]) => `${field} = ${String(value)}`)
        .join(', ')}); the sync must catch it and never send it`
    );
  }
}

const BOOLEAN_FLAGS = ['once'] as const;
const VALUE_FLAGS = ['data', 'reports', 'interval'] as const;

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  // `npm start --once` (no --) hands --once to npm, which passes it on as npm_config_once
  const swallowed = npmSwallowedFlags(env, { boolean: BOOLEAN_FLAGS, value: VALUE_FLAGS });
  if (swallowed.misplaced.length > 0) {
    process.stderr.write(
      `npm kept ${swallowed.misplaced.map((f) => `--${f}`).join(', ')} for itself: put the demo's flags after --, ` +
        `e.g. ${npmFlagsHint('start', swallowed.misplaced)}\n`
    );
    return 2;
  }
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        once: { type: 'boolean' },
        data: { type: 'string' },
        reports: { type: 'string' },
        interval: { type: 'string' },
        help: { type: 'boolean', short: 'h' }
      },
      strict: true,
      allowPositionals: false
    }));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\nRun with --help for usage.\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const once = values.once === true || swallowed.honoured.includes('once');
  const intervalMs = values.interval === undefined ? 2000 : Number(values.interval);
  if (!Number.isInteger(intervalMs) || intervalMs < 100) {
    process.stderr.write('--interval must be a whole number of milliseconds, at least 100\n');
    return 2;
  }
  const tty = process.stdout.isTTY === true;
  const terminal = tty ? terminalDisplay(process.stdout) : null;
  // on a terminal only errors are logged, as human lines; otherwise pino JSON lines
  const logger = terminal
    ? pino(
        { level: 'error', base: null },
        humanLogDestination((line) => terminal.say(line))
      )
    : pino({ level: env.LOG_LEVEL ?? 'info', base: { service: 'payment-sync-demo' } });
  const display: Display = terminal ?? logDisplay(logger);
  if (swallowed.honoured.length > 0) {
    display.say(
      `(npm kept --once for itself; running once anyway. Next time: ${npmFlagsHint('start', swallowed.honoured, BOOLEAN_FLAGS)})`
    );
  }

  let org: SandboxOrg | null = null;
  let ps: SandboxPaymentSystem | null = null;
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    const data = loadDemoData(values.data ?? DEFAULT_DEMO_DATA);
    const config = { ...loadWorkerConfig(), cycleIntervalMs: intervalMs };
    const reportsDir = path.resolve(values.reports ?? 'reports');
    org = await startSandboxOrg({ port: 0 });
    ps = await startSandboxPaymentSystem({
      port: 0,
      clock: 'real',
      settlement: { delayMs: 4_000, jitter: 0.5, reversalDelayMs: 10_000 }
    });
    display.say(`Sandbox org ${org.instanceUrl} · sandbox payment system ${ps.url}`);
    display.say(
      `Reconciliation report: ${path.join(reportsDir, 'reconciliation.html')} (and .json) — ` +
        (once
          ? 'written after the cycle'
          : 'rewritten after every cycle that changes something and when you stop')
    );
    const paymentSystem = ps;
    const seeded = await seedDemo(org, { url: ps.url, token: ps.token }, data, (id, status) =>
      paymentSystem.settle(id, status)
    );
    display.say(
      `Loaded ${data.cases.length} cases and ${data.payments.length} payments from ${values.data ?? DEFAULT_DEMO_DATA}`
    );
    await showLockRefusal(org, seeded, display);
    await forceEditsPastLock(org, seeded, display);
    for (const c of data.cases) {
      if (c.followUp) followUpLines(c.Subject, c.followUp, isoToday()).forEach((line) => display.say(line));
    }
    await runCrisisDemo(org, data.crisisHouseholds ?? [], new Date(), (line) => display.say(line));

    const integration = org.users.integration;
    let cycle = 0;
    const { worker, salesforce } = await buildWorker({
      config,
      logger,
      credentials:
        integration.clientId && integration.clientSecret
          ? {
              kind: 'client-credentials',
              loginUrl: org.loginUrl,
              clientId: integration.clientId,
              clientSecret: integration.clientSecret
            }
          : {
              kind: 'password',
              loginUrl: org.loginUrl,
              username: integration.username,
              password: integration.password
            },
      // the demo points the worker at its own sandbox payment system, never at a configured one
      paymentSystem: { url: ps.url, token: ps.token },
      onProgress: (event) => display.progress(event, cycle + 1)
    });
    const orgId = org.orgId;
    const reports: CycleReport[] = [];
    const writeReport = async (): Promise<{ html: string; json: string }> => {
      // keys are "<org>_<record Id>" (or the bare record Id for payments sent before org prefixes)
      const prefix = orgKeyPrefix(orgId);
      const remote = new Map(
        paymentSystem
          .payments()
          .map((p) => [recordIdOfKey(p.idempotencyKey, prefix) ?? p.idempotencyKey, p.status])
      );
      const reconciliation = await buildReconciliation(salesforce, reports, (id) => remote.get(id) ?? null);
      return writeReconciliation(reconciliation, reportsDir);
    };
    display.say(
      `Sync worker running as ${integration.username}${once ? ' for one cycle' : ' (Ctrl-C to stop)'}`
    );
    const tally = new RunTally();
    let result: RunResult;
    try {
      result = await runWorker({
        worker,
        logger,
        intervalMs,
        pauseMs: config.allowance.pauseMs,
        maxBackoffMs: config.backoff.maxMs,
        maxCycles: once ? 1 : undefined,
        signal: controller.signal,
        onReport: async (report) => {
          cycle = report.cycle;
          reports.push(report);
          const fresh = tally.add(report);
          if (!cycleChanged(report, fresh) && report.cycle !== 1) return;
          display.report(report, fresh);
          if (once) return; // written once below
          try {
            await writeReport();
          } catch (err) {
            display.say(`⚠ The reconciliation report could not be written: ${messageOf(err)}`);
          }
        }
      });
    } finally {
      display.done();
    }
    const files = await writeReport();
    display.say(`${once ? 'Ran' : 'Stopped after'} ${tally.summary(result)}.`);
    display.say(`Reconciliation report: ${files.html}\nSame as JSON:          ${files.json}`);
    return result.lastError === null ? 0 : 1;
  } catch (err) {
    display.done();
    process.stderr.write(`${messageOf(err)}\n`);
    return 1;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await ps?.stop();
    await org?.stop();
  }
}

if (require.main === module) runMain(main);
