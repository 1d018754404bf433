/**
 * `npm run bench:sync [-- --n 10000] [--rounds 1] [--base N] [--node-defaults]` — what the sync worker costs against
 * the sandboxes.
 *
 * N payments are submitted and then settled (every one moves to Payment Successful), so both
 * directions carry N records. Printed, one `name: value` per line:
 * - Salesforce API calls per direction (to the payment system: scan and write-backs; from it: record
 *   reads and status writes), next to the REST lower bound: what any client using the REST API
 *   needs to move N payments, counting only data calls — to the payment system ceil(N/2000) query
 *   pages (2,000 rows is the most a page holds) + ceil(N/200) collection writes (200 records is the
 *   most a collection takes); from it ceil(N/200) collection writes (the idempotency key is the
 *   record Id, so no read is strictly needed). Log-in, the sync position and /limits are not counted;
 * - above the bulk threshold the worker uses Bulk API 2.0, so it is also compared with that bound;
 * - a naive client making one call per record read and per record written;
 * - the worker's wall time next to a bare jsforce script making only the minimal batched calls for
 *   the same job with the same choice of API, measured in the same run on identical sandboxes;
 * - the CPU time of each process (user + system: what the machine's other load and the wait for the
 *   sandboxes do not change) and its ratio, next to the wall times;
 * - the peak RSS of each process and its ratio to the bare script's (memory must not grow with N).
 * With `--rounds K` the worker and the bare script each run K times, alternating which goes first,
 * and the time and memory figures are the medians, each round's ratio printed too: on a shared
 * machine one pair of runs can be off by a fifth either way. `--base M` measures a second size M in
 * the same rounds and prints the peak RSS at N over that at M, each round's ratio from runs minutes
 * apart: the same code's peak differs by several MB from one run to the next on a shared machine, so
 * a ratio of two sizes measured at different times says little.
 * Both processes run with the worker's heap settings (scripts/sync/runtime.ts, what `npm run sync`
 * passes); `--node-defaults` runs both with Node's defaults instead.
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { startSandboxOrg, type SandboxOrg } from '../sandbox-org/index';
import { startSandboxPaymentSystem, type SandboxPaymentSystem } from '../payment-system/sandbox';
import { loadWorkerConfig } from './config';
import { nodeArgsFor } from '../shared/paths';
import { WORKER_NODE_FLAGS } from './runtime';
import { median } from '../shared/stats';

interface ChildResult {
  mode: string;
  wallMs: number;
  /** user + system CPU time of the process (steal and waiting on the sandboxes excluded) */
  cpuMs: number;
  cycles: number;
  maxRssKb: number;
  callsByKind: Record<string, number>;
  toPaymentSystem: number;
  fromPaymentSystem: number;
  bulkJobs: number;
}

async function sandboxes(n: number): Promise<{ org: SandboxOrg; ps: SandboxPaymentSystem }> {
  const org = await startSandboxOrg({ port: 0, dailyApiLimit: 10_000_000 });
  const ps = await startSandboxPaymentSystem({
    port: 0,
    fsync: false,
    clock: 'real',
    tickMs: 100,
    settlement: { delayMs: 0, jitter: 0, reversalRate: 0, mix: { success: 1, failed: 0, voided: 0 } }
  });
  const [caseId] = await org.insertAsSystem('Case', [{ Subject: 'Bench caseload', Program__c: 'RAFT' }], {
    as: 'staff'
  });
  for (let i = 0; i < n; i += 5000) {
    const chunk = Array.from({ length: Math.min(5000, n - i) }, (_, j) => ({
      Case__c: caseId,
      Amount__c: 100 + ((i + j) % 900),
      Payee__c: `Landlord ${(i + j) % 97}`,
      Reason_Code__c: 'RNT',
      Vendor_Id__c: `VEN-${(i + j) % 50}`,
      Status__c: 'Submitted for Payment'
    }));
    await org.insertAsSystem('Assistance_Payment__c', chunk, { as: 'staff' });
  }
  return { org, ps };
}

