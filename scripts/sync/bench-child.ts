/**
 * One side of `npm run bench:sync`, run in its own process so its memory and time are its own:
 * `worker` runs the sync worker until it is quiet; `bare` is a bare jsforce script making only the
 * minimal batched calls for the same job, with the worker's choice of API: at or below the bulk
 * threshold it pages the pending payments (2,000 rows a call), sends them, writes back the ids in
 * collections of 200, then writes the settled statuses in collections of 200; above it, one Bulk API
 * 2.0 query job reads the pending payments and one ingest job per direction writes. It holds no more
 * than a page of payments either way (counts, not lists). Prints one JSON line.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Connection } from 'jsforce';
import pino from 'pino';
import { PaymentSystemClient } from '../payment-system/client';
import { loadWorkerConfig } from './config';
import { buildSubmission, type PaymentRecord } from './decisions';
import { buildWorker } from './setup';

interface Env {
  loginUrl: string;
  username: string;
  password: string;
  psUrl: string;
  psToken: string;
  n: number;
}

function env(): Env {
  const e = process.env;
  if (
    !e.SF_LOGIN_URL ||
    !e.SF_USERNAME ||
    !e.SF_PASSWORD ||
    !e.PAYMENT_SYSTEM_URL ||
    !e.PAYMENT_SYSTEM_TOKEN ||
    !e.BENCH_N
  ) {
    throw new Error(
      'bench child needs SF_LOGIN_URL, SF_USERNAME, SF_PASSWORD, PAYMENT_SYSTEM_URL, PAYMENT_SYSTEM_TOKEN, BENCH_N'
    );
  }
  return {
    loginUrl: e.SF_LOGIN_URL,
    username: e.SF_USERNAME,
    password: e.SF_PASSWORD,
    psUrl: e.PAYMENT_SYSTEM_URL,
    psToken: e.PAYMENT_SYSTEM_TOKEN,
    n: Number(e.BENCH_N)
  };
}

async function pool<T>(items: T[], size: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(size, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]);
    })
  );
}

interface Tally {
  cycles: number;
  callsByKind: Record<string, number>;
  toPaymentSystem: number;
  fromPaymentSystem: number;
  bulkJobs: number;
}

async function runWorker(e: Env): Promise<Tally> {
  const config = { ...loadWorkerConfig(), clockSkewMs: 0 };
  const { worker } = await buildWorker({
    config,
    logger: pino({ level: 'silent' }),
    credentials: { kind: 'password', loginUrl: e.loginUrl, username: e.username, password: e.password },
    paymentSystem: { url: e.psUrl, token: e.psToken }
  });
  let submitted = 0;
  let mirrored = 0;
  const tally: Tally = { cycles: 0, callsByKind: {}, toPaymentSystem: 0, fromPaymentSystem: 0, bulkJobs: 0 };
  while (tally.cycles < 50) {
    const report = await worker.runCycle();
    tally.cycles++;
    submitted += report.submitted;
    mirrored += report.mirrored;
    for (const [kind, n] of Object.entries(report.apiCallsByKind))
      tally.callsByKind[kind] = (tally.callsByKind[kind] ?? 0) + n;
    tally.toPaymentSystem += report.apiCallsByDirection?.toPaymentSystem ?? 0;
    tally.fromPaymentSystem += report.apiCallsByDirection?.fromPaymentSystem ?? 0;
    tally.bulkJobs += report.bulkJobs ?? 0;
    if (submitted >= e.n && mirrored >= e.n) break;
    if (report.idle) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return tally;
}

interface BareJob {
  id: string;
  open(): Promise<{ id: string }>;
  uploadData(input: NodeJS.ReadableStream): Promise<void>;
  close(): Promise<void>;
  check(): Promise<{ state: string; numberRecordsProcessed?: number }>;
  locator?: string;
  createQueryRequest(r: Record<string, unknown>): Promise<Record<string, string>[]>;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(job: BareJob): Promise<void> {
  for (let interval = 250; ; interval = Math.min(5000, Math.round(interval * 1.5))) {
    const { state } = await job.check();
    if (state === 'JobComplete') return;
    if (state === 'Failed' || state === 'Aborted') throw new Error(`bulk job ${state}`);
    await sleep(interval);
  }
}

/** One ingest job (update) from a CSV file. */
async function ingest(conn: Connection, file: string): Promise<void> {
  const job = conn.bulk2.createJob({
    object: 'Assistance_Payment__c',
    operation: 'update',
    lineEnding: 'LF'
  }) as unknown as BareJob;
  await job.open();
  await job.uploadData(fs.createReadStream(file));
  await job.close();
  await waitFor(job);
}

