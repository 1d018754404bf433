/**
 * `npm run bench:sync [-- --n 10000] [--node-defaults]` — what the sync worker costs against the sandboxes.
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
 * - the peak RSS of each process and its ratio to the bare script's (memory must not grow with N).
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

interface ChildResult {
  mode: string;
  wallMs: number;
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
  let nodeFlags: readonly string[] = WORKER_NODE_FLAGS;
  try {
    const { values } = parseArgs({
      args: process.argv.slice(2),
      options: { n: { type: 'string' }, 'node-defaults': { type: 'boolean' } },
      strict: true
    });
    if (values['node-defaults']) nodeFlags = [];
    if (values.n !== undefined) {
      if (!/^\d+$/.test(values.n) || Number(values.n) < 1)
        throw new Error('--n must be a whole number of at least 1');
      n = Number(values.n);
    }
  } catch (err) {
    process.stderr.write(
      `${(err as Error).message}\nUsage: npm run bench:sync -- [--n 10000] [--node-defaults]\n`
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

  const a = await sandboxes(n);
  let worker: ChildResult;
  let workerCalls: number;
  try {
    const before = a.org.apiUsage().used;
    worker = await runChild('worker', a.org, a.ps, n, nodeFlags);
    workerCalls = a.org.apiUsage().used - before;
  } finally {
    await a.ps.stop();
    await a.org.stop();
  }
  const b = await sandboxes(n);
  let bare: ChildResult;
  let bareCalls: number;
  try {
    const before = b.org.apiUsage().used;
    bare = await runChild('bare', b.org, b.ps, n, nodeFlags);
    bareCalls = b.org.apiUsage().used - before;
  } finally {
    await b.ps.stop();
    await b.org.stop();
  }

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
  line('worker wall time ms', worker.wallMs.toFixed(0));
  line('bare jsforce wall time ms', bare.wallMs.toFixed(0));
  line('worker wall time / bare', (worker.wallMs / bare.wallMs).toFixed(2));
  line('worker peak RSS MB', (worker.maxRssKb / 1024).toFixed(1));
  line('bare jsforce peak RSS MB', (bare.maxRssKb / 1024).toFixed(1));
  line('worker peak RSS / bare', (worker.maxRssKb / bare.maxRssKb).toFixed(2));
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