function runChild(
  mode: 'worker' | 'bare',
  org: SandboxOrg,
  ps: SandboxPaymentSystem,
  n: number,
  nodeFlags: readonly string[]
): Promise<ChildResult> {
  const u = org.users.integration;
  return new Promise((resolve, reject) => {
    const args = [...nodeFlags, ...nodeArgsFor(path.join(__dirname, 'bench-child')), mode];
    const child = spawn(process.execPath, args, {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        SF_LOGIN_URL: org.loginUrl,
        SF_USERNAME: u.username,
        SF_PASSWORD: u.password,
        PAYMENT_SYSTEM_URL: ps.url,
        PAYMENT_SYSTEM_TOKEN: ps.token,
        BENCH_N: String(n)
      },
      stdio: ['ignore', 'pipe', 'inherit']
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.on('exit', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0) return reject(new Error(`${mode} run exited with ${code}`));
      try {
        resolve(JSON.parse(line) as ChildResult);
      } catch {
        reject(new Error(`${mode} run printed no result`));
      }
    });
  });
}

async function main(): Promise<number> {
  let n = 10_000;
  let rounds = 1;
  let base: number | null = null;
  let nodeFlags: readonly string[] = WORKER_NODE_FLAGS;
  try {
    const { values } = parseArgs({
      args: process.argv.slice(2),
      options: {
        n: { type: 'string' },
        rounds: { type: 'string' },
        base: { type: 'string' },
        'node-defaults': { type: 'boolean' }
      },
      strict: true
    });
    if (values['node-defaults']) nodeFlags = [];
    if (values.n !== undefined) {
      if (!/^\d+$/.test(values.n) || Number(values.n) < 1)
        throw new Error('--n must be a whole number of at least 1');
      n = Number(values.n);
    }
    if (values.base !== undefined) {
      if (!/^\d+$/.test(values.base) || Number(values.base) < 1)
        throw new Error('--base must be a whole number of at least 1');
      base = Number(values.base);
    }
    if (values.rounds !== undefined) {
      if (!/^\d+$/.test(values.rounds) || Number(values.rounds) < 1 || Number(values.rounds) > 20)
        throw new Error('--rounds must be a whole number from 1 to 20');
      rounds = Number(values.rounds);
    }
  } catch (err) {
    process.stderr.write(
      `${(err as Error).message}\nUsage: npm run bench:sync -- [--n 10000] [--rounds 1] [--base N] [--node-defaults]\n`
    );
    return 2;
  }
  const line = (name: string, value: string | number): void => {
    process.stdout.write(`${name}: ${value}\n`);
  };

  const threshold = loadWorkerConfig().bulk.threshold;
  const boundTo = Math.ceil(n / 2000) + Math.ceil(n / 200);
  const boundFrom = Math.ceil(n / 200);
  const lowerBound = boundTo + boundFrom;
  const naive = 4 * n;

  const run = async (mode: 'worker' | 'bare', size = n): Promise<{ result: ChildResult; calls: number }> => {
    const sb = await sandboxes(size);
    try {
      const before = sb.org.apiUsage().used;
      const result = await runChild(mode, sb.org, sb.ps, size, nodeFlags);
      return { result, calls: sb.org.apiUsage().used - before };
    } finally {
      await sb.ps.stop();
      await sb.org.stop();
    }
  };
  const workers: ChildResult[] = [];
  const bares: ChildResult[] = [];
  let workerCalls = 0;
  let bareCalls = 0;
  const baseWorkers: ChildResult[] = [];
  const baseBares: ChildResult[] = [];
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? (['worker', 'bare'] as const) : (['bare', 'worker'] as const);
    // with --base, the same round measures the smaller size too (first in every other round), so
    // the ratio of the two sizes compares runs minutes apart, not a machine that changed since
    const main = { size: n, isBase: false };
    const sizes = base === null ? [main] : [main, { size: base, isBase: true }];
    if (round % 2 === 1) sizes.reverse();
    for (const { size, isBase } of sizes) {
      for (const mode of order) {
        const { result, calls } = await run(mode, size);
        if (isBase) {
          (mode === 'worker' ? baseWorkers : baseBares).push(result);
        } else if (mode === 'worker') {
          workers.push(result);
          workerCalls = calls;
        } else {
          bares.push(result);
          bareCalls = calls;
        }
      }
    }
  }
  const worker = workers[workers.length - 1];
  const wallRatios = workers.map((w, i) => w.wallMs / bares[i].wallMs);
  const workerWall = median(workers.map((w) => w.wallMs));
  const bareWall = median(bares.map((b) => b.wallMs));
  const workerRss = median(workers.map((w) => w.maxRssKb));
  const bareRss = median(bares.map((b) => b.maxRssKb));

  const pct = (a: number, b: number): string => `${(((a - b) / b) * 100).toFixed(1)}%`;
  line('payments', n);
  line('node flags (worker and bare script)', nodeFlags.length > 0 ? nodeFlags.join(' ') : "Node's defaults");
  line('bulk threshold', threshold);
  line('worker uses Bulk API 2.0', worker.bulkJobs > 0 ? 'yes' : 'no');
  line('worker API calls', workerCalls);
  line('worker API calls per payment', (workerCalls / n).toFixed(4));
  line('worker API calls to payment system (scan, write-backs)', worker.toPaymentSystem);
  line('worker API calls from payment system (reads, status writes)', worker.fromPaymentSystem);
  line('REST lower bound API calls to payment system', boundTo);
  line('REST lower bound API calls from payment system', boundFrom);
  line('REST lower bound API calls', lowerBound);
  line(
    'REST lower bound calls per worker call to payment system',
    (boundTo / worker.toPaymentSystem).toFixed(1)
  );
  line(
    'REST lower bound calls per worker call from payment system',
    (boundFrom / worker.fromPaymentSystem).toFixed(1)
  );
  line('worker calls over REST lower bound', pct(workerCalls, lowerBound));
  line('worker Bulk API 2.0 ingest jobs', worker.bulkJobs);
  line('worker API calls by kind', JSON.stringify(worker.callsByKind));
  line('naive one-call-per-record API calls', naive);
  line('naive calls per worker call', (naive / workerCalls).toFixed(1));
  line('bare jsforce API calls', bareCalls);
  line('worker cycles', worker.cycles);
  line('rounds', rounds);
  line('worker wall time ms', workerWall.toFixed(0));
  line('bare jsforce wall time ms', bareWall.toFixed(0));
  line('worker wall time / bare', (workerWall / bareWall).toFixed(2));
  if (rounds > 1) {
    line('worker wall time / bare per round', wallRatios.map((r) => r.toFixed(2)).join(' '));
    line('worker wall time / bare, median of rounds', median(wallRatios).toFixed(2));
  }
  const workerCpu = median(workers.map((w) => w.cpuMs));
  const bareCpu = median(bares.map((b) => b.cpuMs));
  line('worker CPU time ms', workerCpu.toFixed(0));
  line('bare jsforce CPU time ms', bareCpu.toFixed(0));
  line('worker CPU time / bare', (workerCpu / bareCpu).toFixed(2));
  const mb = (kb: number): string => (kb / 1024).toFixed(1);
  line('worker peak RSS MB', mb(workerRss));
  line('bare jsforce peak RSS MB', mb(bareRss));
  line('worker peak RSS / bare', (workerRss / bareRss).toFixed(2));
  if (base !== null) {
    const rssAt = (runs: ChildResult[]): number => median(runs.map((r) => r.maxRssKb));
    const perRound = workers.map((w, i) => w.maxRssKb / baseWorkers[i].maxRssKb);
    line('base payments (measured in the same rounds)', base);
    line('worker peak RSS MB at base', mb(rssAt(baseWorkers)));
    line('bare jsforce peak RSS MB at base', mb(rssAt(baseBares)));
    line('worker peak RSS at payments / at base', (rssAt(workers) / rssAt(baseWorkers)).toFixed(2));
    line('bare jsforce peak RSS at payments / at base', (rssAt(bares) / rssAt(baseBares)).toFixed(2));
    if (rounds > 1) {
      line('worker peak RSS at payments / at base per round', perRound.map((r) => r.toFixed(2)).join(' '));
      line('worker peak RSS at payments / at base, median of rounds', median(perRound).toFixed(2));
      line('worker peak RSS MB at base per round', baseWorkers.map((w) => mb(w.maxRssKb)).join(' '));
    }
  }
  if (rounds > 1) {
    line('worker peak RSS MB per round', workers.map((w) => mb(w.maxRssKb)).join(' '));
    line('bare jsforce peak RSS MB per round', bares.map((b) => mb(b.maxRssKb)).join(' '));
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  }
);
