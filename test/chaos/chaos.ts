/**
 * `npm run test:chaos` — the sync worker's promises under faults and kills.
 *
 * N payments (default 1,000; `--n 10000` on demand) go through the real worker command
 * (scripts/sync/cli.ts) running as a child process, while both sandboxes inject about 5% faults and
 * the worker is killed with SIGKILL at random moments and restarted (at least three times). Edits are
 * forced past the payment lock on payments already sent. Afterwards the faults stop, the worker runs
 * until quiet, and the run checks: no payment created twice, none missing, every status equal in both
 * systems, every forced edit flagged and never sent.
 *
 * Prints `name: value` lines and a final `chaos: N passed, N failed`; exits 1 on any failure.
 * Loopback only; bounded by --timeout (default 15 minutes).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { startSandboxOrg, type SandboxOrg } from '../../scripts/sandbox-org/index';
import { startSandboxPaymentSystem, type SandboxPaymentSystem } from '../../scripts/payment-system/sandbox';
import { loadWorkerConfig } from '../../scripts/sync/config';

interface Options {
  n: number;
  kills: number;
  seed: number;
  timeoutMs: number;
  forcedEdits: number;
}

function options(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      n: { type: 'string' },
      kills: { type: 'string' },
      seed: { type: 'string' },
      timeout: { type: 'string' },
      'forced-edits': { type: 'string' }
    },
    strict: true
  });
  const int = (v: string | undefined, fallback: number, name: string, min: number): number => {
    if (v === undefined) return fallback;
    if (!/^\d+$/.test(v) || Number(v) < min)
      throw new Error(`--${name} must be a whole number of at least ${min}`);
    return Number(v);
  };
  return {
    n: int(values.n, 1000, 'n', 10),
    kills: int(values.kills, 3, 'kills', 3),
    seed: int(values.seed, 20261123, 'seed', 0),
    timeoutMs: int(values.timeout, 900, 'timeout', 60) * 1000,
    forcedEdits: int(values['forced-edits'], 20, 'forced-edits', 1)
  };
}

/** mulberry32, so a failing run can be repeated with --seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

interface PaymentRow {
  Id: string;
  Status__c: string | null;
  External_Payment_Id__c: string | null;
  Amount__c: number;
  Drift_Detected__c: boolean;
}

class WorkerProcess {
  private child: ChildProcess | null = null;
  private log: fs.WriteStream;
  exits: (number | null)[] = [];

  constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly configFile: string,
    logFile: string
  ) {
    this.log = fs.createWriteStream(logFile, { flags: 'a' });
  }

  /** Resolves once the worker logged that it started (the process is up and logged in). */
  started(timeoutMs: number): Promise<boolean> {
    const child = this.child;
    if (!child?.stdout) return Promise.resolve(false);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      let seen = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        if (seen.includes('payment sync started')) {
          clearTimeout(timer);
          resolve(true);
        }
      });
      child.once('exit', () => {
        clearTimeout(timer);
        resolve(false);
      });
    });
  }

  start(extra: string[] = []): ChildProcess {
    const child = spawn(
      process.execPath,
      [
        '-r',
        'ts-node/register/transpile-only',
        path.join('scripts', 'sync', 'cli.ts'),
        '--config',
        this.configFile,
        ...extra
      ],
      { env: this.env, stdio: ['ignore', 'pipe', 'pipe'] }
    );
    child.stdout?.pipe(this.log, { end: false });
    child.stderr?.pipe(this.log, { end: false });
    child.on('exit', (code) => this.exits.push(code));
    this.child = child;
    return child;
  }

  kill(): void {
    this.child?.kill('SIGKILL');
  }

  async waitExit(timeoutMs: number): Promise<number | null> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return child?.exitCode ?? null;
    return new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve(null);
      }, timeoutMs);
      child.once('exit', (code) => {
        clearTimeout(timer);
        resolve(code);
      });
    });
  }

  close(): void {
    this.kill();
    this.log.end();
  }
}