async function runBare(e: Env): Promise<Tally> {
  const conn = new Connection({ loginUrl: e.loginUrl, version: '64.0' });
  await conn.login(e.username, e.password);
  const ps = new PaymentSystemClient({ baseUrl: e.psUrl, token: e.psToken });
  const base = `/services/data/v64.0`;
  const config = loadWorkerConfig();
  const bulk = e.n > config.bulk.threshold;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-bare-'));
  const update = async (records: Record<string, unknown>[]): Promise<void> => {
    for (let i = 0; i < records.length; i += 200) {
      await conn.request({
        method: 'PATCH',
        url: `${base}/composite/sobjects`,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          allOrNone: false,
          records: records
            .slice(i, i + 200)
            .map((r) => ({ attributes: { type: 'Assistance_Payment__c' }, ...r }))
        })
      });
    }
  };
  const quote = (v: string): string => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  // submissions
  const soql =
    "SELECT Id, Case__c, Amount__c, Payee__c, Vendor_Id__c, Reason_Code__c, Status__c FROM Assistance_Payment__c WHERE Status__c = 'Submitted for Payment' AND External_Payment_Id__c = null";
  const send = async (records: PaymentRecord[]): Promise<Record<string, unknown>[]> => {
    const writes: Record<string, unknown>[] = [];
    await pool(records, 8, async (r) => {
      const plan = buildSubmission(r);
      if (plan.kind !== 'submit') return;
      const remote = (await ps.submitPayment(plan.idempotencyKey, plan.submission)).payment;
      writes.push({ Id: r.Id, External_Payment_Id__c: remote.id });
    });
    return writes;
  };
  if (bulk) {
    const created: { id: string } = await conn.request({
      method: 'POST',
      url: `${base}/jobs/query`,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ operation: 'query', query: soql, lineEnding: 'LF' })
    });
    const job = conn.bulk2.job('query', { id: created.id }) as unknown as BareJob;
    await waitFor(job);
    const file = path.join(dir, 'writebacks.csv');
    const out = fs.openSync(file, 'w');
    fs.writeSync(out, 'Id,External_Payment_Id__c\n');
    let locator: string | undefined;
    do {
      const rows = await job.createQueryRequest({
        method: 'GET',
        path: `/${created.id}/results?maxRecords=${config.bulk.queryPageSize}${locator ? `&locator=${locator}` : ''}`,
        headers: { Accept: 'text/csv' },
        responseType: 'text/csv'
      });
      locator = job.locator;
      const records = rows.map((r) => ({ ...r, Amount__c: Number(r.Amount__c) }) as unknown as PaymentRecord);
      const writes = await send(records);
      fs.writeSync(
        out,
        writes.map((w) => `${w.Id as string},${quote(w.External_Payment_Id__c as string)}\n`).join('')
      );
    } while (locator && locator !== 'null');
    fs.closeSync(out);
    await ingest(conn, file);
  } else {
    let url: string | undefined = `${base}/query?q=${encodeURIComponent(soql)}`;
    while (url) {
      const page: { done: boolean; nextRecordsUrl?: string; records: PaymentRecord[] } = await conn.request({
        method: 'GET',
        url,
        headers: { 'Sforce-Query-Options': 'batchSize=2000' }
      });
      await update(await send(page.records));
      url = page.done ? undefined : page.nextRecordsUrl;
    }
  }
  // statuses: every payment settles once (no reversals in the bench), so a count says when all did
  let settled = 0;
  let cursor: string | null = null;
  const file = path.join(dir, 'statuses.csv');
  const out = bulk ? fs.openSync(file, 'w') : -1;
  if (bulk) fs.writeSync(out, 'Id,Status__c\n');
  for (let rounds = 0; settled < e.n && rounds < 10_000; rounds++) {
    const page = await ps.listChanges(cursor, 1000);
    cursor = page.nextCursor;
    const writes = page.payments
      .filter((p) => p.status !== 'Submitted for Payment')
      .map((p) => ({ Id: p.idempotencyKey, Status__c: p.status }));
    settled += writes.length;
    if (bulk) fs.writeSync(out, writes.map((w) => `${w.Id},${quote(w.Status__c)}\n`).join(''));
    else await update(writes);
    if (!page.hasMore && settled < e.n) await sleep(50);
  }
  if (bulk) {
    fs.closeSync(out);
    await ingest(conn, file);
  }
  fs.rmSync(dir, { recursive: true, force: true });
  return { cycles: 1, callsByKind: {}, toPaymentSystem: 0, fromPaymentSystem: 0, bulkJobs: bulk ? 2 : 0 };
}

async function main(): Promise<void> {
  const mode = process.argv[2];
  if (mode !== 'worker' && mode !== 'bare') throw new Error('usage: bench-child.ts worker|bare');
  const e = env();
  const t0 = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  const tally = mode === 'worker' ? await runWorker(e) : await runBare(e);
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  process.stdout.write(
    `${JSON.stringify({ mode, wallMs, cpuMs, ...tally, maxRssKb: process.resourceUsage().maxRSS })}\n`
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