async function main(): Promise<number> {
  const opts = options(process.argv.slice(2));
  const rand = random(opts.seed);
  const started = Date.now();
  const deadline = started + opts.timeoutMs;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'payment-chaos-'));
  const results: { name: string; ok: boolean }[] = [];
  const figure = (name: string, value: number | string): void => {
    process.stdout.write(`${name}: ${value}\n`);
  };
  const check = (name: string, ok: boolean): void => {
    results.push({ name, ok });
  };

  const orgFaults = {
    seed: opts.seed,
    rules: [
      { endpoint: '*' as const, kind: 'SERVER_UNAVAILABLE' as const, rate: 0.02 },
      { endpoint: '*' as const, kind: 'REQUEST_LIMIT_EXCEEDED' as const, rate: 0.01 },
      { endpoint: '*' as const, kind: 'INVALID_SESSION_ID' as const, rate: 0.01 },
      { endpoint: 'collections' as const, kind: 'UNKNOWN_EXCEPTION' as const, rate: 0.01 }
    ],
    recordFailureRate: 0.05,
    recordFailureKind: 'UNABLE_TO_LOCK_ROW' as const
  };
  const paymentFaults = {
    errorRate: 0.02,
    resetRate: 0.01,
    rateLimitRate: 0.01,
    retryAfterSeconds: 1,
    malformedRate: 0.01,
    phase: 'either' as const
  };

  let org: SandboxOrg | null = null;
  let ps: SandboxPaymentSystem | null = null;
  let worker: WorkerProcess | null = null;
  try {
    org = await startSandboxOrg({ port: 0, seed: opts.seed, dailyApiLimit: 5_000_000 });
    ps = await startSandboxPaymentSystem({
      port: 0,
      seed: opts.seed,
      fsync: false,
      clock: 'real',
      tickMs: 200,
      settlement: { delayMs: 1500, jitter: 0.5, reversalRate: 0.1, reversalDelayMs: 3000 }
    });
    const [caseId] = await org.insertAsSystem('Case', [{ Subject: 'Chaos caseload', Program__c: 'RAFT' }], {
      as: 'staff'
    });
    const ids: string[] = [];
    for (let i = 0; i < opts.n; i += 5000) {
      const chunk = Array.from({ length: Math.min(5000, opts.n - i) }, (_, j) => ({
        Case__c: caseId,
        Amount__c: 100 + ((i + j) % 900),
        Payee__c: `Landlord ${(i + j) % 97}`,
        Reason_Code__c: ['ARR', 'RNT', 'STP', 'UTL', 'DLF'][(i + j) % 5],
        Vendor_Id__c: `VEN-${(i + j) % 50}`,
        Status__c: 'Submitted for Payment'
      }));
      ids.push(...(await org.insertAsSystem('Assistance_Payment__c', chunk, { as: 'staff' })));
    }
    org.setFaults(orgFaults);
    ps.setFaults(paymentFaults);

    const base = loadWorkerConfig();
    const configFile = path.join(dir, 'worker.json');
    fs.writeFileSync(
      configFile,
      JSON.stringify({
        ...base,
        cycleIntervalMs: 300,
        clockSkewMs: 1000,
        backoff: { maxRetries: 6, baseMs: 50, maxMs: 1000 },
        allowance: { ...base.allowance, pauseMs: 1000 },
        paymentSystem: { ...base.paymentSystem, url: ps.url, timeoutMs: 5000, maxRetries: 6 }
      })
    );
    const u = org.users.integration;
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      SF_LOGIN_URL: org.loginUrl,
      SF_USERNAME: u.username,
      SF_PASSWORD: u.password,
      PAYMENT_SYSTEM_URL: ps.url,
      PAYMENT_SYSTEM_TOKEN: ps.token,
      LOG_LEVEL: 'info',
      TS_NODE_TRANSPILE_ONLY: 'true'
    };
    const logFile = path.join(dir, 'worker.log');
    worker = new WorkerProcess(env, configFile, logFile);

    // Phase 1: faults on, the worker killed at random moments, edits forced past the lock.
    const forced = new Map<string, { amount: number }>();
    let kills = 0;
    while (kills < opts.kills && Date.now() < deadline) {
      worker.start();
      await worker.started(60_000);
      // killed anywhere from its first calls to several cycles in
      const lifetime = 200 + Math.floor(rand() * 6000);
      const until = Date.now() + lifetime;
      while (Date.now() < until) {
        await sleep(250);
        if (forced.size < opts.forcedEdits && rand() < 0.5) {
          const sent = org.querySystem(
            'SELECT Id, Amount__c, External_Payment_Id__c FROM Assistance_Payment__c WHERE External_Payment_Id__c != null AND Drift_Detected__c = false LIMIT 200'
          ) as unknown as PaymentRow[];
          const pick = sent.filter((p) => !forced.has(p.Id))[Math.floor(rand() * Math.max(1, sent.length))];
          if (pick) {
            await org.updateAsSystem(
              'Assistance_Payment__c',
              [{ Id: pick.Id, Amount__c: pick.Amount__c + 1000 }],
              { as: 'staff' }
            );
            forced.set(pick.Id, { amount: pick.Amount__c });
          }
        }
      }
      worker.kill();
      await worker.waitExit(5000);
      kills++;
      process.stderr.write(
        `worker killed (${kills}) after ${lifetime} ms; forced edits so far ${forced.size}\n`
      );
    }

    // Phase 2: faults off; the worker runs until a run starts from a state of the payment system
    // that nothing changes afterwards (payments it submits settle and some reverse a few seconds later).
    org.setFaults({});
    ps.setFaults({});
    const remoteState = (): string =>
      ps!
        .payments()
        .map((p) => `${p.id}:${p.version}`)
        .sort()
        .join(',');
    let exit: number | null = null;
    let rounds = 0;
    while (rounds < 6 && Date.now() < deadline) {
      rounds++;
      const before = remoteState();
      worker.start(['--cycles', '3']);
      exit = await worker.waitExit(Math.max(10_000, deadline - Date.now()));
      // longest settlement plus reversal delay of the sandbox payment system
      await sleep(7000);
      if (exit === 0 && remoteState() === before && ps.payments().length === opts.n) break;
    }
    figure('worker final runs', rounds);
    figure('worker final exit code', exit === null ? 'timeout' : exit);

    // Checks
    const created = ps.createdCountByKey();
    const createdTwice = [...created.values()].filter((count) => count > 1).length;
    const missing = ids.filter((id) => !created.has(id)).length;
    const remote = new Map(ps.payments().map((p) => [p.idempotencyKey, p]));
    const rows = org.querySystem(
      'SELECT Id, Status__c, External_Payment_Id__c, Amount__c, Drift_Detected__c FROM Assistance_Payment__c'
    ) as unknown as PaymentRow[];
    const byId = new Map(rows.map((r) => [r.Id, r]));
    const statusMismatch = ids.filter((id) => {
      const r = byId.get(id);
      const p = remote.get(id);
      return !r || !p || r.Status__c !== p.status || r.External_Payment_Id__c !== p.id;
    }).length;
    for (const id of ids
      .filter((i) => {
        const r = byId.get(i);
        const p = remote.get(i);
        return !r || !p || r.Status__c !== p.status || r.External_Payment_Id__c !== p.id;
      })
      .slice(0, 5)) {
      const r = byId.get(id);
      const p = remote.get(id);
      process.stderr.write(
        `mismatch ${id}: salesforce ${r?.Status__c ?? '-'} ${r?.External_Payment_Id__c ?? '-'}; payment system ${p?.status ?? '-'} ${p?.id ?? '-'} v${p?.version ?? '-'}\n`
      );
    }
    const forcedUnflagged = [...forced.keys()].filter(
      (id) => byId.get(id)?.Drift_Detected__c !== true
    ).length;
    const forcedSent = [...forced.entries()].filter(
      ([id, { amount }]) => remote.get(id)?.amount !== amount
    ).length;
    const stats = ps.stats();

    figure('payments', opts.n);
    figure('worker kills (SIGKILL)', kills);
    figure('payment system requests', stats.requests);
    figure('payment system faults injected', stats.faultsInjected);
    figure('salesforce API calls', org.apiUsage().used);
    figure('created twice', createdTwice);
    figure('missing', missing);
    figure('status mismatches', statusMismatch);
    figure('forced edits', forced.size);
    figure('forced edits not flagged', forcedUnflagged);
    figure('forced edits sent', forcedSent);
    figure('wall time s', ((Date.now() - started) / 1000).toFixed(1));

    check('worker killed at least 3 times', kills >= 3);
    check('no payment created twice', createdTwice === 0);
    check('no payment missing', missing === 0);
    check('every status equal in both systems', statusMismatch === 0);
    check('edits were forced past the lock', forced.size > 0);
    check('every forced edit flagged', forcedUnflagged === 0);
    check('no forced edit sent', forcedSent === 0);
    check('finished in time', Date.now() < deadline);
    for (const r of results) if (!r.ok) process.stdout.write(`failed: ${r.name} (worker log: ${logFile})\n`);
  } catch (err) {
    process.stdout.write(`failed: chaos run stopped: ${(err as Error).message}\n`);
    results.push({ name: 'chaos run completed', ok: false });
  } finally {
    worker?.close();
    await ps?.stop();
    await org?.stop();
  }
  const failed = results.filter((r) => !r.ok).length;
  process.stdout.write(`chaos: ${results.length - failed} passed, ${failed} failed\n`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  }
);
